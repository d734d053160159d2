"""Every change the reports app makes: semester archives and monthly reports."""

from __future__ import annotations

import logging
from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from safecampus.core import audit
from safecampus.core.errors import InvalidInput
from safecampus.core.permissions import require
from safecampus.core.scoping import ensure_in_scope

from .models import Archive, ArchiveStatus, MonthlyReport, ReportScope

log = logging.getLogger(__name__)
ARCHIVE = "reports.archive"
# A build still "running" after this long died with its worker: asking again starts a new one.
STALE = timedelta(hours=2)
MONTHLY = "reports.monthly"


def semester_in_force(unit, semester_id):
    """The semester ``semester_id`` of the calendar the unit follows; a 400 naming ``semester`` otherwise."""
    from safecampus.core.scoping import ancestor_paths
    from safecampus.org.models import Semester

    try:
        pk = int(semester_id)
    except (TypeError, ValueError):
        raise InvalidInput.field("semester", _("Unknown semester.")) from None
    found = (Semester.objects.filter(pk=pk, org_unit__path__in=ancestor_paths(unit.path))
             .select_related("school_year").first() if 0 < pk < 2**63 else None)
    if found is None:
        raise InvalidInput.field("semester", _("Unknown semester."))
    return found


def create_archive(*, actor, org_unit, semester, language: str | None = None) -> Archive:
    """Queue the building of a school's semester archive. While one for the same school and
    semester is queued or being built, asking again returns it (a double click builds one)."""
    require(actor, ARCHIVE, org_unit)
    if org_unit.kind != "school":
        raise InvalidInput.field("org_unit", _("Choose a school."))
    semester = semester_in_force(org_unit, getattr(semester, "pk", semester))
    with transaction.atomic():
        from safecampus.core.concurrency import lock
        from safecampus.org.models import OrgUnit

        lock(OrgUnit, org_unit.pk)  # two requests at once: the second sees the first's archive
        running = Archive.objects.filter(org_unit=org_unit, semester=semester, created_at__gte=timezone.now() - STALE,
                                         status__in=[ArchiveStatus.QUEUED, ArchiveStatus.RUNNING]).first()
        if running is not None:
            return running
        archive = Archive.objects.create(org_unit=org_unit, semester=semester, requested_by=actor,
                                         language=(language or get_language() or "zh-hans")[:10])
        ensure_in_scope(actor, ARCHIVE, archive)
        audit.record("reports.archive_requested", actor=actor, obj=archive,
                     changes={"semester": semester.pk, "status": archive.status})
        from .tasks import run_archive

        transaction.on_commit(lambda: run_archive.enqueue(archive.pk))
    return archive


def build_archive(archive: Archive) -> Archive:
    """The worker's half: write the ZIP (outside a transaction, progress visible to the page), then
    mark the archive ready or failed. Building an archive that is ready already does nothing."""
    from . import archives

    with transaction.atomic():
        from safecampus.core.concurrency import lock

        archive = lock(Archive, archive.pk)
        if archive.status == ArchiveStatus.DONE or (
                archive.status == ArchiveStatus.RUNNING and archive.started_at
                and archive.started_at > timezone.now() - STALE):
            return archive
        Archive.objects.filter(pk=archive.pk).update(status=ArchiveStatus.RUNNING, started_at=timezone.now(),
                                                     progress=0, message="")
    archive.refresh_from_db()
    try:
        summary = archives.build(archive)
    except Exception as exc:
        log.exception("archive %s failed", archive.pk)
        archives.zip_path(archive.pk).with_suffix(".part").unlink(missing_ok=True)
        with transaction.atomic():
            Archive.objects.filter(pk=archive.pk).update(status=ArchiveStatus.FAILED, finished_at=timezone.now(),
                                                         message=str(exc)[:500])
            audit.record("reports.archive_failed", obj=archive, changes={"status": ArchiveStatus.FAILED})
        archive.refresh_from_db()
        return archive
    with transaction.atomic():
        Archive.objects.filter(pk=archive.pk).update(
            status=ArchiveStatus.DONE, progress=100, finished_at=timezone.now(), records=summary["records"],
            files=summary["files"], size=summary["size"], sha256=summary["sha256"])
        audit.record("reports.archive_built", obj=archive,
                     changes={"status": ArchiveStatus.DONE, "records": summary["records"],
                              "files": summary["files"]})
    archive.refresh_from_db()
    return archive


def month_value(raw) -> date:
    """``YYYY-MM`` -> the first day of that month; anything else a 400 naming ``month``."""
    text = str(raw or "").strip()
    try:
        if len(text) != 7 or text[4] != "-":
            raise ValueError
        year, month = int(text[:4]), int(text[5:])
        first = date(year, month, 1)
    except ValueError:
        raise InvalidInput.field("month", _("A month as YYYY-MM, e.g. 2026-09.")) from None
    if first > timezone.localdate().replace(day=1):
        raise InvalidInput.field("month", _("That month has not begun."))
    return first


def report_scope(unit) -> str:
    if unit.kind == "school":
        return ReportScope.SCHOOL
    if unit.kind == "central_school":
        return ReportScope.CENTRAL
    raise InvalidInput.field("org_unit", _("Choose a school or a central school."))


def generate_monthly_report(*, actor, org_unit, month: date) -> MonthlyReport:
    """Compute a school's monthly report (or a central school's summary) and keep its PDF and XLSX;
    generating it again replaces the earlier copy."""
    from . import monthly

    require(actor, MONTHLY, org_unit)
    scope = report_scope(org_unit)
    data = monthly.compute(org_unit, month)
    pdf, xlsx = monthly.render_pdf(data), monthly.render_xlsx(data)
    with transaction.atomic():
        report, _created = MonthlyReport.objects.update_or_create(
            org_unit=org_unit, month=month,
            defaults={"scope": scope, "data": data, "pdf": pdf, "xlsx": xlsx, "generated_at": timezone.now(),
                      "generated_by": actor})
        ensure_in_scope(actor, MONTHLY, report)
        audit.record("reports.monthly_generated", actor=actor, obj=report,
                     changes={"month": month.isoformat(), "scope": scope})
    return report
