"""REST endpoints of CONTRACT.md's Responsibility section: posts, letters, meetings, rules."""

from __future__ import annotations

from django.db.models import Prefetch
from django.utils.translation import get_language
from django_filters import rest_framework as filters
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from safecampus.core.api.base import (
    AliasChoiceField,
    ReadOnlyScopedViewSet,
    ScopedUnitField,
    ScopedUserField,
    ScopedViewSet,
    StrictSerializer,
    VersionedIn,
    expect_version,
    validated,
)
from safecampus.core.errors import Forbidden, NotFound
from safecampus.core.permissions import has_capability
from safecampus.org.models import Post

from . import services
from .choices import ActionStatus, LetterLevel, LetterStatus, MeetingKind
from .models import Meeting, MeetingAction, PostDuty, ResponsibilityLetter, SafetyTeam, SchoolRule, TeamMember
from .selectors import can_read_letter, letters_for, rules_for, with_ack
from .workflows import LETTER


def _zh() -> bool:
    return (get_language() or "").lower().startswith("zh")


def _id() -> dict:
    # Scoped id fields have no model for the schema generator to read the type from.
    return {"pk_field": serializers.IntegerField()}


def _enum(choices) -> type[serializers.ChoiceField]:
    """A choice field whose values the schema lists in its description: the schema generator names
    every enum after its field, and "kind" or "level" enums of other apps would collide with ours."""

    @extend_schema_field({"type": "string", "description": "One of: " + ", ".join(c[0] for c in choices)})
    class Field(serializers.ChoiceField):
        pass

    return Field


# ---------------------------------------------------------------- posts

class PostOut(serializers.ModelSerializer):
    name = serializers.SerializerMethodField()
    duties = serializers.SerializerMethodField()

    class Meta:
        model = Post
        fields = ["id", "code", "name", "duties"]

    def get_name(self, obj) -> str:
        return obj.display_name

    def get_duties(self, obj) -> list[str]:
        return [d.display for d in obj.safety_duties.all()]


class PostViewSet(viewsets.ReadOnlyModelViewSet):
    """The post catalogue with each post's safety duties (the same for every school)."""

    serializer_class = PostOut
    queryset = Post.objects.prefetch_related(Prefetch("safety_duties", queryset=PostDuty.objects.order_by("sort")))

    def get_queryset(self):
        if not getattr(self, "swagger_fake_view", False) and not has_capability(
                self.request.user, "responsibility.view_own"):
            raise Forbidden()
        return super().get_queryset()


# ---------------------------------------------------------------- letters

class LetterIn(StrictSerializer):
    org_unit = ScopedUnitField(**_id())
    recipient = ScopedUserField(**_id())
    year = serializers.IntegerField(min_value=2000, max_value=2100)
    title = serializers.CharField(max_length=200)
    duties = serializers.JSONField()
    body = serializers.CharField(required=False, allow_blank=True, default="")

    def validate_duties(self, value):
        if isinstance(value, str):
            value = value.splitlines()
        if not isinstance(value, list) or not all(isinstance(x, str) for x in value):
            raise serializers.ValidationError("A list of texts, or one text with a duty per line.")
        if not [x for x in value if x.strip()]:
            raise serializers.ValidationError("At least one duty.")
        return value


class SignIn(StrictSerializer):
    signed_name = serializers.CharField(max_length=150, required=False, allow_blank=True, default="")
    signature = serializers.CharField(required=False, allow_blank=True, default="")
    version = serializers.IntegerField(required=False)


class LetterOut(serializers.ModelSerializer):
    duties = serializers.SerializerMethodField()
    level = _enum(LetterLevel.choices)(choices=LetterLevel.choices, read_only=True)
    status = _enum(LetterStatus.choices)(choices=LetterStatus.choices, read_only=True)
    allowed_actions = serializers.SerializerMethodField()

    class Meta:
        model = ResponsibilityLetter
        fields = ["id", "org_unit", "issuer_unit", "recipient", "recipient_name", "level", "year", "title",
                  "body", "duties", "status", "issued_at", "signed_at", "signed_name", "allowed_actions",
                  "version"]

    def get_duties(self, obj) -> list[str]:
        return obj.duty_lines()

    def get_allowed_actions(self, obj) -> list[str]:
        request = self.context.get("request")
        return LETTER.allowed_actions(obj, request.user) if request else []


class LetterFilter(filters.FilterSet):
    status = filters.ChoiceFilter(choices=LetterStatus.choices)
    year = filters.NumberFilter()

    class Meta:
        model = ResponsibilityLetter
        fields = ["status", "year"]


class LetterViewSet(ScopedViewSet):
    serializer_class = LetterOut
    queryset = ResponsibilityLetter.objects.select_related("org_unit")
    filterset_class = LetterFilter
    view_capability = "responsibility.view_own"

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return ResponsibilityLetter.objects.none()
        if not has_capability(self.request.user, "responsibility.view_own"):
            raise Forbidden()
        return letters_for(self.request.user).select_related("org_unit").order_by("-year", "id")

    def get_object(self):
        letter = ResponsibilityLetter.objects.select_related("org_unit").get_visible(
            self.request.user, "org.view", pk=self.kwargs["pk"])
        if self.action == "retrieve" and not can_read_letter(self.request.user, letter):
            raise Forbidden()
        return letter

    @extend_schema(request=LetterIn, responses={201: LetterOut})
    def create(self, request, *args, **kwargs):
        if not has_capability(request.user, "responsibility.issue"):
            raise Forbidden()
        data = validated(LetterIn, request)
        letter = services.issue_letter(actor=request.user, org_unit=data["org_unit"],
                                       recipient=data["recipient"], year=data["year"], title=data["title"],
                                       duties=data["duties"], body=data["body"])
        return Response(LetterOut(letter, context={"request": request}).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=SignIn, responses=LetterOut)
    @action(detail=True, methods=["post"])
    def sign(self, request, pk=None):
        try:
            letter = self.get_object()
        except NotFound:
            raise
        data = validated(SignIn, request)
        letter = services.sign_letter(letter, actor=request.user, signed_name=data["signed_name"],
                                      signature=data["signature"], expected_version=expect_version(request.data))
        return Response(LetterOut(letter, context={"request": request}).data)


# ---------------------------------------------------------------- meetings

class ActionIn(StrictSerializer):
    title = serializers.CharField(max_length=255)
    owner = ScopedUserField(**_id())
    due = serializers.DateField()


MEETING_ALIASES = {"start_of_year_conference": "start_of_year", "conference": "start_of_year",
                   "semester_start": "start_of_year", "start_of_term": "start_of_year", "opening": "start_of_year",
                   "special_meeting": "special", "safety_meeting": "special", "regular_meeting": "regular",
                   "monthly": "regular", "holiday": "pre_holiday", "before_holiday": "pre_holiday",
                   "leading_group_meeting": "leading_group", "all_staff": "staff", "staff_meeting": "staff"}


class MeetingKindField(AliasChoiceField):
    pass


class MeetingIn(StrictSerializer):
    org_unit = ScopedUnitField(**_id())
    kind = extend_schema_field({"type": "string", "description": "One of: " + ", ".join(MeetingKind.values)})(
        MeetingKindField)(MeetingKind.choices, MEETING_ALIASES)
    held_at = serializers.DateTimeField()
    title = serializers.CharField(max_length=200)
    minutes = serializers.CharField(required=False, allow_blank=True, default="")
    agenda = serializers.CharField(required=False, allow_blank=True, default="")
    location = serializers.CharField(required=False, allow_blank=True, default="", max_length=200)
    higher_documents = serializers.CharField(required=False, allow_blank=True, default="")
    attendees = ScopedUserField(many=True, required=False, default=list, **_id())
    actions = ActionIn(many=True, required=False, default=list)


class ActionOut(serializers.ModelSerializer):
    status = _enum(ActionStatus.choices)(choices=ActionStatus.choices, read_only=True)

    class Meta:
        model = MeetingAction
        fields = ["id", "title", "owner", "due", "status", "done_at"]


class MeetingOut(serializers.ModelSerializer):
    actions = ActionOut(many=True, read_only=True)
    kind = _enum(MeetingKind.choices)(choices=MeetingKind.choices, read_only=True)

    class Meta:
        model = Meeting
        fields = ["id", "org_unit", "kind", "title", "held_at", "location", "agenda", "minutes",
                  "higher_documents", "attendees", "actions", "version"]


class MeetingViewSet(ScopedViewSet):
    serializer_class = MeetingOut
    queryset = Meeting.objects.prefetch_related("attendees", "actions").order_by("-held_at", "-id")
    view_capability = "responsibility.view_own"
    filterset_fields = ["kind", "org_unit"]

    @extend_schema(request=MeetingIn, responses={201: MeetingOut})
    def create(self, request, *args, **kwargs):
        if not has_capability(request.user, "responsibility.meet"):
            raise Forbidden()
        data = validated(MeetingIn, request)
        meeting = services.record_meeting(
            actor=request.user, org_unit=data["org_unit"], kind=data["kind"], held_at=data["held_at"],
            title=data["title"], minutes=data["minutes"], agenda=data["agenda"], location=data["location"],
            higher_documents=data["higher_documents"], attendees=data["attendees"], actions=data["actions"])
        meeting = self.get_queryset().get(pk=meeting.pk)
        return Response(MeetingOut(meeting).data, status=status.HTTP_201_CREATED)


# ---------------------------------------------------------------- rules

class RuleOut(serializers.ModelSerializer):
    title = serializers.SerializerMethodField()
    body = serializers.SerializerMethodField()
    version_number = serializers.IntegerField(source="current.number")
    adopted_at = serializers.DateTimeField(source="current.adopted_at")
    acknowledged = serializers.BooleanField(read_only=True, default=False)

    class Meta:
        model = SchoolRule
        fields = ["id", "org_unit", "code", "title", "body", "version_number", "adopted_at", "acknowledged",
                  "version"]

    def get_title(self, obj) -> str:
        return obj.current.display_title

    def get_body(self, obj) -> str:
        return obj.current.display_body


class AckOut(serializers.Serializer):
    rule = serializers.IntegerField()
    version_number = serializers.IntegerField()
    acknowledged_at = serializers.DateTimeField()


class RuleViewSet(viewsets.ReadOnlyModelViewSet):
    """Rules of the caller's units (and of units below, for those who oversee them)."""

    serializer_class = RuleOut
    queryset = SchoolRule.objects.none()
    filterset_fields = ["org_unit", "code"]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return SchoolRule.objects.none()
        if not has_capability(self.request.user, "responsibility.view_own"):
            raise Forbidden()
        return with_ack(rules_for(self.request.user), self.request.user).select_related(
            "current").order_by("org_unit__path", "code")

    def get_object(self):
        rule = self.get_queryset().filter(pk=self.kwargs.get("pk") if str(self.kwargs.get("pk")).isdigit()
                                          else None).first()
        if rule is None:
            raise NotFound()
        return rule

    @extend_schema(request=VersionedIn, responses=AckOut)
    @action(detail=True, methods=["post"])
    def acknowledge(self, request, pk=None):
        rule = self.get_object()
        ack = services.acknowledge_rule(rule, actor=request.user,
                                        expected_version=expect_version(validated(VersionedIn, request)))
        return Response({"rule": rule.pk, "version_number": ack.rule_version.number,
                         "acknowledged_at": ack.acknowledged_at})


# ---------------------------------------------------------------- teams

class MemberOut(serializers.ModelSerializer):
    class Meta:
        model = TeamMember
        fields = ["id", "user", "name", "team_role", "position", "contact"]


class TeamOut(serializers.ModelSerializer):
    members = MemberOut(many=True, read_only=True)

    class Meta:
        model = SafetyTeam
        fields = ["id", "org_unit", "kind", "name", "duties", "members", "version"]


class TeamViewSet(ReadOnlyScopedViewSet):
    """Leading groups and working teams of the units in the caller's scope (read only; the pages edit)."""

    serializer_class = TeamOut
    queryset = SafetyTeam.objects.prefetch_related(
        Prefetch("members", queryset=TeamMember.objects.order_by("sort", "id"))).order_by("org_unit__path", "kind")
    view_capability = "responsibility.view_own"
    filterset_fields = ["org_unit", "kind"]


def register(router) -> None:
    router.register("safety-teams", TeamViewSet, basename="safety-team")
    router.register("posts", PostViewSet, basename="post")
    router.register("responsibility-letters", LetterViewSet, basename="responsibility-letter")
    router.register("meetings", MeetingViewSet, basename="meeting")
    router.register("rules", RuleViewSet, basename="rule")
