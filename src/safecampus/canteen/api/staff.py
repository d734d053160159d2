"""``/api/v1/canteens`` (licence), ``/api/v1/canteen-staff`` (health certificates, roster, training)."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.decorators import action
from rest_framework.response import Response

from safecampus.core.api.base import ScopedViewSet, StrictSerializer, VersionedIn, expect_version, validated

from ..choices import Grade, Meal
from ..filters import ApiUnitFilter
from ..models import Canteen, CanteenStaff, RosterEntry, StaffTraining
from ..services import staff as services
from ..services.common import today
from .common import UnitId


class CanteenOut(serializers.ModelSerializer):
    class Meta:
        model = Canteen
        fields = ["id", "org_unit", "name", "licence_no", "grade", "licence_expires", "meals_served", "version"]


class CanteenIn(StrictSerializer):
    org_unit = UnitId()
    name = serializers.CharField()
    licence_no = serializers.CharField(required=False, allow_blank=True, default="")
    grade = serializers.ChoiceField(choices=Grade.choices, required=False, allow_blank=True, default="")
    licence_expires = serializers.DateField(required=False, allow_null=True, default=None)
    meals_served = serializers.ListField(child=serializers.ChoiceField(choices=Meal.choices), required=False,
                                         default=["lunch"])
    version = serializers.IntegerField(required=False, min_value=1)


class CanteenViewSet(ScopedViewSet):
    """A school's canteen licence; POST creates it or, for a school that has one, changes it."""

    queryset = Canteen.objects.all()
    serializer_class = CanteenOut
    filterset_class = ApiUnitFilter
    view_capability = "canteen.view"

    def get_queryset(self):
        return super().get_queryset().order_by("org_unit__path")

    @extend_schema(request=CanteenIn, responses={201: CanteenOut})
    def create(self, request, *args, **kwargs):
        data = validated(CanteenIn, request)
        version = data.pop("version", None)
        canteen = services.save_canteen(actor=request.user, expected_version=version, **data)
        return Response(CanteenOut(canteen).data, status=status.HTTP_201_CREATED)


class StaffOut(serializers.ModelSerializer):
    fit_for_work = serializers.SerializerMethodField()

    class Meta:
        model = CanteenStaff
        fields = ["id", "org_unit", "name", "post", "phone", "health_certificate_no", "health_certificate_expires",
                  "fit_for_work", "active", "version"]

    def get_fit_for_work(self, obj) -> bool:
        return obj.fit_on(today(obj.org_unit))


class StaffIn(StrictSerializer):
    org_unit = UnitId()
    name = serializers.CharField()
    health_certificate_expires = serializers.DateField()
    health_certificate_no = serializers.CharField(required=False, allow_blank=True, default="")
    post = serializers.CharField(required=False, allow_blank=True, default="")
    phone = serializers.CharField(required=False, allow_blank=True, default="")


class RenewIn(StrictSerializer):
    health_certificate_expires = serializers.DateField()
    health_certificate_no = serializers.CharField(required=False, allow_blank=True, default="")
    version = serializers.IntegerField(required=False, min_value=1)


class RosterIn(VersionedIn):
    date = serializers.DateField()


class RosterOut(serializers.ModelSerializer):
    class Meta:
        model = RosterEntry
        fields = ["id", "org_unit", "staff", "date"]


class TrainingIn(StrictSerializer):
    topic = serializers.CharField()
    held_on = serializers.DateField()
    hours = serializers.DecimalField(max_digits=5, decimal_places=1)


class TrainingOut(serializers.ModelSerializer):
    class Meta:
        model = StaffTraining
        fields = ["id", "org_unit", "staff", "topic", "held_on", "hours"]


class StaffViewSet(ScopedViewSet):
    """Canteen staff: ``fit_for_work`` is false once the health certificate has expired (the school's day)."""

    queryset = CanteenStaff.objects.select_related("org_unit")
    serializer_class = StaffOut
    filterset_class = ApiUnitFilter
    view_capability = "canteen.view"
    action_capabilities = {"renew": "canteen.manage", "roster": "canteen.manage", "trainings": "canteen.view"}

    def get_queryset(self):
        return super().get_queryset().order_by("name", "id")

    @extend_schema(request=StaffIn, responses={201: StaffOut})
    def create(self, request, *args, **kwargs):
        data = validated(StaffIn, request)
        member = services.create_staff(actor=request.user, **data)
        return Response(StaffOut(member).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=RenewIn, responses=StaffOut)
    @action(detail=True, methods=["post"])
    def renew(self, request, pk=None):
        member = self.get_object()
        data = validated(RenewIn, request)
        member = services.renew_certificate(member, actor=request.user, expected_version=expect_version(data),
                                            expires=data["health_certificate_expires"],
                                            number=data["health_certificate_no"])
        return Response(StaffOut(member).data)

    @extend_schema(request=RosterIn, responses={201: RosterOut})
    @action(detail=True, methods=["post"])
    def roster(self, request, pk=None):
        """Put the worker on a day's roster: 409 when the health certificate has lapsed by then."""
        member = self.get_object()
        data = validated(RosterIn, request)
        entry = services.add_to_roster(member, actor=request.user, date=data["date"],
                                       expected_version=expect_version(data))
        return Response(RosterOut(entry).data, status=status.HTTP_201_CREATED)

    @extend_schema(methods=["get"], request=None, responses=TrainingOut(many=True))
    @extend_schema(methods=["post"], request=TrainingIn, responses={201: TrainingOut})
    @action(detail=True, methods=["get", "post"])
    def trainings(self, request, pk=None):
        member = self.get_object()
        if request.method == "GET":
            rows = StaffTraining.objects.visible_to(request.user, "canteen.view").filter(staff=member)
            return Response(TrainingOut(rows.order_by("-held_on", "-id"), many=True).data)
        data = validated(TrainingIn, request)
        item = services.record_training(member, actor=request.user, **data)
        return Response(TrainingOut(item).data, status=status.HTTP_201_CREATED)


def register(router) -> None:
    router.register("canteens", CanteenViewSet, basename="canteen")
    router.register("canteen-staff", StaffViewSet, basename="canteen-staff")
