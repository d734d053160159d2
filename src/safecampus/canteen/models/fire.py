"""The fire equipment register, its checks, the month's record, and checks of evacuation routes."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from safecampus.core.models import ScopedModel

from ..choices import CheckResult, EquipmentKind, EquipmentStatus


class FireEquipment(ScopedModel):
    kind = models.CharField(_("kind"), max_length=20, choices=EquipmentKind.choices)
    building = models.CharField(_("building"), max_length=100, blank=True)
    location = models.CharField(_("location"), max_length=200)
    model = models.CharField(_("type"), max_length=100, blank=True)
    expires = models.DateField(_("expires"), null=True, blank=True)
    # What the printed QR label holds: unguessable, unique across the district.
    code = models.CharField(_("label code"), max_length=32, unique=True)
    status = models.CharField(_("status"), max_length=16, choices=EquipmentStatus.choices,
                              default=EquipmentStatus.IN_SERVICE)
    last_checked_at = models.DateTimeField(_("last checked"), null=True, blank=True)
    last_result = models.CharField(_("last result"), max_length=8, choices=CheckResult.choices, blank=True)

    class Meta:
        verbose_name = _("fire equipment")
        verbose_name_plural = _("fire equipment")
        indexes = [models.Index(fields=["org_unit", "status", "last_checked_at"], name="canteen_fire_due")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.location}"

    def get_absolute_url(self) -> str:
        return reverse("canteen:fire-detail", args=[self.pk])


class FireCheck(ScopedModel):
    equipment = models.ForeignKey(FireEquipment, on_delete=models.PROTECT, related_name="checks",
                                  verbose_name=_("equipment"))
    result = models.CharField(_("result"), max_length=8, choices=CheckResult.choices)
    note = models.CharField(_("note"), max_length=500, blank=True)
    checked_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                                   verbose_name=_("checked by"))
    checked_at = models.DateTimeField(_("checked at"))
    hazard = models.ForeignKey("hazards.Hazard", null=True, blank=True, on_delete=models.PROTECT,
                               related_name="+", verbose_name=_("hazard"))

    class Meta:
        verbose_name = _("fire equipment check")
        verbose_name_plural = _("fire equipment checks")
        indexes = [models.Index(fields=["equipment", "-checked_at"], name="canteen_firecheck_item")]


class FireMonth(ScopedModel):
    """A school's month of fire equipment checks: the evidence of the monthly obligation once
    every item in service was checked in it."""

    month = models.DateField(_("month"))  # its first day
    items = models.PositiveIntegerField(_("items"), default=0)
    checked = models.PositiveIntegerField(_("items checked"), default=0)
    complete = models.BooleanField(_("every item checked"), default=False)

    class Meta:
        verbose_name = _("month of fire equipment checks")
        verbose_name_plural = _("months of fire equipment checks")
        constraints = [models.UniqueConstraint(fields=["org_unit", "month"], name="canteen_fire_month_once")]


class ExitCheck(ScopedModel):
    """An evacuation route or exit looked at: clear, or blocked (which opens a hazard)."""

    place = models.CharField(_("route or exit"), max_length=200)
    clear = models.BooleanField(_("clear"))
    note = models.CharField(_("note"), max_length=500, blank=True)
    checked_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                                   verbose_name=_("checked by"))
    checked_at = models.DateTimeField(_("checked at"))
    hazard = models.ForeignKey("hazards.Hazard", null=True, blank=True, on_delete=models.PROTECT,
                               related_name="+", verbose_name=_("hazard"))

    class Meta:
        verbose_name = _("exit check")
        verbose_name_plural = _("exit checks")
