"""INC-6: monthly safety information reports, zero reports, and the flag for a missing one."""

from __future__ import annotations

from datetime import date, datetime

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from safecampus.core import audit
from safecampus.core.errors import Conflict, InvalidInput
from safecampus.core.inputs import text
from safecampus.core.permissions import require
from safecampus.core.scoping import ensure_in_scope
from safecampus.org.models import OrgUnit

from ..models import Incident, InfoReport
from . import rules
from .common import CENTRAL_ROLES, count, send, users_with_roles, zone_of


def month_start(day: date) -> date:
    return day.replace(day=1)


def previous_month(day: date) -> date:
    first = month_start(day)
    return (first.replace(year=first.year - 1, month=12) if first.month == 1
            else first.replace(month=first.month - 1))


def local_today(unit: OrgUnit, now: datetime | None = None) -> date:
    return (now or timezone.now()).astimezone(zone_of(unit)).date()


def incidents_in_month(unit: OrgUnit, month: date) -> int:
    nxt = month.replace(year=month.year + 1, month=1) if month.month == 12 else month.replace(month=month.month + 1)
    zone = zone_of(unit)
    start = datetime(month.year, month.month, 1, tzinfo=zone)
    end = datetime(nxt.year, nxt.month, 1, tzinfo=zone)
    return Incident.objects.filter(org_unit__path__startswith=unit.path, occurred_at__gte=start,
                                   occurred_at__lt=end).count()


@transaction.atomic
def submit_info_report(*, actor, org_unit: OrgUnit, month: date, zero: bool = False, hazards_found=0,
                       summary: str = "") -> InfoReport:
    """One report per school and month; a zero report is refused when the month had an incident."""
    require(actor, "incidents.report_info", org_unit)
    if org_unit.kind != "school":
        raise InvalidInput.field("org_unit", _("Each school sends its own report."))
    if not isinstance(month, date):
        raise InvalidInput.field("month", _("Enter a month."))
    month = month_start(month)
    if month > month_start(local_today(org_unit)):
        raise InvalidInput.field("month", _("This month has not begun."))
    if InfoReport.objects.filter(org_unit=org_unit, month=month).exists():
        raise Conflict(_("The report for this month was already sent."))
    n_incidents = incidents_in_month(org_unit, month)
    if zero and n_incidents:
        # A zero report while an incident is on file would be a concealed report (瞒报).
        raise InvalidInput.field("zero", _("There are incidents on file for this month; it cannot be a zero "
                                           "report."))
    hazards = count(hazards_found, "hazards_found")
    summary = text(summary, "summary", required=False, max_length=None)
    if zero:
        hazards, summary = 0, summary or _("Nothing to report this month.")
    elif not summary:
        raise InvalidInput.field("summary", _("This field is required."))
    report = InfoReport(org_unit=org_unit, month=month, zero=zero, incidents_count=n_incidents,
                        hazards_found=hazards, summary=summary, submitted_at=timezone.now(), submitted_by=actor)
    try:
        with transaction.atomic():
            report.save()
    except IntegrityError:
        raise Conflict(_("The report for this month was already sent.")) from None
    ensure_in_scope(actor, "incidents.report_info", report)
    audit.record("incidents.info_reported", actor=actor, obj=report,
                 changes={"month": month.strftime("%Y-%m"), "zero": zero, "incidents": n_incidents})
    return report


def due_day() -> int:
    return int(rules.defaults().get("info_report_due_day", 5))


def missing_schools(month: date, under: OrgUnit | None = None):
    """Schools with no report for ``month`` (set-based: one query)."""
    schools = OrgUnit.objects.filter(kind="school", is_active=True)
    if under is not None:
        schools = schools.filter(path__startswith=under.path)
    return schools.exclude(pk__in=InfoReport.objects.filter(month=month).values("org_unit_id"))


def sweep_missing_reports(now: datetime) -> int:
    """Flag to the central school each school whose report for last month is past due, once.

    One query per time zone finds the missing schools; a school already flagged for that month is skipped
    before any notification is attempted, so the minute-by-minute tick stays cheap.
    """
    from safecampus.core.models import Notification

    sent = 0
    active = OrgUnit.objects.filter(kind="school", is_active=True)
    for zone_name in sorted(set(active.values_list("timezone", flat=True))):
        today = local_today(OrgUnit(timezone=zone_name), now)
        if today.day <= due_day():
            continue
        month = previous_month(today)
        for school in missing_schools(month).filter(timezone=zone_name):
            key = f"incidents.info_missing:{school.pk}:{month:%Y-%m}"
            if Notification.objects.filter(dedupe_key__startswith=key + ":").exists():
                continue
            sent += len(send(
                users_with_roles(school, CENTRAL_ROLES), kind="incident.info_missing",
                title=lambda s=school, m=month: _("%(school)s has not sent its safety information report for "
                                                  "%(month)s") % {"school": s, "month": m.strftime("%Y-%m")},
                url="/incidents/info-reports/", dedupe_key=key))
    return sent
