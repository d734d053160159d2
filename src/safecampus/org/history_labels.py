"""How this app's audit changes read in a history (``core.history``): keys that are not fields."""

from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from safecampus.core.labels import CHANGE_CHOICES, CHANGE_FORMATS, CHANGE_LABELS, LISTED

from .choices import SemesterKind
from .roles import ROLES


def role_label(code: str) -> str:
    zh = (get_language() or "").lower().startswith("zh")
    return ROLES[code][1 if zh else 0] if code in ROLES else code


def post_label(code: str) -> str:
    from .models import Post

    post = Post.objects.filter(code=code).first()
    return str(post.display_name) if post else code


def _periods(value) -> str:
    """A calendar's semesters or holidays: ``[name or kind, start, end]`` each."""
    from safecampus.core.history import show

    if not isinstance(value, list):
        return show(value)
    parts = []
    for item in value:
        if isinstance(item, list) and len(item) == 3:
            name = dict(SemesterKind.choices).get(item[0], item[0])
            parts.append(f"{name}（{show(item[1])}–{show(item[2])}）")
        else:
            parts.append(show(item))
    return "；".join(parts)


CHANGE_LABELS.update({"may_pick_up": _("May pick up"), "relation": _("Relation")})
def _roles_at(value) -> str:
    """A person's roles: ``[role code, unit id]`` each."""
    from safecampus.core.history import separator, show

    from .models import OrgUnit

    if not isinstance(value, list):
        return show(value)
    parts = []
    for item in value:
        if isinstance(item, list) and len(item) == 2:
            parts.append(f"{role_label(item[0])}（{show(item[1], ref=OrgUnit)}）")
        else:
            parts.append(role_label(str(item)))
    return separator().join(parts)


CHANGE_CHOICES.update({"role": role_label, "posts": post_label})
CHANGE_FORMATS.update({"org.staff_created:roles": _roles_at, "org.staff_changed:roles": _roles_at})
LISTED.update({"org.staff_created:roles"})
CHANGE_FORMATS.update({"semesters": _periods, "holidays": _periods})
LISTED.update({"org.staff_created:posts"})
