"""Framework models only: base classes, audit trail, attachments, notifications, API tokens."""

from __future__ import annotations

import uuid
from functools import lru_cache

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.encoding import force_str
from django.utils.hashable import make_hashable
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from .scoping import ScopedQuerySet


@lru_cache(maxsize=2048)
def _choice_labels(field) -> dict:
    return dict(make_hashable(field.flatchoices))


class BaseModel(models.Model):
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    # Optimistic concurrency: services compare and bump it (see core.concurrency).
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        abstract = True

    def _get_FIELD_display(self, field):
        # Django builds the field's choices into a dictionary on every call: a list page asked for
        # each row's status and level labels that way. Fixed choices are built once (the labels stay
        # lazy, so each reader still gets her language); choices given as a callable as Django does.
        if callable(getattr(field, "choices", None)) or not isinstance(field.choices, list | tuple):
            return super()._get_FIELD_display(field)
        value = getattr(self, field.attname)
        return force_str(_choice_labels(field).get(make_hashable(value), value), strings_only=True)


class ScopedModel(BaseModel):
    """A record owned by one unit of the tree, visible to that unit and the units above it."""

    org_unit = models.ForeignKey("org.OrgUnit", on_delete=models.PROTECT, related_name="+",
                                 verbose_name=_("unit"))

    objects = ScopedQuerySet.as_manager()

    class Meta:
        abstract = True


class AuditChain(models.Model):
    """Head of one hash chain (one per central school): the lock writers of a district share."""

    key = models.CharField(max_length=64, primary_key=True)
    length = models.PositiveBigIntegerField(default=0)
    head_hash = models.CharField(max_length=64, default="")

    def __str__(self) -> str:
        return f"{self.key} ({self.length})"


class AuditEvent(models.Model):
    seq = models.BigAutoField(primary_key=True)
    chain = models.CharField(max_length=64, db_index=True)
    position = models.PositiveBigIntegerField()
    at = models.DateTimeField(db_index=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                              on_delete=models.DO_NOTHING, related_name="+", db_constraint=False)
    actor_name = models.CharField(max_length=150, blank=True)
    action = models.CharField(max_length=64, db_index=True)
    object_type = models.CharField(max_length=64, blank=True, db_index=True)
    object_id = models.CharField(max_length=64, blank=True)
    org_unit = models.ForeignKey("org.OrgUnit", null=True, blank=True, on_delete=models.DO_NOTHING,
                                 related_name="+", db_constraint=False)
    org_path = models.CharField(max_length=255, blank=True, db_index=True)
    changes = models.JSONField(default=dict, blank=True)
    reason = models.TextField(blank=True)
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64)

    objects = ScopedQuerySet.as_manager()
    scope_path_lookup = "org_path"

    class Meta:
        constraints = [models.UniqueConstraint(fields=["chain", "position"], name="audit_chain_position")]
        indexes = [models.Index(fields=["object_type", "object_id"])]
        ordering = ["seq"]

    def __str__(self) -> str:
        return f"#{self.seq} {self.action}"


class AuditCheckpoint(models.Model):
    """A chain's head as the authority above witnessed it: signed with a key outside the database.

    Append-only. Whoever rewrites a chain and its head row cannot rewrite these to match
    without the key, and the exported file keeps a copy outside the database as well.
    """

    chain = models.CharField(max_length=64, db_index=True)
    position = models.PositiveBigIntegerField()
    seq = models.BigIntegerField(null=True)
    hash = models.CharField(max_length=64)
    head_at = models.DateTimeField(null=True)
    made_at = models.DateTimeField(db_index=True)
    # The unit that witnesses: the authority above the chain's central school.
    authority = models.ForeignKey("org.OrgUnit", null=True, blank=True, on_delete=models.DO_NOTHING,
                                  related_name="+", db_constraint=False)
    signature = models.CharField(max_length=64)

    class Meta:
        ordering = ["chain", "made_at"]

    def __str__(self) -> str:
        return f"{self.chain}@{self.position} ({self.made_at:%Y-%m-%d %H:%M})"


class Attachment(ScopedModel):
    # The address of the file (``/attachments/<uid>/``): random, so one file's address tells
    # nothing about the others; the reader is still checked against the owning record.
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT)
    object_id = models.CharField(max_length=64)
    target = GenericForeignKey("content_type", "object_id")
    purpose = models.CharField(_("purpose"), max_length=32, blank=True)
    file = models.FileField(upload_to="attachments/%Y/%m/")
    original_name = models.CharField(_("file name"), max_length=255)
    mime_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                                    related_name="+")

    class Meta:
        indexes = [models.Index(fields=["content_type", "object_id"])]
        ordering = ["id"]

    def __str__(self) -> str:
        return self.original_name

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("attachment", args=[self.uid])

    @property
    def is_image(self) -> bool:
        return self.mime_type.startswith("image/")


class Notification(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="notifications")
    at = models.DateTimeField(auto_now_add=True, db_index=True)
    kind = models.CharField(max_length=48)
    # ``title``/``body`` are in settings.LANGUAGE_CODE (what e-mail carries); ``*_en`` are the same
    # message in English. Rows written before the English columns existed leave them empty.
    title = models.CharField(max_length=255)
    body = models.TextField(blank=True)
    title_en = models.CharField(max_length=255, blank=True)
    body_en = models.TextField(blank=True)
    url = models.CharField(max_length=255, blank=True)
    read_at = models.DateTimeField(null=True, blank=True)
    # Reminders and escalations carry a key so a second sweep cannot send them again.
    dedupe_key = models.CharField(max_length=200, null=True, blank=True, unique=True)

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["user", "read_at"])]

    def __str__(self) -> str:
        return self.display_title

    @staticmethod
    def column(field: str, language: str) -> str:
        """The column holding ``field`` in ``language``: the plain one for the default language."""
        base = (language or settings.LANGUAGE_CODE).lower().split("-")[0]
        if base == settings.LANGUAGE_CODE.lower().split("-")[0]:
            return field
        return f"{field}_{base}"

    def text(self, field: str, language: str | None = None) -> str:
        """``field`` in ``language`` (the active one by default), else the default language's text."""
        column = self.column(field, language or get_language() or settings.LANGUAGE_CODE)
        return getattr(self, column, "") or getattr(self, field)

    @property
    def display_title(self) -> str:
        return self.text("title")

    @property
    def display_body(self) -> str:
        return self.text("body")


class ApiToken(models.Model):
    """A bearer token: kept as a hash. Sign-in tokens come from ``POST /api/v1/auth/token`` and
    live hours; integration tokens are made on the account page, named, scoped and dated."""

    SIGN_IN = "sign_in"
    INTEGRATION = "integration"
    KINDS = [(SIGN_IN, _("Sign-in")), (INTEGRATION, _("Integration"))]
    READ = "read"
    READ_WRITE = "read_write"
    SCOPES = [(READ, _("Read only")), (READ_WRITE, _("Read and write"))]

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens")
    key_hash = models.CharField(max_length=64, unique=True)
    prefix = models.CharField(max_length=8)
    name = models.CharField(_("name"), max_length=100, blank=True)
    kind = models.CharField(_("kind"), max_length=16, choices=KINDS, default=SIGN_IN)
    scope = models.CharField(_("access"), max_length=16, choices=SCOPES, default=READ_WRITE)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(_("expires"), null=True, blank=True)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)
    last_used_ip = models.GenericIPAddressField(_("last used from"), null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["user", "revoked_at"])]

    def __str__(self) -> str:
        return f"{self.prefix}… ({self.user_id})"

    @property
    def read_only(self) -> bool:
        return self.scope == self.READ
