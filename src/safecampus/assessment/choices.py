"""The words of assessment: how an indicator is scored, what a veto does, who marks."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Method(models.TextChoices):
    COMPUTED = "computed", _("Computed from the records")
    MARKED = "marked", _("Marked by inspectors")
    VETO = "veto", _("One-vote veto")


class Effect(models.TextChoices):
    ZERO = "zero", _("Sets the result to zero")
    CAP = "cap", _("Caps the result")


class MarkKind(models.TextChoices):
    INSPECTOR = "inspector", _("Inspectors' mark")
    SELF = "self", _("Self-assessment")


class CommendationKind(models.TextChoices):
    SCHOOL = "school", _("Model school")
    PERSON = "person", pgettext_lazy("commendation", "Model person")


# The plan's chapters an indicator belongs to (the order the score page reads them in).
CHAPTERS = [
    ("obligations", _("Routine safety work")),
    ("responsibility", _("Safety responsibility")),
    ("inspections", _("Inspections and hazards")),
    ("incidents", _("Incident reporting")),
    ("education", _("Education, training and drills")),
    ("operations", _("Daily safety management")),
    ("canteen", _("Canteen and fire safety")),
    ("other", _("Other")),
]
