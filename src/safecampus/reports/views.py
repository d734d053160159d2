"""The central dashboard: schools x obligations, open hazards, incidents, overdue work, trends."""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict

from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from safecampus.compliance.choices import SEVERITY, Status
from safecampus.compliance.engine import evaluate
from safecampus.core.permissions import has_capability, scope_paths
from safecampus.core.views.generic import guarded

from . import queries

CAP = "reports.dashboard"
# status -> (icon, words): a word as well as a colour (UI.md), rendered without a template include per cell.
CELL = {Status.MET: ("met", "check-lg", gettext_lazy("Done")), Status.DUE_SOON: ("due_soon", "hourglass-split",
                                                                                 gettext_lazy("Due soon")),
        Status.PENDING: ("pending", "dot", gettext_lazy("To do")), Status.OVERDUE: ("overdue", "exclamation",
                                                                                   gettext_lazy("Overdue")),
        Status.MISSED: ("missed", "x-lg", gettext_lazy("Missed")),
        Status.NOT_APPLICABLE: ("na", "dash", gettext_lazy("Not applicable"))}
LEVELS = {"major": gettext_lazy("Major"), "general": gettext_lazy("General")}
BAD = (Status.OVERDUE, Status.MISSED)


SUMMARY_SECONDS = 60


def summary(roots: list[str], now) -> dict:
    """Schools x rules for the current period, compact and cached for a minute per scope.

    The cache key holds the scope, the day and the compliance generation (bumped by every rule
    change and attestation), so a signed duty shows at once; records of other apps show within
    a minute. A cold summary of 2,000 schools is one evaluation (see docs/BENCHMARKS.md).
    """
    from django.core.cache import cache

    from safecampus.compliance.engine import generation

    key = "reports:summary:" + hashlib.sha256(
        f"{'|'.join(roots)}|{timezone.localdate(now)}|{generation()}".encode()).hexdigest()
    found = cache.get(key)
    if found is None:
        found = _summarise([r for r in evaluate(roots=roots, now=now) if r.unit["kind"] == "school"])
        cache.set(key, found, SUMMARY_SECONDS)
    return found


def _summarise(rows) -> dict:
    rules: dict[int, tuple] = {}
    schools: dict[int, dict] = {}
    totals: Counter = Counter()
    by_rule: dict[int, dict] = defaultdict(lambda: {"overdue": 0, "missed": 0})
    for r in rows:
        o = r.obligation
        rules.setdefault(o.pk, (o.sort, o.code, o.pk, o.title, o.title_zh))
        s = schools.setdefault(r.unit_id, {"id": r.unit_id, "name": r.unit["name"], "name_zh": r.unit["name_zh"],
                                           "path": r.unit["path"], "cells": {}, "counts": Counter()})
        s["cells"][o.pk] = r.status
        s["counts"][r.status] += 1
        totals[r.status] += 1
        if r.status in BAD:
            by_rule[o.pk][r.status] += 1
    columns = sorted(rules.values())
    out = []
    for s in schools.values():
        counts = s.pop("counts")
        applicable = sum(n for st, n in counts.items() if st != Status.NOT_APPLICABLE)
        s["score"] = round(100 * counts[Status.MET] / applicable) if applicable else 100
        s["bad"] = counts[Status.OVERDUE] + counts[Status.MISSED]
        cells = s.pop("cells")
        s["statuses"] = [str(cells.get(c[2], Status.NOT_APPLICABLE)) for c in columns]
        out.append(s)
    out.sort(key=lambda s: (-s["bad"], s["score"], s["path"]))
    return {"columns": columns, "schools": out, "totals": {str(k): v for k, v in totals.items()},
            "by_rule": dict(by_rule)}


def _title(column: tuple) -> str:
    from django.utils.translation import get_language

    zh = (get_language() or "").lower().startswith("zh")
    return column[4] if zh and column[4] else column[3]


def _context(request, roots: list[str]) -> dict:
    now = timezone.now()
    data = summary(roots, now)
    columns = [{"pk": c[2], "title": _title(c)} for c in data["columns"]]
    schools = data["schools"]
    page = Paginator(schools, 25).get_page(request.GET.get("page"))
    zh = (get_language() or "").lower().startswith("zh")
    rows = [{"id": s["id"], "name": s["name_zh"] if zh and s["name_zh"] else s["name"], "score": s["score"],
             "cells": [CELL[st] for st in s["statuses"]]} for s in page.object_list]
    totals = data["totals"]
    titles = {c["pk"]: c["title"] for c in columns}
    overdue_rules = sorted(((titles[pk], n) for pk, n in data["by_rule"].items()),
                           key=lambda x: -(x[1]["overdue"] + x[1]["missed"]))
    months = queries.last_months(6)
    month_start = timezone.localdate().replace(day=1)
    hazards = queries.open_hazards(request.user)
    trends = {"labels": [m.strftime("%Y-%m") for m in months], "series": []}
    # Cheap series only: a count of every signed duty would scan the largest table on each cold view.
    for code, label in (("hazards.reported", _("Hazards reported")), ("hazards.closed", _("Hazards closed")),
                        ("incidents.filed", _("Incidents filed"))):
        values = queries.monthly(code, roots, months)
        if values is not None:
            trends["series"].append({"label": str(label), "data": values})
    order = (Status.MET, Status.DUE_SOON, Status.PENDING, Status.OVERDUE, Status.MISSED)
    chart = {
        "trends": trends,
        "status": {"labels": [str(Status(s).label) for s in order], "data": [totals.get(str(s), 0) for s in order]},
        "hazards": {"labels": [str(LEVELS.get(k, k)) for k in (hazards or {})], "keys": list(hazards or {}),
                    "data": list((hazards or {}).values())},
    }
    applicable = sum(n for s, n in totals.items() if s != Status.NOT_APPLICABLE)
    return {
        "page": page, "rows": rows, "columns": columns, "schools_count": len(schools), "totals": totals,
        "rate": round(100 * totals.get(Status.MET, 0) / applicable) if applicable else None,
        "overdue_rules": overdue_rules[:8], "late_count": sum(1 for s in schools if s["bad"]),
        "hazards": hazards, "incidents_month": queries.count_since("incidents.filed", roots, month_start),
        "chart": chart,
    }


@guarded(CAP)
def dashboard(request):
    roots = scope_paths(request.user, CAP)
    return render(request, "reports/dashboard.html", _context(request, roots))


@guarded()  # the school itself decides: out of scope 404, without the capability 403
def school(request, pk: int):
    from safecampus.org.models import OrgUnit

    unit = OrgUnit.objects.filter(kind="school").get_visible(request.user, CAP, pk=pk)
    rows = sorted(evaluate(roots=[unit.path]), key=lambda r: (SEVERITY.get(r.status, 9), r.obligation.sort))
    totals = Counter(r.status for r in rows)
    months = queries.last_months(6)
    trends = {"labels": [m.strftime("%Y-%m") for m in months], "series": []}
    for code, label in (("hazards.reported", _("Hazards reported")), ("hazards.closed", _("Hazards closed"))):
        values = queries.monthly(code, [unit.path], months)
        if values is not None:
            trends["series"].append({"label": str(label), "data": values})
    return render(request, "reports/school.html", {"school": unit, "rows": rows, "totals": totals,
                                                   "chart": {"trends": trends}})



def dashboard_panel(request) -> dict | None:
    """Home, for the central school and the authority: who is behind, one tap from the heat map."""
    if not has_capability(request.user, CAP):
        return None
    data = summary(scope_paths(request.user, CAP), timezone.now())
    zh = (get_language() or "").lower().startswith("zh")
    late = [{"id": s["id"], "name": s["name_zh"] if zh and s["name_zh"] else s["name"], "bad": s["bad"],
             "score": s["score"]} for s in data["schools"] if s["bad"]]
    return {"template": "reports/_home_panel.html", "late": late[:5], "late_count": len(late),
            "schools": len(data["schools"]), "totals": data["totals"]}
