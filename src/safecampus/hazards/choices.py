"""Hazard vocabularies. The numbers the closed loop runs on (rectification periods, reminder lead
times) are rows of ``HazardPolicy``, edited by the central school: see ``policies.py``."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Status(models.TextChoices):
    REPORTED = "reported", _("Reported")
    ASSIGNED = "assigned", _("Assigned")
    AWAITING_VERIFICATION = "awaiting_verification", _("Awaiting verification")
    CLOSED = "closed", _("Closed")


OPEN_STATUSES = (Status.REPORTED, Status.ASSIGNED, Status.AWAITING_VERIFICATION)


class Level(models.TextChoices):
    GENERAL = "general", _("General hazard")
    MAJOR = "major", _("Major hazard")


class Category(models.TextChoices):
    FIRE = "fire", _("Fire safety")
    ELECTRICAL = "electrical", _("Electrical")
    BUILDING = "building", _("Buildings and facilities")
    CANTEEN = "canteen", _("Canteen and food")
    DORMITORY = "dormitory", _("Dormitory")
    TRANSPORT = "transport", _("Student transport")
    SECURITY = "security", _("Door guard and security")
    EQUIPMENT = "equipment", _("Sports and teaching equipment")
    SURROUNDINGS = "surroundings", _("School surroundings")
    OTHER = "other", _("Other")


class Source(models.TextChoices):
    MANUAL = "manual", _("Reported by staff")
    INSPECTION = "inspection", _("Inspection")
    PATROL = "patrol", _("Patrol")
    DRILL = "drill", _("Drill")


class ContactMethod(models.TextChoices):
    PHONE = "phone", _("Phone call")
    VISIT = "visit", _("Visit")
    LETTER = "letter", _("Letter or notice")
    MEETING = "meeting", _("Meeting")
    OTHER = "other", _("Other")

