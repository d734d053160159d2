"""Hazards in a given state, made through the services as people would."""

from __future__ import annotations

import io

from django.core.files.uploadedfile import SimpleUploadedFile

from safecampus.hazards import services
from safecampus.hazards.models import Hazard


def png(name: str = "photo.png", colour: str = "red") -> SimpleUploadedFile:
    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", (8, 8), colour).save(buf, "PNG")
    return SimpleUploadedFile(name, buf.getvalue(), content_type="image/png")


def make(world, state: str = "reported", *, school: str = "school_a", level: str = "general",
         category: str = "fire", reporter: str | None = None, assignee: str | None = None,
         officer: str | None = None, title: str = "Blocked fire exit") -> Hazard:
    suffix = school[-1]
    officer = officer or f"officer_{suffix}"
    reporter = reporter or (f"teacher_{suffix}" if suffix in "ab" else officer)
    assignee = assignee or f"principal_{suffix}"
    hazard = services.report_hazard(actor=world.user(reporter), org_unit=getattr(world, school), title=title,
                                    category=category, level=level, location="Block 1")
    if state == "reported":
        return hazard
    hazard = services.assign(hazard, actor=world.user(officer), assignee=world.user(assignee))
    if level == "major":
        hazard = services.record_commitments(hazard, actor=world.user(officer), measures="Fence off",
                                             person="Principal", funds="1000 yuan", deadline="2099-01-01",
                                             contingency="Use the other stairs")
    if state == "assigned":
        return hazard
    hazard = services.rectify(hazard, actor=world.user(assignee), note="Cleared and signposted")
    if state == "awaiting_verification":
        return hazard
    verifier = "central" if level == "major" else officer
    return services.verify(hazard, actor=world.user(verifier), note="Checked on site")


NUMBERS = {"general_days": 5, "general_remind_days": 2, "major_days": 20, "major_remind_days": 4}


def make_policy(world, unit: str = "school_a", actor: str = "central", **numbers):
    """A unit's own rectification policy, set as the central school would."""
    return services.create_policy(actor=world.user(actor), org_unit=getattr(world, unit),
                                  **{**NUMBERS, **numbers}, source="test rule")
