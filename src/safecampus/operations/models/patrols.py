"""Patrol routes with QR checkpoints, the check-ins, and each route's round per day."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from safecampus.core.models import ScopedModel

from ..choices import CheckResult, RouteKind


class PatrolRoute(ScopedModel):
    name = models.CharField(_("name"), max_length=100)
    kind = models.CharField(_("kind"), max_length=10, choices=RouteKind.choices)
    night = models.BooleanField(_("night route"), default=False)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["org_unit__path", "name"]
        verbose_name = _("patrol route")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("operations:route-detail", args=[self.pk])


class Checkpoint(ScopedModel):
    route = models.ForeignKey(PatrolRoute, on_delete=models.PROTECT, related_name="checkpoints")
    name = models.CharField(_("name"), max_length=100)
    # What the printed QR code holds; short enough to type when the camera cannot read it.
    code = models.CharField(_("code"), max_length=16, unique=True)
    sort = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["route", "sort", "id"]
        verbose_name = _("checkpoint")

    def __str__(self) -> str:
        return self.name


class PatrolRound(ScopedModel):
    """A route's round on one day: how many of its checkpoints were checked; complete when all were."""

    route = models.ForeignKey(PatrolRoute, on_delete=models.PROTECT, related_name="rounds")
    date = models.DateField(_("date"))
    checked = models.PositiveSmallIntegerField(_("checked"), default=0)
    total = models.PositiveSmallIntegerField(_("checkpoints"), default=0)
    complete = models.BooleanField(_("complete"), default=False)
    completed_at = models.DateTimeField(_("completed at"), null=True, blank=True)
    missed_alerted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-date", "route"]
        verbose_name = _("patrol round")
        constraints = [models.UniqueConstraint(fields=["route", "date"], name="patrol_round_once")]
        # The duties count a school's rounds of a period: without it the count read every round the
        # school ever walked (a year of rounds: 9 ms for each school whose rounds changed).
        indexes = [models.Index(fields=["org_unit", "date"], name="patrol_round_unit_day")]

    def __str__(self) -> str:
        return f"{self.route} {self.date}"


class PatrolCheckin(ScopedModel):
    checkpoint = models.ForeignKey(Checkpoint, on_delete=models.PROTECT, related_name="checkins")
    route = models.ForeignKey(PatrolRoute, on_delete=models.PROTECT, related_name="checkins")
    round = models.ForeignKey(PatrolRound, on_delete=models.PROTECT, related_name="checkins")
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                           verbose_name=_("by"))
    at = models.DateTimeField(_("at"))
    result = models.CharField(_("result"), max_length=10, choices=CheckResult.choices, default=CheckResult.OK)
    note = models.TextField(_("note"), blank=True)
    hazard = models.ForeignKey("hazards.Hazard", null=True, blank=True, on_delete=models.PROTECT,
                               related_name="+", verbose_name=_("hazard"))

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("check-in")
        indexes = [models.Index(fields=["checkpoint", "by", "at"])]

    def __str__(self) -> str:
        return f"{self.checkpoint} {self.at:%Y-%m-%d %H:%M}"
