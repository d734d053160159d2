"""``/api/v1/vaccination-checks`` (CONTRACT.md): checks at admission and the follow-up list."""

from __future__ import annotations

import django_filters as df
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.response import Response

from safecampus.core import inputs, replay
from safecampus.core.api.base import ScopedViewSet, StrictSerializer, validated
from safecampus.core.api.filters import SubtreeFilter
from safecampus.core.errors import Forbidden
from safecampus.core.permissions import has_capability
from safecampus.org.models import Student

from ..choices import VaccinationStatus
from ..models import VaccinationCheck
from ..services import vaccination as services


class VaccinationCheckOut(serializers.ModelSerializer):
    name = serializers.CharField(source="student.name")

    class Meta:
        model = VaccinationCheck
        fields = ["id", "student", "name", "org_unit", "status", "checked_on", "note", "checked_by"]


class VaccinationCheckIn(StrictSerializer):
    student = serializers.IntegerField()
    status = serializers.ChoiceField(choices=VaccinationStatus.choices)
    checked_on = serializers.DateField(required=False, allow_null=True, default=None)
    note = serializers.CharField(required=False, allow_blank=True, default="")
    photo = serializers.ImageField(required=False, allow_null=True, default=None)
    request_id = serializers.CharField(max_length=64, required=False, allow_blank=True, default="",
                                       help_text="the same id again with the same content answers 200 with the "
                                                 "first check; with other content 409")


class CheckFilter(df.FilterSet):
    org_unit = SubtreeFilter()
    status = df.ChoiceFilter(choices=VaccinationStatus.choices)

    class Meta:
        model = VaccinationCheck
        fields = ["org_unit", "status"]


class VaccinationCheckViewSet(ScopedViewSet):
    """The follow-up list: each pupil's latest check (``status`` filters on it)."""

    queryset = VaccinationCheck.objects.all()
    serializer_class = VaccinationCheckOut
    filterset_class = CheckFilter
    view_capability = "operations.view_vaccination"
    select_related = ("student",)

    def get_queryset(self):
        qs = super().get_queryset()
        if self.action == "list":
            qs = services.latest_checks(qs)
        return qs.order_by("org_unit__path", "student__name", "id")

    @extend_schema(request=VaccinationCheckIn, responses={201: VaccinationCheckOut, 200: VaccinationCheckOut})
    def create(self, request, *args, **kwargs):
        if not has_capability(request.user, "operations.vaccination"):
            raise Forbidden()
        data = validated(VaccinationCheckIn, request)
        student = Student.objects.select_related("org_unit").get_visible(
            request.user, "operations.vaccination",
            pk=inputs.number(data.pop("student"), "student", minimum=1, maximum=2**63 - 1))
        item = services.check_certificate(actor=request.user, student=student, **data)
        # A repeated request_id answers with the first check: 200, as every create of the API does.
        return Response(VaccinationCheckOut(item).data,
                        status=status.HTTP_200_OK if replay.was_replayed(item) else status.HTTP_201_CREATED)


def register(router) -> None:
    router.register("vaccination-checks", VaccinationCheckViewSet, basename="vaccination-check")
