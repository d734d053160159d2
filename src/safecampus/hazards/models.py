"""The hazard register: one row per hidden danger, its closed loop, and the surroundings contact log."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import Q, Value
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from safecampus.core.links import reverse_pk
from safecampus.core.models import ScopedModel

from .choices import Category, ContactMethod, Level, Source, Status


class Hazard(ScopedModel):
    """``org_unit`` is the school the hazard is at; the tree above it sees it."""

    scope_newest_first = True   # ledgers list the newest first (core.scoping.UnindexedRange)

    title = models.CharField(_("title"), max_length=200)
    category = models.CharField(_("category"), max_length=20, choices=Category.choices)
    level = models.CharField(pgettext_lazy("hazard", "level"), max_length=10, choices=Level.choices,
                             default=Level.GENERAL)
    location = models.CharField(pgettext_lazy("hazard", "location"), max_length=200, blank=True)
    description = models.TextField(_("description"), blank=True)
    source = models.CharField(_("source"), max_length=12, choices=Source.choices, default=Source.MANUAL)
    source_ref = models.CharField(_("source reference"), max_length=100, blank=True)
    responsible_unit = models.ForeignKey("org.OrgUnit", null=True, blank=True, on_delete=models.PROTECT,
                                         related_name="+", verbose_name=_("responsible unit"))
    status = models.CharField(_("status"), max_length=24, choices=Status.choices, default=Status.REPORTED,
                              db_index=True)
    recurrence_of = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT,
                                      related_name="recurrences", verbose_name=_("recurrence of"))

    reported_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT,
                                    related_name="+", verbose_name=_("reported by"))
    reported_at = models.DateTimeField(_("reported at"), default=timezone.now, db_index=True)
    # Idempotency: a repeated submission with the same key returns the first hazard.
    request_id = models.CharField(max_length=64, blank=True)

    escalated = models.BooleanField(_("escalated to the authority"), default=False)
    escalated_at = models.DateTimeField(_("escalated at"), null=True, blank=True)

    assignee = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                 related_name="+", verbose_name=_("responsible person"))
    assigned_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="+")
    assigned_at = models.DateTimeField(_("assigned at"), null=True, blank=True)
    deadline = models.DateField(_("deadline"), null=True, blank=True)
    # The deadline's last moment in the school's time zone, in UTC: overdue is one indexed comparison.
    due_at = models.DateTimeField(null=True, blank=True, db_index=True)

    rectified_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                     related_name="+", verbose_name=_("rectified by"))
    rectified_at = models.DateTimeField(_("rectified at"), null=True, blank=True)
    rectification_note = models.TextField(_("rectification"), blank=True)

    verified_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="+", verbose_name=_("verified by"))
    verified_at = models.DateTimeField(_("verified at"), null=True, blank=True)
    verification_note = models.TextField(_("verification note"), blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True, db_index=True)
    # A major hazard's closing verification is the central school's sign-off.
    signed_off = models.BooleanField(_("central school sign-off"), default=False)
    rejections = models.PositiveSmallIntegerField(_("rejections"), default=0)
    last_rejection_note = models.TextField(_("last rejection"), blank=True)

    # The five commitments of a major hazard (measures, person, funds, deadline, contingency plan).
    commit_measures = models.TextField(_("measures"), blank=True)
    commit_person = models.CharField(_("person responsible"), max_length=100, blank=True)
    commit_funds = models.CharField(_("funds"), max_length=100, blank=True)
    commit_deadline = models.DateField(_("rectification deadline"), null=True, blank=True)
    commit_contingency = models.TextField(_("contingency plan"), blank=True)
    commitments_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                       on_delete=models.PROTECT, related_name="+")
    commitments_at = models.DateTimeField(_("commitments recorded at"), null=True, blank=True)

    # Surroundings (outside the gate): the outside department that must act.
    outside_department = models.CharField(_("outside department"), max_length=200, blank=True)

    # Supervision (督办) by the central school or the authority: the latest order; each one is in the history.
    supervised_at = models.DateTimeField(_("supervised at"), null=True, blank=True, db_index=True)
    supervised_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                      related_name="+", verbose_name=_("supervised by"))
    supervision_note = models.TextField(_("supervision note"), blank=True)
    supervisions = models.PositiveSmallIntegerField(_("supervision orders"), default=0)

    # Sweep bookkeeping: set once so a reminder or escalation is never sent twice.
    reminded_at = models.DateTimeField(null=True, blank=True)
    overdue_escalated_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-reported_at", "-id"]
        verbose_name = _("hazard")
        verbose_name_plural = _("hazards")
        constraints = [
            models.UniqueConstraint(fields=["reported_by", "request_id"], condition=~Q(request_id=""),
                                    name="hazard_request_once"),
        ]
        indexes = [models.Index(fields=["status", "due_at"])]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse_pk("hazards:detail", self.pk)

    @property
    def overdue(self) -> bool:
        return self.status != Status.CLOSED and self.due_at is not None and self.due_at < timezone.now()

    @property
    def is_major(self) -> bool:
        return self.level == Level.MAJOR

    @property
    def is_surroundings(self) -> bool:
        return self.category == Category.SURROUNDINGS

    @property
    def has_commitments(self) -> bool:
        return self.commitments_at is not None

    @property
    def supervised(self) -> bool:
        return self.supervised_at is not None


class HazardContact(ScopedModel):
    """One contact with the outside department responsible for a surroundings hazard."""

    hazard = models.ForeignKey(Hazard, on_delete=models.PROTECT, related_name="contacts")
    contacted_at = models.DateTimeField(_("contacted at"), default=timezone.now)
    department = models.CharField(_("department"), max_length=200)
    contact_person = models.CharField(_("contact person"), max_length=100, blank=True)
    method = models.CharField(_("method"), max_length=10, choices=ContactMethod.choices, default=ContactMethod.PHONE)
    summary = models.TextField(_("summary"))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT,
                                    related_name="+")

    class Meta:
        ordering = ["contacted_at", "id"]
        verbose_name = _("contact")


class HazardPolicy(ScopedModel):
    """How long a hazard may take to rectify, and how early its assignee is reminded, per level.

    The nearest unit at or above a hazard's school that has a policy decides (``policies.py``); the
    row without a unit is the built-in default, seeded from ``data/policy_defaults.json``. A hazard
    keeps the deadline it was given: changing a policy never moves a deadline already set.
    """

    # The built-in default belongs to no unit, so ScopedModel's unit is optional here.
    org_unit = models.ForeignKey("org.OrgUnit", null=True, blank=True, on_delete=models.PROTECT, related_name="+",
                                 verbose_name=_("unit"))
    general_days = models.PositiveSmallIntegerField(_("general hazard: days to rectify"))
    major_days = models.PositiveSmallIntegerField(_("major hazard: days to rectify"))
    general_remind_days = models.PositiveSmallIntegerField(_("general hazard: reminder, days before the deadline"))
    major_remind_days = models.PositiveSmallIntegerField(_("major hazard: reminder, days before the deadline"))
    source = models.TextField(_("source"), blank=True)
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+", verbose_name=_("changed by"))

    class Meta:
        ordering = ["org_unit__path", "id"]
        verbose_name = _("rectification policy")
        verbose_name_plural = _("rectification policies")
        constraints = [
            # One policy per unit, and one built-in (NULL would not collide in a plain unique index).
            models.UniqueConstraint(Coalesce("org_unit", Value(0)), name="hazard_policy_one_per_unit"),
        ]

    def __str__(self) -> str:
        return str(self.org_unit) if self.org_unit_id else str(_("Built-in default"))

    def get_absolute_url(self) -> str:
        return reverse("hazards:policy-edit", args=[self.pk])

    @property
    def is_builtin(self) -> bool:
        return self.org_unit_id is None

    def rectify_days(self, level: str) -> int:
        return self.major_days if level == Level.MAJOR else self.general_days

    def remind_before(self, level: str) -> timedelta:
        return timedelta(days=self.major_remind_days if level == Level.MAJOR else self.general_remind_days)
