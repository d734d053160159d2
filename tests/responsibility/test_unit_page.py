import pytest

pytestmark = pytest.mark.django_db


def test_the_school_page_shows_its_safety_teams(world):
    page = world.web("officer_a").get(f"/org/units/{world.school_a.pk}/").content.decode()
    assert "Safety leading group and working team" in page
    from safecampus.responsibility.selectors import teams_of

    for team in teams_of(world.school_a):
        assert team.get_absolute_url() in page


def test_the_team_panel_follows_the_readers_capability(world):
    from safecampus.core.permissions import has_capability

    guard = world.user("guard_a")
    page = world.web("guard_a").get(f"/org/units/{world.school_a.pk}/")
    assert page.status_code == 200
    shown = "Safety leading group and working team" in page.content.decode()
    assert shown == has_capability(guard, "responsibility.view", world.school_a.path)
