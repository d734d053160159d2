"""``/api/v1/hazards``: list, detail, report, the closed loop's actions (CONTRACT.md, Hazards) and
supervision; ``/api/v1/hazard-policies``: the rectification policies, read and set."""

from __future__ import annotations

from django.db.models import F
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import serializers, status
from rest_framework.decorators import action
from rest_framework.response import Response

from safecampus.core import replay
from safecampus.core.api.base import (
    AliasChoiceField,
    ScopedUnitField,
    ScopedUserField,
    ScopedViewSet,
    StrictSerializer,
    VersionedIn,
    expect_version,
    validated,
)
from safecampus.core.api.rows import PageOut, PlannedRepresentation
from safecampus.core.errors import Forbidden, InvalidInput, NotFound
from safecampus.core.permissions import has_capability, unwrapped
from safecampus.core.workflow import allowed_by_key, unit_path

from . import services
from .choices import Category, ContactMethod, Level, Source
from .filters import HazardApiFilter
from .models import Hazard, HazardContact, HazardPolicy
from .policies import readable_policies
from .workflows import SUPERVISE_CAPABILITY, allowed_actions


@extend_schema_field(OpenApiTypes.INT)
class UnitId(ScopedUnitField):
    """A unit id (typed for the OpenAPI description)."""


@extend_schema_field(OpenApiTypes.INT)
class UserId(ScopedUserField):
    """A user id (typed for the OpenAPI description)."""


class HazardCommitmentsOut(serializers.Serializer):
    measures = serializers.CharField(source="commit_measures")
    person = serializers.CharField(source="commit_person")
    funds = serializers.CharField(source="commit_funds")
    deadline = serializers.DateField(source="commit_deadline")
    contingency = serializers.CharField(source="commit_contingency")
    recorded_at = serializers.DateTimeField(source="commitments_at")


class HazardOut(PlannedRepresentation, serializers.ModelSerializer):
    overdue = serializers.BooleanField(read_only=True)
    supervised = serializers.BooleanField(read_only=True)
    allowed_actions = serializers.SerializerMethodField()
    commitments = serializers.SerializerMethodField()

    class Meta:
        model = Hazard
        fields = ["id", "org_unit", "title", "category", "level", "location", "description", "source",
                  "source_ref", "responsible_unit", "status", "reported_by", "reported_at", "escalated",
                  "escalated_at", "assignee", "assigned_at", "deadline", "overdue", "rectified_by",
                  "rectified_at", "rectification_note", "verified_by", "verified_at", "verification_note",
                  "closed_at", "signed_off", "rejections", "last_rejection_note", "outside_department",
                  "overdue_escalated_at", "supervised", "supervised_at", "supervised_by", "supervision_note",
                  "supervisions", "recurrence_of", "commitments", "allowed_actions", "version"]
        list_serializer_class = PageOut

    def prepare_page(self, rows: list[Hazard]) -> None:
        """A page's actions, decided once per kind of row: everything ``allowed_actions`` reads of a
        hazard (its state, level, school, whether the reader is its assignee or rectifier, ...)."""
        user = unwrapped(self.context["request"].user)
        self._allowed = allowed_by_key(rows, user, allowed_actions, lambda h: (
            h.status, h.level, h.category, unit_path(h), h.assignee_id == user.pk, h.rectified_by_id == user.pk,
            h.commitments_at is None, h.escalated, h.overdue_escalated_at is None))

    def get_allowed_actions(self, obj) -> list[str]:
        allowed = self.__dict__.get("_allowed")
        return allowed[obj.pk] if allowed is not None else allowed_actions(obj, self.context["request"].user)

    def get_commitments(self, obj) -> dict | None:
        return HazardCommitmentsOut(obj).data if obj.commitments_at else None


def _photos():
    # multipart/form-data only; each file is checked again by core.files.store.
    return serializers.ListField(child=serializers.FileField(), required=False, default=list, max_length=10)


class HazardDetailOut(HazardOut):
    photos = serializers.SerializerMethodField()

    class Meta(HazardOut.Meta):
        fields = [*HazardOut.Meta.fields, "photos"]

    def get_photos(self, obj) -> list[dict]:
        from safecampus.core.files import attachments_of

        # A hazard reported by this request carries the photos the service stored (all it has).
        stored = getattr(obj, "stored_photos", None)
        return [{"id": str(a.uid), "purpose": a.purpose, "url": a.get_absolute_url(),
                 "mime_type": a.mime_type} for a in (attachments_of(obj) if stored is None else stored)]


# Words schools use for our categories.
CATEGORY_ALIASES = {"facility": "building", "facilities": "building", "structure": "building",
                    "electric": "electrical", "electricity": "electrical", "fire_safety": "fire",
                    "food": "canteen", "food_safety": "canteen", "traffic": "transport", "vehicle": "transport",
                    "environment": "surroundings", "outside": "surroundings"}


class HazardIn(StrictSerializer):
    org_unit = UnitId()
    title = serializers.CharField(max_length=200)
    category = AliasChoiceField(Category.choices, CATEGORY_ALIASES)
    level = serializers.ChoiceField(choices=Level.choices)
    location = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    description = serializers.CharField(required=False, allow_blank=True, default="")
    source = serializers.ChoiceField(choices=Source.choices, required=False, default=Source.MANUAL)
    source_ref = serializers.CharField(max_length=100, required=False, allow_blank=True, default="")
    responsible_unit = UnitId(required=False, allow_null=True, default=None)
    outside_department = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    recurrence_of = serializers.IntegerField(required=False, allow_null=True, default=None)
    request_id = serializers.CharField(max_length=64, required=False, allow_blank=True, default="")
    photos = _photos()


class HazardVersioned(VersionedIn):
    pass


class HazardAssignIn(HazardVersioned):
    assignee = UserId()
    responsible_unit = UnitId(required=False, allow_null=True, default=None)
    deadline = serializers.DateField(required=False, allow_null=True, default=None)
    note = serializers.CharField(required=False, allow_blank=True, default="")


class HazardNoteIn(HazardVersioned):
    note = serializers.CharField()


class HazardRectifyIn(HazardNoteIn):
    photos = _photos()


class HazardVerifyIn(HazardVersioned):
    note = serializers.CharField(required=False, allow_blank=True, default="")


class HazardRejectIn(HazardNoteIn):
    deadline = serializers.DateField(required=False, allow_null=True, default=None)


class HazardSuperviseIn(HazardVersioned):
    note = serializers.CharField()
    deadline = serializers.DateField(required=False, allow_null=True, default=None)


class HazardCommitmentsIn(HazardVersioned):
    measures = serializers.CharField()
    person = serializers.CharField(max_length=100)
    funds = serializers.CharField(max_length=100)
    deadline = serializers.DateField()
    contingency = serializers.CharField()


class HazardContactIn(VersionedIn):
    department = serializers.CharField(max_length=200)
    summary = serializers.CharField()
    contact_person = serializers.CharField(max_length=100, required=False, allow_blank=True, default="")
    method = serializers.ChoiceField(choices=ContactMethod.choices, required=False, default=ContactMethod.PHONE)
    contacted_at = serializers.DateTimeField(required=False, allow_null=True, default=None)


class HazardContactOut(serializers.ModelSerializer):
    class Meta:
        model = HazardContact
        fields = ["id", "hazard", "contacted_at", "department", "contact_person", "method", "summary",
                  "recorded_by"]


class HazardViewSet(ScopedViewSet):
    queryset = Hazard.objects.all()
    select_related = ("org_unit",)
    serializer_class = HazardOut
    filterset_class = HazardApiFilter
    view_capability = "hazards.view"
    action_capabilities = {"assign": "hazards.assign", "rectify": "hazards.rectify", "verify": "hazards.verify",
                           "reject": "hazards.verify", "commitments": "hazards.assign",
                           "contacts": "hazards.view", "supervise": SUPERVISE_CAPABILITY}

    def related(self, qs):
        # A page reads its schools' paths with its rows (the actions need nothing else of the school).
        return qs.annotate(unit_path=F("org_unit__path")) if self.action == "list" else super().related(qs)

    def get_queryset(self):
        return super().get_queryset().order_by("-reported_at", "-id")

    def get_serializer_class(self):
        return HazardDetailOut if self.action == "retrieve" else HazardOut

    def _out(self, hazard, code=status.HTTP_200_OK) -> Response:
        hazard = Hazard.objects.select_related("org_unit").get(pk=hazard.pk)
        return Response(HazardDetailOut(hazard, context=self.get_serializer_context()).data, status=code)

    @extend_schema(request=HazardIn, responses={201: HazardDetailOut, 200: HazardDetailOut})
    def create(self, request, *args, **kwargs):
        data = validated(HazardIn, request)
        recurrence = None
        if data["recurrence_of"] is not None:
            recurrence = Hazard.objects.visible_to(request.user, "hazards.view").filter(
                pk=data["recurrence_of"]).first()
            if recurrence is None:
                raise InvalidInput.field("recurrence_of", _("Not found."))
        hazard = services.report_hazard(
            actor=request.user, org_unit=data["org_unit"], title=data["title"], category=data["category"],
            level=data["level"], location=data["location"], description=data["description"],
            source=data["source"], source_ref=data["source_ref"], responsible_unit=data["responsible_unit"],
            outside_department=data["outside_department"], recurrence_of=recurrence,
            request_id=data["request_id"], photos=data["photos"])
        # A repeated request_id answers with the first hazard: 200, as every create of the API does.
        if replay.was_replayed(hazard):
            return self._out(hazard, status.HTTP_200_OK)
        # Made by this request: the service's instance is the row as written (its school and its photos
        # on it), so the answer is written from it without reading it back.
        return Response(HazardDetailOut(hazard, context=self.get_serializer_context()).data,
                        status=status.HTTP_201_CREATED)

    @extend_schema(request=HazardAssignIn, responses=HazardOut)
    @action(detail=True, methods=["post"])
    def assign(self, request, pk=None):
        hazard = self.get_object()
        data = validated(HazardAssignIn, request)
        return self._out(services.assign(hazard, actor=request.user, assignee=data["assignee"],
                                         deadline=data["deadline"], note=data["note"],
                                         responsible_unit=data["responsible_unit"],
                                         expected_version=expect_version(data)))

    @extend_schema(request=HazardRectifyIn, responses=HazardOut)
    @action(detail=True, methods=["post"])
    def rectify(self, request, pk=None):
        hazard = self.get_object()
        data = validated(HazardRectifyIn, request)
        return self._out(services.rectify(hazard, actor=request.user, note=data["note"],
                                          photos=data["photos"], expected_version=expect_version(data)))

    @extend_schema(request=HazardVerifyIn, responses=HazardOut)
    @action(detail=True, methods=["post"])
    def verify(self, request, pk=None):
        hazard = self.get_object()
        data = validated(HazardVerifyIn, request)
        return self._out(services.verify(hazard, actor=request.user, note=data["note"],
                                         expected_version=expect_version(data)))

    @extend_schema(request=HazardRejectIn, responses=HazardOut)
    @action(detail=True, methods=["post"])
    def reject(self, request, pk=None):
        hazard = self.get_object()
        data = validated(HazardRejectIn, request)
        return self._out(services.reject(hazard, actor=request.user, note=data["note"],
                                         deadline=data["deadline"], expected_version=expect_version(data)))

    @extend_schema(request=HazardCommitmentsIn, responses=HazardOut)
    @action(detail=True, methods=["post"])
    def commitments(self, request, pk=None):
        """The five commitments of a major hazard, before rectification starts."""
        hazard = self.get_object()
        data = validated(HazardCommitmentsIn, request)
        return self._out(services.record_commitments(
            hazard, actor=request.user, measures=data["measures"], person=data["person"],
            funds=data["funds"], deadline=data["deadline"], contingency=data["contingency"],
            expected_version=expect_version(data)))

    @extend_schema(request=HazardSuperviseIn, responses=HazardOut)
    @action(detail=True, methods=["post"])
    def supervise(self, request, pk=None):
        """A supervision order (督办) by the central school or the authority above the school."""
        hazard = self.get_object()
        data = validated(HazardSuperviseIn, request)
        return self._out(services.supervise(hazard, actor=request.user, note=data["note"],
                                            deadline=data["deadline"], expected_version=expect_version(data)))

    @extend_schema(methods=["get"], request=None, responses=HazardContactOut(many=True))
    @extend_schema(methods=["post"], request=HazardContactIn, responses={201: HazardContactOut})
    # A plain list of one hazard's contacts: the ledger's filters and pages do not apply.
    @action(detail=True, methods=["get", "post"], filter_backends=[], pagination_class=None)
    def contacts(self, request, pk=None):
        """The contact log with the outside department of a surroundings hazard (HAZ-6)."""
        hazard = self.get_object()
        if request.method == "GET":
            rows = HazardContact.objects.visible_to(request.user, "hazards.view").filter(hazard=hazard)
            return Response(HazardContactOut(rows, many=True).data)
        data = validated(HazardContactIn, request)
        contact = services.add_contact(hazard, actor=request.user, **VersionedIn.service_kwargs(data))
        return Response(HazardContactOut(contact).data, status=status.HTTP_201_CREATED)


class HazardPolicyOut(serializers.ModelSerializer):
    builtin = serializers.BooleanField(source="is_builtin", read_only=True)

    class Meta:
        model = HazardPolicy
        fields = ["id", "org_unit", "builtin", "general_days", "general_remind_days", "major_days",
                  "major_remind_days", "source", "changed_by", "updated_at", "version"]


class HazardPolicyNumbersIn(StrictSerializer):
    # Types only; how the numbers relate (a reminder inside the period) is the service's to say.
    general_days = serializers.IntegerField()
    general_remind_days = serializers.IntegerField()
    major_days = serializers.IntegerField()
    major_remind_days = serializers.IntegerField()


class HazardPolicyIn(HazardPolicyNumbersIn):
    org_unit = UnitId()
    source = serializers.CharField(required=False, allow_blank=True, default="")


class HazardPolicyChangeIn(HazardPolicyNumbersIn):
    source = serializers.CharField(required=False, allow_blank=True)
    version = serializers.IntegerField(required=False, min_value=1)


class HazardPolicyViewSet(ScopedViewSet):
    """Readable by whoever sees hazards (the policies of their units, those above them, the built-in);
    set by whoever holds ``hazards.manage_policy`` at the unit (central school, authority)."""

    queryset = HazardPolicy.objects.select_related("org_unit")
    serializer_class = HazardPolicyOut
    view_capability = "hazards.view"
    action_capabilities = {"change": "hazards.manage_policy"}

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return HazardPolicy.objects.none()
        if self.action == "list" and not has_capability(self.request.user, self.view_capability):
            raise Forbidden()
        return readable_policies(self.request.user, self.view_capability).select_related("org_unit").order_by(
            F("org_unit__path").asc(nulls_first=True), "id")

    def get_object(self):
        """A policy the reader may read (else 404); acting on it then needs the action's capability at
        its unit (else 403: a school's officer reads the central school's policy but cannot change it)."""
        pk = self.kwargs[self.lookup_field]
        found = self.get_queryset().filter(pk=pk).first() if str(pk).isdigit() else None
        if found is None:
            raise NotFound()
        if self.action != "retrieve" and (found.org_unit is None or not has_capability(
                self.request.user, self.object_capability(), found.org_unit.path)):
            raise Forbidden()
        return found

    @extend_schema(request=HazardPolicyIn, responses={201: HazardPolicyOut})
    def create(self, request, *args, **kwargs):
        if not has_capability(request.user, "hazards.manage_policy"):
            raise Forbidden()
        data = validated(HazardPolicyIn, request)
        policy = services.create_policy(actor=request.user, **data)
        return Response(HazardPolicyOut(policy).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=HazardPolicyChangeIn, responses=HazardPolicyOut)
    @action(detail=True, methods=["post"])
    def change(self, request, pk=None):
        """New numbers for a unit's policy; send the ``version`` you read (a stale one is a 409)."""
        policy = self.get_object()
        data = validated(HazardPolicyChangeIn, request)
        policy = services.change_policy(policy, actor=request.user, expected_version=expect_version(data),
                                        **{k: v for k, v in data.items() if k != "version"})
        return Response(HazardPolicyOut(policy).data)


def register(router) -> None:
    router.register("hazards", HazardViewSet, basename="hazard")
    router.register("hazard-policies", HazardPolicyViewSet, basename="hazard-policy")
