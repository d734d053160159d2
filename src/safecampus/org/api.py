from __future__ import annotations

from django_filters import rest_framework as filters
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.decorators import action

from safecampus.core.api.base import ReadOnlyScopedViewSet, revealed
from safecampus.core.api.rows import PlannedRepresentation

from .models import OrgUnit, Staff, Student
from .pupil_api import PupilDataActions
from .services import reveal_identity


class OrgUnitOut(PlannedRepresentation, serializers.ModelSerializer):
    class Meta:
        model = OrgUnit
        fields = ["id", "name", "name_zh", "kind", "parent", "school_type", "path", "timezone",
                  "has_canteen", "has_dormitory", "has_transport", "is_boarding"]


class OrgUnitFilter(filters.FilterSet):
    kind = filters.ChoiceFilter(choices=OrgUnit._meta.get_field("kind").choices)
    parent = filters.NumberFilter(field_name="parent_id")

    class Meta:
        model = OrgUnit
        fields = ["kind", "parent", "school_type"]


class OrgUnitViewSet(ReadOnlyScopedViewSet):
    queryset = OrgUnit.objects.all()
    serializer_class = OrgUnitOut
    filterset_class = OrgUnitFilter
    view_capability = "org.view"


class StaffOut(PlannedRepresentation, serializers.ModelSerializer):
    id_number = serializers.CharField(source="id_number_masked")
    posts = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)
    username = serializers.CharField(source="user.username", default=None)

    class Meta:
        model = Staff
        fields = ["id", "org_unit", "name", "gender", "phone", "posts", "username", "id_number", "version"]


class StaffViewSet(ReadOnlyScopedViewSet):
    queryset = Staff.objects.select_related("user").prefetch_related("posts")
    serializer_class = StaffOut
    filterset_fields = ["org_unit"]
    view_capability = "org.view_people"


class StudentOut(PlannedRepresentation, serializers.ModelSerializer):
    id_number = serializers.CharField(source="id_number_masked")

    class Meta:
        model = Student
        fields = ["id", "org_unit", "name", "gender", "birth_date", "student_no", "id_number", "version"]


class RevealOut(serializers.Serializer):
    id_number = serializers.CharField()


class StudentViewSet(PupilDataActions, ReadOnlyScopedViewSet):
    queryset = Student.objects.all()
    serializer_class = StudentOut
    filterset_fields = ["org_unit"]
    view_capability = "org.view_students"

    @extend_schema(request=None, responses=RevealOut)
    @action(detail=True, methods=["post"], url_path="reveal")
    def reveal(self, request, pk=None):
        student = self.get_object()
        return revealed({"id_number": reveal_identity(student, actor=request.user)})


def register(router) -> None:
    # The onboarding endpoints extend these viewsets (create, change, move, imports).
    from .api_onboarding import register as register_onboarding

    register_onboarding(router)
