from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from safecampus.core.models import ScopedModel

from ..choices import NoticeKind, RecordKind


class Notice(ScopedModel):
    """A circular published by the central school (``org_unit``) to chosen units."""

    kind = models.CharField(_("kind"), max_length=16, choices=NoticeKind.choices)
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("text"))
    incident = models.ForeignKey("incidents.Incident", null=True, blank=True, on_delete=models.PROTECT,
                                 related_name="notices", verbose_name=_("incident"))
    published_at = models.DateTimeField(_("published at"))
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    # A retried submission carries the same id and finds the first notice instead of publishing twice.
    request_id = models.CharField(max_length=64, blank=True, default="", editable=False)

    class Meta:
        ordering = ["-published_at", "-id"]
        verbose_name = _("notice")
        constraints = [models.UniqueConstraint(fields=["published_by", "request_id"], condition=~Q(request_id=""),
                                               name="notice_request_once")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("incidents:notice-detail", args=[self.pk])


class NoticeTarget(ScopedModel):
    """One receiving unit (``org_unit``) of a notice and its head's acknowledgement."""

    notice = models.ForeignKey(Notice, on_delete=models.CASCADE, related_name="targets")
    acknowledged_at = models.DateTimeField(_("acknowledged at"), null=True, blank=True)
    acknowledged_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                        related_name="+")

    class Meta:
        ordering = ["org_unit__path"]
        constraints = [models.UniqueConstraint(fields=["notice", "org_unit"], name="notice_target_once")]

    def get_absolute_url(self) -> str:
        return reverse("incidents:notice-detail", args=[self.notice_id])


class AccountabilityRecord(ScopedModel):
    """A reward or a punishment of a person, linked to the incident or notice it came from."""

    kind = models.CharField(_("kind"), max_length=16, choices=RecordKind.choices)
    person = models.CharField(_("person"), max_length=100)
    staff = models.ForeignKey("org.Staff", null=True, blank=True, on_delete=models.PROTECT, related_name="+",
                              verbose_name=_("staff member"))
    measure = models.CharField(_("measure"), max_length=200)
    reason = models.TextField(_("reason"))
    incident = models.ForeignKey("incidents.Incident", null=True, blank=True, on_delete=models.PROTECT,
                                 related_name="accountability", verbose_name=_("incident"))
    notice = models.ForeignKey(Notice, null=True, blank=True, on_delete=models.PROTECT, related_name="records",
                               verbose_name=_("notice"))
    decided_on = models.DateField(_("decided on"))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    request_id = models.CharField(max_length=64, blank=True, default="", editable=False)

    class Meta:
        ordering = ["-decided_on", "-id"]
        verbose_name = _("reward or punishment")
        constraints = [models.UniqueConstraint(fields=["recorded_by", "request_id"], condition=~Q(request_id=""),
                                               name="accountability_request_once")]

    def __str__(self) -> str:
        return f"{self.person}: {self.measure}"

    def get_absolute_url(self) -> str:
        return reverse("incidents:records")
