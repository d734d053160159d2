"""INC-5: circulars of criticism or commendation, their acknowledgement, rewards and punishments."""

from __future__ import annotations

from datetime import date

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from safecampus.core import audit, replay
from safecampus.core.concurrency import check_version
from safecampus.core.errors import Conflict, InvalidInput
from safecampus.core.inputs import choice, text
from safecampus.core.permissions import require
from safecampus.core.scoping import ensure_in_scope
from safecampus.org.models import OrgUnit, Staff

from ..choices import NoticeKind, RecordKind
from ..models import AccountabilityRecord, Incident, Notice, NoticeTarget
from .common import send, users_with_roles

HEADS = ("principal",)


def publish_notice(*, actor, org_unit: OrgUnit, kind: str, title: str, body: str, targets: list[OrgUnit],
                   incident: Incident | None = None, request_id: str | None = None) -> Notice:
    """Publish a circular to chosen schools; see :func:`publish_notice_once`."""
    return publish_notice_once(actor=actor, org_unit=org_unit, kind=kind, title=title, body=body, targets=targets,
                               incident=incident, request_id=request_id)[0]


@transaction.atomic
def publish_notice_once(*, actor, org_unit: OrgUnit, kind: str, title: str, body: str, targets: list[OrgUnit],
                        incident: Incident | None = None, request_id: str | None = None) -> tuple[Notice, bool]:
    """Returns ``(notice, created)``: the same ``request_id`` from the same person finds the first notice."""
    require(actor, "incidents.publish_notice", org_unit)
    request_id = text(request_id, "request_id", required=False, max_length=64)
    same = {"org_unit": org_unit, "kind": kind, "title": title, "body": body, "incident": incident}
    existing = replay.earlier(Notice, request_id, published_by=actor, same=same) if actor is not None else None
    if existing is not None:
        return existing, False
    kind = choice(kind, "kind", NoticeKind)
    targets = list({t.pk: t for t in targets or []}.values())
    if not targets:
        raise InvalidInput.field("targets", _("Choose at least one unit."))
    if any(not t.path.startswith(org_unit.path) or t.kind != "school" for t in targets):
        raise InvalidInput.field("targets", _("Notices go to schools under the publishing unit."))
    if incident is not None and not incident.org_unit.path.startswith(org_unit.path):
        raise InvalidInput.field("incident", _("Unknown incident."))
    notice = Notice(org_unit=org_unit, kind=kind, title=text(title, "title", max_length=200),
                    body=text(body, "body", max_length=None), incident=incident, published_at=timezone.now(),
                    published_by=actor, request_id=request_id if actor is not None else "")
    try:
        with transaction.atomic():
            notice.save()
    except IntegrityError:
        # Two identical submissions raced; the first one won and is the answer to both.
        found = replay.earlier(Notice, request_id, published_by=actor, same=same)
        if found is None:
            raise
        return found, False
    NoticeTarget.objects.bulk_create([NoticeTarget(notice=notice, org_unit=t) for t in targets])
    ensure_in_scope(actor, "incidents.publish_notice", notice)
    audit.record("incidents.notice_published", actor=actor, obj=notice,
                 changes={"kind": kind, "title": notice.title, "targets": [t.pk for t in targets],
                          "incident": incident.pk if incident else None})
    for target in targets:
        send(users_with_roles(target, HEADS, below=True), kind="incident.notice",
                      title=lambda: _("Notice to acknowledge: %(title)s") % {"title": notice.title},
                      url=notice.get_absolute_url(), dedupe_key=f"incidents.notice:{notice.pk}:{target.pk}")
    return notice, True


@transaction.atomic
def acknowledge_notice(target: NoticeTarget, *, actor, expected_version: int | None = None) -> NoticeTarget:
    """The head of a receiving unit confirms the notice was read and passed on."""
    require(actor, "incidents.acknowledge", target.org_unit)
    target = check_version(NoticeTarget.objects.select_for_update().select_related("notice").get(pk=target.pk),
                           expected_version)
    if target.acknowledged_at is not None:
        raise Conflict(_("Already acknowledged."))
    now = timezone.now()
    NoticeTarget.objects.filter(pk=target.pk).update(acknowledged_at=now, acknowledged_by=actor,
                                                     version=target.version + 1, updated_at=now)
    ensure_in_scope(actor, "incidents.acknowledge", target)
    audit.record("incidents.notice_acknowledged", actor=actor, obj=target.notice, org_unit=target.org_unit,
                 changes={"unit": target.org_unit_id})
    target.refresh_from_db()
    return target


def record_accountability(*, actor, org_unit: OrgUnit, kind: str, person: str, measure: str, reason: str,
                          decided_on: date, incident: Incident | None = None, notice: Notice | None = None,
                          staff: Staff | None = None, request_id: str | None = None) -> AccountabilityRecord:
    """Record a reward or punishment; see :func:`record_accountability_once`."""
    return record_accountability_once(actor=actor, org_unit=org_unit, kind=kind, person=person, measure=measure,
                                      reason=reason, decided_on=decided_on, incident=incident, notice=notice,
                                      staff=staff, request_id=request_id)[0]


@transaction.atomic
def record_accountability_once(*, actor, org_unit: OrgUnit, kind: str, person: str, measure: str, reason: str,
                               decided_on: date, incident: Incident | None = None, notice: Notice | None = None,
                               staff: Staff | None = None,
                               request_id: str | None = None) -> tuple[AccountabilityRecord, bool]:
    """Returns ``(record, created)``: the same ``request_id`` from the same person finds the first record."""
    require(actor, "incidents.accountability", org_unit)
    request_id = text(request_id, "request_id", required=False, max_length=64)
    same = {"org_unit": org_unit, "kind": kind, "person": person, "measure": measure, "reason": reason,
            "decided_on": decided_on, "incident": incident, "notice": notice, "staff": staff}
    existing = (replay.earlier(AccountabilityRecord, request_id, recorded_by=actor, same=same)
                if actor is not None else None)
    if existing is not None:
        return existing, False
    kind = choice(kind, "kind", RecordKind)
    if decided_on is None or decided_on > timezone.localdate():
        raise InvalidInput.field("decided_on", _("A decision cannot be dated in the future."))
    for name, linked in (("incident", incident), ("staff", staff)):
        if linked is not None and not linked.org_unit.path.startswith(org_unit.path):
            raise InvalidInput.field(name, _("Not in this unit."))
    # A notice is published above the unit it names, so the link runs either way along the branch.
    if notice is not None and not (org_unit.path.startswith(notice.org_unit.path)
                                   or notice.org_unit.path.startswith(org_unit.path)):
        raise InvalidInput.field("notice", _("Not in this unit."))
    record = AccountabilityRecord(
        org_unit=org_unit, kind=kind, person=text(person, "person", max_length=100),
        measure=text(measure, "measure", max_length=200), reason=text(reason, "reason", max_length=None),
        decided_on=decided_on, incident=incident, notice=notice, staff=staff, recorded_by=actor,
        request_id=request_id if actor is not None else "")
    try:
        with transaction.atomic():
            record.save()
    except IntegrityError:
        found = replay.earlier(AccountabilityRecord, request_id, recorded_by=actor, same=same)
        if found is None:
            raise
        return found, False
    ensure_in_scope(actor, "incidents.accountability", record)
    audit.record("incidents.accountability_recorded", actor=actor, obj=record,
                 changes={"kind": kind, "person": record.person, "measure": record.measure,
                          "incident": incident.pk if incident else None, "notice": notice.pk if notice else None})
    return record, True
