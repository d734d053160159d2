"""Onboarding endpoints of CONTRACT.md: units (POST, PATCH, close), staff with accounts, roles,
pupils with guardians (POST, PATCH, move), school years, holidays, Excel imports and templates."""

from __future__ import annotations

from django.http import HttpResponse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.response import Response

from safecampus.core.api.base import (
    ReadOnlyScopedViewSet,
    ScopedUnitField,
    ScopedUserField,
    ScopedViewSet,
    StrictSerializer,
    validated,
)
from safecampus.core.errors import Forbidden, InvalidInput
from safecampus.core.permissions import has_capability
from safecampus.core.scoping import ancestor_paths

from . import services
from .api import OrgUnitViewSet, StaffOut, StaffViewSet, StudentOut, StudentViewSet
from .choices import Gender, SchoolType, SemesterKind, UnitKind
from .imports import workbooks
from .models import Holiday, ImportJob, OrgUnit, Role, SchoolYear
from .models_onboarding import ImportKind
from .selectors import acting_unit

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@extend_schema_field(OpenApiTypes.INT)
class UnitId(ScopedUnitField):
    """A unit id (typed for the OpenAPI description)."""


@extend_schema_field(OpenApiTypes.INT)
class UserId(ScopedUserField):
    """A user id (typed for the OpenAPI description)."""


class FactsIn(StrictSerializer):
    canteen = serializers.BooleanField(required=False)
    dormitory = serializers.BooleanField(required=False)
    transport = serializers.BooleanField(required=False)
    boarding = serializers.BooleanField(required=False)


class UnitIn(StrictSerializer):
    name = serializers.CharField(max_length=200)
    name_zh = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    kind = serializers.ChoiceField(choices=[k for k in UnitKind.values if k != UnitKind.AUTHORITY])
    parent = UnitId()
    school_type = serializers.ChoiceField(choices=SchoolType.choices, required=False, allow_blank=True, default="")
    facts = FactsIn(required=False, default=dict)
    floors = serializers.IntegerField(required=False, allow_null=True, min_value=0, max_value=200)
    address = serializers.CharField(max_length=255, required=False, allow_blank=True)
    phone = serializers.CharField(max_length=32, required=False, allow_blank=True)
    head_teacher = UserId(required=False, allow_null=True)


class UnitChangeIn(StrictSerializer):
    name = serializers.CharField(max_length=200, required=False)
    name_zh = serializers.CharField(max_length=200, required=False, allow_blank=True)
    parent = UnitId(required=False)
    school_type = serializers.ChoiceField(choices=SchoolType.choices, required=False, allow_blank=True)
    facts = FactsIn(required=False)
    floors = serializers.IntegerField(required=False, allow_null=True, min_value=0, max_value=200)
    address = serializers.CharField(max_length=255, required=False, allow_blank=True)
    phone = serializers.CharField(max_length=32, required=False, allow_blank=True)
    head_teacher = UserId(required=False, allow_null=True)
    version = serializers.IntegerField(required=False, min_value=1)


class CloseIn(StrictSerializer):
    reason = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    version = serializers.IntegerField(required=False, min_value=1)


class UnitDetailOut(serializers.ModelSerializer):
    facts = serializers.SerializerMethodField()

    class Meta:
        model = OrgUnit
        fields = ["id", "name", "name_zh", "kind", "parent", "school_type", "facts", "floors", "address", "phone",
                  "is_active", "closed_on", "version"]

    def get_facts(self, obj) -> dict:
        return {"canteen": obj.has_canteen, "dormitory": obj.has_dormitory, "transport": obj.has_transport,
                "boarding": obj.is_boarding}


class OnboardingUnitViewSet(OrgUnitViewSet):
    http_method_names = ["get", "post", "patch", "head", "options"]

    @extend_schema(request=UnitIn, responses={201: UnitDetailOut})
    def create(self, request, *args, **kwargs):
        data = validated(UnitIn, request)
        parent = data.pop("parent")
        unit = services.create_unit(actor=request.user, org_unit=parent, **data)
        return Response(UnitDetailOut(unit).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=UnitChangeIn, responses=UnitDetailOut)
    def partial_update(self, request, *args, **kwargs):
        """Rename, move (``parent``), or change the school type, facts or head teacher."""
        unit = self.get_object()
        data = validated(UnitChangeIn, request)
        version = data.pop("version", None)
        head = data.pop("head_teacher", "unset")
        unit = services.change_unit(unit, actor=request.user, expected_version=version, **data)
        if head != "unset":
            services.set_head_teacher(unit, actor=request.user, user=head)
        return Response(UnitDetailOut(unit).data)

    def update(self, request, *args, **kwargs):
        if not kwargs.get("partial"):
            return Response({"detail": _("Method not allowed.")}, status=status.HTTP_405_METHOD_NOT_ALLOWED)
        return super().update(request, *args, **kwargs)

    @extend_schema(request=CloseIn, responses=UnitDetailOut)
    @action(detail=True, methods=["post"])
    def close(self, request, pk=None):
        """Close the unit and everything below it; its records stay readable."""
        unit = self.get_object()
        data = validated(CloseIn, request)
        unit = services.close_unit(unit, actor=request.user, expected_version=data.get("version"),
                                   reason=data["reason"])
        return Response(UnitDetailOut(unit).data)


class RoleRefIn(StrictSerializer):
    role = serializers.SlugRelatedField(slug_field="code", queryset=Role.objects.all())
    org_unit = UnitId(required=False)


class StaffIn(StrictSerializer):
    org_unit = UnitId()
    name = serializers.CharField(max_length=100)
    phone = serializers.CharField(max_length=32, required=False, allow_blank=True, default="")
    gender = serializers.ChoiceField(choices=Gender.choices, required=False, allow_blank=True, default="")
    username = serializers.CharField(max_length=150, required=False, allow_blank=True, default="")
    email = serializers.EmailField(required=False, allow_blank=True, default="")
    roles = RoleRefIn(many=True, required=False, default=list)
    posts = serializers.ListField(child=serializers.SlugField(), required=False, default=list)
    id_number = serializers.CharField(max_length=32, required=False, allow_blank=True, default=None)


class StaffChangeIn(StrictSerializer):
    org_unit = UnitId(required=False)
    name = serializers.CharField(max_length=100, required=False)
    phone = serializers.CharField(max_length=32, required=False, allow_blank=True)
    gender = serializers.ChoiceField(choices=Gender.choices, required=False, allow_blank=True)
    roles = RoleRefIn(many=True, required=False)
    posts = serializers.ListField(child=serializers.SlugField(), required=False)
    version = serializers.IntegerField(required=False, min_value=1)


class StaffCreatedOut(serializers.Serializer):
    id = serializers.IntegerField()
    user = serializers.IntegerField(allow_null=True)
    username = serializers.CharField(allow_null=True)
    first_password = serializers.CharField(allow_blank=True)


def _role_refs(items):
    return [{"role": r["role"].code, "org_unit": r.get("org_unit")} for r in items]


class OnboardingStaffViewSet(StaffViewSet):
    http_method_names = ["get", "post", "patch", "head", "options"]

    @extend_schema(request=StaffIn, responses={201: StaffCreatedOut})
    def create(self, request, *args, **kwargs):
        """A staff member; with a ``username`` an account whose first password (in the answer,
        shown once) must be changed at first sign-in."""
        data = validated(StaffIn, request)
        data["roles"] = _role_refs(data["roles"])
        staff = services.create_staff(actor=request.user, username=data.pop("username") or None, **data)
        return Response({"id": staff.pk, "user": staff.user_id,
                         "username": staff.user.username if staff.user else None,
                         "first_password": staff.first_password}, status=status.HTTP_201_CREATED)

    @extend_schema(request=StaffChangeIn, responses=StaffOut)
    def partial_update(self, request, *args, **kwargs):
        staff = self.get_object()
        data = validated(StaffChangeIn, request)
        if "roles" in data:
            data["roles"] = _role_refs(data["roles"])
        version = data.pop("version", None)
        staff = services.change_staff(staff, actor=request.user, expected_version=version, **data)
        return Response(StaffOut(staff).data)

    def update(self, request, *args, **kwargs):
        if not kwargs.get("partial"):
            return Response({"detail": _("Method not allowed.")}, status=status.HTTP_405_METHOD_NOT_ALLOWED)
        return super().update(request, *args, **kwargs)


class GuardianIn(StrictSerializer):
    name = serializers.CharField(max_length=100)
    relation = serializers.CharField(max_length=32, required=False, allow_blank=True, default="")
    phone = serializers.CharField(max_length=32, required=False, allow_blank=True, default="")
    may_pick_up = serializers.BooleanField(required=False, default=True)


class StudentIn(StrictSerializer):
    org_unit = UnitId()
    name = serializers.CharField(max_length=100)
    gender = serializers.ChoiceField(choices=Gender.choices, required=False, allow_blank=True, default="")
    birth_date = serializers.DateField(required=False, allow_null=True, default=None)
    student_no = serializers.CharField(max_length=32, required=False, allow_blank=True, default="")
    id_number = serializers.CharField(max_length=32, required=False, allow_blank=True, default=None)
    enrolled_on = serializers.DateField(required=False, allow_null=True, default=None)
    guardians = GuardianIn(many=True, required=False, default=list)


class StudentChangeIn(StrictSerializer):
    org_unit = UnitId(required=False)
    name = serializers.CharField(max_length=100, required=False)
    gender = serializers.ChoiceField(choices=Gender.choices, required=False, allow_blank=True)
    birth_date = serializers.DateField(required=False, allow_null=True)
    student_no = serializers.CharField(max_length=32, required=False, allow_blank=True)
    id_number = serializers.CharField(max_length=32, required=False, allow_blank=True)
    guardians = GuardianIn(many=True, required=False)
    version = serializers.IntegerField(required=False, min_value=1)


class MoveIn(StrictSerializer):
    org_unit = UnitId()
    reason = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    version = serializers.IntegerField(required=False, min_value=1)


class StudentDetailOut(StudentOut):
    guardians = serializers.SerializerMethodField()
    moves = serializers.SerializerMethodField()

    class Meta(StudentOut.Meta):
        fields = [*StudentOut.Meta.fields, "guardians", "moves"]

    def get_guardians(self, obj) -> list[dict]:
        return [{"id": link.guardian_id, "name": link.guardian.name, "relation": link.relation,
                 "phone": link.guardian.phone, "may_pick_up": link.may_pick_up}
                for link in obj.guardianlink_set.select_related("guardian").order_by("pk")]

    def get_moves(self, obj) -> list[dict]:
        return [{"from": m.from_unit_id, "to": m.org_unit_id, "moved_on": m.moved_on, "reason": m.reason}
                for m in obj.moves.all()]


class OnboardingStudentViewSet(StudentViewSet):
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_serializer_class(self):
        return StudentDetailOut if self.action == "retrieve" else super().get_serializer_class()

    @extend_schema(request=StudentIn, responses={201: StudentDetailOut})
    def create(self, request, *args, **kwargs):
        data = validated(StudentIn, request)
        student = services.create_student(actor=request.user, **data)
        return Response(StudentDetailOut(student).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=StudentChangeIn, responses=StudentDetailOut)
    def partial_update(self, request, *args, **kwargs):
        student = self.get_object()
        data = validated(StudentChangeIn, request)
        version = data.pop("version", None)
        student = services.change_student(student, actor=request.user, expected_version=version, **data)
        return Response(StudentDetailOut(student).data)

    def update(self, request, *args, **kwargs):
        if not kwargs.get("partial"):
            return Response({"detail": _("Method not allowed.")}, status=status.HTTP_405_METHOD_NOT_ALLOWED)
        return super().update(request, *args, **kwargs)

    @extend_schema(request=MoveIn, responses=StudentDetailOut)
    @action(detail=True, methods=["post"])
    def move(self, request, pk=None):
        """Another class or school; the pupil's records stay with the pupil and the move is kept."""
        student = self.get_object()
        data = validated(MoveIn, request)
        student = services.move_student(student, actor=request.user, expected_version=data.get("version"),
                                        org_unit=data["org_unit"], reason=data["reason"])
        return Response(StudentDetailOut(student).data)


class RoleOut(serializers.ModelSerializer):
    name = serializers.CharField(source="display_name")

    class Meta:
        model = Role
        fields = ["code", "name"]


class RoleViewSet(viewsets.ReadOnlyModelViewSet):
    """The roles a staff member may hold at a unit."""

    queryset = Role.objects.all()
    serializer_class = RoleOut
    lookup_field = "code"

    def list(self, request, *args, **kwargs):
        if not has_capability(request.user, "org.view"):
            raise Forbidden()
        return super().list(request, *args, **kwargs)


class SemesterIn(StrictSerializer):
    kind = serializers.ChoiceField(choices=SemesterKind.choices)
    start = serializers.DateField()
    end = serializers.DateField()


class SchoolYearIn(StrictSerializer):
    org_unit = UnitId()
    name = serializers.CharField(max_length=32)
    start = serializers.DateField()
    end = serializers.DateField()
    semesters = SemesterIn(many=True, required=False, default=list)


class SchoolYearOut(serializers.ModelSerializer):
    semesters = serializers.SerializerMethodField()

    class Meta:
        model = SchoolYear
        fields = ["id", "org_unit", "name", "start", "end", "semesters", "version"]

    def get_semesters(self, obj) -> list[dict]:
        return [{"id": s.id, "kind": s.kind, "start": s.start, "end": s.end} for s in obj.semesters.all()]


class InForceFilterMixin:
    """``?org_unit=``: the calendar in force there (the nearest keeper above it that has one)."""

    def filter_queryset(self, queryset):
        raw = self.request.query_params.get("org_unit")
        if not raw or self.action != "list":
            return queryset
        try:
            unit = OrgUnit.objects.visible_to(self.request.user, "org.view").get(pk=int(raw))
        except (OrgUnit.DoesNotExist, ValueError):
            raise InvalidInput.field("org_unit", _("Unknown unit.")) from None
        rows = queryset.filter(org_unit__path__in=ancestor_paths(unit.path))
        keepers = list(rows.values_list("org_unit__depth", flat=True).distinct())
        return rows.filter(org_unit__depth=max(keepers)) if keepers and self.nearest_only else rows


class SchoolYearViewSet(InForceFilterMixin, ScopedViewSet):
    queryset = SchoolYear.objects.prefetch_related("semesters").order_by("-start")
    serializer_class = SchoolYearOut
    view_capability = "org.view"
    nearest_only = True

    def get_queryset(self):
        # Schools read the calendar kept above them: presence is checked on the unit asked for.
        if self.action == "list" and self.request.query_params.get("org_unit"):
            return SchoolYear.objects.prefetch_related("semesters").order_by("-start")
        return super().get_queryset()

    @extend_schema(request=SchoolYearIn, responses={201: SchoolYearOut})
    def create(self, request, *args, **kwargs):
        data = validated(SchoolYearIn, request)
        year = services.create_school_year(actor=request.user, **data)
        return Response(SchoolYearOut(year).data, status=status.HTTP_201_CREATED)


class HolidayIn(StrictSerializer):
    org_unit = UnitId()
    name = serializers.CharField(max_length=100)
    name_zh = serializers.CharField(max_length=100, required=False, allow_blank=True, default="")
    start = serializers.DateField()
    end = serializers.DateField()


class HolidayOut(serializers.ModelSerializer):
    class Meta:
        model = Holiday
        fields = ["id", "org_unit", "name", "name_zh", "start", "end", "semester", "version"]


class HolidayViewSet(InForceFilterMixin, ScopedViewSet):
    queryset = Holiday.objects.order_by("start")
    serializer_class = HolidayOut
    view_capability = "org.view"
    nearest_only = False

    def get_queryset(self):
        if self.action == "list" and self.request.query_params.get("org_unit"):
            return Holiday.objects.order_by("start")
        return super().get_queryset()

    @extend_schema(request=HolidayIn, responses={201: HolidayOut})
    def create(self, request, *args, **kwargs):
        data = validated(HolidayIn, request)
        holiday = services.add_holiday(actor=request.user, **data)
        return Response(HolidayOut(holiday).data, status=status.HTTP_201_CREATED)


class ImportIn(StrictSerializer):
    kind = serializers.ChoiceField(choices=ImportKind.choices)
    file = serializers.FileField()


class ImportOut(serializers.ModelSerializer):
    class Meta:
        model = ImportJob
        fields = ["id", "kind", "status", "file_name", "rows", "creates", "updates", "errors", "created", "updated",
                  "progress", "message"]


def read_upload(upload) -> bytes:
    from .imports.reader import MAX_FILE_BYTES

    if upload.size > MAX_FILE_BYTES:
        raise InvalidInput.field("file", _("The file is larger than %(mb)d MB; split it into several files.")
                                 % {"mb": MAX_FILE_BYTES // (1024 * 1024)})
    return upload.read()


class ImportViewSet(ReadOnlyScopedViewSet):
    queryset = ImportJob.objects.all()
    serializer_class = ImportOut
    view_capability = "org.import"
    parser_classes = [MultiPartParser, FormParser, JSONParser]

    @extend_schema(request={"multipart/form-data": ImportIn}, responses={201: ImportOut})
    def create(self, request, *args, **kwargs):
        """Upload a workbook: the answer lists every row's problems; nothing is written yet."""
        unit = acting_unit(request.user, "org.import")
        data = validated(ImportIn, request)
        job = services.preview_import(actor=request.user, org_unit=unit, kind=data["kind"],
                                      file_name=data["file"].name, content=read_upload(data["file"]))
        return Response(ImportOut(job).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=None, responses=ImportOut)
    @action(detail=True, methods=["post"])
    def confirm(self, request, pk=None):
        """Write the previewed file in one transaction (409 while it has problems)."""
        job = self.get_object()
        job = services.confirm_import(job, actor=request.user)
        return Response({"status": job.status, "created": job.created, "updated": job.updated})

    @extend_schema(request=None, responses={(200, XLSX): OpenApiTypes.BINARY})
    @action(detail=False, methods=["get"], url_path=r"templates/(?P<kind>units|staff|students)\.xlsx")
    def template(self, request, kind=None):
        """The workbook to fill in (headers in the answer's language), with the units to refer to."""
        if not has_capability(request.user, "org.import"):
            raise Forbidden()
        content = workbooks.template(request.user, kind, get_language() or "zh-hans")
        response = HttpResponse(content, content_type=XLSX)
        response["Content-Disposition"] = f'attachment; filename="{kind}-template.xlsx"'
        return response


def register(router) -> None:
    router.register("org-units", OnboardingUnitViewSet, basename="org-unit")
    router.register("staff", OnboardingStaffViewSet, basename="staff")
    router.register("students", OnboardingStudentViewSet, basename="student")
    router.register("roles", RoleViewSet, basename="role")
    router.register("school-years", SchoolYearViewSet, basename="school-year")
    router.register("holidays", HolidayViewSet, basename="holiday")
    router.register("imports", ImportViewSet, basename="import")
