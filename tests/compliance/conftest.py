from __future__ import annotations

import io
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

SH = ZoneInfo("Asia/Shanghai")


def at(text: str) -> datetime:
    """A moment in the schools' zone: at("2026-11-28 09:00")."""
    return datetime.fromisoformat(text).replace(tzinfo=SH)


def png(name: str = "proof.png") -> SimpleUploadedFile:
    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", (8, 8), (200, 10, 10)).save(buf, format="PNG")
    return SimpleUploadedFile(name, buf.getvalue(), content_type="image/png")


@pytest.fixture
def make_rule(world):
    """A rule of the central school, attested, owned by the safety officer; only it is in force."""
    from safecampus.compliance.models import Obligation
    from safecampus.compliance.services import create_obligation

    def make(code="test-rule", **fields):
        Obligation.objects.filter(active=True).update(active=False)
        data = {"code": code, "title": "Test duty", "title_zh": "测试职责", "period": "monthly",
                "evidence_kind": "compliance.attestation", "remind_days": 3, "grace_days": 7, **fields}
        return create_obligation(actor=None, org_unit=world.central, data=data)

    return make


def attested_rule(world):
    """A duty of the central school still proven by a signed attestation, owed by every school: the plan's
    first such rule, else one made for the test (apps replace the plan's attestations with their records)."""
    from safecampus.compliance.models import Obligation
    from safecampus.compliance.services import create_obligation

    found = (Obligation.objects.filter(org_unit=world.central, active=True, evidence_kind="compliance.attestation",
                                       needs_transport=False, school_types=[]).order_by("sort").first())
    if found is not None:
        return found
    return create_obligation(actor=None, org_unit=world.central, data={
        "code": "signed-duty", "title": "A duty signed for each school year", "title_zh": "每学年签字确认的职责",
        "period": "school_year", "due_after_start_days": 30, "remind_days": 10, "grace_days": 14,
        "evidence_kind": "compliance.attestation", "owner_roles": ["safety_officer"]})
