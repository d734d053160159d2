"""Notices to parents and one receipt per guardian and pupil, each with its own link."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from safecampus.core.models import ScopedModel

from ..choices import NoticeKind


def new_token() -> str:
    # 32 random bytes: 43 URL-safe characters; guessing one is hopeless, so a miss is simply 404.
    return secrets.token_urlsafe(32)


class ParentNotice(ScopedModel):
    """``org_unit`` is the audience: a class, a grade or a whole school."""

    scope_newest_first = True

    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("text"))
    kind = models.CharField(_("kind"), max_length=12, choices=NoticeKind.choices, default=NoticeKind.GENERAL)
    sent_at = models.DateTimeField(_("sent at"), db_index=True)
    sent_on = models.DateField(_("sent on"))   # the school's local day (what the holiday duty counts)
    sent_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+",
                                verbose_name=_("sent by"))
    expires_on = models.DateField(_("links valid until"))
    recipients = models.PositiveIntegerField(_("recipients"), default=0)
    request_id = models.CharField(max_length=64, blank=True)

    class Meta:
        ordering = ["-sent_at", "-id"]
        verbose_name = _("notice to parents")
        verbose_name_plural = _("notices to parents")
        constraints = [models.UniqueConstraint(fields=["sent_by", "request_id"], condition=~Q(request_id=""),
                                               name="unique_notice_request")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("education:notice-detail", args=[self.pk])


class NoticeReceipt(ScopedModel):
    """``org_unit`` is the pupil's class, so a class's rates are one indexed group."""

    notice = models.ForeignKey(ParentNotice, on_delete=models.CASCADE, related_name="receipts")
    guardian = models.ForeignKey("org.Guardian", on_delete=models.PROTECT, related_name="+",
                                 verbose_name=_("guardian"))
    student = models.ForeignKey("org.Student", on_delete=models.PROTECT, related_name="+",
                                verbose_name=_("pupil"))
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    opened_at = models.DateTimeField(_("read at"), null=True, blank=True)
    acknowledged_at = models.DateTimeField(_("acknowledged at"), null=True, blank=True)

    class Meta:
        ordering = ["org_unit__path", "id"]
        verbose_name = _("receipt")
        constraints = [models.UniqueConstraint(fields=["notice", "guardian", "student"], name="unique_receipt")]
        indexes = [models.Index(fields=["notice", "org_unit", "acknowledged_at"])]

    def __str__(self) -> str:
        return f"{self.notice_id}/{self.pk}"

    @property
    def link_path(self) -> str:
        return reverse("education:parent-notice", args=[self.token])
