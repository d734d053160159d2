"""``/api/v1/security-defences``: a school's defences with their state, and their checks."""

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

from ..choices import DefenceState
from ..defences_data import KINDS, category_of
from ..models import Defence
from ..services import defences as services
from .common import UnitId


class DefenceOut(serializers.ModelSerializer):
    category = serializers.SerializerMethodField()

    class Meta:
        model = Defence
        fields = ["id", "org_unit", "kind", "category", "quantity", "location", "state", "last_checked_at",
                  "version"]

    def get_category(self, obj) -> str:
        return category_of(obj.kind)


class DefenceIn(StrictSerializer):
    org_unit = UnitId()
    kind = serializers.ChoiceField(choices=list(KINDS))
    quantity = serializers.IntegerField(min_value=0, required=False, default=1)
    location = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    state = serializers.ChoiceField(choices=DefenceState.choices, required=False, default=DefenceState.WORKING)


class CheckIn(StrictSerializer):
    ok = serializers.BooleanField()
    note = serializers.CharField(required=False, allow_blank=True, default="")
    version = serializers.IntegerField(required=False, min_value=1)


class CheckOut(serializers.Serializer):
    id = serializers.IntegerField()
    defence = serializers.IntegerField(source="defence_id")
    ok = serializers.BooleanField()
    note = serializers.CharField()
    at = serializers.DateTimeField()
    hazard = serializers.IntegerField(source="hazard_id", allow_null=True)


class DefenceFilter(df.FilterSet):
    org_unit = SubtreeFilter()
    state = df.ChoiceFilter(choices=DefenceState.choices)

    class Meta:
        model = Defence
        fields = ["org_unit", "state"]


class DefenceViewSet(ScopedViewSet):
    queryset = Defence.objects.all()
    serializer_class = DefenceOut
    filterset_class = DefenceFilter
    view_capability = "operations.view"
    action_capabilities = {"check": "operations.defences"}

    def get_queryset(self):
        return super().get_queryset().order_by("org_unit__path", "kind")

    @extend_schema(request=DefenceIn, responses={201: DefenceOut})
    def create(self, request, *args, **kwargs):
        if not has_capability(request.user, "operations.defences"):
            raise Forbidden()
        data = validated(DefenceIn, request)
        defence = services.create_defence(actor=request.user, **data)
        return Response(DefenceOut(defence).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=CheckIn, responses={201: CheckOut})
    @action(detail=True, methods=["post"])
    def check(self, request, pk=None):
        """A check of the defence; ``ok: false`` opens a hazard (its id is in ``hazard``)."""
        defence = self.get_object()
        data = validated(CheckIn, request)
        check = services.check_defence(defence, actor=request.user, ok=data["ok"], note=data["note"],
                                       expected_version=expect_version(data))
        return Response(CheckOut(check).data, status=status.HTTP_201_CREATED)


def register(router) -> None:
    router.register("security-defences", DefenceViewSet, basename="security-defence")
