"""The monthly safety report of a school, and the summary of a central school's schools.

Counts come from the other apps' declared evidence kinds and archive kinds (compliance and
core registries), one grouped query per measure for all schools at once; duties met come from
the obligations engine at the month's last day. A measure whose app is not installed is left out.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date, timedelta

from django.db import DatabaseError
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from safecampus.compliance import registry as evidence
from safecampus.core import archive as archive_registry
from safecampus.core.scoping import path_q

from . import charts

log = logging.getLogger(__name__)
TREND_MONTHS = 6


@dataclass(frozen=True)
class Measure:
    code: str
    label: object
    source: str            # "evidence:<code>" or "archive:<code>"


MEASURES = [
    Measure("hazards_found", gettext_lazy("Hazards found"), "evidence:hazards.reported"),
    Measure("hazards_closed", gettext_lazy("Hazards closed"), "evidence:hazards.closed"),
    Measure("incidents", gettext_lazy("Incidents filed"), "evidence:incidents.filed"),
    Measure("drills", gettext_lazy("Drills held"), "evidence:readiness.drill"),
    Measure("lessons", gettext_lazy("Safety lessons"), "evidence:education.lesson"),
    Measure("training", gettext_lazy("Staff training sessions"), "archive:education.training"),
    Measure("canteen_sampled", gettext_lazy("Canteen days with every sample kept"), "evidence:canteen.sample_day"),
    Measure("canteen_accompanied", gettext_lazy("Canteen days with a leader at the meal"),
            "evidence:canteen.accompanied_day"),
]
DUTIES = ("duties_met", "duties_owed")


def labels() -> dict[str, str]:
    out = {m.code: str(m.label) for m in MEASURES}
    out.update({"duties_met": _("Duties met"), "duties_owed": _("Duties owed")})
    return out


def month_end(month: date) -> date:
    return (month + timedelta(days=32)).replace(day=1) - timedelta(days=1)


def _evidence_rows(code: str, root: str, start: date, end: date) -> list[tuple[str, int]] | None:
    from django.apps import apps

    kind = evidence.EVIDENCE.get(code)
    if kind is None:
        return None
    model = apps.get_model(kind.model)
    lookup = getattr(model, "scope_path_lookup", "org_unit__path")
    qs = (model._default_manager.filter(**kind.base_filter).filter(path_q(lookup, [root]))
          .filter(archive_registry.in_range(model, kind.date_field, start, end)))
    return list(qs.order_by().values_list(lookup).annotate(n=Count("pk")))


def _archive_rows(code: str, unit, start: date, end: date) -> list[tuple[str, int]] | None:
    kind = archive_registry.KINDS.get(code)
    if kind is None:
        return None
    qs = kind.records(unit, start, end)
    lookup = getattr(qs.model, "scope_path_lookup", "org_unit__path")
    return list(qs.order_by().values_list(lookup).annotate(n=Count("pk")))


def _counts(measure: Measure, unit, start: date, end: date) -> list[tuple[str, int]] | None:
    source, code = measure.source.split(":", 1)
    try:
        if source == "evidence":
            return _evidence_rows(code, unit.path, start, end)
        return _archive_rows(code, unit, start, end)
    except (LookupError, DatabaseError):
        log.warning("measure %s not readable", measure.code)
        return None


def _school_of(path: str, schools: dict[str, dict]) -> dict | None:
    parts = [p for p in path.strip("/").split("/") if p]
    for i in range(len(parts), 0, -1):
        found = schools.get("/" + "/".join(parts[:i]) + "/")
        if found is not None:
            return found
    return None


def _schools(unit) -> list[dict]:
    from safecampus.org.models import OrgUnit

    qs = OrgUnit.objects.filter(kind="school").filter(path__startswith=unit.path).order_by("path")
    zh = (get_language() or "").lower().startswith("zh")
    return [{"id": u.pk, "path": u.path, "name": u.name_zh if zh and u.name_zh else u.name}
            for u in qs.only("pk", "path", "name", "name_zh")]


def _duties(unit, schools: dict[str, dict], end: date) -> bool:
    from safecampus.compliance.choices import Status
    from safecampus.compliance.engine import evaluate

    try:
        rows = evaluate(roots=[unit.path], day=min(end, timezone.localdate()))
    except DatabaseError:
        return False
    for row in rows:
        school = _school_of(row.unit["path"], schools)
        if school is None or row.status == Status.NOT_APPLICABLE:
            continue
        school["values"]["duties_owed"] += 1
        if row.status == Status.MET:
            school["values"]["duties_met"] += 1
    return True


def _trend(unit, month: date) -> dict:
    """Hazards found and closed over the last months (the chart under the table)."""
    months = [month]
    for _i in range(TREND_MONTHS - 1):
        months.insert(0, (months[0] - timedelta(days=1)).replace(day=1))
    series = {}
    for measure in MEASURES[:2]:
        values = []
        for first in months:
            rows = _counts(measure, unit, first, month_end(first))
            if rows is None:
                break
            values.append(sum(n for _p, n in rows))
        else:
            series[measure.code] = values
    return {"months": [m.strftime("%Y-%m") for m in months], "series": series}


def compute(unit, month: date) -> dict:
    """The report's numbers, as JSON (kept with the report; labels are added when it is drawn)."""
    end = month_end(month)
    listed = _schools(unit)
    by_path = {s["path"]: s for s in listed}
    for school in listed:
        school["values"] = dict.fromkeys([m.code for m in MEASURES] + list(DUTIES), 0)
    shown: list[str] = []
    for measure in MEASURES:
        rows = _counts(measure, unit, month, end)
        if rows is None:
            continue
        shown.append(measure.code)
        for path, n in rows:
            school = _school_of(path, by_path)
            if school is not None:
                school["values"][measure.code] += n
    if _duties(unit, by_path, end):
        shown.extend(DUTIES)
    totals = {code: sum(s["values"][code] for s in listed) for code in shown}
    zh = (get_language() or "").lower().startswith("zh")
    return {"org_unit": unit.pk, "unit_name": unit.name_zh if zh and unit.name_zh else unit.name,
            "scope": "school" if unit.kind == "school" else "central", "month": month.strftime("%Y-%m"),
            "measures": shown, "totals": totals,
            "schools": [{"id": s["id"], "name": s["name"], "values": {c: s["values"][c] for c in shown}}
                        for s in listed],
            "trend": _trend(unit, month), "computed_at": timezone.now().isoformat()}


def _rate(values: dict) -> str:
    owed = values.get("duties_owed")
    if not owed:
        return "—"
    return f"{round(100 * values.get('duties_met', 0) / owed)}%"


def render_pdf(data: dict) -> bytes:
    from safecampus.core.pdf import render_pdf as pdf

    names = labels()
    measures = [(code, names[code]) for code in data["measures"]]
    totals_chart = charts.bars([names[c] for c in data["measures"] if c not in DUTIES],
                               [data["totals"][c] for c in data["measures"] if c not in DUTIES])
    trend = data["trend"]
    trend_chart = charts.lines(trend["months"], [(names[c], v) for c, v in trend["series"].items()]) \
        if trend["series"] else ""
    per_school = ""
    if data["scope"] == "central" and "hazards_found" in data["measures"]:
        per_school = charts.grouped([s["name"] for s in data["schools"]],
                                    [(names[c], [s["values"][c] for s in data["schools"]])
                                     for c in ("hazards_found", "hazards_closed") if c in data["measures"]])
    return pdf("reports/monthly_pdf.html", {
        "data": data, "measures": measures, "rows": [(s, [s["values"][c] for c, _l in measures], _rate(s["values"]))
                                                     for s in data["schools"]],
        "total_rate": _rate(data["totals"]), "summary": [(label, data["totals"][c]) for c, label in measures],
        "generated": data["computed_at"][:16].replace("T", " "),
        "totals_chart": totals_chart, "trend_chart": trend_chart, "per_school_chart": per_school})


def render_xlsx(data: dict) -> bytes:
    from safecampus.core.exports import xlsx_bytes

    names = labels()
    codes = data["measures"]
    headers = [_("School"), *[names[c] for c in codes], _("Duties met (%)")]
    rows = [[s["name"], *[s["values"][c] for c in codes], _rate(s["values"])] for s in data["schools"]]
    rows.append([_("Total"), *[data["totals"][c] for c in codes], _rate(data["totals"])])
    trend = data["trend"]
    trend_rows = [[m, *[values[i] for values in trend["series"].values()]] for i, m in enumerate(trend["months"])]
    return xlsx_bytes([(data["month"], headers, rows),
                       (_("Trend"), [_("Month"), *[names[c] for c in trend["series"]]], trend_rows)])


