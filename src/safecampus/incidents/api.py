"""REST endpoints of CONTRACT.md (Incidents): file, read, amend, follow up, investigate, close; 405 for edits.

Notices and reward/punishment records are in ``api_notices``."""

from __future__ import annotations

from collections import Counter
from functools import cache

from django.db.models import F
from django_filters import rest_framework as filters
from drf_spectacular.utils import extend_schema, extend_schema_field, inline_serializer
from rest_framework import serializers, status
from rest_framework.decorators import action
from rest_framework.response import Response

from safecampus.core.api.base import (
    ScopedUnitField,
    ScopedViewSet,
    StrictSerializer,
    VersionedIn,
    expect_version,
    revealed,
    validated,
)
from safecampus.core.api.filters import SubtreeFilter
from safecampus.core.api.rows import PageOut, PlannedRepresentation
from safecampus.core.permissions import unwrapped
from safecampus.core.workflow import allowed_by_key, unit_path

from . import services
from .choices import AMENDABLE, FollowUpKind, Kind, Severity, Status
from .models import Amendment, FollowUp, Incident, InfoReport, masked_names
from .selectors import with_current
from .workflows import INCIDENT


class AmendmentOut(PlannedRepresentation, serializers.Serializer):
    id = serializers.IntegerField()
    at = serializers.DateTimeField()
    author = serializers.CharField(source="author.username")
    reason = serializers.CharField()
    changes = serializers.SerializerMethodField()

    def get_changes(self, obj) -> dict:
        out = {f: {"replaced": old, "new": new} for f, (old, new) in obj.changes.items()}
        if obj.names_changed:
            out["injured_names"] = {"replaced": masked_names(obj.injured_names_old),
                                    "new": masked_names(obj.injured_names_new)}
        return out


class FollowUpOut(PlannedRepresentation, serializers.Serializer):
    id = serializers.IntegerField()
    at = serializers.DateTimeField()
    kind = serializers.CharField()
    summary = serializers.CharField()
    author = serializers.CharField(source="author.username")


class InvestigationOut(PlannedRepresentation, serializers.Serializer):
    at = serializers.DateTimeField()
    investigator = serializers.IntegerField(source="investigator_id")
    findings = serializers.CharField()
    responsible = serializers.CharField()
    measures = serializers.CharField()
    hazards_opened = serializers.CharField(help_text="Free text: hazards not in the hazard ledger.")
    hazards = serializers.ListField(child=serializers.IntegerField(), source="hazard_list",
                                    help_text="Ids of hazard records (GET /api/v1/hazards/{id}).")


# One field for the nested times of every row (it writes them in the request's zone, as a new one would).
_ISO = serializers.DateTimeField()


class IncidentOut(PlannedRepresentation, serializers.ModelSerializer):
    status = serializers.CharField()
    current = serializers.SerializerMethodField()
    filed = serializers.SerializerMethodField()
    amendments = AmendmentOut(many=True)
    followups = FollowUpOut(many=True)
    injured_names = serializers.SerializerMethodField()
    investigated = serializers.SerializerMethodField()
    investigation = serializers.SerializerMethodField()
    allowed_actions = serializers.SerializerMethodField()
    written_report_at = serializers.DateTimeField(source="state.written_report_at", allow_null=True)
    escalated = serializers.SerializerMethodField()
    closed_at = serializers.DateTimeField(source="state.closed_at", allow_null=True)
    version = serializers.IntegerField(source="state.version", help_text="send back as `version` with an action")

    class Meta:
        model = Incident
        fields = ["id", "org_unit", "status", "kind", "severity", "occurred_at", "location", "summary",
                  "first_actions", "injured", "deaths", "injured_names", "filed_at", "report_deadline",
                  "written_report_deadline", "written_report_at", "late", "escalated", "closed_at", "reporter",
                  "current", "filed", "amendments", "followups", "investigated", "investigation",
                  "allowed_actions", "version"]

    def to_representation(self, obj):
        data = super().to_representation(obj)
        # Top-level fields are the current values (after amendments); "filed" keeps the original.
        for field, value in data["current"].items():
            data[field] = value
        return data

    def _iso(self, value):
        return _ISO.to_representation(value) if value is not None else None

    def get_current(self, obj) -> dict:
        cur = obj.current()
        return {"kind": cur["kind"], "severity": cur["severity"], "occurred_at": self._iso(cur["occurred_at"]),
                "location": cur["location"], "summary": cur["summary"], "first_actions": cur["first_actions"],
                "injured": cur["injured"], "deaths": cur["deaths"], "injured_names": masked_names(cur["injured_names"])}

    def get_filed(self, obj) -> dict:
        return {"kind": obj.kind, "severity": obj.severity, "occurred_at": self._iso(obj.occurred_at),
                "location": obj.location, "summary": obj.summary, "first_actions": obj.first_actions,
                "injured": obj.injured, "deaths": obj.deaths, "injured_names": masked_names(obj.injured_names)}

    def get_injured_names(self, obj) -> str:
        return masked_names(obj.current()["injured_names"])

    def get_investigated(self, obj) -> bool:
        return hasattr(obj, "investigation")

    @extend_schema_field(InvestigationOut(allow_null=True))
    def get_investigation(self, obj) -> dict | None:
        investigation = getattr(obj, "investigation", None)
        return InvestigationOut(investigation).data if investigation is not None else None

    def get_escalated(self, obj) -> bool:
        return obj.state.escalated_at is not None

    def get_allowed_actions(self, obj) -> list[str]:
        request = self.context.get("request")
        return INCIDENT.allowed_actions(obj, request.user) if request else []


class IncidentListOut(PlannedRepresentation, serializers.ModelSerializer):
    """A row of the list: the report as it stands now (amendments applied), where it stands, and how
    much grew around it. The amendments, follow-ups, investigation, the report as filed and the names
    of the injured are the detail's (``GET /api/v1/incidents/{id}``)."""

    status = serializers.CharField()
    occurred_at = serializers.DateTimeField()
    written_report_at = serializers.DateTimeField(source="state_written_report_at", allow_null=True)
    escalated = serializers.BooleanField(source="state_escalated")
    closed_at = serializers.DateTimeField(source="state_closed_at", allow_null=True)
    amendments_count = serializers.IntegerField()
    followups_count = serializers.IntegerField()
    investigated = serializers.BooleanField()
    allowed_actions = serializers.SerializerMethodField()
    version = serializers.IntegerField(source="state_version", help_text="send back as `version` with an action")

    class Meta:
        model = Incident
        fields = ["id", "org_unit", "status", "kind", "severity", "occurred_at", "location", "summary",
                  "first_actions", "injured", "deaths", "filed_at", "report_deadline", "written_report_deadline",
                  "written_report_at", "late", "escalated", "closed_at", "reporter", "amendments_count",
                  "followups_count", "investigated", "allowed_actions", "version"]
        list_serializer_class = PageOut

    @staticmethod
    @cache
    def rows():
        """The list's query, as values: each report's columns, its state's and its school's path beside
        it, whether an investigation exists; no model built, the names of the injured left unread. Made
        once (each request clones it and adds its reader's scope and filters)."""
        return Incident.objects.order_by("-occurred_at", "-id").values(
            "id", "org_unit_id", "kind", "severity", "occurred_at", "location", "summary", "first_actions",
            "injured", "deaths", "filed_at", "report_deadline", "written_report_deadline", "late", "reporter_id",
            unit_path=F("org_unit__path"), state_status=F("state__status"),
            state_written_report_at=F("state__written_report_at"), state_escalated_at=F("state__escalated_at"),
            state_closed_at=F("state__closed_at"), state_version=F("state__version"),
            investigation_id=F("investigation__id"))

    def prepare_page(self, rows: list) -> None:
        """Two queries for the page (its amendments' changes, its follow-ups), then each report's
        current values; the actions once per (state, school, whether the reader filed it)."""
        ids = [r.id for r in rows]
        changes: dict[int, list[dict]] = {pk: [] for pk in ids}
        for incident_id, change in Amendment.objects.filter(incident_id__in=ids).order_by("id").values_list(
                "incident_id", "changes"):
            changes[incident_id].append(change)
        followups = Counter(FollowUp.objects.filter(incident_id__in=ids).order_by().values_list(
            "incident_id", flat=True))
        for row in rows:
            for change in changes[row.id]:
                for field, value in Amendment.values_of(change).items():
                    if field in LISTED_CURRENT:
                        setattr(row, field, value)
            row.pk = row.id
            row.status = row.state_status or Status.FILED
            row.amendments_count = len(changes[row.id])
            row.followups_count = followups[row.id]
            row.investigated = row.investigation_id is not None
            row.state_escalated = row.state_escalated_at is not None
        user = unwrapped(self.context["request"].user)
        self._allowed = allowed_by_key(rows, user, INCIDENT.allowed_actions,
                                       lambda r: (r.status, unit_path(r), r.reporter_id == user.pk))

    def get_allowed_actions(self, obj) -> list[str]:
        return self._allowed[obj.pk]


# The amendable fields a list row shows (the names of the injured are the detail's).
LISTED_CURRENT = frozenset(AMENDABLE) - {"injured_names"}


class IncidentIn(StrictSerializer):
    org_unit = ScopedUnitField(capability="org.view")
    # Choices are checked by the service so every door gives the same message.
    kind = serializers.CharField()
    severity = serializers.CharField()
    occurred_at = serializers.CharField()
    summary = serializers.CharField()
    injured = serializers.JSONField(required=False, default=0)
    deaths = serializers.JSONField(required=False, default=0)
    location = serializers.CharField(required=False, allow_blank=True, default="")
    first_actions = serializers.CharField(required=False, allow_blank=True, default="")
    injured_names = serializers.CharField(required=False, allow_blank=True, default="")
    request_id = serializers.CharField(required=False, allow_blank=True, max_length=64, default="")


class AmendIn(VersionedIn):
    reason = serializers.CharField()
    changes = serializers.DictField()


class FollowUpIn(VersionedIn):
    summary = serializers.CharField()
    kind = serializers.ChoiceField(choices=FollowUpKind.choices, required=False)


class CloseIn(VersionedIn):
    note = serializers.CharField(required=False, allow_blank=True, default="")


class InvestigationIn(VersionedIn):
    findings = serializers.CharField()
    responsible = serializers.CharField()
    measures = serializers.CharField()
    hazards_opened = serializers.CharField(required=False, allow_blank=True, default="")
    # Checked by the service: hazards the caller sees, at the incident's school (when the hazards app is on).
    hazards = serializers.ListField(child=serializers.IntegerField(min_value=1), required=False, default=list,
                                    max_length=50)


class IncidentFilter(filters.FilterSet):
    # As the report stands now, amendments included.
    kind = filters.ChoiceFilter(choices=Kind.choices, method="_current")
    severity = filters.ChoiceFilter(choices=Severity.choices, method="_current")
    status = filters.ChoiceFilter(field_name="state__status", choices=Status.choices)
    late = filters.BooleanFilter()
    org_unit = SubtreeFilter()

    class Meta:
        model = Incident
        fields = ["kind", "severity", "status", "late", "org_unit"]

    def _current(self, queryset, name, value):
        return with_current(queryset).filter(**{f"cur_{name}": value})


def _as_filed(incident: Incident) -> None:
    """Mark what a report filed a moment ago has around it, as reading it back with the list's
    ``select_related`` / ``prefetch_related`` would: no amendments, no follow-ups, no investigation."""
    cache = incident.__dict__.setdefault("_prefetched_objects_cache", {})
    for name in ("amendments", "followups"):
        empty = getattr(incident, name).get_queryset()
        empty._result_cache, empty._prefetch_done = [], True
        cache[name] = empty
    Incident._meta.get_field("investigation").set_cached_value(incident, None)


class IncidentViewSet(ScopedViewSet):
    queryset = Incident.objects.order_by("-occurred_at", "-id")
    select_related = ("org_unit", "state", "investigation")
    prefetch_related = ("amendments__author", "followups__author")
    serializer_class = IncidentOut
    filterset_class = IncidentFilter
    view_capability = "incidents.view"
    action_capabilities = {"amendments": "incidents.amend", "followups": "incidents.followup",
                           "close": "incidents.close", "investigation": "incidents.investigate",
                           "reveal": "incidents.view"}

    def related(self, qs):
        # The list's rows are summaries, read as values by the list's own query (the viewset's, prepared
        # once: IncidentListOut.rows) and completed a query per kind by IncidentListOut.prepare_page; the detail and
        # the answers of actions carry everything that grew around the report.
        return IncidentListOut.rows().all() if self.action == "list" else super().related(qs)

    def get_serializer_class(self):
        return IncidentListOut if self.action == "list" else IncidentOut

    def _out(self, incident: Incident, code=status.HTTP_200_OK) -> Response:
        fresh = Incident.objects.select_related("org_unit", "state", "investigation").prefetch_related(
            "amendments__author", "followups__author").get(pk=incident.pk)
        return Response(IncidentOut(fresh, context={"request": self.request}).data, status=code)

    @extend_schema(request=IncidentIn, responses={201: IncidentOut})
    def create(self, request, *args, **kwargs):
        data = validated(IncidentIn, request)
        incident, created = services.file_incident(actor=request.user, **data)
        if not created:  # the first filing of a repeated request_id, as it stands now
            return self._out(incident, status.HTTP_200_OK)
        # Filed by this request: the service's instance is the row as written, with its state; it has no
        # amendments, follow-ups or investigation yet, so the answer is written without reading it back.
        _as_filed(incident)
        return Response(IncidentOut(incident, context={"request": request}).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=AmendIn, responses={201: IncidentOut})
    @action(detail=True, methods=["post"])
    def amendments(self, request, pk=None):
        incident = self.get_object()
        data = validated(AmendIn, request)
        services.amend(incident, actor=request.user, reason=data["reason"], changes=data["changes"],
                       expected_version=expect_version(data))
        return self._out(incident, status.HTTP_201_CREATED)

    @extend_schema(request=FollowUpIn, responses={201: IncidentOut})
    @action(detail=True, methods=["post"])
    def followups(self, request, pk=None):
        incident = self.get_object()
        data = validated(FollowUpIn, request)
        services.add_followup(incident, actor=request.user, **VersionedIn.service_kwargs(data))
        return self._out(incident, status.HTTP_201_CREATED)

    @extend_schema(request=InvestigationIn, responses={201: IncidentOut})
    @action(detail=True, methods=["post"])
    def investigation(self, request, pk=None):
        incident = self.get_object()
        data = validated(InvestigationIn, request)
        services.record_investigation(incident, actor=request.user, **VersionedIn.service_kwargs(data))
        return self._out(incident, status.HTTP_201_CREATED)

    @extend_schema(request=CloseIn, responses={200: IncidentOut})
    @action(detail=True, methods=["post"])
    def close(self, request, pk=None):
        incident = self.get_object()
        data = validated(CloseIn, request)
        services.close(incident, actor=request.user, note=data["note"], expected_version=expect_version(data))
        return self._out(incident)

    @extend_schema(request=None,
                   responses=inline_serializer("RevealedNames", {"injured_names": serializers.CharField()}))
    @action(detail=True, methods=["post"])
    def reveal(self, request, pk=None):
        incident = self.get_object()
        return revealed({"injured_names": services.reveal_names(incident, actor=request.user)})


class InfoReportOut(serializers.ModelSerializer):
    class Meta:
        model = InfoReport
        fields = ["id", "org_unit", "month", "zero", "incidents_count", "hazards_found", "summary", "submitted_at"]


class InfoReportIn(StrictSerializer):
    org_unit = ScopedUnitField(capability="org.view")
    month = serializers.DateField(input_formats=["%Y-%m", "%Y-%m-%d"])
    zero = serializers.BooleanField(required=False, default=False)
    hazards_found = serializers.IntegerField(required=False, min_value=0, default=0)
    summary = serializers.CharField(required=False, allow_blank=True, default="")


class InfoReportViewSet(ScopedViewSet):
    queryset = InfoReport.objects.select_related("org_unit").order_by("-month", "id")
    serializer_class = InfoReportOut
    filterset_fields = ["org_unit", "zero", "month"]
    view_capability = "incidents.view"

    @extend_schema(request=InfoReportIn, responses={201: InfoReportOut})
    def create(self, request, *args, **kwargs):
        data = validated(InfoReportIn, request)
        report = services.submit_info_report(actor=request.user, **data)
        return Response(InfoReportOut(report).data, status=status.HTTP_201_CREATED)


def register(router) -> None:
    from . import api_notices

    router.register("incidents", IncidentViewSet, basename="incident")
    router.register("info-reports", InfoReportViewSet, basename="info-report")
    api_notices.register(router)

