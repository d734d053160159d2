"""The duty roster (who is on duty, who leads, swaps) and the duty log with its handover."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from safecampus.core.models import ScopedModel

from ..choices import Shift


class DutyAssignment(ScopedModel):
    """One person on one shift of one day at a school; ``is_leader`` is the leader on duty (带班领导)."""

    date = models.DateField(_("date"))
    shift = models.CharField(_("shift"), max_length=10, choices=Shift.choices)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="duty_assignments",
                             verbose_name=_("on duty"))
    is_leader = models.BooleanField(_("leader on duty"), default=False)
    swapped_from = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                     related_name="+", verbose_name=_("swapped from"))

    class Meta:
        ordering = ["date", "shift", "-is_leader", "id"]
        verbose_name = _("duty assignment")
        constraints = [models.UniqueConstraint(fields=["org_unit", "date", "shift", "user"],
                                               name="duty_once_per_shift")]
        indexes = [models.Index(fields=["org_unit", "date"])]

    def __str__(self) -> str:
        return f"{self.date} {self.get_shift_display()}"

    def get_absolute_url(self) -> str:
        return reverse("operations:roster")


class DutyLog(ScopedModel):
    """The duty log of one shift: summary, events, or nothing to report; then the handover."""

    date = models.DateField(_("date"))
    shift = models.CharField(_("shift"), max_length=10, choices=Shift.choices)
    leader = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                               verbose_name=_("leader on duty"))
    summary = models.TextField(_("summary"), blank=True)
    events = models.TextField(_("events"), blank=True)
    nothing_to_report = models.BooleanField(_("nothing to report"), default=False)
    written_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+",
                                   verbose_name=_("written by"))
    handed_over_to = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                       related_name="+", verbose_name=_("handed over to"))
    handed_over_at = models.DateTimeField(_("handed over at"), null=True, blank=True)
    handover_note = models.TextField(_("handover note"), blank=True)

    class Meta:
        ordering = ["-date", "shift"]
        verbose_name = _("duty log")
        constraints = [models.UniqueConstraint(fields=["org_unit", "date", "shift"], name="duty_log_once")]

    def __str__(self) -> str:
        return f"{self.date} {self.get_shift_display()}"

    def get_absolute_url(self) -> str:
        return reverse("operations:duty-log-detail", args=[self.pk])
