"""/api/v1/archives and /api/v1/reports/monthly (CONTRACT.md, Assessment, archives, reports)."""

from __future__ import annotations

from django.http import FileResponse, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.negotiation import DefaultContentNegotiation
from rest_framework.response import Response

from safecampus.core.api.base import ScopedViewSet, StrictSerializer, validated
from safecampus.core.errors import Conflict, InvalidInput
from safecampus.core.permissions import require

from . import selectors, services
from .models import Archive, ArchiveStatus

ARCHIVE = services.ARCHIVE
MONTHLY = services.MONTHLY
MAX_ID = 2**63 - 1


def unit_for(user, raw, capability: str):
    """The unit ``raw`` names: a 400 naming ``org_unit`` for a bad id, 404 outside the caller's scope,
    403 in scope without the capability (CONTRACT.md's error rules)."""
    from safecampus.org.models import OrgUnit

    text = str(raw if raw is not None else "").strip()
    if not text.isdigit() or len(text) > 19 or not 0 < int(text) <= MAX_ID:
        raise InvalidInput.field("org_unit", _("A unit id."))
    return OrgUnit.objects.get_visible(user, capability, pk=int(text))


class ArchiveOut(serializers.ModelSerializer):
    download = serializers.SerializerMethodField(help_text="the ZIP's address once the archive is ready")

    class Meta:
        model = Archive
        fields = ["id", "org_unit", "semester", "status", "progress", "records", "files", "size", "sha256",
                  "download", "created_at", "finished_at"]

    def get_download(self, obj) -> str | None:
        if obj.status != ArchiveStatus.DONE:
            return None
        url = reverse("archive-download", args=[obj.pk])
        request = self.context.get("request")
        return request.build_absolute_uri(url) if request is not None else url


class ArchiveIn(StrictSerializer):
    org_unit = serializers.CharField(help_text="the school's unit id")
    semester = serializers.CharField(help_text="a semester id of the calendar the school follows")


class ArchiveViewSet(ScopedViewSet):
    queryset = Archive.objects.all()
    serializer_class = ArchiveOut
    view_capability = ARCHIVE
    select_related = ("org_unit", "semester")

    @extend_schema(request=ArchiveIn, responses={202: ArchiveOut})
    def create(self, request, *args, **kwargs):
        """Start building a school's semester archive; poll ``GET /archives/{id}`` for its progress."""
        require(request.user, ARCHIVE)
        data = validated(ArchiveIn, request)
        unit = unit_for(request.user, data["org_unit"], ARCHIVE)
        archive = services.create_archive(actor=request.user, org_unit=unit, semester=data["semester"])
        archive.refresh_from_db()
        return Response(ArchiveOut(archive, context={"request": request}).data, status=status.HTTP_202_ACCEPTED)

    @extend_schema(responses={(200, "application/zip"): OpenApiTypes.BINARY})
    @action(detail=True, methods=["get"], url_path="download", url_name="download")
    def download(self, request, pk=None):
        """The ZIP, once ready (409 before)."""
        archive = self.get_object()
        return zip_response(archive)


def zip_response(archive: Archive) -> FileResponse:
    from . import archives

    path = archives.zip_path(archive.pk)
    if archive.status != ArchiveStatus.DONE or not path.exists():
        raise Conflict(_("The archive is not ready yet."))
    return FileResponse(path.open("rb"), as_attachment=True, content_type="application/zip",
                        filename=selectors.archive_filename(archive))


class IgnoreFormatParameter(DefaultContentNegotiation):
    """``?format=`` names the report's file type here, not DRF's response format: answer JSON errors."""

    def select_renderer(self, request, renderers, format_suffix=None):
        return renderers[0], renderers[0].media_type


FORMATS = {"pdf": "application/pdf", "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}


class MonthlyReportViewSet(viewsets.ViewSet):
    content_negotiation_class = IgnoreFormatParameter

    @extend_schema(
        parameters=[
            OpenApiParameter("org_unit", OpenApiTypes.INT, required=True,
                             description="a school, or a central school for the summary of its schools"),
            OpenApiParameter("month", OpenApiTypes.STR, required=True, description="YYYY-MM"),
            OpenApiParameter("format", OpenApiTypes.STR, enum=list(FORMATS), required=True),
        ],
        responses={(200, "application/pdf"): OpenApiTypes.BINARY,
                   (200, FORMATS["xlsx"]): OpenApiTypes.BINARY,
                   400: inline_serializer("MonthlyReportError", {"detail": serializers.CharField()})})
    def list(self, request):
        """The monthly safety report of a school, or the summary of a central school."""
        require(request.user, MONTHLY)
        params = request.query_params
        kind = params.get("format", "")
        if kind not in FORMATS:
            raise InvalidInput.field("format", _("pdf or xlsx."))
        month = services.month_value(params.get("month"))
        unit = unit_for(request.user, params.get("org_unit"), MONTHLY)
        services.report_scope(unit)
        report = selectors.monthly_report(request.user, unit, month)
        return file_response(report, kind)


def file_response(report, kind: str) -> HttpResponse:
    body = bytes(report.pdf if kind == "pdf" else report.xlsx)
    response = HttpResponse(body, content_type=FORMATS[kind])
    disposition = "inline" if kind == "pdf" else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{selectors.report_filename(report)}.{kind}"'
    return response


def register(router) -> None:
    router.register("archives", ArchiveViewSet, basename="archive")
    router.register("reports/monthly", MonthlyReportViewSet, basename="monthly-report")
