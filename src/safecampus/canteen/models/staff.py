"""The canteen's licence, its staff with their health certificates, the day's roster and training."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from safecampus.core.models import ScopedModel

from ..choices import Grade


def _default_meals() -> list[str]:
    return ["lunch"]


class Canteen(ScopedModel):
    """A school's canteen: its food business licence, quantitative grade and the meals it serves."""

    name = models.CharField(_("name"), max_length=100)
    licence_no = models.CharField(_("licence number"), max_length=60, blank=True)
    grade = models.CharField(_("quantitative grade"), max_length=1, choices=Grade.choices, blank=True)
    licence_expires = models.DateField(_("licence expires"), null=True, blank=True)
    meals_served = models.JSONField(_("meals served"), default=_default_meals)

    class Meta:
        verbose_name = _("canteen")
        verbose_name_plural = _("canteens")
        constraints = [models.UniqueConstraint(fields=["org_unit"], name="canteen_one_per_school")]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("canteen:licence")


class CanteenStaff(ScopedModel):
    """A canteen worker. Fit for work only while the health certificate is valid."""

    name = models.CharField(_("name"), max_length=60)
    post = models.CharField(_("post"), max_length=60, blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    health_certificate_no = models.CharField(_("health certificate number"), max_length=60, blank=True)
    health_certificate_expires = models.DateField(_("health certificate expires"))
    active = models.BooleanField(_("employed"), default=True)

    class Meta:
        verbose_name = _("canteen staff member")
        verbose_name_plural = _("canteen staff")
        indexes = [models.Index(fields=["org_unit", "health_certificate_expires"], name="canteen_staff_expiry")]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("canteen:staff-detail", args=[self.pk])

    def fit_on(self, day) -> bool:
        return self.active and self.health_certificate_expires >= day


class RosterEntry(ScopedModel):
    """Who works in the canteen on a day; only a worker fit for work on that day can be put on it."""

    date = models.DateField(_("date"))
    staff = models.ForeignKey(CanteenStaff, on_delete=models.PROTECT, related_name="roster",
                              verbose_name=_("staff member"))
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("roster entry")
        verbose_name_plural = _("roster")
        constraints = [models.UniqueConstraint(fields=["staff", "date"], name="canteen_roster_once")]


class StaffTraining(ScopedModel):
    staff = models.ForeignKey(CanteenStaff, on_delete=models.PROTECT, related_name="trainings",
                              verbose_name=_("staff member"))
    topic = models.CharField(_("topic"), max_length=200)
    held_on = models.DateField(_("held on"))
    hours = models.DecimalField(_("hours"), max_digits=5, decimal_places=1)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("staff training")
        verbose_name_plural = _("staff training")
