"""Emergency readiness (EMG-1..4): plans and their versions, teams and the contact tree, drills, safety funds."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from safecampus.core.models import ScopedModel

from .choices import DrillKind, DrillStatus, MemberRole, PlanKind, PlanStatus, ReviewKind, TeamKind


class EmergencyPlan(ScopedModel):
    """One version of a school's plan for one kind of event. A new version is a new row; the old one
    stays readable (superseded once the new one is approved)."""

    kind = models.CharField(_("kind of event"), max_length=20, choices=PlanKind.choices)
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("plan"))
    edition = models.PositiveSmallIntegerField(_("version"), default=1)
    previous = models.OneToOneField("self", null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="next_version", verbose_name=_("replaces"))
    status = models.CharField(_("status"), max_length=12, choices=PlanStatus.choices, default=PlanStatus.DRAFT)
    written_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                                   verbose_name=_("written by"))
    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="+", verbose_name=_("approved by"))
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)

    class Meta:
        ordering = ["org_unit__path", "kind", "-edition"]
        verbose_name = _("emergency plan")
        verbose_name_plural = _("emergency plans")
        constraints = [models.UniqueConstraint(fields=["org_unit", "kind", "edition"], name="unique_plan_edition")]
        indexes = [models.Index(fields=["org_unit", "kind", "status"])]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("readiness:plan-detail", args=[self.pk])


class PlanReview(ScopedModel):
    """An approval or a yearly review of a plan: what the yearly-review duty counts."""

    plan = models.ForeignKey(EmergencyPlan, on_delete=models.PROTECT, related_name="reviews",
                             verbose_name=_("plan"))
    kind = models.CharField(_("kind"), max_length=10, choices=ReviewKind.choices)
    reviewed_at = models.DateTimeField(_("at"))
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                                    verbose_name=_("by"))
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["-reviewed_at"]
        verbose_name = _("plan review")
        indexes = [models.Index(fields=["org_unit", "reviewed_at"])]

    def __str__(self) -> str:
        return f"{self.plan} {self.reviewed_at:%Y-%m-%d}"


class EmergencyTeam(ScopedModel):
    kind = models.CharField(_("team"), max_length=20, choices=TeamKind.choices)
    name = models.CharField(_("name"), max_length=100)
    duties = models.TextField(_("duties"), blank=True)

    class Meta:
        ordering = ["org_unit__path", "kind", "name"]
        verbose_name = _("emergency team")
        constraints = [models.UniqueConstraint(fields=["org_unit", "name"], name="unique_team_name")]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("readiness:teams") + f"?org_unit={self.org_unit_id}#team-{self.pk}"


class TeamMember(ScopedModel):
    """A member of a team, with the phone to call and whom they call in turn (the contact tree)."""

    team = models.ForeignKey(EmergencyTeam, on_delete=models.CASCADE, related_name="members",
                             verbose_name=_("team"))
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                             related_name="+", verbose_name=_("account"))
    name = models.CharField(_("name"), max_length=100)
    role = models.CharField(_("role in the team"), max_length=10, choices=MemberRole.choices,
                            default=MemberRole.MEMBER)
    phone = models.CharField(_("phone"), max_length=32)
    calls = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL, related_name="called_by",
                              verbose_name=_("is called by"))
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["team_id", "position", "id"]
        verbose_name = _("team member")

    def __str__(self) -> str:
        return self.name


class Drill(ScopedModel):
    """A drill, planned (on the calendar) and then held; problems found become hazards."""

    kind = models.CharField(_("kind"), max_length=20, choices=DrillKind.choices)
    plan = models.ForeignKey(EmergencyPlan, null=True, blank=True, on_delete=models.PROTECT, related_name="drills",
                             verbose_name=_("plan"))
    status = models.CharField(_("status"), max_length=10, choices=DrillStatus.choices, default=DrillStatus.HELD)
    planned_for = models.DateField(_("planned for"), null=True, blank=True)
    held_at = models.DateTimeField(_("held at"), null=True, blank=True)
    participants = models.PositiveIntegerField(_("participants"), null=True, blank=True)
    buildings = models.CharField(_("buildings"), max_length=200, blank=True)
    floors = models.PositiveSmallIntegerField(_("floors"), null=True, blank=True)
    evacuation_seconds = models.PositiveIntegerField(_("evacuation time (s)"), null=True, blank=True)
    target_seconds = models.PositiveIntegerField(_("target (s)"), null=True, blank=True)
    summary = models.TextField(_("summary"), blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="+", verbose_name=_("recorded by"))
    request_id = models.CharField(max_length=64, blank=True)

    class Meta:
        ordering = ["-held_at", "-planned_for", "-id"]
        verbose_name = _("drill")
        verbose_name_plural = _("drills")
        indexes = [models.Index(fields=["org_unit", "status", "held_at"])]
        constraints = [models.UniqueConstraint(fields=["recorded_by", "request_id"], name="unique_drill_request",
                                               condition=~models.Q(request_id=""))]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.held_at or self.planned_for or ''}"

    def get_absolute_url(self) -> str:
        return reverse("readiness:drill-detail", args=[self.pk])

    @property
    def over_target(self) -> bool | None:
        if self.evacuation_seconds is None or not self.target_seconds:
            return None
        return self.evacuation_seconds > self.target_seconds


class DrillProblem(ScopedModel):
    """A problem a drill found and the hazard it opened (the link lives here: hazards never import drills)."""

    drill = models.ForeignKey(Drill, on_delete=models.CASCADE, related_name="problems", verbose_name=_("drill"))
    text = models.CharField(_("problem"), max_length=500)
    hazard_id = models.PositiveBigIntegerField(_("hazard"), null=True, blank=True)

    class Meta:
        ordering = ["drill_id", "id"]
        verbose_name = _("problem found")

    def __str__(self) -> str:
        return self.text


class FundLine(ScopedModel):
    """A budget line of a school year (school year 2026 = 2026-2027)."""

    year = models.PositiveSmallIntegerField(_("school year"))
    line = models.CharField(_("budget line"), max_length=100)
    budget = models.DecimalField(_("budget (yuan)"), max_digits=12, decimal_places=2)

    class Meta:
        ordering = ["org_unit__path", "-year", "line"]
        verbose_name = _("safety fund line")
        constraints = [models.UniqueConstraint(fields=["org_unit", "year", "line"], name="unique_fund_line")]

    def __str__(self) -> str:
        return f"{self.year} {self.line}"


class FundSpending(ScopedModel):
    fund = models.ForeignKey(FundLine, on_delete=models.PROTECT, related_name="spendings",
                             verbose_name=_("budget line"))
    amount = models.DecimalField(_("amount (yuan)"), max_digits=12, decimal_places=2)
    spent_on = models.DateField(_("spent on"))
    note = models.CharField(_("what for"), max_length=300, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                                    verbose_name=_("recorded by"))

    class Meta:
        ordering = ["-spent_on", "-id"]
        verbose_name = _("spending")

    def __str__(self) -> str:
        return f"{self.fund} {self.amount}"
