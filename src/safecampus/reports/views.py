"""The central dashboard: schools x obligations, open hazards, incidents, overdue work, trends."""

from __future__ import annotations

from collections import Counter

from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import get_language, gettext_lazy, pgettext_lazy
from django.utils.translation import gettext as _

from safecampus.compliance.choices import SEVERITY, Status
from safecampus.compliance.engine import evaluate
from safecampus.core.errors import InvalidInput
from safecampus.core.permissions import has_capability, scope_paths
from safecampus.core.views.generic import guarded

from . import heatmap, selectors, summary

CAP = "reports.dashboard"
# status -> (icon, words): a word as well as a colour (UI.md), rendered without a template include per cell.
CELL = {Status.MET: ("met", "check-lg", gettext_lazy("Done")),
        Status.DUE_SOON: ("due_soon", "hourglass-split", gettext_lazy("Due soon")),
        Status.PENDING: ("pending", "dot", gettext_lazy("To do")),
        Status.OVERDUE: ("overdue", "exclamation", pgettext_lazy("duty status", "Overdue")),
        Status.MISSED: ("missed", "x-lg", pgettext_lazy("duty status", "Missed")),
        Status.NOT_APPLICABLE: ("na", "dash", gettext_lazy("Not applicable"))}
LEVELS = {"major": gettext_lazy("Major"), "general": gettext_lazy("General")}


def _title(column: tuple) -> str:
    zh = (get_language() or "").lower().startswith("zh")
    return column[4] if zh and column[4] else column[3]


def _filtered(request, schools: list[dict]) -> tuple[list[dict], dict]:
    """The heat map's filters: central school, only schools behind, name. Bad values are a 400."""
    central, late, q = request.GET.get("central", ""), request.GET.get("late", ""), request.GET.get("q", "").strip()
    if central:
        try:
            central_id = int(central)
        except ValueError:
            raise InvalidInput.field("central", _("Unknown central school.")) from None
        if not any(s["parent_id"] == central_id for s in schools):
            raise InvalidInput.field("central", _("Unknown central school."))
        schools = [s for s in schools if s["parent_id"] == central_id]
    if late not in ("", "1"):
        raise InvalidInput.field("late", _("1 or nothing."))
    if late:
        schools = [s for s in schools if s["bad"]]
    if q:
        schools = [s for s in schools if q in s["name"] or q in (s["name_zh"] or "")]
    return schools, {"central": central, "late": late, "q": q}


def _centrals(schools: list[dict]) -> list[tuple[int, str]]:
    from safecampus.org.models import OrgUnit

    ids = {s["parent_id"] for s in schools if s["parent_id"]}
    if len(ids) < 2:
        return []
    zh = (get_language() or "").lower().startswith("zh")
    return [(u.pk, u.name_zh if zh and u.name_zh else u.name)
            for u in OrgUnit.objects.filter(pk__in=ids).order_by("path").only("pk", "name", "name_zh")]


PHONE_ORDER = {"missed": 0, "overdue": 1, "due_soon": 2, "pending": 3, "met": 4, "na": 5}


def _context(request, roots: list[str]) -> dict:
    data = summary.get(roots)
    # Headers are numbers with the full title on hover/tap and in a key below: titles no longer squeeze.
    columns = [{"pk": c[2], "title": _title(c), "short": i} for i, c in enumerate(data["columns"], 1)]
    schools = data["schools"]
    shown, filters = _filtered(request, schools)
    page = Paginator(shown, 25).get_page(request.GET.get("page"))
    zh = (get_language() or "").lower().startswith("zh")
    rows = [{"id": s["id"], "name": s["name_zh"] if zh and s["name_zh"] else s["name"], "score": s["score"],
             "cells": [(*CELL[st], c["pk"]) for st, c in zip(summary.statuses(s, data["columns"]), columns,
                                                                strict=True)]}
            for s in page.object_list]
    for row in rows:
        # A phone reads a school as the list of its duties, the ones behind first.
        duties = [(c["title"], *cell) for c, cell in zip(columns, row["cells"], strict=True)]
        row["duties"] = sorted(duties, key=lambda d: PHONE_ORDER.get(d[1], 9))
    totals = data["totals"]
    titles = {c["pk"]: c["title"] for c in columns}
    overdue_rules = sorted(((titles[pk], n) for pk, n in data["by_rule"].items()),
                           key=lambda x: -(x[1]["overdue"] + x[1]["missed"]))
    months = selectors.last_months(6)
    month_start = timezone.localdate().replace(day=1)
    hazards = selectors.open_hazards(request.user)
    trends = {"labels": [m.strftime("%Y-%m") for m in months], "series": []}
    # Cheap series only: a count of every signed duty would scan the largest table on each cold view.
    for code, label in (("hazards.reported", _("Hazards reported")), ("hazards.closed", _("Hazards closed")),
                        ("incidents.filed", _("Incidents filed"))):
        values = selectors.monthly(code, roots, months)
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
    query = request.GET.copy()
    query.pop("page", None)
    return {
        "page": page, "rows": rows, "heat_rows": heatmap.table_rows(rows), "heat_cards": heatmap.phone_cards(rows),
        "columns": columns, "schools_count": len(schools), "totals": totals,
        "shown_count": len(shown), "filters": filters, "centrals": _centrals(schools), "query": query.urlencode(),
        "as_of": data["at"],
        "rate": round(100 * totals.get(Status.MET, 0) / applicable) if applicable else None,
        "overdue_rules": overdue_rules[:8], "late_count": sum(1 for s in schools if s["bad"]),
        "hazards": hazards, "incidents_month": selectors.count_since("incidents.filed", roots, month_start),
        "chart": chart,
    }


@guarded(CAP)
def dashboard(request):
    roots = scope_paths(request.user, CAP)
    if request.GET.get("export") == "xlsx":
        return _export(request, roots)
    return render(request, "reports/dashboard.html", _context(request, roots))


def _export(request, roots: list[str]):
    """The heat map as a spreadsheet: one line per school (filters apply), a status word per duty."""
    from safecampus.core.exports import xlsx_response

    data = summary.get(roots)
    shown, _filters = _filtered(request, data["schools"])
    zh = (get_language() or "").lower().startswith("zh")
    words = {str(k): str(v[2]) for k, v in CELL.items()}
    headers = [_("School"), _("Done (%)"), *[_title(c) for c in data["columns"]]]
    rows = ([s["name_zh"] if zh and s["name_zh"] else s["name"], s["score"],
             *[words[st] for st in summary.statuses(s, data["columns"])]]
            for s in shown)
    stamp = timezone.localtime(data["at"]).strftime("%Y%m%d-%H%M")
    return xlsx_response(f"duties-{stamp}", headers, rows, title=str(_("Duties")))  # it adds ".xlsx"


@guarded()  # the school itself decides: out of scope 404, without the capability 403
def school(request, pk: int):
    from safecampus.org.models import OrgUnit

    unit = OrgUnit.objects.filter(kind="school").get_visible(request.user, CAP, pk=pk)
    rows = sorted(evaluate(roots=[unit.path]), key=lambda r: (SEVERITY.get(r.status, 9), r.obligation.sort))
    from safecampus.compliance import registry

    may_attest = has_capability(request.user, "compliance.attest", unit.path)
    items = []
    for r in rows:
        kind = registry.EVIDENCE.get(r.obligation.evidence_kind)
        items.append({"row": r, "evidence": kind.label if kind else r.obligation.evidence_kind,
                      "can_attest": may_attest and kind is not None and kind.code == "compliance.attestation"
                      and r.status not in (Status.MET, Status.NOT_APPLICABLE)})
    totals = Counter(r.status for r in rows)
    months = selectors.last_months(6)
    trends = {"labels": [m.strftime("%Y-%m") for m in months], "series": []}
    for code, label in (("hazards.reported", _("Hazards reported")), ("hazards.closed", _("Hazards closed"))):
        values = selectors.monthly(code, [unit.path], months)
        if values is not None:
            trends["series"].append({"label": str(label), "data": values})
    return render(request, "reports/school.html", {"school": unit, "items": items, "totals": totals,
                                                   "chart": {"trends": trends}})



def dashboard_panel(request) -> dict | None:
    """Home, for the central school and the authority: who is behind, one tap from the heat map."""
    if not has_capability(request.user, CAP):
        return None
    data = summary.get(scope_paths(request.user, CAP))
    zh = (get_language() or "").lower().startswith("zh")
    late = [{"id": s["id"], "name": s["name_zh"] if zh and s["name_zh"] else s["name"], "bad": s["bad"],
             "score": s["score"]} for s in data["schools"] if s["bad"]]
    return {"template": "reports/_home_panel.html", "late": late[:5], "late_count": len(late),
            "schools": len(data["schools"]), "totals": data["totals"]}
