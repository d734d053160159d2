"""Demo: the plan's rules at the demo central school, and a realistic mix of met, due and overdue work."""

from __future__ import annotations

import io
from datetime import timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from safecampus.core.demo import DemoContext

from . import services
from .engine import local_today
from .models import Attestation, Obligation


def _proof(name: str) -> SimpleUploadedFile:
    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", (48, 32), (11, 92, 125)).save(buf, format="PNG")
    return SimpleUploadedFile(f"{name}.png", buf.getvalue(), content_type="image/png")


# (school key, signer, rule code, days ago): School A is mostly on time, School B behind,
# Kindergarten C in between.
DONE = [
    ("school_a", "officer_a", "vaccination-check", 70),
    ("school_a", "officer_a", "school-bus-inspection", 45),
    ("kinder_c", "officer_c", "vaccination-check", 75),
]


def load(ctx: DemoContext) -> None:
    central = ctx.units["central"]
    services.load_rules(actor=None, org_unit=central)
    now = ctx.now or timezone.now()
    rules = {r.code: r for r in Obligation.objects.filter(org_unit=central)}
    for key, signer, code, days_ago in DONE:
        unit, rule = ctx.units[key], rules.get(code)
        # A duty proven by an app's own records is shown by that app's demo, not by an attestation.
        if rule is None or not rule.active or rule.evidence_kind != "compliance.attestation":
            continue
        day = local_today(now, unit.timezone) - timedelta(days=days_ago)
        if Attestation.objects.filter(org_unit=unit, obligation=rule, performed_on=day).exists():
            continue
        services.attest(actor=ctx.users[signer], obligation=rule, org_unit=unit, upload=_proof(code),
                        note="演示：已完成并拍照存档", now=now, performed_on=day)
