"""Moments and records the canteen tests share."""

from __future__ import annotations

import io
from datetime import datetime
from zoneinfo import ZoneInfo

from django.core.files.uploadedfile import SimpleUploadedFile

SHANGHAI = ZoneInfo("Asia/Shanghai")


def at(text: str) -> datetime:
    """A moment written in the school's zone: "2026-11-18 12:00"."""
    return datetime.fromisoformat(text).replace(tzinfo=SHANGHAI)


def png(name: str = "photo.png") -> SimpleUploadedFile:
    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", (40, 30), (200, 10, 10)).save(buf, format="PNG")
    return SimpleUploadedFile(name, buf.getvalue(), content_type="image/png")


def sample(world, *, dish="Rice", meal="lunch", weight=150, when="2026-11-18 12:00", school=None, who="canteen_a"):
    from safecampus.canteen.services.food import record_sample

    return record_sample(actor=world.user(who), org_unit=school or world.school_a, meal=meal, dish=dish,
                         weight_g=weight, taken_at=at(when), now=at(when))
