"""School transport (OPS-5): vehicles, drivers, routes with stops and riders, trips with the escort's roll call.

Every record belongs to a school (``org_unit``). A trip's riders are rows of ``TripRider``, made when the
trip opens: boarding and alighting set their moment once (a second tap, or a second escort tapping at the
same moment, finds it set), so a child has one record per trip.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from safecampus.core.models import ScopedModel

from .choices import Direction, RiderState, TripStatus, VehicleKind


class Vehicle(ScopedModel):
    plate = models.CharField(_("plate"), max_length=20)
    kind = models.CharField(_("kind"), max_length=20, choices=VehicleKind.choices, default=VehicleKind.SCHOOL_BUS)
    seats = models.PositiveSmallIntegerField(_("seats"))
    inspection_expires = models.DateField(_("inspection expires"))
    insurance_expires = models.DateField(_("insurance expires"))
    active = models.BooleanField(_("in service"), default=True)

    class Meta:
        verbose_name = _("vehicle")
        verbose_name_plural = _("vehicles")
        constraints = [models.UniqueConstraint(fields=["org_unit", "plate"], name="transport_plate_once")]

    def __str__(self) -> str:
        return self.plate

    def get_absolute_url(self) -> str:
        return reverse("transport:vehicle-detail", args=[self.pk])

    def lapsed_papers(self, day) -> list[str]:
        """The names of the papers that have expired by ``day`` (empty: fit to run)."""
        lapsed = []
        if self.inspection_expires < day:
            lapsed.append("inspection_expires")
        if self.insurance_expires < day:
            lapsed.append("insurance_expires")
        return lapsed


class Driver(ScopedModel):
    name = models.CharField(_("name"), max_length=60)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                             related_name="+", verbose_name=_("account"))
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    birth_date = models.DateField(_("date of birth"))
    licence_class = models.CharField(_("licence class"), max_length=10, blank=True)
    licence_since = models.DateField(_("driving since"))
    licence_expires = models.DateField(_("licence expires"))
    points_note = models.TextField(_("points record"), blank=True)
    active = models.BooleanField(_("employed"), default=True)

    class Meta:
        verbose_name = _("driver")
        verbose_name_plural = _("drivers")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("transport:driver-detail", args=[self.pk])


class Route(ScopedModel):
    name = models.CharField(_("name"), max_length=100)
    vehicle = models.ForeignKey(Vehicle, null=True, blank=True, on_delete=models.PROTECT, related_name="routes",
                                verbose_name=_("vehicle"))
    driver = models.ForeignKey(Driver, null=True, blank=True, on_delete=models.PROTECT, related_name="routes",
                               verbose_name=_("driver"))
    escort = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                               related_name="+", verbose_name=_("escort"))
    active = models.BooleanField(_("in use"), default=True)

    class Meta:
        verbose_name = _("bus route")
        verbose_name_plural = _("bus routes")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("transport:route-detail", args=[self.pk])


class Stop(models.Model):
    route = models.ForeignKey(Route, on_delete=models.CASCADE, related_name="stops")
    order = models.PositiveSmallIntegerField(_("order"))
    name = models.CharField(_("stop"), max_length=100)

    class Meta:
        ordering = ["route", "order"]
        verbose_name = _("stop")

    def __str__(self) -> str:
        return self.name


class Rider(models.Model):
    """A pupil who rides a route."""

    route = models.ForeignKey(Route, on_delete=models.CASCADE, related_name="riders")
    student = models.ForeignKey("org.Student", on_delete=models.PROTECT, related_name="+",
                                verbose_name=_("pupil"))

    class Meta:
        verbose_name = _("rider")
        constraints = [models.UniqueConstraint(fields=["route", "student"], name="transport_rider_once")]

    def __str__(self) -> str:
        return str(self.student)


class Trip(ScopedModel):
    route = models.ForeignKey(Route, null=True, blank=True, on_delete=models.PROTECT, related_name="trips",
                              verbose_name=_("route"))
    vehicle = models.ForeignKey(Vehicle, on_delete=models.PROTECT, related_name="trips", verbose_name=_("vehicle"))
    driver = models.ForeignKey(Driver, on_delete=models.PROTECT, related_name="trips", verbose_name=_("driver"))
    escort = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                               verbose_name=_("escort"))
    direction = models.CharField(_("direction"), max_length=12, choices=Direction.choices)
    date = models.DateField(_("date"))
    status = models.CharField(_("status"), max_length=8, choices=TripStatus.choices, default=TripStatus.OPEN)
    opened_at = models.DateTimeField(_("started at"))
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    opened_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                                  verbose_name=_("started by"))
    request_id = models.CharField(max_length=64, blank=True)

    class Meta:
        verbose_name = _("trip")
        verbose_name_plural = _("trips")
        constraints = [models.UniqueConstraint(fields=["opened_by", "request_id"], condition=~Q(request_id=""),
                                               name="transport_trip_request_once")]
        indexes = [models.Index(fields=["org_unit", "date"]), models.Index(fields=["escort", "date"])]

    def __str__(self) -> str:
        return f"{self.route or self.vehicle} {self.date:%m-%d} {self.get_direction_display()}"

    def get_absolute_url(self) -> str:
        return reverse("transport:trip-detail", args=[self.pk])


class TripRider(models.Model):
    """One expected rider of a trip: boarded and alighted once each, by whom."""

    trip = models.ForeignKey(Trip, on_delete=models.CASCADE, related_name="riders")
    student = models.ForeignKey("org.Student", on_delete=models.PROTECT, related_name="+",
                                verbose_name=_("pupil"))
    boarded_at = models.DateTimeField(_("boarded at"), null=True, blank=True)
    boarded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+")
    alighted_at = models.DateTimeField(_("alighted at"), null=True, blank=True)
    alighted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="+")

    class Meta:
        verbose_name = _("trip rider")
        constraints = [models.UniqueConstraint(fields=["trip", "student"], name="transport_trip_rider_once")]
        indexes = [models.Index(fields=["student", "trip"])]

    def __str__(self) -> str:
        return str(self.student)

    @property
    def state(self) -> str:
        if self.alighted_at:
            return RiderState.ALIGHTED
        return RiderState.ON_BOARD if self.boarded_at else RiderState.WAITING


class VehicleInspection(ScopedModel):
    """A vehicle's safety inspection. ``fleet_current``: after it, every vehicle the school runs had current
    inspection and insurance papers (the evidence of the school-bus inspection duty)."""

    vehicle = models.ForeignKey(Vehicle, on_delete=models.PROTECT, related_name="inspections",
                                verbose_name=_("vehicle"))
    inspected_on = models.DateField(_("inspected on"))
    passed = models.BooleanField(_("passed"), default=True)
    expires = models.DateField(_("valid until"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)
    fleet_current = models.BooleanField(_("every vehicle's papers current"), default=False)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                                    verbose_name=_("recorded by"))

    class Meta:
        verbose_name = _("vehicle inspection")
        verbose_name_plural = _("vehicle inspections")
        ordering = ["-inspected_on", "-id"]

    def __str__(self) -> str:
        return f"{self.vehicle} {self.inspected_on}"

    def get_absolute_url(self) -> str:
        return reverse("transport:vehicle-detail", args=[self.vehicle_id])
