from __future__ import annotations

from django.db.models import F
from django_filters import rest_framework as filters
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.decorators import action

from safecampus.core.api.base import ReadOnlyScopedViewSet, revealed
from safecampus.core.api.rows import PageOut, PlannedRepresentation

from .models import OrgUnit, Post, Staff, Student
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
    posts = serializers.SerializerMethodField(help_text="codes of the posts held")
    username = serializers.SerializerMethodField()

    class Meta:
        model = Staff
        fields = ["id", "org_unit", "name", "gender", "phone", "posts", "username", "id_number", "version"]
        list_serializer_class = PageOut

    def prepare_page(self, rows: list[Staff]) -> None:
        """The page's posts in one query of codes (no post nor relation manager built per person); the
        account's name came with the rows (``StaffViewSet.related``)."""
        codes: dict[int, list[str]] = {row.pk: [] for row in rows}
        ordering = [f"post__{o}" for o in Post._meta.ordering]
        for staff_id, code in Staff.posts.through.objects.filter(staff_id__in=codes).order_by(
                *ordering).values_list("staff_id", "post__code"):
            codes[staff_id].append(code)
        for row in rows:
            row.post_codes = codes[row.pk]

    def get_posts(self, obj) -> list[str]:
        codes = obj.__dict__.get("post_codes")
        return codes if codes is not None else [post.code for post in obj.posts.all()]

    def get_username(self, obj) -> str | None:
        if "user_name" in obj.__dict__:
            return obj.user_name
        return obj.user.username if obj.user_id is not None else None


class StaffViewSet(ReadOnlyScopedViewSet):
    queryset = Staff.objects.all()
    select_related = ("user",)
    prefetch_related = ("posts",)
    serializer_class = StaffOut
    filterset_fields = ["org_unit"]
    view_capability = "org.view_people"

    def related(self, qs):
        # A page reads the accounts' names with its rows and its posts in one query (StaffOut.prepare_page).
        return qs.annotate(user_name=F("user__username")) if self.action == "list" else super().related(qs)


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
