from __future__ import annotations

from decimal import Decimal

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status, viewsets
from rest_framework.response import Response

from safecampus.core import inputs
from safecampus.core.api.base import ScopedViewSet, StrictSerializer, validated
from safecampus.core.api.pagination import Pagination
from safecampus.core.errors import Forbidden, InvalidInput, NotFound
from safecampus.core.permissions import has_capability
from safecampus.org.models import OrgUnit

from .. import selectors, services
from ..filters import TrainingApiFilter
from ..models import TrainingProgramme, TrainingSession
from ..services.common import local_today
from .fields import UnitId, UserId


class TrainingOut(serializers.ModelSerializer):
    attendees = serializers.SerializerMethodField()
    hours = serializers.FloatField()

    class Meta:
        model = TrainingSession
        fields = ["id", "org_unit", "programme", "title", "held_on", "hours", "trainer", "attendees", "version"]

    def get_attendees(self, obj) -> list[int]:
        return sorted(a.user_id for a in obj.attendance.all())


class TrainingIn(StrictSerializer):
    org_unit = UnitId()
    title = serializers.CharField(max_length=200)
    held_on = serializers.DateField()
    hours = serializers.DecimalField(max_digits=4, decimal_places=1, min_value=Decimal("0.5"), max_value=Decimal("100"))
    attendees = serializers.ListField(child=UserId(), allow_empty=False, max_length=2000)
    trainer = serializers.CharField(max_length=100, required=False, allow_blank=True, default="")
    programme = serializers.IntegerField(required=False, allow_null=True, default=None)
    request_id = serializers.CharField(max_length=64, required=False, allow_blank=True, default="")


class TrainingViewSet(ScopedViewSet):
    queryset = TrainingSession.objects.prefetch_related("attendance")
    serializer_class = TrainingOut
    view_capability = "education.view"
    filterset_class = TrainingApiFilter

    def get_queryset(self):
        return super().get_queryset().order_by("-held_on", "-id")

    @extend_schema(request=TrainingIn, responses={201: TrainingOut})
    def create(self, request, *args, **kwargs):
        data = validated(TrainingIn, request)
        programme = None
        if data["programme"] is not None:
            programme = TrainingProgramme.objects.visible_to(request.user, "education.view").filter(
                pk=data["programme"]).first()
            if programme is None:
                raise InvalidInput.field("programme", "Not found.")
        session = services.record_training(
            actor=request.user, org_unit=data["org_unit"], title=data["title"], held_on=data["held_on"],
            hours=data["hours"], attendees=data["attendees"], trainer=data["trainer"], programme=programme,
            request_id=data["request_id"])
        session = self.get_queryset().get(pk=session.pk)
        return Response(TrainingOut(session).data, status=status.HTTP_201_CREATED)


class CoverageRowOut(serializers.Serializer):
    org_unit = serializers.IntegerField()
    staff = serializers.IntegerField()
    trained = serializers.IntegerField()
    hours = serializers.FloatField()


class TrainingCoverageViewSet(viewsets.ViewSet):
    @extend_schema(parameters=[OpenApiParameter("org_unit", int, description="a unit; its subtree is included"),
                               OpenApiParameter("year", int, description="the school year starting that year")],
                   responses=CoverageRowOut(many=True))
    def list(self, request):
        params = request.query_params
        unknown = sorted(set(params) - {"org_unit", "year", "page", "page_size"})
        if unknown:
            raise InvalidInput(fields={name: ["Unknown parameter."] for name in unknown})
        unit_id = inputs.number(params.get("org_unit"), "org_unit", minimum=1)
        year = inputs.year(params["year"]) if params.get("year") else None
        unit = OrgUnit.objects.visible_to(request.user, "org.view").filter(pk=unit_id).first()
        if unit is None:
            raise NotFound()
        if not has_capability(request.user, "education.view", unit.path):
            raise Forbidden()
        start, end, _name = selectors.year_bounds(unit, year, local_today(unit))
        rows = selectors.training_coverage(unit, start, end)
        # A list like every other (CONTRACT.md): the unit asked first, then each unit below it.
        paginator = Pagination()
        page = paginator.paginate_queryset(rows, request, view=self)
        return paginator.get_paginated_response(CoverageRowOut(page, many=True).data)
