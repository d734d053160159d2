"""/api/v1/policies: the numbers the rules use, what is in force at a unit, and setting a unit's own."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from safecampus.core.api.base import ScopedUnitField, StrictSerializer, validated
from safecampus.core.api.pagination import Pagination
from safecampus.core.errors import InvalidInput, NotFound
from safecampus.core.permissions import require
from safecampus.org.models import OrgUnit

from . import policies
from .models import Policy


class NumberOut(serializers.Serializer):
    name = serializers.CharField()
    label = serializers.CharField()
    default = serializers.IntegerField()
    minimum = serializers.IntegerField(allow_null=True)
    maximum = serializers.IntegerField(allow_null=True)
    unit = serializers.CharField()


class RowOut(serializers.ModelSerializer):
    class Meta:
        model = Policy
        fields = ["id", "org_unit", "code", "values", "source", "version", "updated_at"]


class PolicyOut(serializers.Serializer):
    code = serializers.CharField()
    title = serializers.CharField()
    source = serializers.CharField()
    fields = NumberOut(many=True)
    rows = RowOut(many=True, help_text="units in the caller's scope, or above it, that set their own numbers")


class InForceOut(serializers.Serializer):
    code = serializers.CharField()
    org_unit = serializers.IntegerField()
    values = serializers.DictField(child=serializers.IntegerField())
    source = serializers.CharField()
    set_at = serializers.IntegerField(allow_null=True, help_text="the unit whose row is in force; null: defaults")


class SetIn(StrictSerializer):
    org_unit = ScopedUnitField(capability=policies.CAPABILITY)
    values = serializers.DictField()
    source = serializers.CharField(required=False, allow_blank=True, max_length=2000, default="")
    version = serializers.IntegerField(required=False, allow_null=True, min_value=1, max_value=2**31 - 1)


class ClearIn(StrictSerializer):
    org_unit = ScopedUnitField(capability=policies.CAPABILITY)
    version = serializers.IntegerField(required=False, allow_null=True, min_value=1, max_value=2**31 - 1)


def _spec_out(spec, rows) -> dict:
    return {"code": spec.code, "title": str(spec.title), "source": str(spec.source),
            "fields": [{"name": n.name, "label": str(n.label), "default": n.default, "minimum": n.minimum,
                        "maximum": n.maximum, "unit": str(n.unit)} for n in spec.fields],
            "rows": [r for r in rows if r.code == spec.code]}


def _unit_param(request) -> OrgUnit:
    raw = request.query_params.get("org_unit", "")
    if not raw.isdigit() or len(raw) > 12:
        raise InvalidInput.field("org_unit", "A unit id.")
    unit = OrgUnit.objects.visible_to(request.user, "compliance.view_own").filter(pk=int(raw)).first()
    if unit is None:
        raise NotFound()
    return unit


class PolicyViewSet(viewsets.ViewSet):
    """Registered policies with their defaults and sources; a unit's own numbers override them below it."""

    lookup_field = "code"
    lookup_value_regex = r"[a-z_]+\.[a-z_]+"
    pagination_class = Pagination  # the list is paged by hand; declared so the description shows the pages

    @extend_schema(responses=PolicyOut(many=True))
    def list(self, request):
        require(request.user, "compliance.view")
        rows = list(policies.readable(request.user).order_by("code", "org_unit__path"))
        specs = [_spec_out(spec, rows) for _code, spec in sorted(policies.POLICIES.items())]
        paginator = Pagination()
        page = paginator.paginate_queryset(specs, request, view=self)
        return paginator.get_paginated_response(PolicyOut(page, many=True).data)

    @extend_schema(responses=InForceOut,
                   parameters=[OpenApiParameter("code", str, OpenApiParameter.PATH),
                               OpenApiParameter("org_unit", int, required=True,
                                                description="the unit whose policy in force is asked")])
    def retrieve(self, request, code=None):
        spec = policies.spec_of(code)
        found = policies.in_force(_unit_param(request), spec.code)
        return Response(InForceOut({"code": spec.code, "org_unit": int(request.query_params["org_unit"]),
                                    "values": found.values, "source": found.source,
                                    "set_at": found.row.org_unit_id if found.row else None}).data)

    @extend_schema(request=SetIn, responses={200: RowOut},
                   parameters=[OpenApiParameter("code", str, OpenApiParameter.PATH)])
    @action(detail=True, methods=["post"], url_path="set")
    def set_numbers(self, request, code=None):
        """The unit's own numbers (only those given change); send the ``version`` you read to change a row."""
        spec = policies.spec_of(code)
        require(request.user, policies.CAPABILITY)
        data = validated(SetIn, request)
        row = policies.set_policy(data["org_unit"], spec.code, data["values"], actor=request.user,
                                  source=data["source"], expected_version=data.get("version"))
        return Response(RowOut(row).data)

    @extend_schema(request=ClearIn, responses={204: None},
                   parameters=[OpenApiParameter("code", str, OpenApiParameter.PATH)])
    @action(detail=True, methods=["post"], url_path="clear")
    def clear(self, request, code=None):
        """The unit follows the policy above it again."""
        spec = policies.spec_of(code)
        require(request.user, policies.CAPABILITY)
        data = validated(ClearIn, request)
        row = Policy.objects.filter(org_unit=data["org_unit"], code=spec.code).first()
        if row is None:
            raise NotFound()
        policies.clear_policy(row, actor=request.user, expected_version=data.get("version"))
        return Response(status=204)


def register(router) -> None:
    router.register("policies", PolicyViewSet, basename="policy")
