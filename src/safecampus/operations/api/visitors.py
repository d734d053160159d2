"""``/api/v1/visitors`` and ``/api/v1/visitor-watchlist`` (CONTRACT.md, Daily operations)."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.decorators import action
from rest_framework.response import Response

from safecampus.core.api.base import ScopedViewSet, StrictSerializer, expect_version, validated
from safecampus.core.errors import Forbidden
from safecampus.core.permissions import has_capability

from ..filters import VisitorApiFilter
from ..models import Visitor, WatchEntry
from ..services import visitors as services
from .common import UnitId, UserId


class VisitorOut(serializers.ModelSerializer):
    id_number = serializers.CharField(source="id_number_masked", read_only=True)

    class Meta:
        model = Visitor
        fields = ["id", "org_unit", "name", "id_number", "phone", "purpose", "host", "badge_no", "status",
                  "entered_at", "left_at", "refusal_reason", "version"]


class VisitorIn(StrictSerializer):
    org_unit = UnitId()
    name = serializers.CharField(max_length=100)
    id_number = serializers.CharField(max_length=40)
    phone = serializers.CharField(max_length=32, required=False, allow_blank=True, default="")
    purpose = serializers.CharField(max_length=200)
    host = UserId(required=False, allow_null=True, default=None)
    badge_no = serializers.CharField(max_length=32, required=False, allow_blank=True, default="")
    request_id = serializers.CharField(max_length=64, required=False, allow_blank=True, default="")


class LeaveIn(StrictSerializer):
    version = serializers.IntegerField(required=False, min_value=1)


class LeaveOut(serializers.ModelSerializer):
    class Meta:
        model = Visitor
        fields = ["id", "status", "left_at", "version"]


class VisitorViewSet(ScopedViewSet):
    queryset = Visitor.objects.select_related("org_unit")
    serializer_class = VisitorOut
    filterset_class = VisitorApiFilter
    view_capability = "operations.view_visitors"
    action_capabilities = {"leave": "operations.visitors"}

    def get_queryset(self):
        return super().get_queryset().order_by("-entered_at", "-id")

    @extend_schema(request=VisitorIn, responses={201: VisitorOut})
    def create(self, request, *args, **kwargs):
        if not has_capability(request.user, "operations.visitors"):
            raise Forbidden()
        data = validated(VisitorIn, request)
        visitor = services.create_visitor(actor=request.user, **data)
        return Response(VisitorOut(visitor).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=LeaveIn, responses=LeaveOut)
    @action(detail=True, methods=["post"])
    def leave(self, request, pk=None):
        visitor = self.get_object()
        data = validated(LeaveIn, request)
        visitor = services.leave(visitor, actor=request.user, expected_version=expect_version(data))
        return Response(LeaveOut(visitor).data)


class WatchEntryOut(serializers.ModelSerializer):
    id_number = serializers.CharField(source="id_number_masked", read_only=True)

    class Meta:
        model = WatchEntry
        fields = ["id", "org_unit", "name", "id_number", "reason", "active", "created_at"]


class WatchEntryIn(StrictSerializer):
    org_unit = UnitId()
    id_number = serializers.CharField(max_length=40)
    reason = serializers.CharField(max_length=200)
    name = serializers.CharField(max_length=100, required=False, allow_blank=True, default="")


class WatchListViewSet(ScopedViewSet):
    queryset = WatchEntry.objects.select_related("org_unit")
    serializer_class = WatchEntryOut
    view_capability = "operations.watchlist"

    def get_queryset(self):
        return super().get_queryset().order_by("-created_at", "-id")

    @extend_schema(request=WatchEntryIn, responses={201: WatchEntryOut})
    def create(self, request, *args, **kwargs):
        if not has_capability(request.user, "operations.watchlist"):
            raise Forbidden()
        data = validated(WatchEntryIn, request)
        entry = services.add_to_watchlist(actor=request.user, **data)
        return Response(WatchEntryOut(entry).data, status=status.HTTP_201_CREATED)


def register(router) -> None:
    router.register("visitors", VisitorViewSet, basename="visitor")
    router.register("visitor-watchlist", WatchListViewSet, basename="visitor-watchlist")
