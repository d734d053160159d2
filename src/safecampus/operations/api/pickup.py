"""``/api/v1/pickup-authorisations`` and ``/api/v1/pickups`` (CONTRACT.md, Daily operations)."""

from __future__ import annotations

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status
from rest_framework.response import Response

from safecampus.core import inputs
from safecampus.core.api.base import ScopedViewSet, StrictSerializer, validated
from safecampus.core.errors import Forbidden, InvalidInput, NotFound
from safecampus.core.permissions import has_capability
from safecampus.core.scoping import PRESENCE
from safecampus.org.choices import UnitKind
from safecampus.org.models import OrgUnit, Student

from ..models import Pickup, PickupAuthorisation
from ..services import pickup as services


def _student(request, value, capability: str) -> Student:
    """A pupil the caller may act for: another school's pupil is a 404 (nothing recorded)."""
    pk = inputs.number(value, "student", minimum=1, maximum=2**63 - 1)
    return Student.objects.select_related("org_unit").get_visible(request.user, capability, pk=pk)


class AuthorisationOut(serializers.ModelSerializer):
    class Meta:
        model = PickupAuthorisation
        fields = ["id", "student", "guardian", "name", "relation", "phone", "active", "org_unit"]


class AuthorisationIn(StrictSerializer):
    student = serializers.IntegerField()
    name = serializers.CharField(max_length=100)
    relation = serializers.CharField(max_length=32)
    phone = serializers.CharField(max_length=32, required=False, allow_blank=True, default="")
    photo = serializers.ImageField(required=False, allow_null=True, default=None)


class AuthorisationViewSet(ScopedViewSet):
    queryset = PickupAuthorisation.objects.all()
    serializer_class = AuthorisationOut
    view_capability = "operations.pickup"

    def get_queryset(self):
        qs = super().get_queryset().order_by("student", "id")
        student = self.request.query_params.get("student")
        if student not in (None, ""):
            qs = qs.filter(student_id=inputs.number(student, "student", minimum=1, maximum=2**63 - 1))
        return qs

    @extend_schema(request=AuthorisationIn, responses={201: AuthorisationOut})
    def create(self, request, *args, **kwargs):
        if not has_capability(request.user, "operations.pickup_manage"):
            raise Forbidden()
        data = validated(AuthorisationIn, request)
        student = _student(request, data.pop("student"), "operations.pickup_manage")
        item = services.create_authorisation(actor=request.user, student=student, **data)
        return Response(AuthorisationOut(item).data, status=status.HTTP_201_CREATED)


class PickupOut(serializers.ModelSerializer):
    class Meta:
        model = Pickup
        fields = ["id", "student", "status", "at", "date", "authorisation", "collector_name", "relation", "by"]


class PickupIn(StrictSerializer):
    student = serializers.IntegerField()
    authorisation = serializers.IntegerField(required=False, allow_null=True, default=None)
    collector_name = serializers.CharField(max_length=100, required=False, allow_blank=True, default="")
    relation = serializers.CharField(max_length=32, required=False, allow_blank=True, default="")


class PupilRow(serializers.Serializer):
    student = serializers.IntegerField()
    name = serializers.CharField()
    org_unit = serializers.IntegerField()
    status = serializers.ChoiceField(choices=["handed_over", "refused", "not_yet"])
    at = serializers.DateTimeField(allow_null=True)
    collector = serializers.CharField(allow_blank=True)


class PickupViewSet(ScopedViewSet):
    queryset = Pickup.objects.all()
    serializer_class = PickupOut
    view_capability = "operations.view"

    @extend_schema(parameters=[OpenApiParameter("org_unit", OpenApiTypes.INT, required=True),
                               OpenApiParameter("date", OpenApiTypes.DATE)], responses=PupilRow(many=True))
    def list(self, request, *args, **kwargs):
        """A class's pick-up list for a day (today by default): every pupil, handed over or not yet."""
        if not has_capability(request.user, "operations.view"):
            raise Forbidden()
        from safecampus.operations.people import local_today

        unit_id = inputs.number(request.query_params.get("org_unit"), "org_unit", minimum=1, maximum=2**63 - 1)
        unit = OrgUnit.objects.visible_to(request.user, PRESENCE).filter(pk=unit_id).first()
        if unit is None:
            raise NotFound()
        if not has_capability(request.user, "operations.view", unit.path):
            raise Forbidden()
        if unit.kind != UnitKind.CLASS:
            raise InvalidInput.field("org_unit", "Choose a class.")
        day = inputs.date(request.query_params.get("date"), "date", required=False) or local_today(unit)
        rows = [{"student": r["student"].pk, "name": r["student"].name, "org_unit": unit.pk, "status": r["status"],
                 "at": r["handed"].at if r["handed"] else None,
                 "collector": r["handed"].collector_name if r["handed"] else ""}
                for r in services.class_list(unit, day)]
        return Response(PupilRow(rows, many=True).data)

    @extend_schema(request=PickupIn, responses={201: PickupOut})
    def create(self, request, *args, **kwargs):
        if not has_capability(request.user, "operations.pickup"):
            raise Forbidden()
        data = validated(PickupIn, request)
        student = _student(request, data["student"], "operations.pickup")
        authorisation = None
        if data["authorisation"] is not None:
            authorisation = PickupAuthorisation.objects.visible_to(request.user, "operations.pickup").filter(
                pk=data["authorisation"]).first()
            if authorisation is None:
                raise InvalidInput.field("authorisation", "Not found.")
        pickup = services.create_pickup(actor=request.user, student=student, authorisation=authorisation,
                                        collector_name=data["collector_name"], relation=data["relation"])
        return Response(PickupOut(pickup).data, status=status.HTTP_201_CREATED)


def register(router) -> None:
    router.register("pickup-authorisations", AuthorisationViewSet, basename="pickup-authorisation")
    router.register("pickups", PickupViewSet, basename="pickup")
