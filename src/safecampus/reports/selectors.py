"""What the dashboard reads from other apps: the compliance registry (evidence kinds, metrics) and
nothing else. An app that is not there yet (or not migrated) degrades to "not available"."""

from __future__ import annotations

import hashlib
import logging
from datetime import date, datetime, time, timedelta

from django.apps import apps
from django.core.cache import cache
from django.db import DatabaseError
from django.db.models import Count, Q
from django.utils import timezone

from safecampus.compliance import registry
from safecampus.core.scoping import path_q

log = logging.getLogger(__name__)
TZ = "Asia/Shanghai"
TREND_CACHE_SECONDS = 300


def _kind_queryset(code: str, roots: list[str]):
    kind = registry.EVIDENCE.get(code)
    if kind is None:
        return None, None
    try:
        model = apps.get_model(kind.model)
    except (LookupError, ValueError):
        return None, None
    lookup = getattr(model, "scope_path_lookup", "org_unit__path")
    return model._default_manager.filter(**kind.base_filter).filter(path_q(lookup, roots)), kind.date_field


def _start(day: date):
    from safecampus.compliance.engine import zone

    return datetime.combine(day, time.min, zone(TZ))


def count_since(code: str, roots: list[str], since: date) -> int | None:
    qs, field = _kind_queryset(code, roots)
    if qs is None:
        return None
    is_dt = qs.model._meta.get_field(field).get_internal_type() == "DateTimeField"
    try:
        return qs.filter(**{f"{field}__gte": _start(since) if is_dt else since}).count()
    except DatabaseError:  # a table not migrated yet must not take the dashboard down
        log.warning("evidence %s not readable", code)
        return None


def monthly(code: str, roots: list[str], months: list[date]) -> list[int] | None:
    """Records per month for the months given: one query of range counts (no per-row date function,
    which SQLite would run in Python), cached briefly because months change slowly."""
    key = "reports:monthly:" + hashlib.sha256(f"{code}|{'|'.join(roots)}|{months[0]}".encode()).hexdigest()
    cached = cache.get(key)
    if cached is not None:
        return cached
    qs, field = _kind_queryset(code, roots)
    if qs is None:
        return None
    is_dt = qs.model._meta.get_field(field).get_internal_type() == "DateTimeField"
    edges = [*months, (months[-1] + timedelta(days=32)).replace(day=1)]
    bounds = [_start(d) if is_dt else d for d in edges]
    counts = {f"m{i}": Count("pk", filter=Q(**{f"{field}__gte": bounds[i], f"{field}__lt": bounds[i + 1]}))
              for i in range(len(months))}
    try:
        row = qs.filter(**{f"{field}__gte": bounds[0], f"{field}__lt": bounds[-1]}).aggregate(**counts)
    except DatabaseError:
        log.warning("evidence %s not readable", code)
        return None
    values = [row[f"m{i}"] or 0 for i in range(len(months))]
    cache.set(key, values, TREND_CACHE_SECONDS)
    return values


def metric(code: str, user, since: datetime | None = None) -> dict[str, int] | None:
    """A number an app offers by name (registry.METRICS); None while no app offers it."""
    found = registry.METRICS.get(code)
    if found is None:
        return None
    try:
        return found.compute(user, since)
    except DatabaseError:
        log.warning("metric %s not readable", code)
        return None


def last_months(n: int) -> list[date]:
    first = timezone.localdate().replace(day=1)
    out = [first]
    for _ in range(n - 1):
        out.insert(0, (out[0] - timedelta(days=1)).replace(day=1))
    return out


def open_hazards(user) -> dict[str, int] | None:
    """Open hazards by level, as the hazards app offers them; None without it."""
    return metric("hazards.open_by_level", user)


def archive_filename(archive) -> str:
    start = archive.semester.start
    return f"archive-{archive.org_unit_id}-{start:%Y%m}-{archive.semester.kind}.zip"


def report_filename(report) -> str:
    return f"monthly-{report.org_unit_id}-{report.month:%Y-%m}"


def monthly_report(user, unit, month: date):
    """The kept report of a finished month (made now if the sweep has not yet); the month under way
    is drawn afresh each time and not kept."""
    from . import services
    from .models import MonthlyReport

    current = month >= timezone.localdate().replace(day=1)
    if not current:
        kept = MonthlyReport.objects.filter(org_unit=unit, month=month).first()
        if kept is not None:
            return kept
        return services.generate_monthly_report(actor=user, org_unit=unit, month=month)
    from . import monthly

    data = monthly.compute(unit, month)
    return MonthlyReport(org_unit=unit, month=month, scope=services.report_scope(unit), data=data,
                         pdf=monthly.render_pdf(data), xlsx=monthly.render_xlsx(data), generated_at=timezone.now())
