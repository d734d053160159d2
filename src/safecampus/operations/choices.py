"""Vocabularies of daily operations."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class VisitorStatus(models.TextChoices):
    INSIDE = "inside", _("Inside")
    LEFT = "left", _("Left")
    REFUSED = "refused", _("Refused")


class Shift(models.TextChoices):
    DAY = "day", _("Day shift")
    NIGHT = "night", _("Night shift")
    HOLIDAY = "holiday", _("Holiday shift")


class RouteKind(models.TextChoices):
    SAFETY = "safety", _("Safety patrol")
    FIRE = "fire", _("Fire patrol")


class CheckResult(models.TextChoices):
    OK = "ok", pgettext_lazy("check", "All right")
    WRONG = "wrong", _("Something wrong")


class PickupStatus(models.TextChoices):
    HANDED_OVER = "handed_over", _("Handed over")
    REFUSED = "refused", _("Refused")


class DefenceCategory(models.TextChoices):
    PEOPLE = "people", _("People (人防)")
    PHYSICAL = "physical", _("Physical (物防)")
    TECHNICAL = "technical", _("Technical (技防)")


class DefenceState(models.TextChoices):
    WORKING = "working", _("Working")
    FAULTY = "faulty", _("Faulty")
    MISSING = "missing", _("Missing")


class BedStatus(models.TextChoices):
    PRESENT = "present", pgettext_lazy("bed check", "Present")
    ABSENT = "absent", pgettext_lazy("bed check", "Absent")
    ON_LEAVE = "on_leave", pgettext_lazy("bed check", "On leave")


class ActivityStatus(models.TextChoices):
    SUBMITTED = "submitted", pgettext_lazy("activity", "Submitted")
    APPROVED = "approved", pgettext_lazy("activity", "Approved")
    REJECTED = "rejected", pgettext_lazy("activity", "Rejected")


class ApproverLevel(models.TextChoices):
    SCHOOL = "school", pgettext_lazy("approver", "School principal")
    CENTRAL = "central", pgettext_lazy("approver", "Central school")
    AUTHORITY = "authority", pgettext_lazy("approver", "Education authority")


class VaccinationStatus(models.TextChoices):
    COMPLETE = "complete", pgettext_lazy("vaccination", "Complete")
    MISSING = "missing", pgettext_lazy("vaccination", "Certificate missing")
    CATCH_UP = "catch_up_needed", _("Catch-up shots needed")
