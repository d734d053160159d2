"""Demo reports: School A's current semester archive, built and ready to download, and last month's
monthly reports of every school and of the central school (made as the first-of-month sweep makes them).

Idempotent: an archive already built (its ZIP on disk) or a report already made is left as it is.
The test suite loads the demo without them (building them takes half a minute); its tests make their own.
"""

from __future__ import annotations

from django.conf import settings
from django.utils import timezone, translation

from safecampus.core.demo import DemoContext

from . import archives, services
from .models import Archive, ArchiveStatus, MonthlyReport
from .sweep import last_month


def _archive(ctx: DemoContext) -> None:
    from safecampus.org.calendar import semester_at

    school, central = ctx.units["school_a"], ctx.users["central"]
    semester = semester_at(school, timezone.localdate(ctx.now))
    if semester is None:
        return
    done = Archive.objects.filter(org_unit=school, semester=semester, status=ArchiveStatus.DONE).first()
    if done is not None and archives.zip_path(done.pk).exists():
        return
    archive = services.create_archive(actor=central, org_unit=school, semester=semester, language="zh-hans")
    services.build_archive(archive)


def _monthly(ctx: DemoContext) -> None:
    from safecampus.org.models import OrgUnit

    month = last_month(ctx.now)
    units = OrgUnit.objects.filter(path__startswith=ctx.units["central"].path,
                                   kind__in=["school", "central_school"]).order_by("path")
    for unit in units:
        if not MonthlyReport.objects.filter(org_unit=unit, month=month).exists():
            services.generate_monthly_report(actor=None, org_unit=unit, month=month)


def load(ctx: DemoContext) -> None:
    if settings.TESTING or "school_a" not in ctx.units or "central" not in ctx.users or "central" not in ctx.units:
        return
    with translation.override("zh-hans"):
        _monthly(ctx)
        _archive(ctx)
