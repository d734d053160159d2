"""Attachments: content sniffed (never trust the name), size capped, EXIF stripped, hashed."""

from __future__ import annotations

import hashlib
import io
from pathlib import PurePath

import filetype
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.db import models, transaction
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

from . import audit
from .errors import InvalidInput
from .models import Attachment

ALLOWED = {
    "image/jpeg": "jpg",
    "image/png": "png",
    "image/webp": "webp",
    "application/pdf": "pdf",
}
IMAGE_FORMATS = {"image/jpeg": "JPEG", "image/png": "PNG", "image/webp": "WEBP"}


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
    """Check and store one uploaded file as an attachment of ``target`` (same unit as it)."""
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
