from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class LessonKind(models.TextChoices):
    REGULAR = "regular", _("Regular lesson")
    SEMESTER_START = "semester_start", _("Semester start")
    BEFORE_HOLIDAY = "before_holiday", _("Before a holiday")
    BEFORE_ACTIVITY = "before_activity", _("Before a group activity")


class NoticeKind(models.TextChoices):
    GENERAL = "general", pgettext_lazy("notice", "General")
    HOLIDAY = "holiday", _("Holiday safety")
    ACTIVITY = "activity", _("Group activity")


class Duty(models.TextChoices):
    """What a per-school coverage record proves (see models/coverage.py)."""

    HOLIDAY_LESSON = "holiday_lesson", _("Before-holiday lesson in every class")
    HOLIDAY_NOTICE = "holiday_notice", _("Holiday notice to every class")
    TRAINING_HOURS = "training_hours", _("Every member of staff trained")


class CampaignKind(models.TextChoices):
    SAFETY_MONTH = "safety_month", _("Safety education month")
    NATIONAL_DAY = "national_day", _("National safety education day for pupils")
    FIRE_DAY = "fire_day", _("Fire safety day")
    CARING_FOR_LIFE = "caring_for_life", _("Caring for life")
    OTHER = "other", pgettext_lazy("campaign", "Other")


class StoryKind(models.TextChoices):
    NEWS = "news", _("News")
    MODEL_CASE = "model_case", _("Model case")
