"""Pick-up of young children: each child's authorised adults and each afternoon's hand-overs."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from safecampus.core.models import ScopedModel

from ..choices import PickupStatus


class PickupAuthorisation(ScopedModel):
    """An adult who may collect a child; ``org_unit`` is the child's class. From a guardian, or added."""

    student = models.ForeignKey("org.Student", on_delete=models.PROTECT, related_name="pickup_authorisations")
    guardian = models.ForeignKey("org.Guardian", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    name = models.CharField(_("name"), max_length=100)
    relation = models.CharField(_("relation"), max_length=32)
    phone = models.CharField(_("phone"), max_length=32, blank=True)
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["student", "id"]
        verbose_name = _("authorised adult")
        constraints = [models.UniqueConstraint(fields=["student", "guardian"], condition=Q(guardian__isnull=False),
                                               name="pickup_guardian_once")]

    def __str__(self) -> str:
        return f"{self.name} ({self.relation})"

    def get_absolute_url(self) -> str:
        return reverse("operations:pickup-class", args=[self.org_unit_id])


class Pickup(ScopedModel):
    """One hand-over (or refusal) at the gate; ``org_unit`` is the child's class."""

    student = models.ForeignKey("org.Student", on_delete=models.PROTECT, related_name="pickups")
    date = models.DateField(_("date"))
    status = models.CharField(_("status"), max_length=12, choices=PickupStatus.choices)
    authorisation = models.ForeignKey(PickupAuthorisation, null=True, blank=True, on_delete=models.PROTECT,
                                      related_name="pickups")
    collector_name = models.CharField(_("collector"), max_length=100)
    relation = models.CharField(_("relation"), max_length=32, blank=True)
    at = models.DateTimeField(_("at"))
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+",
                           verbose_name=_("recorded by"))

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("pick-up")
        constraints = [models.UniqueConstraint(fields=["student", "date"], condition=Q(status="handed_over"),
                                               name="pickup_handed_over_once")]
        indexes = [models.Index(fields=["org_unit", "date"])]

    def __str__(self) -> str:
        return f"{self.student} {self.date}"

    def get_absolute_url(self) -> str:
        return reverse("operations:pickup-class", args=[self.org_unit_id])
