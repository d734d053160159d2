"""Hazard analytics: open by level and school, overdue, mean time to close, monthly trend.

Every figure is one grouped query over the reader's scope; the charts get the numbers through a
``json_script`` tag (the CSP allows no inline script) and a table shows the same numbers.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import timedelta

from django.db.models import Count
from django.db.models.functions import TruncMonth
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from safecampus.core.errors import Forbidden
from safecampus.core.permissions import has_capability
from safecampus.core.views.generic import ScopedMixin
from safecampus.org.models import OrgUnit

from ..choices import OPEN_STATUSES, Level, Status
from ..models import Hazard

MONTHS = 12


def _months(now, count: int) -> list[str]:
    local = timezone.localtime(now)
    year, month = local.year, local.month
    out = []
    for _i in range(count):
        out.append(f"{year:04d}-{month:02d}")
        month -= 1
        if month == 0:
            year, month = year - 1, 12
    return out[::-1]


def hazard_figures(user, now=None) -> dict:
    now = now or timezone.now()
    qs = Hazard.objects.visible_to(user, "hazards.analytics")
    since = now - timedelta(days=31 * MONTHS)
    open_rows = qs.filter(status__in=OPEN_STATUSES).values("org_unit_id", "level").annotate(n=Count("pk"))
    overdue_rows = qs.filter(status__in=OPEN_STATUSES, due_at__lt=now).values("org_unit_id").annotate(
        n=Count("pk"))
    closed_rows = qs.filter(status=Status.CLOSED, closed_at__gte=since).values_list(
        "org_unit_id", "reported_at", "closed_at")
    tz = timezone.get_current_timezone()
    reported_trend = qs.filter(reported_at__gte=since).annotate(m=TruncMonth("reported_at", tzinfo=tz)).values(
        "m").annotate(n=Count("pk"))
    closed_trend = qs.filter(closed_at__gte=since).annotate(m=TruncMonth("closed_at", tzinfo=tz)).values(
        "m").annotate(n=Count("pk"))

    open_by: dict[int, dict[str, int]] = defaultdict(lambda: {Level.GENERAL: 0, Level.MAJOR: 0})
    for row in open_rows:
        open_by[row["org_unit_id"]][row["level"]] = row["n"]
    overdue_by = {row["org_unit_id"]: row["n"] for row in overdue_rows}
    durations: dict[int, list[float]] = defaultdict(list)
    for unit_id, reported, closed in closed_rows:
        durations[unit_id].append((closed - reported).total_seconds() / 86400)
    unit_ids = set(open_by) | set(overdue_by) | set(durations)
    units = list(OrgUnit.objects.filter(pk__in=unit_ids).order_by("path"))
    schools = []
    for unit in units:
        spans = durations.get(unit.pk, [])
        schools.append({
            "name": str(unit), "general": open_by[unit.pk][Level.GENERAL], "major": open_by[unit.pk][Level.MAJOR],
            "overdue": overdue_by.get(unit.pk, 0),
            "mean_days": round(sum(spans) / len(spans), 1) if spans else None, "closed": len(spans)})
    months = _months(now, MONTHS)
    rep = {timezone.localtime(r["m"]).strftime("%Y-%m") if timezone.is_aware(r["m"]) else r["m"].strftime("%Y-%m"):
           r["n"] for r in reported_trend if r["m"]}
    clo = {timezone.localtime(r["m"]).strftime("%Y-%m") if timezone.is_aware(r["m"]) else r["m"].strftime("%Y-%m"):
           r["n"] for r in closed_trend if r["m"]}
    all_spans = [d for spans in durations.values() for d in spans]
    return {
        "schools": schools,
        "months": months,
        "reported": [rep.get(m, 0) for m in months],
        "closed": [clo.get(m, 0) for m in months],
        "totals": {
            "open": sum(s["general"] + s["major"] for s in schools),
            "major": sum(s["major"] for s in schools),
            "overdue": sum(s["overdue"] for s in schools),
            "mean_days": round(sum(all_spans) / len(all_spans), 1) if all_spans else None,
        },
    }


class HazardAnalytics(ScopedMixin, View):
    model = Hazard
    capability = "hazards.analytics"

    def get(self, request):
        if not has_capability(request.user, self.capability):
            raise Forbidden()
        figures = hazard_figures(request.user)
        chart = {
            "schools": [s["name"] for s in figures["schools"]],
            "general": [s["general"] for s in figures["schools"]],
            "major": [s["major"] for s in figures["schools"]],
            "overdue": [s["overdue"] for s in figures["schools"]],
            "mean_days": [s["mean_days"] or 0 for s in figures["schools"]],
            "months": figures["months"], "reported": figures["reported"], "closed": figures["closed"],
            "labels": {"general": _("General hazard"), "major": _("Major hazard"), "overdue": _("Overdue"),
                       "mean_days": _("Mean days to close"), "reported": _("Reported"), "closed": _("Closed")},
        }
        return render(request, "hazards/analytics.html", {"title": gettext_lazy("Hazard analytics"), "figures": figures,
                                                          "chart": chart})
