"""What the one-minute sweep does for daily operations (registered through ``core.sweeps`` in ``evidence.py``).

Each step claims its rows with a conditional UPDATE, so a tick run twice tells nobody twice.
"""

from __future__ import annotations

from datetime import datetime

from django.core.cache import cache

PURGE_KEY = "operations:visitors:purged"
PURGE_SECONDS = 3600


def visitors_at_closing(now: datetime) -> int:
    from .services.visitors import report_still_inside

    return report_still_inside(now)


def purge_visitor_identities(now: datetime) -> int:
    """Hourly: identity data past each school's retention is erased."""
    if not cache.add(PURGE_KEY, 1, PURGE_SECONDS):
        return 0
    from .services.visitors import purge_identities

    return purge_identities(now)


MISSED_KEY = "operations:patrols:missed"
MISSED_SECONDS = 300


def missed_checkpoints(now: datetime) -> int:
    """Every five minutes: rounds past their end with checkpoints nobody checked."""
    if not cache.add(MISSED_KEY, 1, MISSED_SECONDS):
        return 0
    from .services.patrols import sweep_missed_checkpoints

    return sweep_missed_checkpoints(now)


def pickups_waiting(now: datetime) -> int:
    from .services.pickup import sweep_not_handed_over

    return sweep_not_handed_over(now)
