"""The words of incident reporting: kinds and severities of CONTRACT.md, and the rest."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Kind(models.TextChoices):
    CASUALTY_ACCIDENT = "casualty_accident", _("Casualty accident")
    MASS_INCIDENT = "mass_incident", _("Mass incident")
    FOOD_POISONING = "food_poisoning", _("Food poisoning")
    FIRE = "fire", _("Fire")
    PUBLIC_SECURITY = "public_security", _("Public security")
    PUBLIC_HEALTH = "public_health", _("Public health")
    NATURAL_DISASTER = "natural_disaster", _("Natural disaster")
    TRAFFIC = "traffic", _("Traffic")
    OTHER = "other", _("Other")


class Severity(models.TextChoices):
    GENERAL = "general", _("General")
    SERIOUS = "serious", _("Serious")
    MAJOR = "major", _("Major")
    EXTRAORDINARY = "extraordinary", _("Extraordinary")


# Order matters: "from serious up" compares ranks, never labels.
SEVERITY_RANK = {s.value: i for i, s in enumerate(Severity)}


def at_least(severity: str, floor: str) -> bool:
    return SEVERITY_RANK.get(severity, -1) >= SEVERITY_RANK[floor]


class Status(models.TextChoices):
    # A context keeps other apps' "Closed" (销号 of a hazard) from leaking into incident words.
    FILED = "filed", pgettext_lazy("incident status", "Filed")
    FOLLOWING_UP = "following_up", pgettext_lazy("incident status", "Following up")
    CLOSED = "closed", pgettext_lazy("incident status", "Closed")


class FollowUpKind(models.TextChoices):
    WRITTEN = "written", _("Written report")
    PROGRESS = "progress", _("Follow-up report")


class NoticeKind(models.TextChoices):
    CRITICISM = "criticism", _("Circular of criticism")
    COMMENDATION = "commendation", _("Commendation")
    WARNING = "warning", _("Safety warning")


class RecordKind(models.TextChoices):
    REWARD = "reward", _("Reward")
    PUNISHMENT = "punishment", _("Punishment")


# Fields a correction may change; who filed, where and when it was filed never change.
AMENDABLE = ("kind", "severity", "occurred_at", "location", "summary", "first_actions", "injured", "deaths",
             "injured_names")
