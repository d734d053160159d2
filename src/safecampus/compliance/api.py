"""/api/v1/obligations, /api/v1/compliance, /api/v1/tasks (CONTRACT.md)."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, viewsets
from rest_framework.response import Response

from safecampus.core.api.base import ScopedUnitField, ScopedViewSet, StrictSerializer
from safecampus.core.api.pagination import Pagination

from . import selectors
from .models import Attestation, Obligation
from .todo import tasks_for


class ObligationOut(serializers.ModelSerializer):
    class Meta:
        model = Obligation
        fields = ["id", "code", "org_unit", "preset", "title", "title_zh", "description", "source", "unit_kind",
                  "school_types", "needs_canteen", "needs_dormitory", "needs_transport", "needs_boarding", "period",
                  "period_days", "required", "evidence_kind", "evidence_params", "due_offset_days",
                  "due_after_start_days", "grace_days", "remind_days", "owner_roles", "escalation_roles",
                  "supervisor_roles", "version"]


class ComplianceRowOut(serializers.Serializer):
    org_unit = serializers.IntegerField()
    org_unit_name = serializers.CharField()
    obligation = serializers.IntegerField()
    obligation_code = serializers.CharField()
    obligation_title = serializers.CharField()
    period_start = serializers.DateField()
    period_end = serializers.DateField()
    due = serializers.DateField()
    status = serializers.CharField(help_text="met, pending, due_soon, overdue, missed or not_applicable")
    done = serializers.IntegerField()
    required = serializers.IntegerField()


class TaskOut(serializers.Serializer):
    title = serializers.CharField()
    url = serializers.CharField()
    status = serializers.CharField(source="tone")
    due = serializers.DateField(allow_null=True)
    unit = serializers.CharField()
    org_unit = serializers.IntegerField(source="unit_id", allow_null=True)
    source = serializers.CharField()
    kind = serializers.CharField()
    object_type = serializers.CharField()
    object_id = serializers.CharField()


def _page(view, request, items, serializer):
    paginator = Pagination()
    page = paginator.paginate_queryset(items, request, view=view)
    return paginator.get_paginated_response(serializer(page, many=True).data)


class ObligationViewSet(viewsets.ViewSet):
    """The rules in force for the caller's units (set at or above them, or within their scope)."""

    pagination_class = Pagination  # paged by hand (_page); declared so the description shows the pages

    lookup_value_regex = r"\d+"

    @extend_schema(responses=ObligationOut(many=True))
    def list(self, request):
        return _page(self, request, selectors.obligations_for(request.user), ObligationOut)

    @extend_schema(responses=ObligationOut, parameters=[OpenApiParameter("id", int, OpenApiParameter.PATH)])
    def retrieve(self, request, pk=None):
        from safecampus.core.errors import NotFound

        rule = next((r for r in selectors.obligations_for(request.user) if str(r.pk) == str(pk)), None)
        if rule is None:
            raise NotFound()
        return Response(ObligationOut(rule).data)


class ComplianceViewSet(viewsets.ViewSet):
    pagination_class = Pagination  # paged by hand; declared so the description shows the pages

    @extend_schema(parameters=[OpenApiParameter("org_unit", int, description="a unit; its subtree is included"),
                               OpenApiParameter("date", str, description="YYYY-MM-DD; the period containing it")],
                   responses=ComplianceRowOut(many=True))
    def list(self, request):
        rows = selectors.lazy_compliance_rows(request.user, org_unit=request.query_params.get("org_unit"),
                                              day=request.query_params.get("date"))
        paginator = Pagination()
        page = paginator.paginate_queryset(rows, request, view=self)
        items = [{"org_unit": r.unit_id, "org_unit_name": r.unit["name"], "obligation": r.obligation.pk,
                  "obligation_code": r.obligation.code, "obligation_title": r.obligation.display_title,
                  "period_start": r.period_start, "period_end": r.period_end, "due": r.due, "status": r.status,
                  "done": r.done, "required": r.required} for r in page]
        return paginator.get_paginated_response(ComplianceRowOut(items, many=True).data)


class TaskViewSet(viewsets.ViewSet):
    pagination_class = Pagination  # paged by hand (_page); declared so the description shows the pages

    @extend_schema(responses=TaskOut(many=True))
    def list(self, request):
        from safecampus.core.errors import Forbidden
        from safecampus.core.permissions import has_capability

        if not has_capability(request.user, "compliance.view_own"):
            raise Forbidden()
        return _page(self, request, tasks_for(request.user), TaskOut)


class AttestationOut(serializers.ModelSerializer):
    obligation_code = serializers.CharField(source="rule_code", read_only=True)
    signed_by = serializers.CharField(source="signed_by.username", read_only=True)

    class Meta:
        model = Attestation
        fields = ["id", "org_unit", "obligation", "obligation_code", "performed_on", "note", "signed_by", "signed_at",
                  "version"]


class AttestationIn(StrictSerializer):
    obligation = serializers.IntegerField()
    org_unit = ScopedUnitField(capability="compliance.attest")
    note = serializers.CharField(required=False, allow_blank=True, max_length=2000, default="")
    file = serializers.FileField()


class AttestationViewSet(ScopedViewSet):
    """Signed statements with proof, for duties without a record type. POST is multipart (a file)."""

    queryset = Attestation.objects.select_related("signed_by")
    serializer_class = AttestationOut
    view_capability = "compliance.view"
    filterset_fields = ["org_unit", "rule_code"]

    @extend_schema(request=AttestationIn, responses={201: AttestationOut})
    def create(self, request, *args, **kwargs):
        from safecampus.core.api.base import validated
        from safecampus.core.errors import Forbidden, InvalidInput
        from safecampus.core.permissions import has_capability, scope_paths

        from . import services
        from .engine import rules_in_force

        if not has_capability(request.user, "compliance.attest"):
            raise Forbidden()
        data = validated(AttestationIn, request)
        rule = next((r for r in rules_in_force(scope_paths(request.user, "compliance.attest"))
                     if r.pk == data["obligation"]), None)
        if rule is None:
            raise InvalidInput.field("obligation", "Unknown obligation.")
        item = services.attest(actor=request.user, obligation=rule, org_unit=data["org_unit"], upload=data["file"],
                               note=data["note"])
        return Response(AttestationOut(item).data, status=201)


def register(router) -> None:
    from . import api_policies

    api_policies.register(router)
    router.register("attestations", AttestationViewSet, basename="attestation")
    router.register("obligations", ObligationViewSet, basename="obligation")
    router.register("compliance", ComplianceViewSet, basename="compliance")
    router.register("tasks", TaskViewSet, basename="task")
