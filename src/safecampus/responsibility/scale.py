"""Responsibility at scale: this school year's letters signed down the tree, and safety meetings.

The central school issues a letter to each principal, the principal one to every member of
staff, in the first days of the year; most are signed within a month. Each school holds its
start-of-semester safety meeting (most within the first two weeks), and each central school
its conference.
"""

from __future__ import annotations

from datetime import timedelta

from safecampus.core.scale import ScaleContext, insert_rows

from .choices import LetterLevel, LetterStatus, MeetingKind
from .models import Meeting, ResponsibilityLetter

DUTIES = "落实安全工作“一岗双责”；做好本岗位安全教育、检查和隐患报告；发生事故立即报告，不得迟报、漏报、瞒报。"


def seed_at_scale(ctx: ScaleContext) -> None:
    ctx.counts["letters"] = insert_rows(ResponsibilityLetter, _letters(ctx))
    ctx.counts["meetings"] = insert_rows(Meeting, _meetings(ctx))


def _letters(ctx: ScaleContext):
    rng, year = ctx.rng, ctx.year_start.year
    issued = ctx.moment(ctx.year_start + timedelta(days=2))
    for s in ctx.schools:
        central, principal = s["parent_id"], ctx.principal[s["id"]]
        pairs = [(central, ctx.central_user[central], principal, LetterLevel.SCHOOL, "学校安全工作目标责任书")]
        pairs += [(s["id"], principal, user, LetterLevel.POST, "教职工岗位安全责任书")
                  for user in ctx.staff_users[s["id"]][1:]]
        for issuer_unit, issuer, recipient, level, title in pairs:
            signed_on = ctx.year_start + timedelta(days=rng.randint(3, 40))
            signed = signed_on <= ctx.today and rng.random() < 0.92
            yield {"org_unit_id": s["id"], "issuer_unit_id": issuer_unit, "issued_by_id": issuer,
                   "recipient_id": recipient, "recipient_name": str(recipient), "level": level, "year": year,
                   "title": f"{year}-{year + 1}学年{title}", "duties": DUTIES,
                   "status": LetterStatus.SIGNED if signed else LetterStatus.ISSUED, "issued_at": issued,
                   "signed_at": ctx.moment(signed_on) if signed else None, "signed_name": "已签" if signed else ""}


def _meetings(ctx: ScaleContext):
    rng = ctx.rng
    starts = [start for start, _end in ctx.semesters if ctx.year_start <= start <= ctx.today]
    units = [(s["id"], ctx.officer[s["id"]], "开学安全工作会议") for s in ctx.schools]
    units += [(c.pk, ctx.central_user[c.pk], "中心校安全工作会议") for c in ctx.centrals]
    for start in starts:
        for unit_id, recorder, title in units:
            if not ctx.done():
                continue
            held = start + timedelta(days=rng.randint(0, 13) if rng.random() < 0.9 else rng.randint(14, 30))
            if held > ctx.today:
                continue
            yield {"org_unit_id": unit_id, "kind": MeetingKind.START_OF_YEAR, "title": title,
                   "held_at": ctx.moment(held), "location": "会议室", "recorded_by_id": recorder,
                   "minutes": "传达上级安全工作文件，部署本学期安全工作，明确分工和责任。"}
