from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from safecampus.core.models import ScopedModel

from .base import AppendOnlyModel, AppendOnlyQuerySet


class InfoReport(AppendOnlyModel, ScopedModel):
    """INC-6: a school's monthly safety information report; ``zero`` when nothing happened."""

    month = models.DateField(_("month"))  # the first day of the month reported on
    zero = models.BooleanField(_("zero report"), default=False)
    incidents_count = models.PositiveIntegerField(_("incidents"), default=0)
    hazards_found = models.PositiveIntegerField(_("hazards found"), default=0)
    summary = models.TextField(_("summary"), blank=True)
    submitted_at = models.DateTimeField(_("submitted at"), db_index=True)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        ordering = ["-month", "org_unit__path"]
        verbose_name = _("safety information report")
        constraints = [models.UniqueConstraint(fields=["org_unit", "month"], name="info_report_once")]

    def __str__(self) -> str:
        return f"{self.org_unit} {self.month:%Y-%m}"

    def get_absolute_url(self) -> str:
        return reverse("incidents:info-reports")
