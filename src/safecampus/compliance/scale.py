"""Signed duties at scale: every attestation rule, every period of the school year so far."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from safecampus.core.scale import ScaleContext, insert_rows

from .engine import applies, zone
from .models import Attestation, Obligation
from .periods import CalendarIndex, period_span


def seed_at_scale(ctx: ScaleContext) -> None:
    rules = list(Obligation.objects.filter(org_unit=ctx.authority, active=True,
                                           evidence_kind="compliance.attestation"))
    cal = CalendarIndex().calendar_for(ctx.authority.path)
    shanghai = zone("Asia/Shanghai")

    def rows():
        for rule in rules:
            spans, day = [], ctx.year_start
            while day <= ctx.today:
                span = period_span(rule.period, rule.period_days, cal, day)
                if span and (not spans or spans[-1] != span):
                    spans.append(span)
                day = (span[1] if span and span[1] >= day else day) + timedelta(days=1)
            owing = [s for s in ctx.schools if applies(rule, s)]
            for start, end in spans:
                last = min(end, ctx.today)
                if last < start:
                    continue
                for school in owing:
                    if not ctx.done():
                        continue
                    done_on: date = start + timedelta(days=ctx.rng.randint(0, (last - start).days))
                    yield {"org_unit_id": school["id"], "obligation_id": rule.pk, "rule_code": rule.code,
                           "performed_on": done_on, "signed_by_id": ctx.officer[school["id"]],
                           "signed_at": _at(done_on, shanghai)}

    ctx.counts["attestations"] = insert_rows(Attestation, rows())


def _at(day: date, tz) -> datetime:
    return datetime.combine(day, time(17), tz)
