"""The home panel: the person's unsigned letters, open meeting actions and rules to acknowledge."""

from __future__ import annotations

from django.utils import timezone

from .selectors import open_work_of


def home_panel(request) -> dict | None:
    user = request.user
    letters, actions, rules = open_work_of(user)
    letters, actions, rules = letters[:5], sorted(actions, key=lambda a: (a.due, a.pk))[:5], len(rules)
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
