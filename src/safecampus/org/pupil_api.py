"""A pupil's data rights through the API: ``GET /students/{id}/export`` (ZIP) and ``POST .../erase``."""

from __future__ import annotations

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.response import Response

from safecampus.core import inputs

from .pupil_views import zip_response
from .services import erase_pupil_data, export_pupil_data


class EraseIn(serializers.Serializer):
    expected_version = serializers.IntegerField(required=False, allow_null=True)


class PupilDataActions:
    """Mixed into the students' viewset: the pupil is found in the caller's scope first (404)."""

    @extend_schema(request=None, responses={(200, "application/zip"): OpenApiResponse(OpenApiTypes.BINARY)})
    @action(detail=True, methods=["get"], url_path="export")
    def export(self, request, pk=None):
        student = self.get_object()
        return zip_response(student, export_pupil_data(student, actor=request.user))

    @extend_schema(request=EraseIn, responses=None)
    @action(detail=True, methods=["post"], url_path="erase")
    def erase(self, request, pk=None):
        student = self.get_object()
        raw = request.data.get("expected_version") if hasattr(request.data, "get") else None
        version = None if raw in (None, "") else int(inputs.number(raw, "expected_version", minimum=1, integer=True))
        student = erase_pupil_data(student, actor=request.user, expected_version=version)
        return Response(self.get_serializer(student).data)
