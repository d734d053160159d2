"""Incidents at scale: every school's monthly safety information report, and a few incidents.

Most months are reported in the first days of the next month, most of them zero reports;
about one school in three had a (general) incident this year, filed in time.
"""

from __future__ import annotations

from datetime import date, timedelta

from safecampus.core.scale import ScaleContext, insert_rows

from .choices import Kind, Severity
from .models import Incident, IncidentState, InfoReport

SUMMARIES = ["学生课间追逐摔倒，膝盖擦伤，已送校医室处理并通知家长。",
             "体育课学生扭伤脚踝，已送医检查，无骨折。",
             "放学时段校门口两车轻微剐蹭，无人员受伤，已报交警处理。"]


def seed_at_scale(ctx: ScaleContext) -> None:
    ctx.counts["info_reports"] = insert_rows(InfoReport, _info_reports(ctx))
    _incidents(ctx)


def _months(ctx: ScaleContext) -> list[date]:
    out, month = [], ctx.year_start
    while month <= ctx.today:
        out.append(month)
        month = date(month.year + (month.month == 12), month.month % 12 + 1, 1)
    return out


def _info_reports(ctx: ScaleContext):
    rng = ctx.rng
    for month in _months(ctx)[:-1]:   # the current month is reported next month
        nxt = date(month.year + (month.month == 12), month.month % 12 + 1, 1)
        for s in ctx.schools:
            if not ctx.done():
                continue
            sent = nxt + timedelta(days=rng.randint(0, 7))
            if sent > ctx.today:
                continue
            hazards = rng.choice([0, 0, 1, 2, 3])
            yield {"org_unit_id": s["id"], "month": month, "zero": hazards == 0, "hazards_found": hazards,
                   "incidents_count": 0, "summary": "本月无安全事故。" if hazards == 0 else "本月发现隐患已整改。",
                   "submitted_at": ctx.moment(sent), "submitted_by_id": ctx.officer[s["id"]]}


def _incidents(ctx: ScaleContext) -> None:
    rng = ctx.rng
    days = max((ctx.today - ctx.year_start).days, 1)
    made = []
    for s in ctx.schools:
        if rng.random() > 0.33:
            continue
        occurred = ctx.moment(ctx.year_start + timedelta(days=rng.randint(0, days - 1)))
        filed = occurred + timedelta(minutes=rng.randint(10, 50))
        if filed > ctx.now:
            continue
        made.append(Incident(
            org_unit_id=s["id"], reporter_id=ctx.officer[s["id"]], kind=Kind.CASUALTY_ACCIDENT,
            severity=Severity.GENERAL, occurred_at=occurred, location="操场", summary=rng.choice(SUMMARIES),
            first_actions="立即送校医室处理，通知家长。", injured=1, filed_at=filed,
            first_report_minutes=60, written_report_minutes=1440, report_deadline=occurred + timedelta(minutes=60),
            written_report_deadline=occurred + timedelta(minutes=1440)))
    # Incidents are few: the ORM's bulk insert gives back their ids for their state rows.
    created = Incident.objects.bulk_create(made, batch_size=2000)
    IncidentState.objects.bulk_create([IncidentState(incident=i, status="closed", written_report_at=i.filed_at
                                                     + timedelta(hours=20), closed_at=i.filed_at + timedelta(days=7))
                                       for i in created], batch_size=2000)
    ctx.counts["incidents"] = len(created)
