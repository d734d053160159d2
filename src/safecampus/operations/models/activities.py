"""Large activities in and out of school: the application with its safety plan, approved at the right level."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from safecampus.core.models import ScopedModel

from ..choices import ActivityStatus, ApproverLevel


class Activity(ScopedModel):
    """``org_unit`` is the school. ``approver_level``, ``permit_required`` and ``late_application`` are
    fixed when it is applied for, from the policy in force then."""

    title = models.CharField(_("activity"), max_length=200)
    place = models.CharField(_("place"), max_length=200)
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"), null=True, blank=True)
    off_campus = models.BooleanField(_("off campus"), default=False)
    expected_people = models.PositiveIntegerField(_("expected people"))
    classes = models.PositiveIntegerField(_("classes taking part"), default=0)
    lower_grades = models.BooleanField(_("lower grades take part"), default=False)
    teachers_per_class = models.PositiveSmallIntegerField(_("teachers per class"), default=0)
    safety_plan = models.TextField(_("safety plan"))
    education = models.TextField(_("safety education before the activity"), blank=True)
    permit_no = models.CharField(_("police permit"), max_length=64, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=ActivityStatus.choices,
                              default=ActivityStatus.SUBMITTED)
    approver_level = models.CharField(pgettext_lazy("activity", "approved by"), max_length=10,
                                      choices=ApproverLevel.choices)
    permit_required = models.BooleanField(_("police permit required"), default=False)
    late_application = models.BooleanField(_("late application"), default=False)
    applied_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+",
                                   verbose_name=_("applied by"))
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+", verbose_name=_("decided by"))
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decision_note = models.TextField(_("decision note"), blank=True)
    request_id = models.CharField(max_length=64, blank=True)

    class Meta:
        ordering = ["-starts_at", "-id"]
        verbose_name = _("large activity")
        verbose_name_plural = _("large activities")
        constraints = [models.UniqueConstraint(fields=["applied_by", "request_id"], condition=~Q(request_id=""),
                                               name="activity_request_once")]
        indexes = [models.Index(fields=["status", "starts_at"])]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("operations:activity-detail", args=[self.pk])
