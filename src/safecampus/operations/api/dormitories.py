"""``/api/v1/dormitory-residents`` and ``/api/v1/bed-checks`` (CONTRACT.md, Transport, dormitories, ...)."""

from __future__ import annotations

import django_filters as df
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field
from rest_framework import serializers, status
from rest_framework.response import Response

from safecampus.core import inputs
from safecampus.core.api.base import ScopedViewSet, StrictSerializer, validated
from safecampus.core.api.filters import SubtreeFilter
from safecampus.core.errors import Forbidden, InvalidInput
from safecampus.core.permissions import has_capability
from safecampus.org.models import Student

from ..models import BedCheck, DormBed, Resident
from ..services import dormitories as services
from .common import UnitId


class ResidentOut(serializers.ModelSerializer):
    room = serializers.IntegerField(source="bed.room_id")
    room_name = serializers.CharField(source="bed.room.__str__")
    bed = serializers.CharField(source="bed.label")
    name = serializers.CharField(source="student.name")

    class Meta:
        model = Resident
        fields = ["id", "student", "name", "room", "room_name", "bed", "since", "org_unit"]


class ResidentIn(StrictSerializer):
    student = serializers.IntegerField()
    bed = serializers.IntegerField()
    since = serializers.DateField(required=False, allow_null=True, default=None)


class ResidentFilter(df.FilterSet):
    org_unit = SubtreeFilter()

    class Meta:
        model = Resident
        fields = ["org_unit"]


class ResidentViewSet(ScopedViewSet):
    """The boarders (active stays) of the schools in scope; ``org_unit`` narrows to one school."""

    queryset = Resident.objects.filter(active=True)
    serializer_class = ResidentOut
    filterset_class = ResidentFilter
    view_capability = "operations.view"
    select_related = ("student", "bed__room__building")

    def get_queryset(self):
        return super().get_queryset().order_by("org_unit_id", "bed__room__building__name", "bed__room__name",
                                               "bed__label", "id")

    @extend_schema(request=ResidentIn, responses={201: ResidentOut})
    def create(self, request, *args, **kwargs):
        """A pupil moves into a free bed of the pupil's school."""
        if not has_capability(request.user, "operations.dormitory"):
            raise Forbidden()
        data = validated(ResidentIn, request)
        bed = DormBed.objects.select_related("org_unit", "room__building").get_visible(
            request.user, "operations.dormitory", pk=inputs.number(data["bed"], "bed", minimum=1, maximum=2**63 - 1))
        student = Student.objects.select_related("org_unit").get_visible(
            request.user, "operations.dormitory", pk=inputs.number(data["student"], "student", minimum=1,
                                                                   maximum=2**63 - 1))
        stay = services.move_in(actor=request.user, student=student, bed=bed, since=data["since"])
        stay = Resident.objects.select_related("student", "bed__room__building").get(pk=stay.pk)
        return Response(ResidentOut(stay).data, status=status.HTTP_201_CREATED)


class AbsenceOut(serializers.Serializer):
    student = serializers.IntegerField(source="student_id")
    name = serializers.CharField(source="student.name")
    status = serializers.CharField()
    room = serializers.CharField()


class BedCheckOut(serializers.ModelSerializer):
    absences = serializers.SerializerMethodField()

    class Meta:
        model = BedCheck
        fields = ["id", "org_unit", "date", "present", "absent", "on_leave", "checked_by", "checked_at", "absences"]

    @extend_schema_field(AbsenceOut(many=True))
    def get_absences(self, obj) -> list[dict]:
        rows = [e for e in obj.entries.all() if e.status != "present"]
        return AbsenceOut(rows, many=True).data


class BedCheckIn(StrictSerializer):
    org_unit = UnitId(capability="operations.dormitory")
    date = serializers.DateField(required=False, allow_null=True, default=None)
    absent = serializers.ListField(child=serializers.IntegerField(), required=False, default=list)
    on_leave = serializers.ListField(child=serializers.IntegerField(), required=False, default=list)


class BedCheckFilter(df.FilterSet):
    org_unit = SubtreeFilter()
    date = df.DateFilter()

    class Meta:
        model = BedCheck
        fields = ["org_unit", "date"]


class BedCheckViewSet(ScopedViewSet):
    """A night's bed checks: who was absent or on leave at each school."""

    queryset = BedCheck.objects.all()
    serializer_class = BedCheckOut
    filterset_class = BedCheckFilter
    view_capability = "operations.view"
    prefetch_related = ("entries__student",)

    def get_queryset(self):
        return super().get_queryset().order_by("-date", "org_unit_id")

    @extend_schema(parameters=[OpenApiParameter("date", OpenApiTypes.DATE)])
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    @extend_schema(request=BedCheckIn, responses={201: BedCheckOut})
    def create(self, request, *args, **kwargs):
        """The night's check: every boarder present but those named; an absent boarder's head teacher and the
        leader on duty are told at once. A pupil who is not a boarder of the school is a 400."""
        if not has_capability(request.user, "operations.dormitory"):
            raise Forbidden()
        data = validated(BedCheckIn, request)
        if not isinstance(request.data.get("absent", []), list):
            raise InvalidInput.field("absent", "A list of pupil ids.")
        check = services.check_beds(actor=request.user, org_unit=data["org_unit"], date=data["date"],
                                    absent=data["absent"], on_leave=data["on_leave"])
        check = self.related(BedCheck.objects.filter(pk=check.pk)).get()
        return Response(BedCheckOut(check).data, status=status.HTTP_201_CREATED)


def register(router) -> None:
    router.register("dormitory-residents", ResidentViewSet, basename="dormitory-resident")
    router.register("bed-checks", BedCheckViewSet, basename="bed-check")
