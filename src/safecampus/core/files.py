"""Attachments: content sniffed (never trust the name), size capped, EXIF stripped, hashed."""

from __future__ import annotations

import hashlib
import io
import logging
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import PurePath, PurePosixPath

import filetype
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured
from django.core.files.base import ContentFile
from django.core.files.storage import Storage
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

from . import audit
from .attachments import owner_of
from .errors import InvalidInput
from .models import Attachment

ALLOWED = {
    "image/jpeg": "jpg",
    "image/png": "png",
    "image/webp": "webp",
    "application/pdf": "pdf",
}
IMAGE_FORMATS = {"image/jpeg": "JPEG", "image/png": "PNG", "image/webp": "WEBP"}

# A file is written before its row commits; anything younger may still be waiting for its commit.
PRUNE_GRACE = timedelta(hours=1)
PRUNE_CACHE_KEY = "core:files:pruned"

log = logging.getLogger(__name__)


def _strip_image(data: bytes, mime: str) -> bytes:
    """Re-encode the pixels only: drops EXIF (GPS position included) and any trailing payload."""
    try:
        with Image.open(io.BytesIO(data)) as probe:
            probe.verify()
        with Image.open(io.BytesIO(data)) as img:
            img.load()
            if mime == "image/jpeg" and img.mode not in ("RGB", "L"):
                img = img.convert("RGB")
            clean = Image.new(img.mode, img.size)
            clean.paste(img)
            out = io.BytesIO()
            clean.save(out, format=IMAGE_FORMATS[mime], quality=88)
            return out.getvalue()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as exc:
        raise InvalidInput.field("file", _("The image could not be read.")) from exc


def store(upload, *, target: models.Model, actor, purpose: str = "", field: str = "file") -> Attachment:
    """Check and store one uploaded file as an attachment of ``target`` (same unit as it).

    ``target``'s model must be registered with ``core.attachments.register_owner``: that is how
    the file's readers are checked, and an unregistered file could be served to nobody.
    """
    if owner_of(type(target)) is None:
        raise ImproperlyConfigured(f"{target._meta.label} keeps attachments but is not registered: "
                                   "call core.attachments.register_owner in its AppConfig.ready().")
    data = upload.read(settings.ATTACHMENT_MAX_BYTES + 1)
    if len(data) > settings.ATTACHMENT_MAX_BYTES:
        raise InvalidInput.field(field, _("The file is larger than %(mb)d MB.")
                                 % {"mb": settings.ATTACHMENT_MAX_BYTES // (1024 * 1024)})
    if not data:
        raise InvalidInput.field(field, _("The file is empty."))
    kind = filetype.guess(data)
    mime = kind.mime if kind else ""
    if mime not in ALLOWED:
        raise InvalidInput.field(field, _("Only JPEG, PNG, WebP images and PDF files are accepted."))
    if mime in IMAGE_FORMATS:
        data = _strip_image(data, mime)
    digest = hashlib.sha256(data).hexdigest()
    name = PurePath(getattr(upload, "name", "") or f"upload.{ALLOWED[mime]}").name[:200]
    with transaction.atomic():
        att = Attachment(
            org_unit=target.org_unit,
            content_type=ContentType.objects.get_for_model(target),
            object_id=str(target.pk),
            purpose=purpose,
            original_name=name,
            mime_type=mime,
            size=len(data),
            sha256=digest,
            uploaded_by=actor,
        )
        att.file.save(f"{digest[:16]}.{ALLOWED[mime]}", ContentFile(data), save=False)
        att.save()
        audit.record("attachment.added", actor=actor, obj=target,
                     changes={"attachment": att.pk, "name": name, "sha256": digest, "purpose": purpose})
    return att


def attachments_of(obj: models.Model):
    return Attachment.objects.filter(
        content_type=ContentType.objects.get_for_model(obj), object_id=str(obj.pk)
    ).order_by("id")


def _attachment_storage() -> tuple[Storage, str]:
    """The storage ``Attachment.file`` writes to and the top folder of its ``upload_to``.

    Only that folder is ever pruned: static files and anything else in the storage are not ours.
    ``upload_to`` becoming a callable fails here loudly rather than widening what is walked.
    """
    field = Attachment._meta.get_field("file")
    return field.storage, PurePosixPath(field.upload_to).parts[0]


def _walk(storage: Storage, folder: str) -> Iterator[str]:
    try:
        dirs, files = storage.listdir(folder)
    except FileNotFoundError:  # nothing uploaded yet
        return
    for name in files:
        yield f"{folder}/{name}"
    for name in dirs:
        yield from _walk(storage, f"{folder}/{name}")


def find_orphans(now: datetime | None = None, older_than: timedelta = PRUNE_GRACE) -> list[str]:
    """Names of attachment files older than ``older_than`` that no ``Attachment`` row refers to."""
    now = now or timezone.now()
    storage, area = _attachment_storage()
    old = []
    for name in _walk(storage, area):
        try:
            modified = storage.get_modified_time(name)
        except FileNotFoundError:  # removed meanwhile (a concurrent prune)
            continue
        if modified <= now - older_than:
            old.append(name)
    if not old:
        return []
    # Read the rows after listing the files: a row committed while the walk ran is still seen.
    referenced = set(Attachment.objects.values_list("file", flat=True).iterator(chunk_size=5000))
    return [name for name in old if name not in referenced]


def prune_orphans(now: datetime | None = None, older_than: timedelta = PRUNE_GRACE) -> int:
    """Delete attachment files left behind by rolled-back transactions; return how many.

    ``store`` writes the file before the surrounding transaction commits, and a rollback takes
    the row but not the file, which may hold personal data. One audit event per run that deleted.
    """
    storage, _area = _attachment_storage()
    deleted = size = 0
    for name in find_orphans(now, older_than):
        try:
            size += storage.size(name)
        except FileNotFoundError:  # removed meanwhile (a concurrent prune)
            continue
        storage.delete(name)
        deleted += 1
    if deleted:
        log.info("pruned %d orphaned attachment files (%d bytes)", deleted, size)
        audit.record("core.files_pruned", actor=None,
                     changes={"files": deleted, "bytes": size, "older_than_hours": older_than / timedelta(hours=1)})
    return deleted


def prune_orphans_hourly(now: datetime) -> int:
    """The one-minute sweep's hook (registered in ``core.apps``): prunes at most once an hour.

    ``now`` is ignored on purpose: ``tick --now`` replays deadlines at another moment, but file
    ages are wall-clock, and a moment in the future would delete uploads not yet committed.
    """
    if not cache.add(PRUNE_CACHE_KEY, 1, 3600):
        return 0
    return prune_orphans()
