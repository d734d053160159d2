"""``/api/v1/vehicles``, ``/drivers``, ``/bus-routes`` with ``/riders``, ``/trips`` with ``/board``, ``/alight``,
``/close`` (CONTRACT.md, Transport)."""

from __future__ import annotations

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import serializers, status
from rest_framework.decorators import action
from rest_framework.response import Response

from safecampus.core import inputs, replay
from safecampus.core.api.base import (
    ScopedUnitField,
    ScopedUserField,
    ScopedViewSet,
    StrictSerializer,
    VersionedIn,
    expect_version,
    validated,
)
from safecampus.core.errors import Forbidden, InvalidInput
from safecampus.core.permissions import has_capability
from safecampus.org.models import Student

from .choices import Direction, VehicleKind
from .filters import ApiUnitFilter, TripApiFilter
from .models import Driver, Route, Trip, TripRider, Vehicle, VehicleInspection
from .services import fleet, trips

MAX_ID = 2**63 - 1


@extend_schema_field(OpenApiTypes.INT)
class UnitId(ScopedUnitField):
    """A unit id the caller can see."""


@extend_schema_field(OpenApiTypes.INT)
class UserId(ScopedUserField):
    """A user id in the caller's scope."""


def _pick(model, request, value, field: str, capability: str):
    """A record of the caller's scope named by id in the body; anything else is a 400 naming the field."""
    if value is None:
        return None
    pk = inputs.number(value, field, minimum=1, maximum=MAX_ID)
    found = model.objects.visible_to(request.user, capability).filter(pk=pk).first()
    if found is None:
        raise InvalidInput.field(field, "Not found.")
    return found


def _need(request, capability: str) -> None:
    if not has_capability(request.user, capability):
        raise Forbidden()


class VehicleOut(serializers.ModelSerializer):
    class Meta:
        model = Vehicle
        fields = ["id", "org_unit", "plate", "kind", "seats", "inspection_expires", "insurance_expires", "active",
                  "version"]


class VehicleIn(StrictSerializer):
    org_unit = UnitId()
    plate = serializers.CharField(max_length=20)
    seats = serializers.IntegerField(required=False, allow_null=True, default=None, min_value=1, max_value=200)
    kind = serializers.ChoiceField(choices=VehicleKind.choices, required=False, default=VehicleKind.SCHOOL_BUS)
    inspection_expires = serializers.DateField()
    insurance_expires = serializers.DateField()


class InspectionIn(StrictSerializer):
    inspected_on = serializers.DateField()
    passed = serializers.BooleanField(required=False, default=True)
    expires = serializers.DateField(required=False, allow_null=True, default=None)
    note = serializers.CharField(required=False, allow_blank=True, default="", max_length=inputs.LONG_TEXT)


class InspectionOut(serializers.ModelSerializer):
    class Meta:
        model = VehicleInspection
        fields = ["id", "vehicle", "inspected_on", "passed", "expires", "note", "fleet_current"]


class InsuranceIn(StrictSerializer):
    insurance_expires = serializers.DateField()
    version = serializers.IntegerField(required=False, min_value=1)


class VehicleViewSet(ScopedViewSet):
    queryset = Vehicle.objects.all()
    serializer_class = VehicleOut
    filterset_class = ApiUnitFilter
    view_capability = "transport.view"
    action_capabilities = {"inspections": "transport.manage", "insurance": "transport.manage"}

    def get_queryset(self):
        return super().get_queryset().order_by("org_unit__path", "plate")

    @extend_schema(request=VehicleIn, responses={201: VehicleOut})
    def create(self, request, *args, **kwargs):
        _need(request, "transport.manage")
        data = validated(VehicleIn, request)
        vehicle = fleet.create_vehicle(actor=request.user, **data)
        return Response(VehicleOut(vehicle).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=InspectionIn, responses={201: InspectionOut})
    @action(detail=True, methods=["post"])
    def inspections(self, request, pk=None):
        vehicle = self.get_object()
        data = validated(InspectionIn, request)
        item = fleet.record_inspection(vehicle, actor=request.user, **data)
        return Response(InspectionOut(item).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=InsuranceIn, responses=VehicleOut)
    @action(detail=True, methods=["post"])
    def insurance(self, request, pk=None):
        vehicle = self.get_object()
        data = validated(InsuranceIn, request)
        vehicle = fleet.renew_insurance(vehicle, actor=request.user, expected_version=expect_version(data),
                                        insurance_expires=data["insurance_expires"])
        return Response(VehicleOut(vehicle).data)


class DriverOut(serializers.ModelSerializer):
    class Meta:
        model = Driver
        fields = ["id", "org_unit", "name", "user", "phone", "birth_date", "licence_class", "licence_since",
                  "licence_expires", "points_note", "active", "version"]


class DriverIn(StrictSerializer):
    org_unit = UnitId()
    name = serializers.CharField(max_length=60)
    birth_date = serializers.DateField()
    licence_since = serializers.DateField()
    licence_expires = serializers.DateField()
    licence_class = serializers.CharField(max_length=10, required=False, allow_blank=True, default="")
    phone = serializers.CharField(max_length=30, required=False, allow_blank=True, default="")
    points_note = serializers.CharField(required=False, allow_blank=True, default="", max_length=inputs.LONG_TEXT)
    user = UserId(required=False, allow_null=True, default=None)


class LicenceIn(StrictSerializer):
    licence_expires = serializers.DateField()
    points_note = serializers.CharField(required=False, allow_blank=True, allow_null=True, default=None,
                                        max_length=inputs.LONG_TEXT)
    version = serializers.IntegerField(required=False, min_value=1)


class DriverViewSet(ScopedViewSet):
    queryset = Driver.objects.all()
    serializer_class = DriverOut
    filterset_class = ApiUnitFilter
    view_capability = "transport.view"
    action_capabilities = {"licence": "transport.manage"}

    def get_queryset(self):
        return super().get_queryset().order_by("org_unit__path", "name", "id")

    @extend_schema(request=DriverIn, responses={201: DriverOut})
    def create(self, request, *args, **kwargs):
        _need(request, "transport.manage")
        data = validated(DriverIn, request)
        driver = fleet.create_driver(actor=request.user, **data)
        return Response(DriverOut(driver).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=LicenceIn, responses=DriverOut)
    @action(detail=True, methods=["post"])
    def licence(self, request, pk=None):
        driver = self.get_object()
        data = validated(LicenceIn, request)
        driver = fleet.renew_licence(driver, actor=request.user, expected_version=expect_version(data),
                                     licence_expires=data["licence_expires"], points_note=data["points_note"])
        return Response(DriverOut(driver).data)


class RouteOut(serializers.ModelSerializer):
    stops = serializers.SerializerMethodField()
    riders = serializers.SerializerMethodField()

    class Meta:
        model = Route
        fields = ["id", "org_unit", "name", "vehicle", "driver", "escort", "active", "stops", "riders", "version"]

    def get_stops(self, obj) -> list[str]:
        return [s.name for s in obj.stops.all()]

    def get_riders(self, obj) -> list[int]:
        return [r.student_id for r in obj.riders.all()]


class RouteIn(StrictSerializer):
    org_unit = UnitId()
    name = serializers.CharField(max_length=100)
    vehicle = serializers.IntegerField(required=False, allow_null=True, default=None)
    driver = serializers.IntegerField(required=False, allow_null=True, default=None)
    escort = UserId(required=False, allow_null=True, default=None)
    stops = serializers.ListField(child=serializers.CharField(max_length=100), required=False, default=list,
                                  max_length=100)
    riders = serializers.ListField(child=serializers.IntegerField(min_value=1, max_value=MAX_ID), required=False,
                                   default=list, max_length=200)


class RidersIn(VersionedIn):
    riders = serializers.ListField(child=serializers.IntegerField(min_value=1, max_value=MAX_ID), max_length=200,
                                   help_text="every pupil who rides the route from now on (student ids)")


class RouteViewSet(ScopedViewSet):
    queryset = Route.objects.all()
    serializer_class = RouteOut
    filterset_class = ApiUnitFilter
    view_capability = "transport.view"
    action_capabilities = {"riders": "transport.manage"}
    prefetch_related = ("stops", "riders")

    def get_queryset(self):
        return super().get_queryset().order_by("org_unit__path", "name", "id")

    @extend_schema(request=RouteIn, responses={201: RouteOut})
    def create(self, request, *args, **kwargs):
        _need(request, "transport.manage")
        data = validated(RouteIn, request)
        data["vehicle"] = _pick(Vehicle, request, data["vehicle"], "vehicle", "transport.manage")
        data["driver"] = _pick(Driver, request, data["driver"], "driver", "transport.manage")
        route = fleet.create_route(actor=request.user, **data)
        return Response(RouteOut(route).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=RidersIn, responses=RouteOut)
    @action(detail=True, methods=["post"])
    def riders(self, request, pk=None):
        """The route's riders replaced by ``riders`` (more than the bus's seats, or a pupil of another school:
        400 naming ``riders``; a stale ``version``: 409)."""
        route = self.get_object()
        data = validated(RidersIn, request)
        route = fleet.set_riders(route, actor=request.user, **VersionedIn.service_kwargs(data))
        return Response(RouteOut(self.related(Route.objects.filter(pk=route.pk)).get()).data)


class RiderOut(serializers.Serializer):
    student = serializers.IntegerField(source="student_id")
    name = serializers.CharField(source="student.name")
    state = serializers.CharField()
    boarded_at = serializers.DateTimeField(allow_null=True)
    alighted_at = serializers.DateTimeField(allow_null=True)


class TripOut(serializers.ModelSerializer):
    riders = RiderOut(many=True)

    class Meta:
        model = Trip
        fields = ["id", "status", "org_unit", "route", "vehicle", "driver", "escort", "direction", "date",
                  "opened_at", "closed_at", "riders", "version"]


class TripIn(StrictSerializer):
    vehicle = serializers.IntegerField(min_value=1, max_value=MAX_ID)
    driver = serializers.IntegerField(min_value=1, max_value=MAX_ID)
    escort = UserId()
    direction = serializers.ChoiceField(choices=Direction.choices)
    riders = serializers.ListField(child=serializers.IntegerField(min_value=1, max_value=MAX_ID), required=False,
                                   allow_null=True, default=None, max_length=200)
    route = serializers.IntegerField(required=False, allow_null=True, default=None, min_value=1, max_value=MAX_ID)
    request_id = serializers.CharField(required=False, allow_blank=True, default="", max_length=64)


class TapIn(StrictSerializer):
    student = serializers.IntegerField(min_value=1, max_value=MAX_ID)


class CloseIn(StrictSerializer):
    version = serializers.IntegerField(required=False, min_value=1)


class TripViewSet(ScopedViewSet):
    queryset = Trip.objects.all()
    serializer_class = TripOut
    filterset_class = TripApiFilter
    view_capability = "transport.view"
    action_capabilities = {"board": "transport.trip", "alight": "transport.trip", "close": "transport.trip"}
    prefetch_related = ("riders__student",)

    def get_queryset(self):
        return super().get_queryset().order_by("-date", "-opened_at", "-id")

    def _answer(self, trip, code=status.HTTP_200_OK):
        trip = self.related(Trip.objects.filter(pk=trip.pk)).get()
        return Response(TripOut(trip).data, status=code)

    @extend_schema(request=TripIn, responses={201: TripOut, 200: TripOut})
    def create(self, request, *args, **kwargs):
        _need(request, "transport.trip")
        data = validated(TripIn, request)
        vehicle = _pick(Vehicle, request, data.pop("vehicle"), "vehicle", "transport.trip")
        data["driver"] = _pick(Driver, request, data["driver"], "driver", "transport.trip")
        data["route"] = _pick(Route, request, data["route"], "route", "transport.trip")
        trip = trips.create_trip(actor=request.user, org_unit=vehicle.org_unit, vehicle=vehicle, **data)
        return self._answer(trip, status.HTTP_200_OK if replay.was_replayed(trip) else status.HTTP_201_CREATED)

    def _student(self, trip, request) -> Student:
        pk = validated(TapIn, request)["student"]
        found = Student.objects.filter(pk__in=TripRider.objects.filter(trip=trip, student_id=pk)
                                       .values("student_id")).first()
        if found is None:
            raise InvalidInput.field("student", "Not a rider of this trip.")
        return found

    @extend_schema(request=TapIn, responses=RiderOut)
    @action(detail=True, methods=["post"])
    def board(self, request, pk=None):
        trip = self.get_object()
        rider = trips.board(trip, actor=request.user, student=self._student(trip, request))
        return Response(RiderOut(rider).data)

    @extend_schema(request=TapIn, responses=RiderOut)
    @action(detail=True, methods=["post"])
    def alight(self, request, pk=None):
        trip = self.get_object()
        rider = trips.alight(trip, actor=request.user, student=self._student(trip, request))
        return Response(RiderOut(rider).data)

    @extend_schema(request=CloseIn, responses=TripOut)
    @action(detail=True, methods=["post"])
    def close(self, request, pk=None):
        trip = self.get_object()
        data = validated(CloseIn, request)
        trip = trips.close_trip(trip, actor=request.user, expected_version=expect_version(data))
        return self._answer(trip)


def register(router) -> None:
    router.register("vehicles", VehicleViewSet, basename="vehicle")
    router.register("drivers", DriverViewSet, basename="driver")
    router.register("bus-routes", RouteViewSet, basename="bus-route")
    router.register("trips", TripViewSet, basename="trip")
