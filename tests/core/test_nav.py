"""The navigation shows a section only when an app registered a page the reader may open, so an
app that is installed but has no pages yet (or none for this reader) is not in the menu."""

from safecampus.core import nav


def test_an_app_without_pages_is_not_in_the_menu(world, monkeypatch):
    monkeypatch.setattr(nav, "SECTIONS", [*nav.SECTIONS, ("empty_app", "Empty app")])
    monkeypatch.setattr(nav, "ITEMS", list(nav.ITEMS))
    officer = world.user("officer_a")
    assert "empty_app" not in {g["key"] for g in nav.menu_for(officer)}

    nav.register("empty_app", "Somebody else's page", "hazards:list", "canteen.nobody_has_this")
    assert "empty_app" not in {g["key"] for g in nav.menu_for(officer)}

    nav.register("empty_app", "Ledger", "hazards:list", "hazards.view")
    group = next(g for g in nav.menu_for(officer) if g["key"] == "empty_app")
    assert [i["label"] for i in group["items"]] == ["Ledger"]

