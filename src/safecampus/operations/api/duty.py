"""``/api/v1/duty-logs`` (CONTRACT.md) and the roster, ``/api/v1/duty-assignments``."""

from __future__ import annotations

import django_filters as df
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.decorators import action
from rest_framework.response import Response

from safecampus.core.api.base import ScopedViewSet, StrictSerializer, expect_version, validated
from safecampus.core.api.filters import SubtreeFilter
from safecampus.core.errors import Forbidden
from safecampus.core.permissions import has_capability

from ..choices import Shift
from ..models import DutyAssignment, DutyLog
from ..services import duty as services
from .common import UnitId, UserId


class DutyLogOut(serializers.ModelSerializer):
    class Meta:
        model = DutyLog
        fields = ["id", "org_unit", "date", "shift", "leader", "summary", "events", "nothing_to_report",
                  "written_by", "handed_over_to", "handed_over_at", "handover_note", "created_at", "version"]


class DutyLogIn(StrictSerializer):
    org_unit = UnitId()
    date = serializers.DateField()
    shift = serializers.ChoiceField(choices=Shift.choices)
    leader = UserId()
    summary = serializers.CharField(required=False, allow_blank=True, default="")
    events = serializers.CharField(required=False, allow_blank=True, default="")
    nothing_to_report = serializers.BooleanField(required=False, default=False)


class HandoverIn(StrictSerializer):
    to_user = UserId()
    note = serializers.CharField(required=False, allow_blank=True, default="")
    version = serializers.IntegerField(required=False, min_value=1)


class DutyFilter(df.FilterSet):
    org_unit = SubtreeFilter()
    date = df.DateFilter()
    shift = df.ChoiceFilter(choices=Shift.choices)

    class Meta:
        model = DutyLog
        fields = ["org_unit", "date", "shift"]


class DutyLogViewSet(ScopedViewSet):
    queryset = DutyLog.objects.all()
    serializer_class = DutyLogOut
    filterset_class = DutyFilter
    view_capability = "operations.view"
    action_capabilities = {"handover": "operations.duty"}

    def get_queryset(self):
        return super().get_queryset().order_by("-date", "shift", "-id")

    @extend_schema(request=DutyLogIn, responses={201: DutyLogOut})
    def create(self, request, *args, **kwargs):
        if not has_capability(request.user, "operations.duty"):
            raise Forbidden()
        data = validated(DutyLogIn, request)
        log = services.create_duty_log(actor=request.user, **data)
        return Response(DutyLogOut(log).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=HandoverIn, responses=DutyLogOut)
    @action(detail=True, methods=["post"])
    def handover(self, request, pk=None):
        log = self.get_object()
        data = validated(HandoverIn, request)
        log = services.hand_over(log, actor=request.user, to_user=data["to_user"], note=data["note"],
                                 expected_version=expect_version(data))
        return Response(DutyLogOut(log).data)


class DutyAssignmentOut(serializers.ModelSerializer):
    class Meta:
        model = DutyAssignment
        fields = ["id", "org_unit", "date", "shift", "user", "is_leader", "swapped_from", "version"]


class DutyAssignmentIn(StrictSerializer):
    org_unit = UnitId()
    date = serializers.DateField()
    shift = serializers.ChoiceField(choices=Shift.choices)
    user = UserId()
    is_leader = serializers.BooleanField(required=False, default=False)


class SwapIn(StrictSerializer):
    to_user = UserId()
    reason = serializers.CharField(max_length=200)
    version = serializers.IntegerField(required=False, min_value=1)


class RosterFilter(DutyFilter):
    class Meta:
        model = DutyAssignment
        fields = ["org_unit", "date", "shift"]


class DutyAssignmentViewSet(ScopedViewSet):
    queryset = DutyAssignment.objects.all()
    serializer_class = DutyAssignmentOut
    filterset_class = RosterFilter
    view_capability = "operations.view"
    action_capabilities = {"swap": "operations.roster"}

    def get_queryset(self):
        return super().get_queryset().order_by("date", "shift", "-is_leader", "id")

    @extend_schema(request=DutyAssignmentIn, responses={201: DutyAssignmentOut})
    def create(self, request, *args, **kwargs):
        if not has_capability(request.user, "operations.roster"):
            raise Forbidden()
        data = validated(DutyAssignmentIn, request)
        item = services.create_duty_assignment(actor=request.user, **data)
        return Response(DutyAssignmentOut(item).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=SwapIn, responses=DutyAssignmentOut)
    @action(detail=True, methods=["post"])
    def swap(self, request, pk=None):
        item = self.get_object()
        data = validated(SwapIn, request)
        item = services.swap_duty(item, actor=request.user, to_user=data["to_user"], reason=data["reason"],
                                  expected_version=expect_version(data))
        return Response(DutyAssignmentOut(item).data)


def register(router) -> None:
    router.register("duty-logs", DutyLogViewSet, basename="duty-log")
    router.register("duty-assignments", DutyAssignmentViewSet, basename="duty-assignment")
