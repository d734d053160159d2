"""Campaigns reach the schools below the unit that runs them; stories are published under them."""

from __future__ import annotations

import pytest

from safecampus.core.errors import Forbidden, InvalidInput
from safecampus.education import services
from safecampus.education.models import Campaign, Story

pytestmark = pytest.mark.django_db


def test_school_sees_its_central_schools_campaign_and_publishes_under_it(world):
    campaign = Campaign.objects.get(org_unit=world.central)
    web = world.web("officer_a")
    assert campaign.title in web.get("/education/campaigns/").content.decode()
    response = web.post(f"/education/campaigns/{campaign.pk}/stories/new/", {
        "org_unit": world.school_a.pk, "kind": "model_case", "title": "Crossing patrol", "body": "Parents help."})
    assert response.status_code == 302
    assert Story.objects.filter(campaign=campaign, title="Crossing patrol", org_unit=world.school_a).exists()


def test_school_b_does_not_see_school_a_story(world):
    campaign = Campaign.objects.get(org_unit=world.central)
    html = world.web("officer_b").get(f"/education/campaigns/{campaign.pk}/").content.decode()
    assert "A小学开展消防疏散演练" not in html and "防溺水“六不”宣传进家庭" in html


def test_school_campaign_is_hidden_from_another_school(world):
    mine = services.create_campaign(actor=world.user("officer_a"), org_unit=world.school_a, kind="fire_day",
                                    title="Fire day", starts_on="2026-11-09", ends_on="2026-11-09")
    assert world.web("officer_b").get(f"/education/campaigns/{mine.pk}/").status_code == 404


def test_bad_campaign_dates_and_rights(world):
    with pytest.raises(InvalidInput):
        services.create_campaign(actor=world.user("central"), org_unit=world.central, kind="safety_month",
                                 title="x", starts_on="2026-11-30", ends_on="2026-11-01")
    with pytest.raises(Forbidden):
        services.create_campaign(actor=world.user("teacher_a"), org_unit=world.school_a, kind="other",
                                 title="x", starts_on="2026-11-01", ends_on="2026-11-02")
    response = world.web("central").post("/education/campaigns/new/", {
        "org_unit": world.central.pk, "kind": "other", "title": "x", "starts_on": "2026-11-30",
        "ends_on": "2026-11-01"})
    assert response.status_code == 400 and response.context["form"].errors.get("ends_on")
