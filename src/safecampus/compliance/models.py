"""Obligations (rules as data), attestations, reminder claims and calendar feeds."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from safecampus.core.models import ScopedModel

from .choices import Period, Preset, Stage


def _default_owner_roles() -> list[str]:
    return ["safety_officer"]


def _default_escalation_roles() -> list[str]:
    return ["safety_officer", "principal"]


def _default_supervisor_roles() -> list[str]:
    return ["central_officer"]


class Obligation(ScopedModel):
    """A recurring duty. ``org_unit`` is the unit that sets it (central school or authority);
    it applies to the units of ``unit_kind`` below that unit that match the facts it names."""

    code = models.SlugField(_("code"), max_length=60)
    preset = models.CharField(_("rule set"), max_length=16, choices=Preset.choices, default=Preset.PLAN)
    active = models.BooleanField(_("in force"), default=True)
    title = models.CharField(_("title (English)"), max_length=200)
    title_zh = models.CharField(_("title (Chinese)"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    source = models.CharField(_("source"), max_length=255, blank=True,
                              help_text=_("The regulation or plan clause this default comes from."))
    # Who owes it.
    unit_kind = models.CharField(_("unit kind"), max_length=20, default="school")
    school_types = models.JSONField(_("school types"), default=list, blank=True,
                                    help_text=_("Empty: every school type."))
    needs_canteen = models.BooleanField(_("only with a canteen"), default=False)
    needs_dormitory = models.BooleanField(_("only with a dormitory"), default=False)
    needs_transport = models.BooleanField(_("only with school transport"), default=False)
    needs_boarding = models.BooleanField(_("only boarding schools"), default=False)
    # How often and how many.
    period = models.CharField(_("period"), max_length=40, choices=Period.choices)
    period_days = models.PositiveSmallIntegerField(
        _("days (window)"), default=14,
        help_text=_("For 'within N days of semester start' and 'before each holiday'."))
    required = models.PositiveSmallIntegerField(_("required count"), default=1)
    # What counts.
    evidence_kind = models.CharField(_("evidence"), max_length=60)
    evidence_params = models.JSONField(_("evidence filter"), default=dict, blank=True)
    # When: due = period end + offset, or period start + N days when that is set.
    due_offset_days = models.SmallIntegerField(_("due offset (days after period end)"), default=0)
    due_after_start_days = models.PositiveSmallIntegerField(_("due N days after period start"), null=True,
                                                            blank=True)
    grace_days = models.PositiveSmallIntegerField(_("grace (days overdue before missed)"), default=7)
    remind_days = models.PositiveSmallIntegerField(_("remind days before due"), default=3)
    owner_roles = models.JSONField(_("owners (roles reminded)"), default=_default_owner_roles)
    escalation_roles = models.JSONField(_("escalate to (roles in the unit)"), default=_default_escalation_roles)
    supervisor_roles = models.JSONField(_("then to (roles above)"), default=_default_supervisor_roles)
    sort = models.PositiveSmallIntegerField(default=100)

    class Meta:
        ordering = ["sort", "code"]
        verbose_name = _("obligation")
        verbose_name_plural = _("obligations")
        constraints = [models.UniqueConstraint(fields=["org_unit", "code"], name="unique_obligation_code")]

    @property
    def unit_kind_label(self) -> str:
        from safecampus.org.choices import UnitKind

        return str(dict(UnitKind.choices).get(self.unit_kind, self.unit_kind))

    @property
    def school_types_label(self) -> str:
        from safecampus.org.choices import SchoolType

        labels = dict(SchoolType.choices)
        return "、".join(str(labels.get(t, t)) for t in self.school_types or [])

    @property
    def evidence_label(self) -> str:
        from .registry import EVIDENCE

        kind = EVIDENCE.get(self.evidence_kind)
        return str(kind.label) if kind else self.evidence_kind

    def __str__(self) -> str:
        return self.display_title

    @property
    def display_title(self) -> str:
        if self.title_zh and (get_language() or "").lower().startswith("zh"):
            return self.title_zh
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("compliance:obligation-edit", args=[self.pk])


class Attestation(ScopedModel):
    """A signed statement with an attachment, for duties that have no record type of their own."""

    obligation = models.ForeignKey(Obligation, on_delete=models.PROTECT, related_name="attestations",
                                   verbose_name=_("obligation"))
    # Copied from the rule so the evidence query filters one indexed column.
    rule_code = models.SlugField(max_length=60, editable=False)
    performed_on = models.DateField(_("done on"))
    note = models.TextField(_("note"), blank=True)
    signed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                                  verbose_name=_("signed by"))
    signed_at = models.DateTimeField(_("signed at"))

    class Meta:
        ordering = ["-performed_on", "-id"]
        verbose_name = _("attestation")
        indexes = [models.Index(fields=["rule_code", "performed_on"])]

    def __str__(self) -> str:
        return f"{self.obligation} {self.performed_on}"

    def get_absolute_url(self) -> str:
        return reverse("compliance:attestation-detail", args=[self.pk])


class Reminder(models.Model):
    """One reminder or escalation owed for (rule, unit, period, stage); claimed once, sent once."""

    obligation = models.ForeignKey(Obligation, on_delete=models.CASCADE, related_name="+")
    org_unit = models.ForeignKey("org.OrgUnit", on_delete=models.CASCADE, related_name="+")
    period_start = models.DateField()
    stage = models.CharField(max_length=16, choices=Stage.choices)
    created_at = models.DateTimeField(auto_now_add=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    claim = models.CharField(max_length=32, blank=True, db_index=True)
    recipients = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["obligation", "org_unit", "period_start", "stage"],
                                               name="unique_reminder_stage")]
        indexes = [models.Index(fields=["claimed_at"])]

    def __str__(self) -> str:
        return f"{self.obligation_id}:{self.org_unit_id}:{self.period_start}:{self.stage}"


def _new_token() -> str:
    return secrets.token_urlsafe(24)


class CalendarFeed(models.Model):
    """The secret behind a person's iCal subscription URL; rotating it revokes the old URL."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feed")
    token = models.CharField(max_length=64, unique=True, default=_new_token)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"calendar feed of {self.user_id}"


class Policy(ScopedModel):
    """A unit's own numbers for one registered policy (``compliance.policies``): the nearest unit at
    or above a school that has a row wins; where none has, the registered defaults answer."""

    code = models.CharField(_("policy"), max_length=60)
    values = models.JSONField(_("values"), default=dict)
    source = models.TextField(_("source"), blank=True,
                              help_text=_("The regulation, document or decision these numbers come from."))
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+", verbose_name=_("changed by"))

    class Meta:
        ordering = ["code", "org_unit__path"]
        verbose_name = _("policy")
        verbose_name_plural = _("policies")
        constraints = [models.UniqueConstraint(fields=["org_unit", "code"], name="unique_unit_policy")]

    def __str__(self) -> str:
        return f"{self.code} @ {self.org_unit_id}"


class UnitStatus(models.Model):
    """The current (or the previous) period of one rule at one owing unit as the one-minute sweep last found it.

    Derived data, rewritten by every sweep (``compliance.stored``): pages and the API that show the
    current period read it instead of evaluating every rule again. A record that counts for a unit
    marks its rows stale; readers evaluate stale units themselves until the next sweep.
    """

    org_unit = models.ForeignKey("org.OrgUnit", on_delete=models.CASCADE, related_name="+")
    obligation = models.ForeignKey(Obligation, on_delete=models.CASCADE, related_name="+")
    period_start = models.DateField()
    period_end = models.DateField()
    due = models.DateField()
    status = models.CharField(max_length=16)
    done = models.PositiveIntegerField(default=0)
    required = models.PositiveIntegerField(default=1)
    stale = models.BooleanField(default=False)
    current = models.BooleanField(default=True)   # False: the period before (what late alerts are about)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["org_unit", "obligation", "current"],
                                               name="unique_unit_status")]

    def __str__(self) -> str:
        return f"{self.obligation_id}@{self.org_unit_id}: {self.status}"
