"""Records of onboarding: first passwords still to change, pupils' moves, Excel imports."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from safecampus.core.crypto import EncryptedTextField
from safecampus.core.models import ScopedModel


class PendingPassword(models.Model):
    """An account whose first password (handed over by whoever created it) must be changed at
    first sign-in. The row goes away when its owner sets a password of their own."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                                related_name="pending_password")
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return str(self.user_id)


class StudentMove(ScopedModel):
    """A pupil moved from one class to another; ``org_unit`` is the class moved to. The pupil's
    records stay with the pupil, so this row is what tells where they were before."""

    student = models.ForeignKey("org.Student", on_delete=models.CASCADE, related_name="moves")
    from_unit = models.ForeignKey("org.OrgUnit", on_delete=models.PROTECT, related_name="+",
                                  verbose_name=_("from"))
    moved_on = models.DateField(_("moved on"))
    moved_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                 related_name="+")
    reason = models.CharField(_("reason"), max_length=200, blank=True)

    class Meta:
        ordering = ["-moved_on", "-pk"]
        verbose_name = _("pupil move")


class ImportKind(models.TextChoices):
    UNITS = "units", _("Units")
    STAFF = "staff", _("Staff")
    STUDENTS = "students", _("Pupils with guardians")


class ImportStatus(models.TextChoices):
    PREVIEWED = "previewed", _("Previewed")
    RUNNING = "running", _("Importing")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")


class ImportJob(ScopedModel):
    """One uploaded workbook: previewed first (nothing written), then confirmed as one transaction.
    ``org_unit`` is the unit of the person who uploaded it (the scope of what it may touch)."""

    kind = models.CharField(_("kind"), max_length=16, choices=ImportKind.choices)
    status = models.CharField(_("status"), max_length=16, choices=ImportStatus.choices,
                              default=ImportStatus.PREVIEWED)
    file_name = models.CharField(_("file"), max_length=200)
    content = models.BinaryField()
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    rows = models.PositiveIntegerField(_("rows"), default=0)
    creates = models.PositiveIntegerField(_("to create"), default=0)
    updates = models.PositiveIntegerField(_("to update"), default=0)
    errors = models.JSONField(default=list)
    # One line per row for the preview page: [row, what, action, changed columns].
    lines = models.JSONField(default=list)
    # First passwords of accounts the import made, handed over once (then cleared).
    handover = EncryptedTextField(blank=True)
    created = models.PositiveIntegerField(_("created"), default=0)
    updated = models.PositiveIntegerField(_("updated"), default=0)
    progress = models.PositiveIntegerField(default=0)
    message = models.CharField(max_length=500, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("import")

    def __str__(self) -> str:
        return self.file_name

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("org:import-detail", args=[self.pk])
