"""Security defences (人防、物防、技防) of a school: each with its state and last check."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from safecampus.core.models import ScopedModel

from ..choices import DefenceState


class Defence(ScopedModel):
    """``kind`` is a code of ``defences_data.KINDS``; ``org_unit`` is the school."""

    kind = models.CharField(_("kind"), max_length=40)
    quantity = models.PositiveIntegerField(_("quantity"), default=1)
    state = models.CharField(_("state"), max_length=10, choices=DefenceState.choices, default=DefenceState.WORKING)
    location = models.CharField(_("location"), max_length=200, blank=True)
    last_checked_at = models.DateTimeField(_("last checked"), null=True, blank=True)

    class Meta:
        ordering = ["org_unit__path", "kind"]
        verbose_name = _("security defence")
        constraints = [models.UniqueConstraint(fields=["org_unit", "kind"], name="defence_once_per_school")]

    def __str__(self) -> str:
        from ..defences_data import label_of

        return str(label_of(self.kind))

    def get_absolute_url(self) -> str:
        return reverse("operations:defences")


class DefenceCheck(ScopedModel):
    defence = models.ForeignKey(Defence, on_delete=models.PROTECT, related_name="checks")
    ok = models.BooleanField(_("working"))
    note = models.TextField(_("note"), blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(_("at"))
    hazard = models.ForeignKey("hazards.Hazard", null=True, blank=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("defence check")

    def __str__(self) -> str:
        return f"{self.defence} {self.at:%Y-%m-%d}"
