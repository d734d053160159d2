"""Safety meetings and the actions they assign (ORG-5)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from safecampus.core import audit, inputs
from safecampus.core.concurrency import bump, lock
from safecampus.core.errors import Conflict, Forbidden, InvalidInput
from safecampus.core.files import store
from safecampus.core.inputs import text
from safecampus.core.notify import notify
from safecampus.core.permissions import has_capability, require
from safecampus.core.scoping import ensure_in_scope
from safecampus.org.models import OrgUnit

from ..choices import ActionStatus, MeetingKind
from ..models import (
    Meeting,
    MeetingAction,
)
from ..selectors import works_in


@transaction.atomic
def record_meeting(*, actor, org_unit: OrgUnit, kind: str, held_at: datetime, title: Any, minutes: str = "",
                   agenda: str = "", location: str = "", higher_documents: str = "", absent_note: str = "",
                   attendees: list | None = None, actions: list[dict] | None = None,
                   files: list | None = None) -> Meeting:
    require(actor, "responsibility.meet", org_unit)
    if kind not in MeetingKind.values:
        raise InvalidInput.field("kind", _("Unknown kind."))
    if not isinstance(held_at, datetime):
        raise InvalidInput.field("held_at", _("A date and time."))
    if timezone.is_naive(held_at):
        held_at = timezone.make_aware(held_at)
    title = text(title, "title", max_length=200)
    parsed = []
    for i, item in enumerate(actions or []):
        name = f"actions.{i}"  # the same path DRF gives nested field errors
        owner = item.get("owner")
        if owner is None or not works_in(owner, org_unit.path):
            raise InvalidInput.field(f"{name}.owner", _("The owner must work at this unit or below it."))
        due = inputs.date(item.get("due"), f"{name}.due")
        if due < held_at.date():
            raise InvalidInput.field(f"{name}.due", _("Due before the meeting was held."))
        parsed.append((text(item.get("title"), f"{name}.title", max_length=255), owner, due))
    meeting = Meeting.objects.create(
        org_unit=org_unit, kind=kind, title=title, held_at=held_at, minutes=minutes or "", agenda=agenda or "",
        location=text(location, "location", required=False, max_length=200),
        higher_documents=higher_documents or "", absent_note=(absent_note or "")[:255],
        recorded_by=actor if getattr(actor, "pk", None) else None)
    if attendees:
        meeting.attendees.set(attendees)
    for upload in files or []:  # scans of the higher-level documents, photos of the meeting
        store(upload, target=meeting, actor=actor if getattr(actor, "pk", None) else None, purpose="document",
              field="documents")
    for action_title, owner, due in parsed:
        action = MeetingAction.objects.create(org_unit=org_unit, meeting=meeting, title=action_title, owner=owner,
                                              due=due)
        notify([owner], kind="responsibility.action",
               title=lambda t=action_title: _("New action from a safety meeting: %(t)s") % {"t": t}, body=title,
               url=meeting.get_absolute_url(),
               dedupe_key=f"resp-action-{action.pk}")
    ensure_in_scope(actor, "responsibility.meet", meeting)
    audit.record("responsibility.meeting_recorded", actor=actor, obj=meeting,
                 changes={"kind": kind, "title": title, "held_at": held_at, "attendees": len(attendees or []),
                          "actions": [[t, o.pk, d] for t, o, d in parsed]})
    return meeting


@transaction.atomic
def complete_action(action: MeetingAction, *, actor, note: str = "", expected_version: int | None = None
                    ) -> MeetingAction:
    action = lock(MeetingAction, action.pk, expected_version)
    if actor is not None and actor.pk != action.owner_id and not has_capability(
            actor, "responsibility.meet", action.org_unit.path):
        raise Forbidden(_("Only the owner or the meeting's organisers can close this action."))
    if action.status != ActionStatus.OPEN:
        raise Conflict(_("This action is already done."))
    action.status, action.done_at, action.done_note = ActionStatus.DONE, timezone.now(), (note or "")[:2000]
    bump(action, "status", "done_at", "done_note")
    audit.record("responsibility.action_done", actor=actor, obj=action, changes={"status": ["open", "done"]})
    return action
