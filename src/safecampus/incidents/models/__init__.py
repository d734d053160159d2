from .incident import Amendment, AppendOnlyError, FollowUp, Incident, IncidentState, Investigation, masked_names
from .notices import AccountabilityRecord, Notice, NoticeTarget
from .reports import InfoReport
from .rules import ReportingRule

__all__ = ["AccountabilityRecord", "Amendment", "AppendOnlyError", "FollowUp", "Incident", "IncidentState",
           "InfoReport", "Investigation", "Notice", "NoticeTarget", "ReportingRule", "masked_names"]
