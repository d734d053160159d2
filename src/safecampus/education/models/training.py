"""Staff safety training: programmes, sessions with hours and attendees, certificates as attachments."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from safecampus.core.models import ScopedModel


class TrainingProgramme(ScopedModel):
    """A plan of training (a year's programme, a course) set by a school, central school or authority."""

    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    year = models.PositiveSmallIntegerField(_("year"))

    class Meta:
        ordering = ["-year", "title"]
        verbose_name = _("training programme")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("education:programme-detail", args=[self.pk])


class TrainingSession(ScopedModel):
    """One session held by ``org_unit`` (the school, or a central school for its district)."""

    programme = models.ForeignKey(TrainingProgramme, null=True, blank=True, on_delete=models.PROTECT,
                                  related_name="sessions", verbose_name=_("programme"))
    title = models.CharField(_("title"), max_length=200)
    held_on = models.DateField(_("held on"))
    hours = models.DecimalField(_("hours"), max_digits=4, decimal_places=1)
    trainer = models.CharField(_("trainer"), max_length=100, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    attendees = models.ManyToManyField(settings.AUTH_USER_MODEL, through="Attendance", related_name="+")
    request_id = models.CharField(max_length=64, blank=True)

    class Meta:
        ordering = ["-held_on", "-id"]
        verbose_name = _("training session")
        constraints = [models.UniqueConstraint(fields=["recorded_by", "request_id"],
                                               condition=~models.Q(request_id=""), name="unique_training_request")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("education:training-detail", args=[self.pk])


class Attendance(models.Model):
    session = models.ForeignKey(TrainingSession, on_delete=models.CASCADE, related_name="attendance")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    # Copied from the session so a year's hours per person are one indexed sum.
    held_on = models.DateField()
    hours = models.DecimalField(max_digits=4, decimal_places=1)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["session", "user"], name="unique_attendance")]
        indexes = [models.Index(fields=["user", "held_on"])]

    def __str__(self) -> str:
        return f"{self.session_id}:{self.user_id}"
