"""Checklist templates and inspections under /api/v1/ (CONTRACT.md, Inspections)."""

from __future__ import annotations

from functools import cache

from django.db.models import Count, F, Q
from django_filters import rest_framework as filters
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import serializers, status
from rest_framework.decorators import action
from rest_framework.response import Response

from safecampus.core.api.base import (
    ReadOnlyScopedViewSet,
    ScopedUnitField,
    ScopedUserField,
    ScopedViewSet,
    StrictSerializer,
    expect_version,
    validated,
)
from safecampus.core.api.filters import SubtreeFilter
from safecampus.core.api.rows import PageOut, PlannedRepresentation
from safecampus.core.errors import Forbidden
from safecampus.core.permissions import has_capability, unwrapped
from safecampus.core.workflow import allowed_by_key, unit_path

from . import services
from .choices import InspectionStatus, Outcome, TemplateKind, Topic
from .models import ChecklistItem, ChecklistTemplate, Inspection, InspectionResult, SpotCheckDraw, display
from .workflows import INSPECTION


class ItemOut(PlannedRepresentation, serializers.ModelSerializer):
    text = serializers.CharField(source="display_text")
    guidance = serializers.CharField(source="display_guidance")

    class Meta:
        model = ChecklistItem
        fields = ["id", "text", "guidance", "weight", "opens_hazard", "hazard_level"]


class TemplateOut(PlannedRepresentation, serializers.ModelSerializer):
    name = serializers.CharField(source="display_name")
    version = serializers.IntegerField(source="current_version.number", default=None)

    class Meta:
        model = ChecklistTemplate
        fields = ["id", "name", "kind", "topic", "version", "owner"]


class TemplateDetailOut(TemplateOut):
    items = serializers.SerializerMethodField()

    class Meta(TemplateOut.Meta):
        fields = [*TemplateOut.Meta.fields, "items"]

    def get_items(self, obj) -> list[dict]:
        if obj.current_version is None:
            return []
        return ItemOut(obj.current_version.items.all(), many=True).data


class TemplateFilter(filters.FilterSet):
    kind = filters.ChoiceFilter(choices=TemplateKind.choices)
    topic = filters.ChoiceFilter(choices=Topic.choices)

    class Meta:
        model = ChecklistTemplate
        fields = ["kind", "topic"]


class ChecklistTemplateViewSet(ReadOnlyScopedViewSet):
    queryset = ChecklistTemplate.objects.filter(is_active=True).select_related("current_version")
    serializer_class = TemplateOut
    filterset_class = TemplateFilter
    view_capability = "inspections.view"

    def get_serializer_class(self):
        return TemplateDetailOut if self.action == "retrieve" else TemplateOut


class ResultOut(PlannedRepresentation, serializers.Serializer):
    item = serializers.IntegerField(source="item_id")
    outcome = serializers.CharField()
    note = serializers.CharField()
    hazard = serializers.IntegerField(source="hazard_id", allow_null=True)


class InspectionOut(PlannedRepresentation, serializers.ModelSerializer):
    kind = serializers.CharField(source="template.kind")
    topic = serializers.CharField(source="template.topic")
    template_name = serializers.CharField(source="template.display_name")
    template_version = serializers.IntegerField(source="template_version.number")
    score = serializers.FloatField(allow_null=True)
    items = ItemOut(source="template_version.items", many=True)
    results = ResultOut(many=True)
    hazards = serializers.SerializerMethodField()
    allowed_actions = serializers.SerializerMethodField()

    class Meta:
        model = Inspection
        fields = ["id", "org_unit", "template", "template_name", "template_version", "kind", "topic", "status",
                  "scheduled_for", "assignee", "draw", "score", "completed_at", "completed_by", "summary", "items",
                  "results", "hazards", "allowed_actions", "version"]

    def get_hazards(self, obj) -> list[int]:
        return [r.hazard_id for r in obj.results.all() if r.hazard_id]

    def get_allowed_actions(self, obj) -> list[str]:
        request = self.context.get("request")
        return INSPECTION.allowed_actions(obj, request.user) if request else []


class InspectionListOut(PlannedRepresentation, serializers.ModelSerializer):
    """A row of the list: the inspection and the counts of its results. The checklist's items and
    the results themselves are the detail's (``GET /api/v1/inspections/{id}``)."""

    kind = serializers.CharField(source="template_kind")
    topic = serializers.CharField(source="template_topic")
    template_name = serializers.CharField()
    template_version = serializers.IntegerField(source="template_version_number")
    score = serializers.FloatField(allow_null=True)
    results_count = serializers.IntegerField(help_text="items with a recorded outcome")
    failed_count = serializers.IntegerField(help_text="items that failed")
    hazards_count = serializers.IntegerField(help_text="hazards the failed items opened")
    allowed_actions = serializers.SerializerMethodField()

    class Meta:
        model = Inspection
        fields = ["id", "org_unit", "template", "template_name", "template_version", "kind", "topic", "status",
                  "scheduled_for", "assignee", "draw", "score", "completed_at", "completed_by", "summary",
                  "results_count", "failed_count", "hazards_count", "allowed_actions", "version"]
        list_serializer_class = PageOut

    @staticmethod
    @cache
    def rows():
        """The list's query, as values: the inspection's columns with its checklist's and its school's
        beside them; no model built. Made once (each request clones it and adds its reader's scope and
        filters): resolving its expressions cost a page as much as running it."""
        return Inspection.objects.values(
            "id", "org_unit_id", "template_id", "status", "scheduled_for", "assignee_id", "draw_id", "score",
            "completed_at", "completed_by_id", "summary", "version", unit_path=F("org_unit__path"),
            template_kind=F("template__kind"), template_topic=F("template__topic"),
            template_name_en=F("template__name"), template_name_zh=F("template__name_zh"),
            template_version_number=F("template_version__number"))

    @staticmethod
    @cache
    def counts():
        """The results of some inspections counted, per inspection (made once, filtered per page)."""
        return InspectionResult.objects.order_by().values("inspection_id").annotate(
            results=Count("id"), failed=Count("id", filter=Q(outcome=Outcome.FAIL)), hazards=Count("hazard_id"))

    def prepare_page(self, rows: list) -> None:
        """One query for the page's results counts; the actions once per (state, school, inspector)."""
        counts = {c["inspection_id"]: c for c in self.counts().filter(inspection_id__in=[r.id for r in rows])}
        for row in rows:
            row.pk = row.id
            row.template_name = display(row.template_name_en, row.template_name_zh)
            found = counts.get(row.id, {})
            row.results_count, row.failed_count = found.get("results", 0), found.get("failed", 0)
            row.hazards_count = found.get("hazards", 0)
        self._allowed = allowed_by_key(rows, unwrapped(self.context["request"].user), INSPECTION.allowed_actions,
                                       lambda r: (r.status, unit_path(r), r.assignee_id))

    def get_allowed_actions(self, obj) -> list[str]:
        return self._allowed[obj.pk]


@extend_schema_field(OpenApiTypes.INT)
class VisibleTemplateField(serializers.PrimaryKeyRelatedField):
    """A checklist the caller can read; any other id reads as "does not exist"."""

    def get_queryset(self):
        request = self.context.get("request")
        return ChecklistTemplate.objects.visible_to(getattr(request, "user", None), "inspections.view")


class InspectionIn(StrictSerializer):
    org_unit = ScopedUnitField(capability="org.view")
    template = VisibleTemplateField()
    scheduled_for = serializers.DateField()
    assignee = ScopedUserField(required=False, allow_null=True)


class ResultIn(StrictSerializer):
    item = serializers.IntegerField()
    outcome = serializers.ChoiceField(choices=Outcome.values)
    note = serializers.CharField(required=False, allow_blank=True, max_length=2000, default="")


class CompleteIn(StrictSerializer):
    results = ResultIn(many=True, allow_empty=False)
    summary = serializers.CharField(required=False, allow_blank=True, max_length=4000, default="")
    version = serializers.IntegerField(required=False)


class AssignIn(StrictSerializer):
    assignee = ScopedUserField()
    version = serializers.IntegerField(required=False)


class CompleteOut(serializers.Serializer):
    id = serializers.IntegerField()
    status = serializers.CharField()
    score = serializers.FloatField(allow_null=True)
    hazards = serializers.ListField(child=serializers.IntegerField())
    version = serializers.IntegerField()


class InspectionFilter(filters.FilterSet):
    status = filters.ChoiceFilter(choices=InspectionStatus.choices)
    kind = filters.ChoiceFilter(field_name="template__kind", choices=TemplateKind.choices)
    topic = filters.ChoiceFilter(field_name="template__topic", choices=Topic.choices)
    org_unit = SubtreeFilter()

    class Meta:
        model = Inspection
        fields = ["status", "kind", "topic", "org_unit"]


class InspectionViewSet(ScopedViewSet):
    queryset = Inspection.objects.all()
    select_related = ("template", "template_version", "org_unit")
    prefetch_related = ("template_version__items", "results")
    serializer_class = InspectionOut
    filterset_class = InspectionFilter
    view_capability = "inspections.view"
    action_capabilities = {"complete": "inspections.carry_out", "assign": "inspections.schedule"}

    def related(self, qs):
        # The list's rows are summaries, read as values by the list's own query (the viewset's, prepared
        # once: InspectionListOut.rows) and completed a query per kind by InspectionListOut.prepare_page; the detail and
        # the answers of actions carry every item and result.
        return InspectionListOut.rows().all() if self.action == "list" else super().related(qs)

    def get_serializer_class(self):
        return InspectionListOut if self.action == "list" else InspectionOut

    @extend_schema(request=InspectionIn, responses={201: InspectionOut})
    def create(self, request, *args, **kwargs):
        if not has_capability(request.user, "inspections.schedule"):
            raise Forbidden()
        data = validated(InspectionIn, request)
        # Idempotent: the same school, checklist and day again answers with the inspection already made.
        inspection, _created = services.schedule_inspection(actor=request.user, **data)
        fresh = self.related(Inspection.objects.all()).get(pk=inspection.pk)
        return Response(InspectionOut(fresh, context={"request": request}).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=CompleteIn, responses=CompleteOut)
    @action(detail=True, methods=["post"])
    def complete(self, request, pk=None):
        inspection = self.get_object()
        expected = expect_version(request.data)
        data = validated(CompleteIn, request)
        done = services.complete_inspection(inspection, actor=request.user, results=data["results"],
                                            summary=data["summary"], expected_version=expected,
                                            require_all=False)
        hazards = list(done.results.exclude(hazard=None).order_by("item__position").values_list("hazard_id",
                                                                                               flat=True))
        return Response({"id": done.pk, "status": done.status,
                         "score": float(done.score) if done.score is not None else None,
                         "hazards": hazards, "version": done.version})


    @extend_schema(request=AssignIn, responses=InspectionOut)
    @action(detail=True, methods=["post"])
    def assign(self, request, pk=None):
        inspection = self.get_object()
        data = validated(AssignIn, request)
        services.assign_inspection(inspection, actor=request.user, assignee=data["assignee"],
                                   expected_version=data.get("version"))
        fresh = self.related(Inspection.objects.all()).get(pk=inspection.pk)
        return Response(InspectionOut(fresh, context={"request": request}).data)


class DrawOut(serializers.ModelSerializer):
    inspections = serializers.SerializerMethodField()

    class Meta:
        model = SpotCheckDraw
        fields = ["id", "org_unit", "template", "count", "seed", "candidates", "chosen", "scheduled_for",
                  "drawn_at", "drawn_by", "inspections"]

    def get_inspections(self, obj) -> list[int]:
        return [i.pk for i in obj.inspections.all()]


class DrawIn(StrictSerializer):
    org_unit = ScopedUnitField(capability="org.view")
    template = VisibleTemplateField()
    count = serializers.IntegerField(min_value=1)
    scheduled_for = serializers.DateField()
    assignee = ScopedUserField(required=False, allow_null=True)


class DrawViewSet(ScopedViewSet):
    """Random spot checks: the schools drawn, with the seed that reproduces the draw."""

    queryset = SpotCheckDraw.objects.prefetch_related("inspections")
    serializer_class = DrawOut
    view_capability = "inspections.view"

    @extend_schema(request=DrawIn, responses={201: DrawOut})
    def create(self, request, *args, **kwargs):
        if not has_capability(request.user, "inspections.draw"):
            raise Forbidden()
        data = validated(DrawIn, request)
        draw = services.draw_spot_check(actor=request.user, org_unit=data["org_unit"], template=data["template"],
                                        count=data["count"], scheduled_for=data["scheduled_for"],
                                        assignee=data.get("assignee"))
        return Response(DrawOut(self.queryset.get(pk=draw.pk)).data, status=status.HTTP_201_CREATED)


def register(router) -> None:
    router.register("checklist-templates", ChecklistTemplateViewSet, basename="checklist-template")
    router.register("inspections", InspectionViewSet, basename="inspection")
    router.register("inspection-draws", DrawViewSet, basename="inspection-draw")
