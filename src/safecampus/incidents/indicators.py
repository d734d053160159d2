"""Assessment indicators, veto items and reward records of incident reporting (ASM-6).

Read by the assessment app's registry; nothing here imports it (see hazards/indicators.py for the
shape). Veto functions return ``{record unit path: count}``: any count sinks the school's result.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime, time
from urllib.parse import urlencode

from django.db.models import Count, Q
from django.urls import reverse

from safecampus.core.scoping import path_q

from .choices import RecordKind, Severity, at_least
from .models import AccountabilityRecord, Incident, InfoReport
from .selectors import with_current
from .services.info import due_day


def _next_month(month: date) -> date:
    return month.replace(year=month.year + 1, month=1) if month.month == 12 else month.replace(month=month.month + 1)


def _months_due(ctx) -> dict[date, datetime]:
    """Months of the period whose report was due by the day assessed, with the moment it was due."""
    out = {}
    month = ctx.start.replace(day=1)
    while month <= ctx.end:
        due = _next_month(month).replace(day=due_day())
        if due <= ctx.day and month >= ctx.start.replace(day=1):
            out[month] = datetime.combine(due, time(23, 59, 59), tzinfo=ctx.zone)
        month = _next_month(month)
    return out


def info_reports_on_time(ctx) -> dict[str, tuple[int, int]]:
    """Monthly information reports sent by the due day, of the months due (every school owes each)."""
    months = _months_due(ctx)
    if not months:
        return {}
    done: dict[str, int] = defaultdict(int)
    rows = InfoReport.objects.filter(path_q("org_unit__path", ctx.roots), month__in=list(months)).order_by()
    for path, month, submitted in rows.values_list("org_unit__path", "month", "submitted_at"):
        done[path] += submitted <= months[month]
    return {s["path"]: (done.get(s["path"], 0), len(months)) for s in ctx.schools}


def _incidents(ctx):
    return Incident.objects.filter(path_q("org_unit__path", ctx.roots), occurred_at__gte=ctx.start_at,
                                   occurred_at__lt=ctx.end_at).order_by()


def filed_on_time(ctx) -> dict[str, tuple[int, int]]:
    rows = _incidents(ctx).values("org_unit__path").annotate(total=Count("id"), done=Count("id", filter=Q(late=False)))
    return {r["org_unit__path"]: (r["done"], r["total"]) for r in rows}


def late_reports(ctx) -> dict[str, int]:
    """Incidents reported after the deadline (迟报)."""
    return dict(_incidents(ctx).filter(late=True).values_list("org_unit__path").annotate(n=Count("id")))


def concealed_reports(ctx) -> dict[str, int]:
    """A zero monthly report for a month in which an incident of the school occurred (瞒报)."""
    zero = set(InfoReport.objects.filter(path_q("org_unit__path", ctx.roots), zero=True,
                                         month__gte=ctx.start.replace(day=1), month__lte=ctx.end)
               .order_by().values_list("org_unit__path", "month"))
    if not zero:
        return {}
    out: dict[str, int] = defaultdict(int)
    for path, occurred in _incidents(ctx).values_list("org_unit__path", "occurred_at"):
        if (path, occurred.astimezone(ctx.zone).date().replace(day=1)) in zero:
            out[path] += 1
    return dict(out)


def negligent_serious(ctx) -> dict[str, int]:
    """A serious incident or worse for which someone was punished (责任事故: negligence established)."""
    serious = [s.value for s in Severity if at_least(s.value, Severity.SERIOUS)]
    rows = (with_current(_incidents(ctx)).filter(cur_severity__in=serious, accountability__kind=RecordKind.PUNISHMENT)
            .values("org_unit__path").annotate(n=Count("id", distinct=True)))
    return {r["org_unit__path"]: r["n"] for r in rows}


def rewards(roots: list[str], start: date, end: date) -> list[dict]:
    """Reward records decided in the period (commendations link to them)."""
    rows = (AccountabilityRecord.objects.filter(path_q("org_unit__path", roots), kind=RecordKind.REWARD,
                                                decided_on__gte=start, decided_on__lte=end)
            .select_related("org_unit").order_by("-decided_on", "-id"))
    return [{"id": r.pk, "unit_id": r.org_unit_id, "person": r.person, "measure": r.measure,
             "decided_on": r.decided_on, "url": f"{reverse('incidents:records')}?{urlencode({'unit': r.org_unit_id})}"}
            for r in rows]


def _between(start: date, end: date) -> dict:
    return {"since": start.isoformat(), "until": end.isoformat()}


def info_evidence(unit_id: int, start, end) -> str:
    return f"{reverse('incidents:info-reports')}?{urlencode({'unit': unit_id})}"


def concealed_evidence(unit_id: int, start, end) -> str:
    return f"{reverse('incidents:info-reports')}?{urlencode({'unit': unit_id, 'zero': 'true'})}"


def late_evidence(unit_id: int, start, end) -> str:
    return f"{reverse('incidents:late')}?{urlencode({'unit': unit_id, **_between(start, end)})}"


def incidents_evidence(unit_id: int, start, end) -> str:
    return f"{reverse('incidents:list')}?{urlencode({'unit': unit_id, **_between(start, end)})}"


INDICATORS = [
    {"code": "incidents.info_reports_on_time", "chapter": "incidents", "weight": 10,
     "title": "Monthly information reports sent on time", "title_zh": "安全信息月报按时报送",
     "compute": info_reports_on_time, "evidence": info_evidence},
    {"code": "incidents.filed_on_time", "chapter": "incidents", "weight": 10,
     "title": "Incidents reported within the deadline", "title_zh": "安全事故按时上报",
     "compute": filed_on_time, "evidence": late_evidence},
]

VETOES = [
    {"code": "incidents.late_report", "effect": "cap", "cap": 60,
     "title": "An incident reported late", "title_zh": "事故迟报",
     "compute": late_reports, "evidence": late_evidence},
    {"code": "incidents.concealed_report", "effect": "zero", "cap": 0,
     "title": "An incident concealed (a zero report for its month)", "title_zh": "事故瞒报",
     "compute": concealed_reports, "evidence": concealed_evidence},
    {"code": "incidents.negligent_serious", "effect": "zero", "cap": 0,
     "title": "A serious incident through negligence", "title_zh": "发生较大及以上责任事故",
     "compute": negligent_serious, "evidence": incidents_evidence},
]

REWARDS = rewards
