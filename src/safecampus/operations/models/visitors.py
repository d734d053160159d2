"""The door guard's visitor register and the school's watch list."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from safecampus.core.crypto import EncryptedTextField, mask
from safecampus.core.models import ScopedModel

from ..choices import VisitorStatus


def masked_id(value) -> str:
    """At most the first 4 and the last 4 characters of an identity number (CONTRACT.md)."""
    plain = value.reveal() if hasattr(value, "reveal") else str(value or "")
    return mask(plain, 4, 4)


class Visitor(ScopedModel):
    """One visit; ``org_unit`` is the school. Identity data is purged after the policy's retention."""

    name = models.CharField(_("name"), max_length=100)
    id_number = EncryptedTextField(_("identity number"), blank=True)
    id_number_hash = models.CharField(max_length=64, blank=True, editable=False)
    phone = models.CharField(_("phone"), max_length=32, blank=True)
    purpose = models.CharField(_("purpose"), max_length=200)
    host = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                             related_name="+", verbose_name=_("host"))
    badge_no = models.CharField(_("badge number"), max_length=32, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=VisitorStatus.choices,
                              default=VisitorStatus.INSIDE)
    entered_at = models.DateTimeField(_("arrived at"), default=timezone.now)
    left_at = models.DateTimeField(_("left at"), null=True, blank=True)
    refusal_reason = models.CharField(_("reason for refusal"), max_length=200, blank=True)
    registered_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT,
                                      related_name="+", verbose_name=_("registered by"))
    request_id = models.CharField(max_length=64, blank=True)
    purged_at = models.DateTimeField(_("identity data purged at"), null=True, blank=True)
    # Set once when the duty leader is told the visitor was still inside at closing time.
    closing_reported_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-entered_at", "-id"]
        verbose_name = _("visitor")
        verbose_name_plural = _("visitors")
        constraints = [
            models.UniqueConstraint(fields=["registered_by", "request_id"], condition=~Q(request_id=""),
                                    name="visitor_request_once"),
        ]
        # A school's register reads newest first through (org_unit, entered_at, id): no sort of a year of visits.
        indexes = [models.Index(fields=["org_unit", "status"]), models.Index(fields=["org_unit", "entered_at", "id"]),
                   models.Index(fields=["purged_at", "entered_at"])]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("operations:visitor-detail", args=[self.pk])

    @property
    def id_number_masked(self) -> str:
        return masked_id(self.id_number)


class WatchEntry(ScopedModel):
    """A person the school keeps out (court order, known risk); kept by the safety officer."""

    name = models.CharField(_("name"), max_length=100, blank=True)
    id_number = EncryptedTextField(_("identity number"))
    id_number_hash = models.CharField(max_length=64, editable=False)
    reason = models.CharField(_("reason"), max_length=200)
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("watch list entry")
        verbose_name_plural = _("watch list")
        indexes = [models.Index(fields=["org_unit", "id_number_hash"])]

    def __str__(self) -> str:
        return self.name or self.id_number_masked

    def get_absolute_url(self) -> str:
        return reverse("operations:watchlist")

    @property
    def id_number_masked(self) -> str:
        return masked_id(self.id_number)
