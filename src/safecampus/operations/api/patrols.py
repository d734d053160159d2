"""``/api/v1/patrol-routes`` (with the QR sheet), ``/api/v1/patrol-checkins``, ``/api/v1/patrols`` (CONTRACT.md)."""

from __future__ import annotations

from django.http import HttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import renderers, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from safecampus.core import inputs
from safecampus.core.api.base import ScopedViewSet, StrictSerializer, validated
from safecampus.core.errors import Forbidden
from safecampus.core.permissions import has_capability

from ..choices import CheckResult, RouteKind
from ..models import Checkpoint, PatrolCheckin, PatrolRoute
from ..selectors import patrol_days
from ..services import patrols as services
from .common import UnitId


class PdfRenderer(renderers.BaseRenderer):
    media_type = "application/pdf"
    format = "pdf"
    charset = None
    render_style = "binary"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        if isinstance(data, bytes):
            return data
        # An error answer (404, 403) is the one JSON error shape, as the description says, never a
        # dictionary's keys sent as a PDF.
        response = (renderer_context or {}).get("response")
        if response is not None:
            response["Content-Type"] = "application/json"
        return renderers.JSONRenderer().render(data)


class CheckpointOut(serializers.ModelSerializer):
    class Meta:
        model = Checkpoint
        fields = ["id", "name", "code"]


class RouteOut(serializers.ModelSerializer):
    checkpoints = CheckpointOut(many=True, read_only=True)

    class Meta:
        model = PatrolRoute
        fields = ["id", "org_unit", "name", "kind", "night", "active", "checkpoints", "version"]


class CheckpointIn(StrictSerializer):
    name = serializers.CharField(max_length=100)


class RouteIn(StrictSerializer):
    org_unit = UnitId()
    name = serializers.CharField(max_length=100)
    kind = serializers.ChoiceField(choices=RouteKind.choices)
    night = serializers.BooleanField(required=False, default=False)
    checkpoints = CheckpointIn(many=True)


class RouteViewSet(ScopedViewSet):
    queryset = PatrolRoute.objects.prefetch_related("checkpoints")
    serializer_class = RouteOut
    view_capability = "operations.view"

    def get_queryset(self):
        return super().get_queryset().order_by("org_unit__path", "name", "id")

    @extend_schema(request=RouteIn, responses={201: RouteOut})
    def create(self, request, *args, **kwargs):
        if not has_capability(request.user, "operations.routes"):
            raise Forbidden()
        data = validated(RouteIn, request)
        route = services.create_route(actor=request.user, **data)
        return Response(RouteOut(PatrolRoute.objects.prefetch_related("checkpoints").get(pk=route.pk)).data,
                        status=status.HTTP_201_CREATED)

    @extend_schema(responses={(200, "application/pdf"): OpenApiTypes.BINARY})
    @action(detail=True, methods=["get"], url_path="sheet.pdf", url_name="sheet", renderer_classes=[PdfRenderer])
    def sheet(self, request, pk=None):
        """The A4 sheet of the route's QR codes, to print and stick at each checkpoint."""
        from ..sheets import sheet_pdf

        route = self.get_object()
        response = HttpResponse(sheet_pdf(route, request), content_type="application/pdf")
        response["Content-Disposition"] = f'inline; filename="patrol-route-{route.pk}.pdf"'
        return response


class CheckinOut(serializers.ModelSerializer):
    class Meta:
        model = PatrolCheckin
        fields = ["id", "checkpoint", "route", "at", "by", "result", "note", "hazard"]


class CheckinIn(StrictSerializer):
    code = serializers.CharField(max_length=40)
    note = serializers.CharField(required=False, allow_blank=True, default="")
    result = serializers.ChoiceField(choices=CheckResult.choices, required=False, default=CheckResult.OK)
    photo = serializers.FileField(required=False, allow_null=True, default=None)


class CheckinViewSet(ScopedViewSet):
    queryset = PatrolCheckin.objects.all()
    serializer_class = CheckinOut
    view_capability = "operations.view"

    def get_queryset(self):
        return super().get_queryset().order_by("-at", "-id")

    @extend_schema(request=CheckinIn, responses={201: CheckinOut})
    def create(self, request, *args, **kwargs):
        if not has_capability(request.user, "operations.patrol"):
            raise Forbidden()
        data = validated(CheckinIn, request)
        checkin = services.check_in(actor=request.user, **data)
        return Response(CheckinOut(checkin).data, status=status.HTTP_201_CREATED)


class PatrolDayOut(serializers.Serializer):
    route = serializers.IntegerField()
    route_name = serializers.CharField()
    kind = serializers.CharField()
    org_unit = serializers.IntegerField()
    date = serializers.DateField()
    checked = serializers.IntegerField()
    total = serializers.IntegerField()
    complete = serializers.BooleanField()


class PatrolDayViewSet(viewsets.ViewSet):
    """``GET /api/v1/patrols?date=&org_unit=``: per route and day, how many checkpoints were checked."""

    @extend_schema(responses=PatrolDayOut(many=True))
    def list(self, request):
        if not has_capability(request.user, "operations.view"):
            raise Forbidden()
        day = inputs.date(request.query_params.get("date"), "date", required=False)
        unit = None
        raw = request.query_params.get("org_unit")
        if raw not in (None, ""):
            from safecampus.org.models import OrgUnit

            unit_id = inputs.number(raw, "org_unit", minimum=1)
            unit = OrgUnit.objects.visible_to(request.user, "operations.view").filter(pk=unit_id).first()
            if unit is None:
                from safecampus.core.errors import NotFound

                raise NotFound()
        return Response(PatrolDayOut(patrol_days(request.user, day=day, unit=unit), many=True).data)


def register(router) -> None:
    router.register("patrol-routes", RouteViewSet, basename="patrol-route")
    router.register("patrol-checkins", CheckinViewSet, basename="patrol-checkin")
    router.register("patrols", PatrolDayViewSet, basename="patrol-day")
