"""Safety culture: campaigns and the stories published under them."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction
from django.utils.translation import gettext as _

from safecampus.core import audit, inputs
from safecampus.core.errors import InvalidInput
from safecampus.core.files import store
from safecampus.core.permissions import require
from safecampus.core.scoping import ensure_in_scope
from safecampus.org.choices import UnitKind

from ..choices import CampaignKind, StoryKind
from ..models import Campaign, Story

CAMPAIGN_UNITS = (UnitKind.SCHOOL, UnitKind.CENTRAL_SCHOOL, UnitKind.AUTHORITY)


@transaction.atomic
def create_campaign(*, actor, org_unit, title: str, kind: str, starts_on, ends_on,
                    description: str = "") -> Campaign:
    if org_unit is None or org_unit.kind not in CAMPAIGN_UNITS:
        raise InvalidInput.field("org_unit", _("A campaign is run by a school, a central school or the authority."))
    require(actor, "education.publish", org_unit)
    starts_on = inputs.date(starts_on, "starts_on")
    ends_on = inputs.date(ends_on, "ends_on")
    if ends_on < starts_on:
        raise InvalidInput.field("ends_on", _("The end comes after the start."))
    campaign = Campaign.objects.create(
        org_unit=org_unit, title=inputs.text(title, "title", max_length=inputs.SHORT_TEXT),
        kind=inputs.choice(kind, "kind", CampaignKind), starts_on=starts_on, ends_on=ends_on,
        description=inputs.text(description, "description", required=False), created_by=actor)
    audit.record("education.campaign_created", actor=actor, obj=campaign,
                 changes={"title": campaign.title, "kind": campaign.kind, "starts_on": starts_on,
                          "ends_on": ends_on})
    ensure_in_scope(actor, "education.publish", campaign)
    return campaign


@transaction.atomic
def publish_story(campaign: Campaign, *, actor, org_unit, kind: str, title: str, body: str, published_on=None,
                  photos: Iterable = ()) -> Story:
    """News or a model case under a campaign, by a unit at or below the campaign's."""
    if org_unit is None or not org_unit.path.startswith(campaign.org_unit.path):
        raise InvalidInput.field("org_unit", _("Choose a unit the campaign reaches."))
    require(actor, "education.publish", org_unit)
    from .common import local_today

    published_on = inputs.date(published_on, "published_on", required=False) or local_today(org_unit)
    story = Story.objects.create(
        campaign=campaign, org_unit=org_unit, kind=inputs.choice(kind, "kind", StoryKind),
        title=inputs.text(title, "title", max_length=inputs.SHORT_TEXT),
        body=inputs.text(body, "body"), published_on=published_on, published_by=actor)
    for photo in photos or ():
        store(photo, target=story, actor=actor, purpose="photo", field="photos")
    audit.record("education.story_published", actor=actor, obj=story,
                 changes={"campaign": campaign.pk, "kind": story.kind, "title": story.title})
    ensure_in_scope(actor, "education.publish", story)
    return story
