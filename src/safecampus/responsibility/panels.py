"""The home panel: the person's unsigned letters, open meeting actions and rules to acknowledge."""

from __future__ import annotations

from django.utils import timezone

from .selectors import open_actions_of, rules_to_acknowledge, unsigned_letters_of


def home_panel(request) -> dict | None:
    user = request.user
    letters = list(unsigned_letters_of(user)[:5])
    actions = list(open_actions_of(user).order_by("due")[:5])
    rules = rules_to_acknowledge(user).count()
    if not (letters or actions or rules):
        return None
    return {"template": "responsibility/_home_panel.html", "letters": letters, "actions": actions,
            "rules_count": rules, "today": timezone.localdate()}


def unit_teams_panel(request, unit) -> dict | None:
    """The school's leading group and working team on its page (ORG-2)."""
    from safecampus.core.permissions import has_capability

    from .selectors import teams_of

    if not has_capability(request.user, "responsibility.view", unit.path):
        return None
    teams = list(teams_of(unit))
    if not teams:
        return None
    return {"template": "responsibility/_unit_teams.html", "teams": teams}
