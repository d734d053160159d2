from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from safecampus.core.models import ScopedModel

from ..choices import Kind, Severity


class ReportingRule(ScopedModel):
    """Deadlines for one kind and severity in a district; blank kind means every kind.

    Owned by the central school (or the authority) and edited there; the incident keeps a copy
    of the numbers it was filed under, so editing a rule never rewrites an old late flag.
    """

    kind = models.CharField(_("kind"), max_length=32, choices=Kind.choices, blank=True)
    severity = models.CharField(_("severity"), max_length=16, choices=Severity.choices)
    first_report_minutes = models.PositiveIntegerField(_("first report within (minutes)"))
    written_report_minutes = models.PositiveIntegerField(_("written report within (minutes)"))
    notify_authority = models.BooleanField(_("tell the authority"), default=False)
    source = models.TextField(_("source"), blank=True)
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")

    class Meta:
        ordering = ["org_unit__path", "severity", "kind"]
        verbose_name = _("reporting rule")
        verbose_name_plural = _("reporting rules")
        constraints = [models.UniqueConstraint(fields=["org_unit", "kind", "severity"], name="incident_rule_unique")]

    def __str__(self) -> str:
        return f"{self.get_kind_display() or _('Every kind')} · {self.get_severity_display()}"

    def get_absolute_url(self) -> str:
        return reverse("incidents:rule-edit", args=[self.pk])
