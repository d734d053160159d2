"""Filing, amending, following up, investigating and closing an incident (INC-1..INC-4)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from safecampus.core import audit, files, inputs, replay
from safecampus.core.concurrency import lock
from safecampus.core.errors import Conflict, Forbidden, InvalidInput
from safecampus.core.inputs import choice, text
from safecampus.core.permissions import has_capability, require
from safecampus.core.scoping import ensure_in_scope
from safecampus.org.models import OrgUnit

from .. import hazard_links
from ..choices import AMENDABLE, FollowUpKind, Kind, Severity, Status, at_least
from ..models import Amendment, FollowUp, Incident, IncidentState, Investigation
from ..workflows import INCIDENT
from . import rules
from .common import (
    AUTHORITY_ROLES,
    CENTRAL_ROLES,
    SCHOOL_HEADS,
    count,
    school_of,
    send,
    users_with_roles,
    zone_of,
)

FILING_UNIT_KINDS = ("school", "grade", "class")


def _occurred(value, zone, now: datetime) -> datetime:
    if value in (None, ""):
        raise InvalidInput.field("occurred_at", _("This field is required."))
    moment = inputs.moment(value, "occurred_at", zone)
    if moment > now:
        raise InvalidInput.field("occurred_at", _("An incident cannot have happened in the future."))
    return moment


def _label(choices, value: str) -> str:
    # What get_FOO_display() gives, without rebuilding the choices' dict for each language of each alert.
    try:
        return str(choices(value).label)
    except ValueError:
        return value


def _alert_title(incident: Incident, school: OrgUnit) -> str:
    title = _("New incident at %(school)s: %(kind)s (%(severity)s)") % {
        "school": school, "kind": _label(Kind, incident.kind), "severity": _label(Severity, incident.severity)}
    return title + (" · " + _("LATE") if incident.late else "")


def _filed(actor, org_unit: OrgUnit, kind: str, severity: str, occurred_at, summary: str, injured: Any,
           deaths: Any, location: str, first_actions: str, injured_names: str,
           request_id: str | None) -> tuple[Incident, rules.Rule, OrgUnit]:
    """The report checked and saved (in a savepoint: the unique key refuses a request_id used before)."""
    if org_unit.kind not in FILING_UNIT_KINDS:
        raise InvalidInput.field("org_unit", _("An incident is filed by a school or one of its classes."))
    now = timezone.now()
    school = school_of(org_unit)
    zone = zone_of(school)
    kind = choice(kind, "kind", Kind)
    severity = choice(severity, "severity", Severity)
    occurred = _occurred(occurred_at, zone, now)
    injured_n, deaths_n = count(injured, "injured"), count(deaths, "deaths")
    rule = rules.resolve(org_unit, kind, severity)
    deadline = occurred + timedelta(minutes=rule.first_report_minutes)
    incident = Incident(
        org_unit=org_unit, reporter=actor, request_id=request_id, kind=kind, severity=severity,
        occurred_at=occurred, location=text(location, "location", required=False, max_length=200),
        summary=text(summary, "summary", max_length=None),
        first_actions=text(first_actions, "first_actions", required=False, max_length=None),
        injured=injured_n, deaths=deaths_n,
        injured_names=text(injured_names, "injured_names", required=False, max_length=None),
        filed_at=now, time_zone=str(zone), first_report_minutes=rule.first_report_minutes,
        written_report_minutes=rule.written_report_minutes, notify_authority=rule.notify_authority,
        report_deadline=deadline, written_report_deadline=occurred + timedelta(minutes=rule.written_report_minutes),
        late=now > deadline)
    with transaction.atomic():
        incident.save()
    return incident, rule, school


@transaction.atomic
def file_incident(*, actor, org_unit: OrgUnit, kind: str, severity: str, occurred_at, summary: str,
                  injured: Any = 0, deaths: Any = 0, location: str = "", first_actions: str = "",
                  injured_names: str = "", request_id: str | None = None,
                  photos: list | None = None) -> tuple[Incident, bool]:
    """File a report; ``filed_at`` and ``late`` come from the server clock and the rule, never the caller.

    Returns ``(incident, created)``: the same ``request_id`` from the same reporter finds the first filing.
    """
    require(actor, "incidents.file", org_unit)
    request_id = text(request_id, "request_id", required=False, max_length=64) or None
    same = {"org_unit": org_unit, "kind": kind, "severity": severity, "summary": summary, "location": location}
    try:
        incident, rule, school = _filed(actor, org_unit, kind, severity, occurred_at, summary, injured, deaths,
                                        location, first_actions, injured_names, request_id)
    except (InvalidInput, IntegrityError):
        # The unique key (reporter, request_id) is the idempotency check, so a new filing costs no lookup:
        # a request_id used before (a retry, or two identical submissions racing) finds the first filing,
        # as if looked up before anything else was checked; one reused for other content is a 409.
        found = replay.earlier(Incident, request_id, reporter=actor, same=same)
        if found is None:
            raise
        return found, False
    now, kind, severity = incident.filed_at, incident.kind, incident.severity
    IncidentState.objects.create(incident=incident, authority_notified_at=now if rule.notify_authority else None)
    for photo in photos or []:
        # A photo the checks refuse undoes the whole filing: nothing is ever half-written.
        files.store(photo, target=incident, actor=actor, purpose="evidence", field="photos")
    ensure_in_scope(actor, "incidents.file", incident)
    audit.record("incidents.filed", actor=actor, obj=incident, changes={
        "kind": kind, "severity": severity, "occurred_at": incident.occurred_at, "filed_at": now,
        "late": incident.late, "report_deadline": incident.report_deadline, "injured": incident.injured,
        "deaths": incident.deaths, "injured_names_set": bool(incident.injured_names)})
    recipients = list(users_with_roles(org_unit, CENTRAL_ROLES))
    if rule.notify_authority:
        recipients += list(users_with_roles(org_unit, AUTHORITY_ROLES))
    send(recipients, kind="incident.filed", title=lambda: _alert_title(incident, school),
                  body=incident.summary[:500], url=incident.get_absolute_url(),
                  dedupe_key=f"incidents.filed:{incident.pk}")
    return incident, True


def _clean_change(field: str, value, zone, now: datetime):
    if field == "kind":
        return choice(value, "changes.kind", Kind)
    if field == "severity":
        return choice(value, "changes.severity", Severity)
    if field == "occurred_at":
        try:
            return _occurred(value, zone, now)
        except InvalidInput as exc:
            raise InvalidInput.field("changes.occurred_at", exc.fields["occurred_at"][0]) from None
    if field in ("injured", "deaths"):
        return count(value, f"changes.{field}")
    if field == "summary":
        return text(value, "changes.summary", max_length=None)
    if field == "location":
        return text(value, "changes.location", required=False, max_length=200)
    return text(value, f"changes.{field}", required=False, max_length=None)


def _jsonable(value):
    return value.isoformat() if isinstance(value, datetime) else value


def _reveal(value) -> str:
    return value.reveal() if hasattr(value, "reveal") else str(value or "")


def _acting_capability(incident: Incident, actor, capability: str) -> str:
    """What the actor's scope is re-checked for: the reporter acts on her own report by filing rights."""
    if actor is not None and incident.reporter_id == actor.pk:
        return "incidents.file"
    return capability


@transaction.atomic
def amend(incident: Incident, *, actor, reason: str, changes: dict, expected_version: int | None = None
          ) -> Amendment:
    """A correction: the filed row stays as it was; the amendment keeps the values it replaces.
    The school's officers amend; the reporter amends her own report while it is open."""
    if actor is not None and not INCIDENT.get("amend").permits(incident, actor, incident.org_unit.path):
        raise Forbidden()
    reason = text(reason, "reason", max_length=None)
    if not isinstance(changes, dict) or not changes:
        raise InvalidInput.field("changes", _("Name at least one field to change."))
    unknown = sorted(set(changes) - set(AMENDABLE))
    if unknown:
        raise InvalidInput(_("These fields cannot be amended: %(f)s.") % {"f": ", ".join(unknown)},
                           fields={f"changes.{name}": [_("Cannot be amended.")] for name in unknown})
    state = lock(IncidentState, incident.pk, expected_version)
    incident = Incident.objects.prefetch_related("amendments").get(pk=incident.pk)
    now = timezone.now()
    zone = zone_of(school_of(incident.org_unit))
    current = incident.current()
    diff: dict[str, list] = {}
    names_old = names_new = ""
    names_changed = False
    for field, raw in changes.items():
        value = _clean_change(field, raw, zone, now)
        if field == "injured_names":
            if value != _reveal(current["injured_names"]):
                names_old, names_new, names_changed = _reveal(current["injured_names"]), value, True
            continue
        if value != current[field]:
            diff[field] = [_jsonable(current[field]), _jsonable(value)]
    if not diff and not names_changed:
        raise InvalidInput.field("changes", _("These values are the ones already on the report."))
    amendment = Amendment(org_unit=incident.org_unit, incident=incident, author=actor, at=now, reason=reason,
                          changes=diff, injured_names_old=names_old, injured_names_new=names_new,
                          names_changed=names_changed)
    amendment.save()
    IncidentState.objects.filter(pk=state.pk).update(version=state.version + 1)
    trail = dict(diff)
    if names_changed:
        trail["injured_names"] = ["(protected)", "(protected)"]
    ensure_in_scope(actor, _acting_capability(incident, actor, "incidents.amend"), incident)
    audit.record("incidents.amended", actor=actor, obj=incident, changes=trail, reason=reason)
    new_severity = diff.get("severity", [None, None])[1]
    if new_severity and at_least(new_severity, Severity.SERIOUS) and state.authority_notified_at is None:
        # Raised to serious after filing: the authority hears of it now, once.
        IncidentState.objects.filter(pk=state.pk).update(authority_notified_at=now)
        send(users_with_roles(incident.org_unit, AUTHORITY_ROLES), kind="incident.escalated",
                      title=lambda: _("Incident #%(id)s raised to %(severity)s") % {
                          "id": incident.pk, "severity": Severity(new_severity).label},
                      url=incident.get_absolute_url(), dedupe_key=f"incidents.authority:{incident.pk}")
    return amendment


@transaction.atomic
def add_followup(incident: Incident, *, actor, summary: str, kind: str | None = None,
                 expected_version: int | None = None) -> FollowUp:
    """A follow-up report. The first one is the written report unless the caller says otherwise."""
    state = lock(IncidentState, incident.pk, expected_version)
    incident.state = state
    step = INCIDENT.check(incident, "followup", actor)
    summary = text(summary, "summary", max_length=None)
    if kind in (None, ""):
        kind = FollowUpKind.WRITTEN if state.written_report_at is None else FollowUpKind.PROGRESS
    kind = choice(kind, "kind", FollowUpKind)
    now = timezone.now()
    followup = FollowUp(org_unit=incident.org_unit, incident=incident, author=actor, at=now, kind=kind,
                        summary=summary)
    followup.save()
    values: dict[str, Any] = {"status": Status.FOLLOWING_UP, "version": state.version + 1}
    if kind == FollowUpKind.WRITTEN and state.written_report_at is None:
        values["written_report_at"] = now
    IncidentState.objects.filter(pk=state.pk).update(**values)
    ensure_in_scope(actor, _acting_capability(incident, actor, step.capability), incident)
    audit.record("incidents.followup", actor=actor, obj=incident, changes={
        "kind": kind, "status": [state.status, Status.FOLLOWING_UP],
        "written_late": bool(kind == FollowUpKind.WRITTEN and now > incident.written_report_deadline)})
    return followup


@transaction.atomic
def record_investigation(incident: Incident, *, actor, findings: str, responsible: str, measures: str,
                         hazards_opened: str = "", hazards: Iterable[int] | None = None,
                         expected_version: int | None = None) -> Investigation:
    """INC-4. ``hazards`` are ids of hazard records (hazards app) in the actor's scope at the incident's
    school; ``hazards_opened`` stays free text for anything not in the ledger."""
    state = lock(IncidentState, incident.pk, expected_version)
    incident.state = state
    step = INCIDENT.check(incident, "investigate", actor)
    if Investigation.objects.filter(incident=incident).exists():
        raise Conflict(_("This incident already has its liability investigation."))
    hazard_ids = hazard_links.clean_hazard_ids(actor=actor, school=school_of(incident.org_unit), raw=hazards)
    investigation = Investigation(
        org_unit=incident.org_unit, incident=incident, investigator=actor, at=timezone.now(),
        findings=text(findings, "findings", max_length=None),
        responsible=text(responsible, "responsible", max_length=None),
        measures=text(measures, "measures", max_length=None),
        hazards_opened=text(hazards_opened, "hazards_opened", required=False, max_length=None),
        hazard_ids=hazard_ids)
    investigation.save()
    IncidentState.objects.filter(pk=state.pk).update(version=state.version + 1)
    ensure_in_scope(actor, step.capability, incident)
    audit.record("incidents.investigated", actor=actor, obj=incident,
                 changes={"findings": investigation.findings, "responsible": investigation.responsible,
                          "measures": investigation.measures, "hazards": hazard_ids})
    return investigation


@transaction.atomic
def close(incident: Incident, *, actor, note: str = "", expected_version: int | None = None) -> Incident:
    state = lock(IncidentState, incident.pk, expected_version)
    incident.state = state
    step = INCIDENT.check(incident, "close", actor)
    current = Incident.objects.prefetch_related("amendments").get(pk=incident.pk).current()
    if at_least(current["severity"], Severity.SERIOUS) and not Investigation.objects.filter(
            incident=incident).exists():
        raise Conflict(_("A serious or worse incident is closed only after its liability investigation."))
    now = timezone.now()
    IncidentState.objects.filter(pk=state.pk).update(status=Status.CLOSED, closed_at=now, closed_by=actor,
                                                     version=state.version + 1)
    ensure_in_scope(actor, step.capability, incident)
    audit.record("incidents.closed", actor=actor, obj=incident, changes={"status": [state.status, Status.CLOSED]},
                 reason=text(note, "note", required=False, max_length=None))
    incident.state.refresh_from_db()
    return incident


@transaction.atomic
def reveal_names(incident: Incident, *, actor) -> str:
    """The injured pupils' names in clear, for a reader who may see them; every reveal is audited."""
    if not has_capability(actor, "org.reveal_identity", incident.org_unit.path):
        raise Forbidden()
    names = _reveal(Incident.objects.prefetch_related("amendments").get(pk=incident.pk).current()["injured_names"])
    audit.record("incidents.names_revealed", actor=actor, obj=incident, changes={"field": "injured_names"})
    return names


def sweep_written_reports(now: datetime) -> int:
    """Escalate every open incident whose written report is overdue, once each."""
    sent = 0
    overdue = (Incident.objects.select_related("org_unit", "state")
               .filter(written_report_deadline__lt=now, state__written_report_at__isnull=True,
                       state__escalated_at__isnull=True)
               .exclude(state__status=Status.CLOSED))
    for incident in overdue:
        with transaction.atomic():
            state = IncidentState.objects.select_for_update().get(pk=incident.pk)
            if state.escalated_at is not None:
                continue
            school = school_of(incident.org_unit)
            roles = CENTRAL_ROLES + (AUTHORITY_ROLES if incident.notify_authority else ())
            people = list(users_with_roles(incident.org_unit, roles)) + list(users_with_roles(school, SCHOOL_HEADS))
            created = send(
                people, kind="incident.written_overdue",
                title=lambda i=incident, s=school: _("Written report overdue: incident #%(id)s at %(school)s") % {
                    "id": i.pk, "school": s},
                url=incident.get_absolute_url(), dedupe_key=f"incidents.written_overdue:{incident.pk}")
            IncidentState.objects.filter(pk=state.pk).update(escalated_at=now)
            audit.record("incidents.escalated", actor=None, obj=incident,
                         changes={"written_report_deadline": incident.written_report_deadline})
            sent += len(created)
    return sent
