"""What other apps may read of the hazard register (incidents, reports): scoped querysets only.

Siblings import these functions rather than the model, so the register's shape can change
behind them; every read starts from the reader's scope.
"""

from __future__ import annotations

from django.db.models import QuerySet

from safecampus.core.filters import subtree

from .models import Hazard

VIEW = "hazards.view"


def visible_hazards(user, capability: str = VIEW) -> QuerySet:
    """The hazards ``user`` may read (``capability`` held at or above their school)."""
    return Hazard.objects.visible_to(user, capability)


def school_hazards(user, school) -> QuerySet:
    """Hazards of ``school`` (and its classes) that ``user`` sees; all of them for system work (None)."""
    qs = subtree(Hazard.objects.all(), school.path)
    return qs.visible_to(user, VIEW) if user is not None else qs
