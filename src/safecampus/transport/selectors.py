"""Read-side queries of school transport, each starting from the reader's scope."""

from __future__ import annotations

from datetime import timedelta

from django.db.models import Count, Q
from django.utils import timezone

from .choices import TripStatus
from .models import Driver, Route, Trip, TripRider, Vehicle


def roll_call(trip: Trip) -> list[TripRider]:
    """A trip's riders with their class, in class then name order (one query)."""
    return list(TripRider.objects.filter(trip=trip).select_related("student__org_unit")
                .order_by("student__org_unit__path", "student__name", "student_id"))


def trips_today(user, limit: int = 20) -> list[Trip]:
    """Today's trips the reader escorts (open ones first), else today's trips of the schools they tap for."""
    today = timezone.localdate()
    # Today's, and any still under way from before (a trip left open is the one to look at first).
    mine = Trip.objects.visible_to(user, "transport.trip").filter(Q(date=today) | Q(status=TripStatus.OPEN))
    escorted = mine.filter(Q(escort=user) | Q(status=TripStatus.OPEN))
    rows = (escorted if escorted.exists() else mine).select_related("vehicle", "route", "driver", "org_unit")
    return list(rows.annotate(n=Count("riders"), on=Count("riders", filter=Q(riders__boarded_at__isnull=False,
                                                                            riders__alighted_at__isnull=True)))
                .order_by("status", "-opened_at")[:limit])


def routes_to_start(user) -> list[Route]:
    return list(Route.objects.visible_to(user, "transport.trip").filter(active=True)
                .select_related("vehicle", "driver").order_by("org_unit__path", "name")[:50])


def not_boarded_for_head_teacher(user) -> list[TripRider]:
    """Today's expected riders of the classes the reader heads who have not boarded (one query)."""
    from safecampus.org.models import OrgUnit

    classes = OrgUnit.objects.filter(role_assignments__user=user, role_assignments__role__code="head_teacher",
                                     kind="class")
    today = timezone.localdate()
    return list(TripRider.objects.filter(student__org_unit__in=classes, boarded_at__isnull=True,
                                         trip__date=today)
                .select_related("student__org_unit", "trip__vehicle", "trip__route")
                # The panel names the children: their identity numbers and health notes are not decrypted.
                .defer("student__id_number", "student__health_notes")
                .order_by("trip__opened_at", "student__name")[:50])


def expiring(user, capability: str = "transport.view", lead_days: int = 30) -> dict:
    """Vehicles and drivers whose papers lapse within ``lead_days`` (or have lapsed), in the reader's scope."""
    horizon = timezone.localdate() + timedelta(days=lead_days)
    vehicles = Vehicle.objects.visible_to(user, capability).filter(active=True).filter(
        Q(inspection_expires__lte=horizon) | Q(insurance_expires__lte=horizon))
    drivers = Driver.objects.visible_to(user, capability).filter(active=True, licence_expires__lte=horizon)
    return {"vehicles": list(vehicles.select_related("org_unit").order_by("inspection_expires")[:100]),
            "drivers": list(drivers.select_related("org_unit").order_by("licence_expires")[:100])}
