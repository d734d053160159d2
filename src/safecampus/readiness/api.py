"""/api/v1/emergency-plans, /drills, /safety-funds (CONTRACT.md, Emergency readiness) and the teams."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django_filters import rest_framework as filters
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.decorators import action
from rest_framework.response import Response

from safecampus.core.api.base import (
    ScopedUnitField,
    ScopedViewSet,
    StrictSerializer,
    VersionedIn,
    expect_version,
    validated,
)
from safecampus.core.api.filters import SubtreeFilter
from safecampus.core.errors import InvalidInput
from safecampus.core.permissions import require

from . import services
from .choices import DrillKind, DrillStatus, MemberRole, PlanKind, PlanStatus, TeamKind
from .models import Drill, EmergencyPlan, EmergencyTeam, FundLine, TeamMember

MANAGE = "readiness.manage"


class EmergencyPlanOut(serializers.ModelSerializer):
    version = serializers.IntegerField(source="edition", help_text="the plan's version: 1, 2, ...")
    row_version = serializers.IntegerField(source="version", help_text="send back as `version` to approve")
    previous = serializers.IntegerField(source="previous_id", allow_null=True)

    class Meta:
        model = EmergencyPlan
        fields = ["id", "org_unit", "kind", "title", "body", "version", "status", "previous", "approved_by",
                  "approved_at", "created_at", "row_version"]


class EmergencyPlanIn(StrictSerializer):
    org_unit = ScopedUnitField(capability=MANAGE)
    kind = serializers.ChoiceField(choices=PlanKind.choices)
    title = serializers.CharField(max_length=200)
    body = serializers.CharField(max_length=50_000)


class PlanNoteIn(StrictSerializer):
    note = serializers.CharField(required=False, allow_blank=True, max_length=5000, default="")
    version = serializers.IntegerField(required=False, allow_null=True, min_value=1, max_value=2**31 - 1)


class PlanFilter(filters.FilterSet):
    org_unit = SubtreeFilter()
    kind = filters.ChoiceFilter(choices=PlanKind.choices)
    status = filters.ChoiceFilter(choices=PlanStatus.choices)

    class Meta:
        model = EmergencyPlan
        fields = ["org_unit", "kind", "status"]


class PlanViewSet(ScopedViewSet):
    queryset = EmergencyPlan.objects.all()
    serializer_class = EmergencyPlanOut
    filterset_class = PlanFilter
    view_capability = "readiness.view"
    action_capabilities = {"approve": "readiness.approve", "review": "readiness.approve"}

    @extend_schema(request=EmergencyPlanIn, responses={201: EmergencyPlanOut})
    def create(self, request, *args, **kwargs):
        require(request.user, MANAGE)
        data = validated(EmergencyPlanIn, request)
        plan = services.create_plan(actor=request.user, **data)
        return Response(EmergencyPlanOut(plan).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=PlanNoteIn, responses=EmergencyPlanOut)
    @action(detail=True, methods=["post"])
    def approve(self, request, pk=None):
        """The principal or someone above; a plan approved already is a 409."""
        data = validated(PlanNoteIn, request)
        plan = services.approve_plan(self.get_object(), actor=request.user, note=data["note"],
                                     expected_version=expect_version(data))
        return Response(EmergencyPlanOut(plan).data)

    @extend_schema(request=PlanNoteIn, responses=EmergencyPlanOut)
    @action(detail=True, methods=["post"])
    def review(self, request, pk=None):
        """The yearly review of the approved version: it still holds."""
        data = validated(PlanNoteIn, request)
        plan = self.get_object()
        services.review_plan(plan, actor=request.user, note=data["note"], expected_version=expect_version(data))
        return Response(EmergencyPlanOut(EmergencyPlan.objects.get(pk=plan.pk)).data)


class DrillOut(serializers.ModelSerializer):
    over_target = serializers.BooleanField(allow_null=True, read_only=True)
    hazards = serializers.SerializerMethodField()

    class Meta:
        model = Drill
        fields = ["id", "org_unit", "plan", "kind", "status", "planned_for", "held_at", "participants", "buildings",
                  "floors", "evacuation_seconds", "target_seconds", "over_target", "summary", "hazards"]

    def get_hazards(self, drill) -> list[int]:
        return [p.hazard_id for p in drill.problems.all() if p.hazard_id]


class DrillIn(StrictSerializer):
    org_unit = ScopedUnitField(capability=MANAGE)
    plan = serializers.IntegerField(required=False, allow_null=True, min_value=1, max_value=2**63 - 1)
    kind = serializers.ChoiceField(choices=DrillKind.choices)
    held_at = serializers.DateTimeField(required=False, allow_null=True)
    participants = serializers.IntegerField(min_value=1, max_value=1_000_000)
    evacuation_seconds = serializers.IntegerField(min_value=1, max_value=86_400)
    target_seconds = serializers.IntegerField(required=False, allow_null=True, min_value=1, max_value=86_400)
    floors = serializers.IntegerField(required=False, allow_null=True, min_value=1, max_value=100)
    buildings = serializers.CharField(required=False, allow_blank=True, max_length=200, default="")
    summary = serializers.CharField(required=False, allow_blank=True, max_length=5000, default="")
    problems = serializers.ListField(child=serializers.CharField(max_length=500), required=False, default=list,
                                     max_length=50)
    request_id = serializers.CharField(required=False, allow_blank=True, max_length=64, default="")


class DrillFilter(filters.FilterSet):
    org_unit = SubtreeFilter()
    kind = filters.ChoiceFilter(choices=DrillKind.choices)
    status = filters.ChoiceFilter(choices=DrillStatus.choices)

    class Meta:
        model = Drill
        fields = ["org_unit", "kind", "status"]


class DrillViewSet(ScopedViewSet):
    queryset = Drill.objects.all()
    serializer_class = DrillOut
    filterset_class = DrillFilter
    view_capability = "readiness.view"
    prefetch_related = ("problems",)

    @extend_schema(request=DrillIn, responses={201: DrillOut})
    def create(self, request, *args, **kwargs):
        require(request.user, MANAGE)
        data = validated(DrillIn, request)
        plan = None
        if data.get("plan"):
            plan = EmergencyPlan.objects.visible_to(request.user, "readiness.view").filter(pk=data["plan"]).first()
            if plan is None:
                raise InvalidInput.field("plan", _("Not found."))
        drill = services.record_drill(actor=request.user, plan=plan, **{k: v for k, v in data.items() if k != "plan"})
        drill = self.related(Drill.objects.all()).get(pk=drill.pk)
        return Response(DrillOut(drill).data, status=status.HTTP_201_CREATED)


class SafetyFundOut(serializers.ModelSerializer):
    spent = serializers.SerializerMethodField()

    class Meta:
        model = FundLine
        fields = ["id", "org_unit", "year", "line", "budget", "spent", "version"]

    def get_spent(self, fund) -> str:
        return str(sum((s.amount for s in fund.spendings.all()), 0))


class SafetyFundIn(StrictSerializer):
    org_unit = ScopedUnitField(capability=MANAGE)
    year = serializers.IntegerField(min_value=2000, max_value=2100)
    line = serializers.CharField(max_length=100)
    budget = serializers.DecimalField(max_digits=12, decimal_places=2, min_value=0)
    spent = serializers.DecimalField(max_digits=12, decimal_places=2, min_value=0, required=False, default=0)


class SafetySpendingIn(VersionedIn):
    amount = serializers.DecimalField(max_digits=12, decimal_places=2, min_value=1)
    spent_on = serializers.DateField()
    note = serializers.CharField(required=False, allow_blank=True, max_length=300, default="")


class FundFilter(filters.FilterSet):
    org_unit = SubtreeFilter()
    year = filters.NumberFilter(min_value=2000, max_value=2100)

    class Meta:
        model = FundLine
        fields = ["org_unit", "year"]


class FundViewSet(ScopedViewSet):
    queryset = FundLine.objects.all()
    serializer_class = SafetyFundOut
    filterset_class = FundFilter
    view_capability = "readiness.view_funds"
    prefetch_related = ("spendings",)
    action_capabilities = {"spendings": MANAGE}

    @extend_schema(request=SafetyFundIn, responses={201: SafetyFundOut})
    def create(self, request, *args, **kwargs):
        require(request.user, MANAGE)
        data = validated(SafetyFundIn, request)
        fund = services.create_fund_line(actor=request.user, **data)
        return Response(SafetyFundOut(self.related(FundLine.objects.all()).get(pk=fund.pk)).data,
                        status=status.HTTP_201_CREATED)

    @extend_schema(request=SafetySpendingIn, responses={201: SafetyFundOut})
    @action(detail=True, methods=["post"])
    def spendings(self, request, pk=None):
        fund = self.get_object()
        data = validated(SafetySpendingIn, request)
        services.record_spending(fund, actor=request.user, **VersionedIn.service_kwargs(data))
        return Response(SafetyFundOut(self.related(FundLine.objects.all()).get(pk=fund.pk)).data,
                        status=status.HTTP_201_CREATED)


class EmergencyMemberOut(serializers.ModelSerializer):
    calls = serializers.IntegerField(source="calls_id", allow_null=True)

    class Meta:
        model = TeamMember
        fields = ["id", "name", "role", "phone", "user", "calls"]


class EmergencyTeamOut(serializers.ModelSerializer):
    members = EmergencyMemberOut(many=True, read_only=True)

    class Meta:
        model = EmergencyTeam
        fields = ["id", "org_unit", "kind", "name", "duties", "members", "version"]


class EmergencyTeamIn(StrictSerializer):
    org_unit = ScopedUnitField(capability=MANAGE)
    kind = serializers.ChoiceField(choices=TeamKind.choices)
    name = serializers.CharField(max_length=100)
    duties = serializers.CharField(required=False, allow_blank=True, max_length=5000, default="")


class EmergencyMemberIn(VersionedIn):
    name = serializers.CharField(max_length=100)
    phone = serializers.CharField(max_length=32)
    role = serializers.ChoiceField(choices=MemberRole.choices, required=False, default=MemberRole.MEMBER)
    calls = serializers.IntegerField(required=False, allow_null=True, min_value=1, max_value=2**63 - 1)


class TeamFilter(filters.FilterSet):
    org_unit = SubtreeFilter()

    class Meta:
        model = EmergencyTeam
        fields = ["org_unit"]


class TeamViewSet(ScopedViewSet):
    queryset = EmergencyTeam.objects.all()
    serializer_class = EmergencyTeamOut
    filterset_class = TeamFilter
    view_capability = "readiness.view_teams"
    prefetch_related = ("members",)
    action_capabilities = {"members": MANAGE}

    @extend_schema(request=EmergencyTeamIn, responses={201: EmergencyTeamOut})
    def create(self, request, *args, **kwargs):
        require(request.user, MANAGE)
        team = services.create_team(actor=request.user, **validated(EmergencyTeamIn, request))
        return Response(EmergencyTeamOut(self.related(EmergencyTeam.objects.all()).get(pk=team.pk)).data,
                        status=status.HTTP_201_CREATED)

    @extend_schema(request=EmergencyMemberIn, responses={201: EmergencyTeamOut})
    @action(detail=True, methods=["post"])
    def members(self, request, pk=None):
        team = self.get_object()
        data = validated(EmergencyMemberIn, request)
        calls = None
        if data.get("calls"):
            calls = TeamMember.objects.filter(org_unit_id=team.org_unit_id, pk=data["calls"]).first()
            if calls is None:
                raise InvalidInput.field("calls", _("Choose a member of this school's teams."))
        services.add_member(team, actor=request.user, name=data["name"], phone=data["phone"], role=data["role"],
                            calls=calls, expected_version=expect_version(data))
        return Response(EmergencyTeamOut(self.related(EmergencyTeam.objects.all()).get(pk=team.pk)).data,
                        status=status.HTTP_201_CREATED)


def register(router) -> None:
    router.register("emergency-plans", PlanViewSet, basename="emergency-plan")
    router.register("drills", DrillViewSet, basename="drill")
    router.register("safety-funds", FundViewSet, basename="safety-fund")
    router.register("emergency-teams", TeamViewSet, basename="emergency-team")
