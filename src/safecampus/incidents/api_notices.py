"""REST endpoints for INC-5: safety notices (通报) and reward/punishment records.

``/api/v1/notices``: list, read, publish, and ``/{id}/acknowledge`` (the receiving school's head).
``/api/v1/accountability-records``: list, read, record. Both call the same services as the pages.
"""

from __future__ import annotations

from django.db.models import Prefetch, Q
from django.utils.translation import gettext as _
from django_filters import rest_framework as filters
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import serializers, status
from rest_framework.decorators import action
from rest_framework.response import Response

from safecampus.core.api.base import ScopedUnitField, ScopedViewSet, StrictSerializer, validated
from safecampus.core.api.filters import SubtreeFilter, unit_path
from safecampus.core.errors import Conflict, Forbidden, InvalidInput, NotFound
from safecampus.core.filters import subtree
from safecampus.core.permissions import has_capability
from safecampus.core.scoping import PRESENCE, path_q
from safecampus.org.models import Staff

from . import services
from .choices import NoticeKind, RecordKind
from .models import AccountabilityRecord, Incident, Notice, NoticeTarget
from .selectors import notices_visible_to

VIEW_NOTICES = "incidents.view_notices"


def _user(field):
    request = field.context.get("request")
    return getattr(request, "user", None)


@extend_schema_field(OpenApiTypes.INT)
class IncidentIdField(serializers.PrimaryKeyRelatedField):
    """An incident the caller may read; anything else reads as 'does not exist'."""

    def get_queryset(self):
        return Incident.objects.visible_to(_user(self), "incidents.view")


@extend_schema_field(OpenApiTypes.INT)
class NoticeIdField(serializers.PrimaryKeyRelatedField):
    """A notice the caller sees, from the publishing or the receiving side."""

    def get_queryset(self):
        return notices_visible_to(_user(self), VIEW_NOTICES)


@extend_schema_field(OpenApiTypes.INT)
class StaffIdField(serializers.PrimaryKeyRelatedField):
    """A staff member of a unit in the caller's scope."""

    def get_queryset(self):
        return Staff.objects.visible_to(_user(self), PRESENCE)


# --- notices -------------------------------------------------------------------------------------

class NoticeTargetOut(serializers.Serializer):
    id = serializers.IntegerField()
    org_unit = serializers.IntegerField(source="org_unit_id")
    acknowledged_at = serializers.DateTimeField(allow_null=True)
    acknowledged_by = serializers.IntegerField(source="acknowledged_by_id", allow_null=True)


def shown_targets(notice: Notice, user) -> list[NoticeTarget]:
    """The publishing side sees every receiving unit; a receiving school sees its own (as on the page)."""
    targets = list(notice.targets.all())
    if has_capability(user, VIEW_NOTICES, notice.org_unit.path):
        return targets
    return [t for t in targets if has_capability(user, VIEW_NOTICES, t.org_unit.path)]


def can_acknowledge(notice: Notice, user) -> list[NoticeTarget]:
    """Targets still to acknowledge where ``user`` may acknowledge."""
    return [t for t in notice.targets.all()
            if t.acknowledged_at is None and has_capability(user, "incidents.acknowledge", t.org_unit.path)]


class NoticeOut(serializers.ModelSerializer):
    targets = serializers.SerializerMethodField()
    acknowledged = serializers.SerializerMethodField()
    allowed_actions = serializers.SerializerMethodField()

    class Meta:
        model = Notice
        fields = ["id", "org_unit", "kind", "title", "body", "incident", "published_at", "published_by", "targets",
                  "acknowledged", "allowed_actions"]

    def _user(self):
        return self.context["request"].user

    @extend_schema_field(NoticeTargetOut(many=True))
    def get_targets(self, obj) -> list:
        return NoticeTargetOut(shown_targets(obj, self._user()), many=True).data

    def get_acknowledged(self, obj) -> bool:
        """Every receiving unit the caller sees has acknowledged."""
        return all(t.acknowledged_at is not None for t in shown_targets(obj, self._user()))

    def get_allowed_actions(self, obj) -> list[str]:
        return ["acknowledge"] if can_acknowledge(obj, self._user()) else []


class NoticeIn(StrictSerializer):
    org_unit = ScopedUnitField(capability=PRESENCE)
    # The kind is checked by the service so the page and the API give the same message.
    kind = serializers.CharField(help_text="criticism, commendation or warning")
    title = serializers.CharField(max_length=200)
    body = serializers.CharField()
    targets = ScopedUnitField(capability=PRESENCE, many=True, allow_empty=False)
    incident = IncidentIdField(required=False, allow_null=True, default=None)
    request_id = serializers.CharField(required=False, allow_blank=True, max_length=64, default="")


class AcknowledgeIn(StrictSerializer):
    org_unit = serializers.IntegerField(required=False, allow_null=True, default=None,
                                        help_text="The receiving unit; needed only when the caller heads several.")


class NoticeFilter(filters.FilterSet):
    kind = filters.ChoiceFilter(choices=NoticeKind.choices)
    incident = filters.NumberFilter(field_name="incident_id")
    org_unit = SubtreeFilter(method="_unit", help_text="Published by or sent to this unit or its subtree.")
    acknowledged = filters.BooleanFilter(method="_acknowledged",
                                         help_text="true: every receiving unit has acknowledged.")
    published_from = filters.DateFilter(field_name="published_at", lookup_expr="date__gte")
    published_to = filters.DateFilter(field_name="published_at", lookup_expr="date__lte")

    class Meta:
        model = Notice
        fields = ["kind", "incident", "org_unit", "acknowledged", "published_from", "published_to"]

    def _unit(self, queryset, name, value):
        path = unit_path(value)
        if path is None:
            return queryset.none()
        sent = subtree(NoticeTarget.objects.all(), path).values("notice_id")
        return queryset.filter(path_q("org_unit__path", [path]) | Q(pk__in=sent))

    def _acknowledged(self, queryset, name, value):
        pending = NoticeTarget.objects.filter(acknowledged_at__isnull=True).values("notice_id")
        return queryset.exclude(pk__in=pending) if value else queryset.filter(pk__in=pending)


class NoticeViewSet(ScopedViewSet):
    """Seen from the publishing unit's tree or from a receiving unit's tree."""

    queryset = Notice.objects.select_related("org_unit").prefetch_related(
        Prefetch("targets", queryset=NoticeTarget.objects.select_related("org_unit").order_by("org_unit__path")))
    serializer_class = NoticeOut
    filterset_class = NoticeFilter
    view_capability = VIEW_NOTICES
    action_capabilities = {"acknowledge": "incidents.acknowledge"}

    def get_queryset(self):
        qs = self.queryset.all()
        if getattr(self, "swagger_fake_view", False):
            return qs.none()
        user = self.request.user
        if self.action == "list" and not has_capability(user, VIEW_NOTICES):
            raise Forbidden()
        return qs.filter(pk__in=notices_visible_to(user, VIEW_NOTICES).values("pk")).order_by("-published_at", "-id")

    def get_object(self):
        """Out of sight (neither published nor received in the caller's tree): 404; seen without the
        capability at the notice's unit or one of its receiving units: 403."""
        user = self.request.user
        try:
            notice = self.queryset.filter(pk__in=notices_visible_to(user, PRESENCE).values("pk")).get(
                pk=self.kwargs["pk"])
        except (Notice.DoesNotExist, ValueError, TypeError):
            raise NotFound() from None
        capability = self.object_capability()
        units = [notice.org_unit, *(t.org_unit for t in notice.targets.all())]
        if not any(has_capability(user, capability, u.path) for u in units):
            raise Forbidden()
        return notice

    def _out(self, notice: Notice, code=status.HTTP_200_OK) -> Response:
        fresh = self.queryset.get(pk=notice.pk)
        return Response(NoticeOut(fresh, context=self.get_serializer_context()).data, status=code)

    @extend_schema(request=NoticeIn, responses={201: NoticeOut, 200: NoticeOut})
    def create(self, request, *args, **kwargs):
        """Publish a notice to schools under the publishing unit. A repeated ``request_id`` answers 200 with
        the first notice."""
        if not has_capability(request.user, "incidents.publish_notice"):
            raise Forbidden()
        data = validated(NoticeIn, request)
        notice, created = services.publish_notice_once(
            actor=request.user, org_unit=data["org_unit"], kind=data["kind"], title=data["title"],
            body=data["body"], targets=list(data["targets"]), incident=data["incident"],
            request_id=data["request_id"] or None)
        return self._out(notice, status.HTTP_201_CREATED if created else status.HTTP_200_OK)

    @extend_schema(request=AcknowledgeIn, responses={200: NoticeOut})
    @action(detail=True, methods=["post"])
    def acknowledge(self, request, pk=None):
        """The receiving school's head confirms the notice was read and passed on (once per unit)."""
        notice = self.get_object()
        data = validated(AcknowledgeIn, request)
        mine = [t for t in notice.targets.all()
                if has_capability(request.user, "incidents.acknowledge", t.org_unit.path)]
        if data["org_unit"] is not None:
            mine = [t for t in mine if t.org_unit_id == data["org_unit"]]
            if not mine:
                raise InvalidInput.field("org_unit", _("This notice was not sent to that unit, or you cannot "
                                                       "acknowledge for it."))
        pending = [t for t in mine if t.acknowledged_at is None]
        if not pending:
            raise Conflict(_("Already acknowledged."))
        if len(pending) > 1:
            raise InvalidInput.field("org_unit", _("Name the unit you acknowledge for."))
        services.acknowledge_notice(pending[0], actor=request.user)
        return self._out(notice)


# --- rewards and punishments ---------------------------------------------------------------------

class RecordOut(serializers.ModelSerializer):
    recorded_at = serializers.DateTimeField(source="created_at")

    class Meta:
        model = AccountabilityRecord
        fields = ["id", "org_unit", "kind", "person", "staff", "measure", "reason", "incident", "notice",
                  "decided_on", "recorded_by", "recorded_at"]


class RecordIn(StrictSerializer):
    org_unit = ScopedUnitField(capability=PRESENCE)
    kind = serializers.CharField(help_text="reward or punishment")
    person = serializers.CharField(max_length=100)
    measure = serializers.CharField(max_length=200)
    reason = serializers.CharField()
    decided_on = serializers.DateField()
    incident = IncidentIdField(required=False, allow_null=True, default=None)
    notice = NoticeIdField(required=False, allow_null=True, default=None)
    staff = StaffIdField(required=False, allow_null=True, default=None)
    request_id = serializers.CharField(required=False, allow_blank=True, max_length=64, default="")


class RecordFilter(filters.FilterSet):
    kind = filters.ChoiceFilter(choices=RecordKind.choices)
    org_unit = SubtreeFilter()
    incident = filters.NumberFilter(field_name="incident_id")
    notice = filters.NumberFilter(field_name="notice_id")
    staff = filters.NumberFilter(field_name="staff_id")
    decided_from = filters.DateFilter(field_name="decided_on", lookup_expr="gte")
    decided_to = filters.DateFilter(field_name="decided_on", lookup_expr="lte")

    class Meta:
        model = AccountabilityRecord
        fields = ["kind", "org_unit", "incident", "notice", "staff", "decided_from", "decided_to"]


class AccountabilityRecordViewSet(ScopedViewSet):
    queryset = AccountabilityRecord.objects.select_related("org_unit").order_by("-decided_on", "-id")
    serializer_class = RecordOut
    filterset_class = RecordFilter
    view_capability = "incidents.view"

    @extend_schema(request=RecordIn, responses={201: RecordOut, 200: RecordOut})
    def create(self, request, *args, **kwargs):
        """Record a reward or punishment. A repeated ``request_id`` answers 200 with the first record."""
        if not has_capability(request.user, "incidents.accountability"):
            raise Forbidden()
        data = validated(RecordIn, request)
        data["request_id"] = data["request_id"] or None
        record, created = services.record_accountability_once(actor=request.user, **data)
        return Response(RecordOut(record).data, status=status.HTTP_201_CREATED if created else status.HTTP_200_OK)


def register(router) -> None:
    router.register("notices", NoticeViewSet, basename="notice")
    router.register("accountability-records", AccountabilityRecordViewSet, basename="accountability-record")
