"""Small things a new user hit: shortcuts with nothing to do, filter choices, endless texts."""

from __future__ import annotations

from safecampus.core.forms import UserForm
from safecampus.core.inputs import LONG_TEXT


def test_letters_to_sign_shows_only_when_a_letter_waits(world):
    signed = world.web("canteen_a", "zh-hans").get("/").content.decode()   # her letter is signed in the demo
    waiting = world.web("guard_a", "zh-hans").get("/").content.decode()    # his is not
    assert "待签责任书" not in signed
    assert "待签责任书" in waiting


def test_filter_choices_start_at_all(world):
    page = world.web("officer_a", "zh-hans").get("/hazards/").content.decode()
    assert "---------" not in page and ">全部</option>" in page


def test_a_free_text_has_a_limit(world):
    from django import forms

    class Note(UserForm):
        text = forms.CharField(widget=forms.Textarea)

    form = Note(data={"text": "x" * (LONG_TEXT + 1)})
    assert not form.is_valid() and "text" in form.errors
    assert Note(data={"text": "x" * LONG_TEXT}).is_valid()


def test_a_hazard_with_an_endless_description_is_refused_on_the_page(world):
    from safecampus.hazards.models import Hazard

    before = Hazard.objects.count()
    response = world.web("officer_a").post("/hazards/report/", {
        "org_unit": world.school_a.pk, "title": "Long", "category": "other", "level": "general",
        "description": "长" * 100_000})
    assert response.status_code in (200, 400) and "description" in response.context["form"].errors
    assert Hazard.objects.count() == before
