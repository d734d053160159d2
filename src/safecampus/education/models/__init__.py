"""Education records by sub-domain: lessons, notices to parents, staff training, safety culture,
and the per-school coverage rows the obligations engine counts."""

from .coverage import Coverage
from .culture import Campaign, Story
from .lessons import Lesson, Topic
from .notices import NoticeReceipt, ParentNotice
from .training import Attendance, TrainingProgramme, TrainingSession

__all__ = ["Attendance", "Campaign", "Coverage", "Lesson", "NoticeReceipt", "ParentNotice", "Story", "Topic",
           "TrainingProgramme", "TrainingSession"]
