"""Daily operations, one module per sub-domain (transport adds its own app)."""

from .activities import Activity
from .defences import Defence, DefenceCheck
from .dormitories import BedCheck, BedCheckEntry, DormBed, DormBuilding, DormRoom, Resident
from .duty import DutyAssignment, DutyLog
from .patrols import Checkpoint, PatrolCheckin, PatrolRound, PatrolRoute
from .pickup import Pickup, PickupAuthorisation
from .vaccination import VaccinationCheck, VaccinationYear
from .visitors import Visitor, WatchEntry

__all__ = ["Activity", "BedCheck", "BedCheckEntry", "Checkpoint", "Defence", "DefenceCheck", "DormBed",
           "DormBuilding", "DormRoom", "DutyAssignment", "DutyLog", "PatrolCheckin", "PatrolRound", "PatrolRoute",
           "Pickup", "PickupAuthorisation", "Resident", "VaccinationCheck", "VaccinationYear", "Visitor",
           "WatchEntry"]
