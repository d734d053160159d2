"""How this app's audit changes read in a history (``core.history``): keys that are not fields."""

from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from safecampus.core.labels import CHANGE_CHOICES, CHANGE_LABELS, HIDDEN_CHANGES, LISTED


def evidence_label(code: str) -> str:
    from .registry import EVIDENCE

    kind = EVIDENCE.get(code)
    return str(kind.label) if kind else _("(removed)")


def role_labels(codes) -> str:
    from safecampus.org.roles import ROLES

    zh = (get_language() or "").lower().startswith("zh")
    return ROLES[codes][1 if zh else 0] if codes in ROLES else codes


CHANGE_LABELS.update({"compliance.attested:obligation": _("Duty"), "sort": _("Order")})
CHANGE_CHOICES.update({
    "compliance.attested:obligation": lambda code: _rule_title(code),
    "evidence_kind": evidence_label,
    "owner_roles": role_labels, "escalation_roles": role_labels, "supervisor_roles": role_labels,
})
LISTED.update({f"compliance.rule_created:{k}" for k in ("owner_roles", "escalation_roles", "supervisor_roles",
                                                          "school_types")})
HIDDEN_CHANGES.update({"compliance.rule_created:code", "compliance.rule_changed:code",
                       "compliance.rule_created:evidence_params", "compliance.rule_changed:evidence_params"})


def _rule_title(code: str) -> str:
    from .models import Obligation

    rule = Obligation.objects.filter(code=code).order_by("pk").first()
    return rule.display_title if rule else code
