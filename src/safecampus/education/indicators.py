"""Assessment indicators of staff training and notices to parents (see hazards/indicators.py for the shape)."""

from __future__ import annotations

from urllib.parse import urlencode

from django.db.models import Count, Q, Sum
from django.urls import reverse

from safecampus.core.scoping import path_q

from .choices import Duty
from .models import Coverage, NoticeReceipt


def training_coverage(ctx) -> dict[str, tuple[int, int]]:
    """Staff trained to the yearly minimum, of all staff (the school's coverage record of the year)."""
    rows = (Coverage.objects.filter(path_q("org_unit__path", ctx.roots), duty=Duty.TRAINING_HOURS,
                                    period_start__gte=ctx.start, period_start__lte=ctx.end)
            .order_by().values("org_unit__path").annotate(done=Sum("covered"), total=Sum("total")))
    return {r["org_unit__path"]: (r["done"] or 0, r["total"] or 0) for r in rows}


def notices_acknowledged(ctx) -> dict[str, tuple[int, int]]:
    """Families who acknowledged a notice sent in the period, of all the notices reached (per class)."""
    rows = (NoticeReceipt.objects.filter(path_q("org_unit__path", ctx.roots), notice__sent_on__gte=ctx.start,
                                         notice__sent_on__lte=ctx.end)
            .order_by().values("org_unit__path")
            .annotate(total=Count("id"), done=Count("id", filter=Q(acknowledged_at__isnull=False))))
    return {r["org_unit__path"]: (r["done"], r["total"]) for r in rows}


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
