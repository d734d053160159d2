"""/api/v1/assessments and /api/v1/assessments/marks (CONTRACT.md, Assessment, archives, reports)."""

from __future__ import annotations

from django.apps import apps
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from safecampus.core.api.base import StrictSerializer, validated
from safecampus.core.api.pagination import Pagination
from safecampus.core.errors import InvalidInput
from safecampus.core.scoping import PRESENCE

from . import selectors, services
from .choices import MarkKind
from .scoring import SchoolScore
from .views import unit_name

PARAMS = {"org_unit", "school_year", "semester", "page", "page_size"}


class MarkOut(serializers.Serializer):
    score = serializers.FloatField()
    note = serializers.CharField()


class IndicatorOut(serializers.Serializer):
    code = serializers.CharField()
    title = serializers.CharField()
    weight = serializers.IntegerField()
    score = serializers.FloatField(allow_null=True, help_text="the mark when inspectors marked it, else the records'")
    evidence = serializers.CharField(help_text="the list page of the records behind the score")
    method = serializers.CharField(help_text="computed or marked")
    computed = serializers.FloatField(allow_null=True, help_text="what the records gave (kept beside a mark)")
    done = serializers.IntegerField(allow_null=True)
    total = serializers.IntegerField(allow_null=True)
    mark = MarkOut(allow_null=True)
    self_assessment = MarkOut(allow_null=True)


class VetoOut(serializers.Serializer):
    code = serializers.CharField()
    title = serializers.CharField()
    count = serializers.IntegerField()
    evidence = serializers.CharField()


class AssessmentOut(serializers.Serializer):
    org_unit = serializers.IntegerField()
    name = serializers.CharField()
    score = serializers.FloatField(allow_null=True)
    raw_score = serializers.FloatField(allow_null=True, help_text="before any veto")
    rank = serializers.IntegerField(allow_null=True, help_text="within the school's central school")
    county_rank = serializers.IntegerField(allow_null=True)
    vetoed = serializers.BooleanField()
    vetoes = VetoOut(many=True)
    indicators = IndicatorOut(many=True)


def _mark(found) -> dict | None:
    return None if found is None else {"score": float(found["score"]), "note": found["note"]}


def as_row(s: SchoolScore) -> dict:
    return {
        "org_unit": s.unit["id"], "name": unit_name(s.unit), "score": s.score, "raw_score": s.raw, "rank": s.rank,
        "county_rank": s.county_rank, "vetoed": s.vetoed,
        "vetoes": [{"code": v.code, "title": v.title, "count": v.count, "evidence": v.evidence} for v in s.vetoes],
        "indicators": [{"code": i.code, "title": i.title, "weight": i.weight, "score": i.score,
                        "evidence": i.evidence, "method": i.method, "computed": i.computed, "done": i.done,
                        "total": i.total, "mark": _mark(i.mark), "self_assessment": _mark(i.self_mark)}
                       for i in s.indicators]}


class MarkIn(StrictSerializer):
    org_unit = serializers.IntegerField(min_value=1, max_value=2**63 - 1)
    school_year = serializers.IntegerField(min_value=1, max_value=2**63 - 1)
    semester = serializers.IntegerField(min_value=1, max_value=2**63 - 1, required=False, allow_null=True)
    indicator = serializers.CharField(max_length=64)
    score = serializers.DecimalField(max_digits=5, decimal_places=1, min_value=0, max_value=100)
    note = serializers.CharField(max_length=2000, allow_blank=True, required=False, default="")
    kind = serializers.ChoiceField(choices=MarkKind.choices, required=False, default=MarkKind.INSPECTOR,
                                   help_text="inspector (central school or authority) or self (the school)")


class MarkResult(serializers.Serializer):
    id = serializers.IntegerField()
    org_unit = serializers.IntegerField()
    school_year = serializers.IntegerField()
    semester = serializers.IntegerField(allow_null=True)
    indicator = serializers.CharField()
    kind = serializers.CharField()
    score = serializers.FloatField()
    note = serializers.CharField()


def _period_objects(data) -> tuple:
    OrgUnit = apps.get_model("org", "OrgUnit")
    SchoolYear = apps.get_model("org", "SchoolYear")
    unit = OrgUnit.objects.filter(pk=data["org_unit"]).first()
    if unit is None:
        raise InvalidInput.field("org_unit", _("Unknown unit."))
    year = SchoolYear.objects.filter(pk=data["school_year"]).first()
    if year is None:
        raise InvalidInput.field("school_year", _("Choose a school year of this unit's calendar."))
    semester = None
    if data.get("semester"):
        semester = year.semesters.filter(pk=data["semester"]).first()
        if semester is None:
            raise InvalidInput.field("semester", _("Choose a semester of this school year."))
    return unit, year, semester


class AssessmentViewSet(viewsets.ViewSet):
    pagination_class = Pagination  # paged by hand; declared so the description shows the pages

    @extend_schema(parameters=[
        OpenApiParameter("school_year", int, description="a school year id (default: the one in force)"),
        OpenApiParameter("org_unit", int, description="a school, central school or authority; its schools"),
        OpenApiParameter("semester", int, description="a semester id of that school year (default: all of it)")],
        responses=AssessmentOut(many=True))
    def list(self, request):
        params = request.query_params
        unknown = sorted(set(params) - PARAMS)
        if unknown:
            raise InvalidInput(fields={name: [_("Unknown parameter.")] for name in unknown})
        unit = selectors.unit_in_scope(request.user, params.get("org_unit"))
        period = selectors.pick_period(unit, params.get("school_year"), params.get("semester"))
        rows = sorted(selectors.scores(request.user, unit, period), key=lambda s: s.unit["path"])
        paginator = Pagination()
        page = paginator.paginate_queryset(rows, request, view=self)
        return paginator.get_paginated_response([as_row(s) for s in page])

    @extend_schema(request=MarkIn, responses={201: MarkResult, 200: MarkResult})
    @action(detail=False, methods=["post"])
    def marks(self, request):
        data = validated(MarkIn, request)
        unit, year, semester = _period_objects(data)
        if not apps.get_model("org", "OrgUnit").objects.visible_to(request.user, PRESENCE).filter(
                pk=unit.pk).exists():
            raise InvalidInput.field("org_unit", _("Unknown unit."))
        mark, created = services.set_mark(actor=request.user, org_unit=unit, school_year=year, semester=semester,
                                          indicator=data["indicator"], score=data["score"], note=data["note"],
                                          kind=data["kind"])
        body = {"id": mark.pk, "org_unit": unit.pk, "school_year": year.pk,
                "semester": semester.pk if semester else None, "indicator": mark.indicator, "kind": mark.kind,
                "score": float(mark.score), "note": mark.note}
        return Response(body, status=status.HTTP_201_CREATED if created else status.HTTP_200_OK)


def register(router) -> None:
    router.register("assessments", AssessmentViewSet, basename="assessment")



