"""Read helpers shared by views, the API, evidence and the home panel. Every one starts from scope."""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Q, QuerySet

from safecampus.core.permissions import grants_of, scope_paths
from safecampus.core.scoping import path_q

from .models import MeetingAction, ResponsibilityLetter, RuleAcknowledgement, SchoolRule


def prefixes(path: str) -> list[str]:
    """"/1/4/9/" -> ["/1/", "/1/4/", "/1/4/9/"]: the unit and every unit above it."""
    parts = [p for p in path.strip("/").split("/") if p]
    return ["/" + "/".join(parts[: i + 1]) + "/" for i in range(len(parts))]


def own_paths(user) -> list[str]:
    """Units the user works at, and every unit above them: whose rules apply to the user."""
    out: set[str] = set()
    for g in grants_of(user):
        out.update(prefixes(g.path))
    return sorted(out)


def works_in(user, path: str) -> bool:
    return any(g.path.startswith(path) for g in grants_of(user))


def letters_for(user, model=ResponsibilityLetter) -> QuerySet:
    """Letters the user oversees (``responsibility.view``) plus the user's own (``view_own``)."""
    if user is None or not user.is_authenticated:
        return model.objects.none()
    q = Q(pk__in=[])
    view_roots = scope_paths(user, "responsibility.view")
    own_roots = scope_paths(user, "responsibility.view_own")
    if view_roots:
        q |= path_q("org_unit__path", view_roots)
    if own_roots:
        q |= path_q("org_unit__path", own_roots) & Q(recipient=user)
    return model.objects.filter(q)


def can_read_letter(user, letter) -> bool:
    from safecampus.core.permissions import has_capability

    return has_capability(user, "responsibility.view", letter.org_unit.path) or (
        letter.recipient_id == user.pk and has_capability(user, "responsibility.view_own", letter.org_unit.path))


def unsigned_letters_of(user) -> QuerySet:
    return (ResponsibilityLetter.objects.visible_to(user, "responsibility.view_own")
            .filter(recipient=user, status="issued").select_related("org_unit"))


def open_actions_of(user) -> QuerySet:
    return (MeetingAction.objects.visible_to(user, "responsibility.view_own")
            .filter(owner=user, status="open").select_related("meeting"))


def rules_for(user) -> QuerySet:
    """Rules of units in the user's scope, and rules adopted above the user that apply to them."""
    if user is None or not user.is_authenticated:
        return SchoolRule.objects.none()
    q = Q(org_unit__path__in=own_paths(user))
    roots = scope_paths(user, "responsibility.view_own")
    if roots:
        q |= path_q("org_unit__path", roots)
    return SchoolRule.objects.filter(q, current__isnull=False)


def with_ack(qs: QuerySet, user) -> QuerySet:
    return qs.annotate(acknowledged=Exists(RuleAcknowledgement.objects.filter(
        rule_version_id=OuterRef("current_id"), user_id=user.pk)))


def rules_to_acknowledge(user) -> QuerySet:
    return (with_ack(SchoolRule.objects.filter(org_unit__path__in=own_paths(user), current__isnull=False), user)
            .filter(acknowledged=False).select_related("current"))


def open_work_of(user) -> tuple[list, list, list]:
    """The letters ``user`` has to sign, her open meeting actions and the rules she has yet to
    acknowledge, read once per request (her task list and the home panel both show them)."""
    from safecampus.core import memo

    # A rule's texts (in two languages) are not read for a line that shows its title.
    return memo.once(("responsibility.open_work", user.pk), lambda: (
        list(unsigned_letters_of(user)), list(open_actions_of(user)),
        list(rules_to_acknowledge(user).defer("current__body", "current__body_zh"))))


# Public read functions for reports and assessment (they never import this app's views or models' internals).

def teams_of(unit) -> QuerySet:
    """The leading group and working team of a unit, with members, for its page and its archive."""
    from django.db.models import Prefetch

    from .models import SafetyTeam, TeamMember

    return (SafetyTeam.objects.filter(org_unit=unit)
            .prefetch_related(Prefetch("members", queryset=TeamMember.objects.order_by("sort", "id")))
            .order_by("kind"))


def letter_counts(unit, year: int) -> dict[str, int]:
    """Letters of a school year under ``unit``: {"issued": n, "signed": m}, one grouped query."""
    from django.db.models import Count

    rows = (ResponsibilityLetter.objects.filter(org_unit__path__startswith=unit.path, year=year)
            .values("status").annotate(n=Count("id")).order_by())
    out = {"issued": 0, "signed": 0}
    out.update({r["status"]: r["n"] for r in rows})
    return out
