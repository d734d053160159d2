"""The engine's own evidence: a signed attestation with an attachment, keyed by the rule's code."""

from django.utils.translation import gettext_lazy as _

from .registry import EvidenceKind, register_evidence

register_evidence(EvidenceKind(
    code="compliance.attestation",
    label=_("Signed attestation with attachment"),
    model="compliance.Attestation",
    date_field="performed_on",
    params={"rule": "rule_code"},
))
