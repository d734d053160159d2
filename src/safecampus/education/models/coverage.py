"""Per-school coverage of a duty in a period: what the obligations engine counts.

The engine counts records per unit and period. "A before-holiday lesson in every class" and
"every member of staff trained" are facts about a whole school, so each is kept as one row per
school and period, recomputed when a lesson, a notice or a training session is recorded (and by
the daily sweep for staff changes). ``complete_on`` is the day the last class (or member of
staff) was covered, cleared when coverage is lost. The engine counts rows whose ``counts_on``
falls in the rule's period: for a holiday that is the holiday's eve (the last day of every
"before the holiday" window, so a school done early is met for the whole window) unless it was
completed later than that; for training, the day it was complete.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from safecampus.core.models import ScopedModel

from ..choices import Duty


class Coverage(ScopedModel):
    """``org_unit`` is the school."""

    duty = models.CharField(_("duty"), max_length=20, choices=Duty.choices)
    # The period the duty is owed for: a holiday's window, or a school year.
    period_start = models.DateField(_("from"))
    period_end = models.DateField(_("until"))
    total = models.PositiveIntegerField(_("to cover"), default=0)
    covered = models.PositiveIntegerField(_("covered"), default=0)
    complete_on = models.DateField(_("complete on"), null=True, blank=True)
    counts_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["-period_start"]
        constraints = [models.UniqueConstraint(fields=["org_unit", "duty", "period_start"],
                                               name="unique_coverage")]
        indexes = [models.Index(fields=["duty", "counts_on"])]

    def __str__(self) -> str:
        return f"{self.get_duty_display()} {self.covered}/{self.total}"
