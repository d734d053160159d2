"""Assessment indicators of staff training and notices to parents (see hazards/indicators.py for the shape)."""

from __future__ import annotations

from urllib.parse import urlencode

from django.db.models import Count, Q, Sum
from django.urls import reverse

from safecampus.core.scoping import path_q

from .choices import Duty
from .models import Coverage, NoticeReceipt, ParentNotice


def training_coverage(ctx) -> dict[str, tuple[int, int]]:
    """Staff trained to the yearly minimum, of all staff (the school's coverage record of the year)."""
    rows = (Coverage.objects.filter(path_q("org_unit__path", ctx.roots), duty=Duty.TRAINING_HOURS,
                                    period_start__gte=ctx.start, period_start__lte=ctx.end)
            .order_by().values("org_unit__path").annotate(done=Sum("covered"), total=Sum("total")))
    return {r["org_unit__path"]: (r["done"] or 0, r["total"] or 0) for r in rows}


def notices_acknowledged(ctx) -> dict[str, tuple[int, int]]:
    """Families who acknowledged a notice sent in the period, of all the notices reached.

    Counted per notice on the receipts' (notice, unit, acknowledged) index, then laid on the notice's
    audience (a class, a grade or the school: always inside the school), so the receipts are never joined
    to the unit tree.
    """
    notices = dict(ParentNotice.objects.filter(path_q("org_unit__path", ctx.roots), sent_on__gte=ctx.start,
                                               sent_on__lte=ctx.end).order_by().values_list("id", "org_unit__path"))
    if not notices:
        return {}
    rows = (NoticeReceipt.objects.filter(notice_id__in=list(notices)).order_by().values("notice_id")
            .annotate(total=Count("id"), done=Count("id", filter=Q(acknowledged_at__isnull=False))))
    out: dict[str, list[int]] = {}
    for r in rows:
        pair = out.setdefault(notices[r["notice_id"]], [0, 0])
        pair[0] += r["done"]
        pair[1] += r["total"]
    return {path: (done, total) for path, (done, total) in out.items()}


def training_evidence(unit_id: int, start, end) -> str:
    return f"{reverse('education:training-coverage-page')}?{urlencode({'unit': unit_id})}"


def notices_evidence(unit_id: int, start, end) -> str:
    return f"{reverse('education:notices')}?{urlencode({'unit': unit_id})}"


INDICATORS = [
    {"code": "education.training_coverage", "chapter": "education", "weight": 10,
     "title": "Staff trained to the yearly minimum", "title_zh": "教职工安全培训覆盖率",
     "compute": training_coverage, "evidence": training_evidence},
    {"code": "education.notices_acknowledged", "chapter": "education", "weight": 5,
     "title": "Notices to parents acknowledged", "title_zh": "家长告知书回执率",
     "compute": notices_acknowledged, "evidence": notices_evidence},
]
