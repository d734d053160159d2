"""Daily operations, one module per sub-domain (transport and dormitories add theirs here)."""

from .defences import Defence, DefenceCheck
from .duty import DutyAssignment, DutyLog
from .patrols import Checkpoint, PatrolCheckin, PatrolRound, PatrolRoute
from .pickup import Pickup, PickupAuthorisation
from .visitors import Visitor, WatchEntry

__all__ = ["Checkpoint", "Defence", "DefenceCheck", "DutyAssignment", "DutyLog", "PatrolCheckin", "PatrolRound",
           "PatrolRoute", "Pickup", "PickupAuthorisation", "Visitor", "WatchEntry"]
