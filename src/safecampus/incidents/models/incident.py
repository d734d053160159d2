"""The filed report and what grows around it. The filed row, amendments, follow-ups and
investigations are append-only in the database; only ``IncidentState`` (status bookkeeping)
is ever updated."""

from __future__ import annotations

import re

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from safecampus.core.crypto import EncryptedTextField
from safecampus.core.links import reverse_pk
from safecampus.core.models import ScopedModel

from ..choices import AMENDABLE, FollowUpKind, Kind, Severity, Status
from .base import AppendOnlyError, AppendOnlyModel, AppendOnlyQuerySet

NAME_SEPARATORS = re.compile(r"([、,，;；\s]+)")


def masked_names(value) -> str:
    """Each pupil's surname only ("李**、张**"): the generic mask would leave whole names at both ends."""
    plain = value.reveal() if hasattr(value, "reveal") else str(value or "")
    return "".join(part if NAME_SEPARATORS.fullmatch(part) else part[:1] + "*" * max(len(part) - 1, 1)
                   for part in NAME_SEPARATORS.split(plain) if part)


__all__ = ["masked_names", "Amendment", "AppendOnlyError", "FollowUp", "Incident", "IncidentState", "Investigation"]


class Incident(AppendOnlyModel, ScopedModel):
    reporter = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                                 verbose_name=_("reporter"))
    # A retried submission carries the same id and finds the first one instead of filing twice.
    request_id = models.CharField(max_length=64, null=True, blank=True, editable=False)
    kind = models.CharField(_("kind"), max_length=32, choices=Kind.choices)
    severity = models.CharField(_("severity"), max_length=16, choices=Severity.choices)
    occurred_at = models.DateTimeField(_("occurred at"))
    location = models.CharField(_("location"), max_length=200, blank=True)
    summary = models.TextField(_("what happened"))
    first_actions = models.TextField(_("what was done first"), blank=True)
    injured = models.PositiveIntegerField(_("injured"), default=0)
    deaths = models.PositiveIntegerField(_("deaths"), default=0)
    injured_names = EncryptedTextField(_("names of the injured"), blank=True)
    filed_at = models.DateTimeField(_("filed at"), db_index=True)
    time_zone = models.CharField(max_length=64, default="Asia/Shanghai")
    # The rule in force at filing, copied: the clock was measured against these numbers.
    first_report_minutes = models.PositiveIntegerField()
    written_report_minutes = models.PositiveIntegerField()
    notify_authority = models.BooleanField(default=False)
    report_deadline = models.DateTimeField(_("report deadline"))
    written_report_deadline = models.DateTimeField(_("written report deadline"))
    late = models.BooleanField(_("late"), default=False, db_index=True)

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        ordering = ["-occurred_at", "-id"]
        verbose_name = _("incident")
        verbose_name_plural = _("incidents")
        constraints = [models.UniqueConstraint(fields=["reporter", "request_id"], name="incident_request_once")]
        indexes = [models.Index(fields=["org_unit", "occurred_at"])]

    def __str__(self) -> str:
        return f"#{self.pk} {self.get_kind_display()}"

    def get_absolute_url(self) -> str:
        return reverse_pk("incidents:detail", self.pk)

    @property
    def status(self) -> str:
        state = getattr(self, "state", None)
        return state.status if state else Status.FILED

    def get_status_display(self) -> str:
        return Status(self.status).label

    @property
    def late_minutes(self) -> int:
        return max(0, int((self.filed_at - self.report_deadline).total_seconds() // 60))

    def current(self) -> dict:
        """Filed values with every amendment applied in order (uses prefetched amendments)."""
        cached = self.__dict__.get("_current")
        if cached is not None:
            return cached
        values = {f: getattr(self, f) for f in AMENDABLE}
        for amendment in sorted(self.amendments.all(), key=lambda a: a.pk):
            values.update(amendment.new_values())
        self.__dict__["_current"] = values
        return values


class IncidentState(models.Model):
    """The only mutable part: where the incident stands, kept beside the sealed report."""

    incident = models.OneToOneField(Incident, on_delete=models.PROTECT, primary_key=True, related_name="state")
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.FILED)
    written_report_at = models.DateTimeField(null=True, blank=True)
    authority_notified_at = models.DateTimeField(null=True, blank=True)
    escalated_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    closed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                  related_name="+")
    version = models.PositiveIntegerField(default=1)

    def __str__(self) -> str:
        return f"{self.incident_id}: {self.status}"


class Amendment(AppendOnlyModel, ScopedModel):
    incident = models.ForeignKey(Incident, on_delete=models.PROTECT, related_name="amendments")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(_("amended at"))
    reason = models.TextField(_("reason"))
    # {field: [replaced, new]}; names of the injured never go here, they stay encrypted below.
    changes = models.JSONField(default=dict)
    injured_names_old = EncryptedTextField(blank=True)
    injured_names_new = EncryptedTextField(blank=True)
    names_changed = models.BooleanField(default=False)

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        ordering = ["id"]
        verbose_name = _("amendment")

    def new_values(self) -> dict:
        out = self.values_of(self.changes)
        if self.names_changed:
            out["injured_names"] = self.injured_names_new
        return out

    @staticmethod
    def values_of(changes: dict) -> dict:
        """The new values an amendment's ``changes`` set (the names of the injured are kept apart)."""
        from django.utils.dateparse import parse_datetime

        return {field: parse_datetime(new) if field == "occurred_at" and isinstance(new, str) else new
                for field, (_old, new) in changes.items()}


class FollowUp(AppendOnlyModel, ScopedModel):
    incident = models.ForeignKey(Incident, on_delete=models.PROTECT, related_name="followups")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(_("reported at"))
    kind = models.CharField(_("kind"), max_length=16, choices=FollowUpKind.choices)
    summary = models.TextField(_("report"))

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        ordering = ["id"]
        verbose_name = _("follow-up report")


class Investigation(AppendOnlyModel, ScopedModel):
    """INC-4: the liability investigation a serious incident needs before it can be closed."""

    incident = models.OneToOneField(Incident, on_delete=models.PROTECT, related_name="investigation")
    investigator = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(_("concluded at"))
    findings = models.TextField(_("findings"))
    responsible = models.TextField(_("people responsible"))
    measures = models.TextField(_("measures"))
    hazards_opened = models.TextField(_("hazards opened"), blank=True)
    # Ids of hazard records (hazards app) the investigation opened or found; a list, never an FK, so the
    # incidents app works without the hazards app. Null on rows recorded before the link existed.
    hazard_ids = models.JSONField(_("hazard records"), null=True, blank=True)

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        verbose_name = _("liability investigation")

    @property
    def hazard_list(self) -> list[int]:
        return list(self.hazard_ids or [])
