"""Safety funds (EMG-4): budget lines per school year and what was spent against them."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from safecampus.core import audit, inputs
from safecampus.core.concurrency import lock
from safecampus.core.errors import Conflict
from safecampus.core.files import store
from safecampus.core.permissions import require
from safecampus.core.scoping import ensure_in_scope

from ..models import FundLine, FundSpending
from .common import school_unit

MANAGE = "readiness.manage"
MAX_AMOUNT = 10**9


def _money(value, field: str, *, minimum: int = 0) -> Decimal:
    amount = inputs.number(value, field, minimum=minimum, maximum=MAX_AMOUNT, integer=False)
    return amount.quantize(Decimal("0.01"))


@transaction.atomic
def create_fund_line(*, actor, org_unit, year, line: str, budget, spent=0) -> FundLine:
    """A budget line; ``spent`` already (the API's shortcut) is recorded as a first spending."""
    unit = school_unit(org_unit)
    require(actor, MANAGE, unit)
    year = inputs.year(year)
    line = inputs.text(line, "line", max_length=100)
    budget = _money(budget, "budget")
    spent = _money(spent or 0, "spent")
    try:
        with transaction.atomic():
            fund = FundLine.objects.create(org_unit=unit, year=year, line=line, budget=budget)
    except IntegrityError:
        raise Conflict(_("This school has this budget line for the year already.")) from None
    ensure_in_scope(actor, MANAGE, fund)
    audit.record("readiness.fund_created", actor=actor, obj=fund,
                 changes={"year": [None, year], "line": [None, line], "budget": [None, str(budget)]})
    if spent:
        record_spending(fund, actor=actor, amount=spent, spent_on=timezone.localdate(),
                        note=_("Spent before recording"))
    return fund


@transaction.atomic
def record_spending(fund: FundLine, *, actor, amount, spent_on: date | str, note: str = "",
                    receipt=None, expected_version: int | None = None) -> FundSpending:
    fund = lock(FundLine, fund.pk, expected_version)
    require(actor, MANAGE, fund.org_unit)
    spending = FundSpending.objects.create(org_unit_id=fund.org_unit_id, fund=fund,
                                           amount=_money(amount, "amount", minimum=1),
                                           spent_on=inputs.date(spent_on, "spent_on"),
                                           note=inputs.text(note, "note", required=False, max_length=300),
                                           recorded_by=actor)
    if receipt is not None:
        store(receipt, target=spending, actor=actor, purpose="receipt", field="receipt")
    ensure_in_scope(actor, MANAGE, spending)
    audit.record("readiness.spending_recorded", actor=actor, obj=spending,
                 changes={"line": [None, fund.line], "amount": [None, str(spending.amount)]})
    return spending
