"""``/api/v1/activities`` with ``/approve`` and ``/reject`` (CONTRACT.md, Transport, dormitories, activities...)."""

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

from ..choices import ActivityStatus
from ..models import Activity
from ..services import activities as services
from .common import UnitId


class ActivityOut(serializers.ModelSerializer):
    class Meta:
        model = Activity
        fields = ["id", "org_unit", "title", "place", "starts_at", "ends_at", "off_campus", "expected_people",
                  "classes", "lower_grades", "teachers_per_class", "safety_plan", "education", "permit_no", "status",
                  "approver_level", "permit_required", "late_application", "applied_by", "decided_by", "decided_at",
                  "decision_note", "version"]


class ActivityIn(StrictSerializer):
    org_unit = UnitId(capability="operations.activities")
    title = serializers.CharField(max_length=200)
    starts_at = serializers.DateTimeField()
    ends_at = serializers.DateTimeField(required=False, allow_null=True, default=None)
    place = serializers.CharField(max_length=200)
    off_campus = serializers.BooleanField(required=False, default=False)
    expected_people = serializers.IntegerField(min_value=1, max_value=1000000)
    classes = serializers.IntegerField(required=False, allow_null=True, default=None, min_value=0, max_value=1000)
    lower_grades = serializers.BooleanField(required=False, default=False)
    teachers_per_class = serializers.IntegerField(required=False, allow_null=True, default=None, min_value=0,
                                                  max_value=50)
    safety_plan = serializers.CharField()
    education = serializers.CharField(required=False, allow_blank=True, default="")
    permit_no = serializers.CharField(required=False, allow_blank=True, default="", max_length=64)
    request_id = serializers.CharField(max_length=64, required=False, allow_blank=True, default="")


class DecisionIn(StrictSerializer):
    note = serializers.CharField(required=False, allow_blank=True, default="")
    version = serializers.IntegerField(required=False, min_value=1)


class ActivityFilter(df.FilterSet):
    org_unit = SubtreeFilter()
    status = df.ChoiceFilter(choices=ActivityStatus.choices)

    class Meta:
        model = Activity
        fields = ["org_unit", "status"]


class ActivityViewSet(ScopedViewSet):
    queryset = Activity.objects.all()
    serializer_class = ActivityOut
    filterset_class = ActivityFilter
    view_capability = "operations.view"
    action_capabilities = {"approve": "operations.approve_activities", "reject": "operations.approve_activities"}

    def get_queryset(self):
        return super().get_queryset().order_by("-starts_at", "-id")

    @extend_schema(request=ActivityIn, responses={201: ActivityOut})
    def create(self, request, *args, **kwargs):
        """Apply for a large activity; its approver level, permit and lateness come from the policy."""
        if not has_capability(request.user, "operations.activities"):
            raise Forbidden()
        data = validated(ActivityIn, request)
        activity = services.apply(actor=request.user, **data)
        return Response(ActivityOut(activity).data, status=status.HTTP_201_CREATED)

    def _decide(self, request, decide):
        activity = self.get_object()
        data = validated(DecisionIn, request)
        activity = decide(activity, actor=request.user, note=data["note"], expected_version=expect_version(data))
        return Response(ActivityOut(activity).data)

    @extend_schema(request=DecisionIn, responses={200: ActivityOut})
    @action(detail=True, methods=["post"])
    def approve(self, request, pk=None):
        """Only a user of the required level (principal, central school, authority) approves; others 403."""
        return self._decide(request, services.approve)

    @extend_schema(request=DecisionIn, responses={200: ActivityOut})
    @action(detail=True, methods=["post"])
    def reject(self, request, pk=None):
        """Only a user of the required level rejects, with a note; others 403."""
        return self._decide(request, services.reject)


def register(router) -> None:
    router.register("activities", ActivityViewSet, basename="activity")
