"""How this app's audit changes read in a history (``core.history``): keys that are not fields."""

from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from safecampus.core.labels import CHANGE_CHOICES, CHANGE_FORMATS, CHANGE_LABELS, CHANGE_REFS

from .choices import BatchKind, TeamRole


def _rule_name(code: str) -> str:
    from .texts import MODEL_RULES

    zh = (get_language() or "").lower().startswith("zh")
    rule = next((r for r in MODEL_RULES if r["code"] == code), None)
    return (rule["title_zh"] if zh else rule["title"]) if rule else code


def _actions(value) -> str:
    """A meeting's tasks: ``[title, user id, due]`` each."""
    from safecampus.core.history import show

    if not isinstance(value, list):
        return show(value)
    return "；".join(show(a[0]) + (f"（{show(a[1], ref=_user())}，{show(a[2])}）" if len(a) > 2 else "")
                    if isinstance(a, list) and a else show(a) for a in value)


def _user():
    from django.contrib.auth import get_user_model

    return get_user_model()


CHANGE_LABELS.update({
    "year": _("School year"), "member": _("Member"), "team_role": _("Role in the team"), "actions": _("Tasks"),
    "attendees": _("Attendees"), "duties": _("Duties"), "created": _("Created"), "existing": _("Already there"),
    "responsibility.rule_adopted:code": _("Rule"), "version": _("Version"), "drawn_signature": _("Drawn signature"),
    "responsibility.batch_issued:kind": _("Letters for"), "letters": _("Letters"), "sent": _("Sent"),
})
CHANGE_CHOICES.update({
    "team_role": TeamRole, "responsibility.batch_issued:kind": BatchKind,
    "responsibility.rule_adopted:code": _rule_name,
})
CHANGE_FORMATS.update({"actions": _actions})
CHANGE_REFS.update({"recipient": "auth.user"})
