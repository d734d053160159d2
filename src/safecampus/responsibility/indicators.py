"""Assessment indicator of responsibility letters (see hazards/indicators.py for the shape)."""

from __future__ import annotations

from urllib.parse import urlencode

from django.db.models import Count, Q
from django.urls import reverse

from safecampus.core.scoping import path_q

from .choices import LetterStatus
from .models import ResponsibilityLetter


def letters_signed(ctx) -> dict[str, tuple[int, int]]:
    """Letters of the school year signed, of all issued for it (a letter sits on its recipient's unit)."""
    rows = (ResponsibilityLetter.objects.filter(path_q("org_unit__path", ctx.roots), year=ctx.start.year)
            .order_by().values("org_unit__path")
            .annotate(total=Count("id"), done=Count("id", filter=Q(status=LetterStatus.SIGNED))))
    return {r["org_unit__path"]: (r["done"], r["total"]) for r in rows}


def letters_evidence(unit_id: int, start, end) -> str:
    query = {"unit": unit_id, "year": start.year, "status": LetterStatus.ISSUED}
    return f"{reverse('responsibility:letter-list')}?{urlencode(query)}"


INDICATORS = [
    {"code": "responsibility.letters_signed", "chapter": "responsibility", "weight": 10,
     "title": "Safety responsibility letters signed", "title_zh": "安全责任书签订",
     "compute": letters_signed, "evidence": letters_evidence},
]
