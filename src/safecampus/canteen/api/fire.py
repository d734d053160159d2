"""``/api/v1/fire-equipment`` (register, checks, repairs), ``/api/v1/fire-checks`` (a check by the
code on the item's label) and ``/api/v1/exit-checks``."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.decorators import action
from rest_framework.response import Response

from safecampus.core.api.base import ScopedViewSet, StrictSerializer, VersionedIn, expect_version, validated
from safecampus.core.errors import NotFound

from ..choices import CheckResult, EquipmentKind, EquipmentStatus
from ..filters import ApiUnitFilter
from ..models import ExitCheck, FireCheck, FireEquipment
from ..services import fire as services
from .common import UnitId


class EquipmentOut(serializers.ModelSerializer):
    class Meta:
        model = FireEquipment
        fields = ["id", "org_unit", "code", "kind", "building", "location", "model", "expires", "status",
                  "last_checked_at", "last_result", "version"]


class EquipmentIn(StrictSerializer):
    org_unit = UnitId()
    kind = serializers.ChoiceField(choices=EquipmentKind.choices)
    location = serializers.CharField()
    expires = serializers.DateField(required=False, allow_null=True, default=None)
    building = serializers.CharField(required=False, allow_blank=True, default="")
    model = serializers.CharField(required=False, allow_blank=True, default="")


class CheckIn(VersionedIn):
    result = serializers.ChoiceField(choices=CheckResult.choices)
    note = serializers.CharField(required=False, allow_blank=True, default="")
    photo = serializers.FileField(required=False, allow_null=True, default=None)


class CheckOut(serializers.ModelSerializer):
    class Meta:
        model = FireCheck
        fields = ["id", "equipment", "result", "note", "checked_by", "checked_at", "hazard"]


class Versioned(StrictSerializer):
    version = serializers.IntegerField(required=False, min_value=1)
    note = serializers.CharField(required=False, allow_blank=True, default="")


class EquipmentViewSet(ScopedViewSet):
    queryset = FireEquipment.objects.all()
    serializer_class = EquipmentOut
    filterset_class = ApiUnitFilter
    view_capability = "canteen.fire_view"
    action_capabilities = {"checks": "canteen.fire_view", "repair": "canteen.fire_manage",
                           "back": "canteen.fire_manage", "retire": "canteen.fire_manage"}

    def get_queryset(self):
        qs = super().get_queryset().order_by("building", "location", "id")
        wanted = self.request.query_params.get("status")
        return qs.filter(status=wanted) if wanted in EquipmentStatus.values else qs

    @extend_schema(request=EquipmentIn, responses={201: EquipmentOut})
    def create(self, request, *args, **kwargs):
        data = validated(EquipmentIn, request)
        item = services.create_equipment(actor=request.user, **data)
        return Response(EquipmentOut(item).data, status=status.HTTP_201_CREATED)

    @extend_schema(methods=["get"], request=None, responses=CheckOut(many=True))
    @extend_schema(methods=["post"], request=CheckIn, responses={201: CheckOut})
    @action(detail=True, methods=["get", "post"])
    def checks(self, request, pk=None):
        """A check of the item: ``ok`` or ``fault``; a fault opens a hazard (its id is in ``hazard``)."""
        item = self.get_object()
        if request.method == "GET":
            rows = FireCheck.objects.visible_to(request.user, "canteen.fire_view").filter(equipment=item)
            return Response(CheckOut(rows.order_by("-checked_at", "-id")[:200], many=True).data)
        data = validated(CheckIn, request)
        check = services.check_equipment(item, actor=request.user, **VersionedIn.service_kwargs(data))
        return Response(CheckOut(check).data, status=status.HTTP_201_CREATED)

    def _act(self, request, service):
        item = self.get_object()
        data = validated(Versioned, request)
        kwargs = {"note": data["note"]} if service is services.send_for_repair else {}
        item = service(item, actor=request.user, expected_version=expect_version(data), **kwargs)
        body = EquipmentOut(item).data
        if item.kind == EquipmentKind.EXTINGUISHER:
            body["over_repair_limit"] = services.over_limit(item.org_unit, item.building)
        return Response(body)

    @extend_schema(request=Versioned, responses=EquipmentOut)
    @action(detail=True, methods=["post"])
    def repair(self, request, pk=None):
        """Away for repair; ``over_repair_limit`` flags more than the policy's share of the building's
        extinguishers away at once."""
        return self._act(request, services.send_for_repair)

    @extend_schema(request=Versioned, responses=EquipmentOut)
    @action(detail=True, methods=["post"])
    def back(self, request, pk=None):
        """Back in service after repair."""
        return self._act(request, services.return_from_repair)

    @extend_schema(request=Versioned, responses=EquipmentOut)
    @action(detail=True, methods=["post"])
    def retire(self, request, pk=None):
        return self._act(request, services.retire_equipment)


class CodeCheckIn(CheckIn):
    code = serializers.CharField(max_length=32)


class CodeCheckViewSet(ScopedViewSet):
    """``POST {"code","result","note"}``: the check made by scanning the item's label (unknown or
    another school's code: 404)."""

    queryset = FireCheck.objects.all()
    serializer_class = CheckOut
    view_capability = "canteen.fire_view"

    def get_queryset(self):
        return super().get_queryset().order_by("-checked_at", "-id")

    @extend_schema(request=CodeCheckIn, responses={201: CheckOut})
    def create(self, request, *args, **kwargs):
        data = validated(CodeCheckIn, request)
        code = data.pop("code").strip().upper()
        item = FireEquipment.objects.visible_to(request.user, "canteen.fire_view").filter(code=code).first()
        if item is None:
            raise NotFound()
        check = services.check_equipment(item, actor=request.user, **VersionedIn.service_kwargs(data))
        return Response(CheckOut(check).data, status=status.HTTP_201_CREATED)


class ExitIn(StrictSerializer):
    org_unit = UnitId()
    place = serializers.CharField()
    clear = serializers.BooleanField()
    note = serializers.CharField(required=False, allow_blank=True, default="")


class ExitOut(serializers.ModelSerializer):
    class Meta:
        model = ExitCheck
        fields = ["id", "org_unit", "place", "clear", "note", "checked_by", "checked_at", "hazard"]


class ExitViewSet(ScopedViewSet):
    queryset = ExitCheck.objects.all()
    serializer_class = ExitOut
    filterset_class = ApiUnitFilter
    view_capability = "canteen.fire_view"

    def get_queryset(self):
        return super().get_queryset().order_by("-checked_at", "-id")

    @extend_schema(request=ExitIn, responses={201: ExitOut})
    def create(self, request, *args, **kwargs):
        data = validated(ExitIn, request)
        item = services.check_exit(actor=request.user, **data)
        return Response(ExitOut(item).data, status=status.HTTP_201_CREATED)


def register(router) -> None:
    router.register("fire-equipment", EquipmentViewSet, basename="fire-equipment")
    router.register("fire-checks", CodeCheckViewSet, basename="fire-check")
    router.register("exit-checks", ExitViewSet, basename="exit-check")
