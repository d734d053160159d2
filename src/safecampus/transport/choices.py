"""Vocabularies of school transport."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class VehicleKind(models.TextChoices):
    KINDERGARTEN_BUS = "kindergarten_bus", _("Kindergarten bus")
    SCHOOL_BUS = "school_bus", _("School bus")


class Direction(models.TextChoices):
    TO_SCHOOL = "to_school", _("To school")
    FROM_SCHOOL = "from_school", _("From school")


class TripStatus(models.TextChoices):
    OPEN = "open", pgettext_lazy("trip", "Under way")
    CLOSED = "closed", pgettext_lazy("trip", "Closed")


class RiderState(models.TextChoices):
    WAITING = "waiting", _("Not boarded")
    ON_BOARD = "on_board", _("On board")
    ALIGHTED = "alighted", _("Alighted")
