from django.db import models
from django.utils.translation import gettext_lazy as _


class TemplateKind(models.TextChoices):
    COMPREHENSIVE = "comprehensive", _("Comprehensive inspection")
    SPECIAL = "special", _("Special inspection")
    SPOT = "spot", _("Random spot check")


class Topic(models.TextChoices):
    GENERAL = "general", _("Whole campus")
    FIRE = "fire", _("Fire safety")
    CANTEEN = "canteen", _("Canteen and food")
    DORMITORY = "dormitory", _("Dormitory")
    DOOR_GUARD = "door_guard", _("Door guard and visitors")
    DUTY_PATROL = "duty_patrol", _("Duty and patrol")
    TRANSPORT = "transport", _("Student transport")
    ARCHIVES = "archives", _("Safety archives")
    SURROUNDINGS = "surroundings", _("Surroundings")
    OTHER = "other", _("Other")


class InspectionStatus(models.TextChoices):
    SCHEDULED = "scheduled", _("Scheduled")
    COMPLETED = "completed", _("Completed")
    CANCELLED = "cancelled", _("Cancelled")


class Outcome(models.TextChoices):
    PASS = "pass", _("Pass")
    FAIL = "fail", _("Fail")
    NA = "na", _("N/A")


class HazardLevel(models.TextChoices):
    """The hazard register's two levels; a failed item opens a hazard at one of them."""

    GENERAL = "general", _("General")
    MAJOR = "major", _("Major")
