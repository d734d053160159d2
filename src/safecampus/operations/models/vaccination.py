"""Vaccination-certificate checks of new pupils at admission, and each school year's coverage."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from safecampus.core.models import ScopedModel

from ..choices import VaccinationStatus


class VaccinationCheck(ScopedModel):
    """One look at a pupil's certificate; ``org_unit`` is the pupil's class. The latest one counts."""

    student = models.ForeignKey("org.Student", on_delete=models.PROTECT, related_name="vaccination_checks",
                                verbose_name=_("pupil"))
    status = models.CharField(_("result"), max_length=16, choices=VaccinationStatus.choices)
    checked_on = models.DateField(_("checked on"))
    note = models.TextField(_("note"), blank=True)
    checked_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+",
                                   verbose_name=_("checked by"))
    request_id = models.CharField(max_length=64, blank=True, editable=False)

    class Meta:
        ordering = ["-checked_on", "-id"]
        verbose_name = _("vaccination check")
        indexes = [models.Index(fields=["student", "checked_on"])]
        constraints = [models.UniqueConstraint(fields=["checked_by", "request_id"], condition=~Q(request_id=""),
                                               name="vaccination_check_request_once")]

    def __str__(self) -> str:
        return f"{self.student} {self.checked_on}"

    def get_absolute_url(self) -> str:
        return reverse("operations:vaccination-detail", args=[self.pk])


class VaccinationYear(ScopedModel):
    """Per school and school year: the new pupils and how many were checked. What the obligations engine
    counts (``operations.vaccination_year``): complete on the day the last new pupil was checked."""

    period_start = models.DateField(_("school year from"))
    period_end = models.DateField(_("school year until"))
    total = models.PositiveIntegerField(_("new pupils"), default=0)
    checked = models.PositiveIntegerField(_("checked"), default=0)
    complete = models.BooleanField(_("complete"), default=False)
    complete_on = models.DateField(_("complete on"), null=True, blank=True)

    class Meta:
        ordering = ["-period_start"]
        constraints = [models.UniqueConstraint(fields=["org_unit", "period_start"], name="vaccination_year_once")]

    def __str__(self) -> str:
        return f"{self.org_unit} {self.checked}/{self.total}"
