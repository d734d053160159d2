"""Assessment indicators this app offers (read by the assessment app's registry, ASM-6).

Plain data and set-based functions; nothing here imports the assessment app. Each ``compute(ctx)``
runs over every school of ``ctx.roots`` at once and returns ``{record unit path: (done, total)}``;
the assessment app rolls paths up to their school. ``evidence(unit_id, start, end)`` is the list page
that shows the records behind the number.
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.db.models import Count, F, Q
from django.urls import reverse

from safecampus.core.scoping import path_q

from .choices import OPEN_STATUSES, Level, Status
from .models import Hazard


def _closed(ctx, **extra):
    return (Hazard.objects.filter(path_q("org_unit__path", ctx.roots), closed_at__gte=ctx.start_at,
                                  closed_at__lt=ctx.end_at, **extra).order_by().values("org_unit__path"))


def closed_on_time(ctx) -> dict[str, tuple[int, int]]:
    """Hazards closed in the period by their deadline, against all closed in it plus those still open past it."""
    out: dict[str, list[int]] = {}
    on_time = Q(due_at__isnull=True) | Q(closed_at__lte=F("due_at"))
    for row in _closed(ctx).annotate(total=Count("id"), done=Count("id", filter=on_time)):
        out[row["org_unit__path"]] = [row["done"], row["total"]]
    late_open = (Hazard.objects.filter(path_q("org_unit__path", ctx.roots), status__in=OPEN_STATUSES,
                                       due_at__lt=min(ctx.end_at, ctx.now), reported_at__lt=ctx.end_at)
                 .order_by().values("org_unit__path").annotate(n=Count("id")))
    for row in late_open:
        out.setdefault(row["org_unit__path"], [0, 0])[1] += row["n"]
    return {path: (done, total) for path, (done, total) in out.items()}


def major_signed_off(ctx) -> dict[str, tuple[int, int]]:
    rows = _closed(ctx, level=Level.MAJOR).annotate(total=Count("id"), done=Count("id", filter=Q(signed_off=True)))
    return {r["org_unit__path"]: (r["done"], r["total"]) for r in rows}


def _list(unit_id: int, start, end, **extra) -> str:
    """The ledger filtered to the hazards closed in the period, as the indicators count them."""
    query = {"unit": unit_id, "status": Status.CLOSED, "closed_from": start.isoformat(),
             "closed_to": end.isoformat(), **extra}
    return f"{reverse('hazards:list')}?{urlencode(query)}"


def closed_evidence(unit_id: int, start, end) -> str:
    # What lowers the number: the ones closed after their deadline (those still open past it are
    # the ledger's "Overdue" filter).
    return _list(unit_id, start, end, deadline="missed")


def major_evidence(unit_id: int, start, end) -> str:
    return _list(unit_id, start, end, level=Level.MAJOR)


INDICATORS = [
    {"code": "hazards.closed_on_time", "chapter": "inspections", "weight": 15,
     "title": "Hazards closed by their deadline", "title_zh": "隐患按期整改销号",
     "compute": closed_on_time, "evidence": closed_evidence},
    {"code": "hazards.major_signed_off", "chapter": "inspections", "weight": 5,
     "title": "Major hazards signed off by the central school", "title_zh": "重大隐患经中心校审核销号",
     "compute": major_signed_off, "evidence": major_evidence},
]
