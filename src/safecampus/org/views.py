from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from safecampus.core.errors import NotFound
from safecampus.core.permissions import has_capability
from safecampus.core.views.generic import Column, ScopedDetailView, ScopedListView, revealed_page

from .filters import StaffFilter, StudentFilter, UnitFilter
from .models import OrgUnit, Staff, Student
from .panels import unit_panels
from .services import reveal_identity


class UnitList(ScopedListView):
    model = OrgUnit
    capability = "org.view"
    filterset_class = UnitFilter
    title = _("Units")
    export_name = "units"
    default_order = ("path",)
    columns = [
        Column("display_name", _("Name"), link=True),
        Column("get_kind_display", _("Kind")),
        Column("get_school_type_display", _("School type")),
        Column("parent", _("Parent")),
    ]

    select_related = ("parent",)


class UnitDetail(ScopedDetailView):
    model = OrgUnit
    capability = "org.view"
    template_name = "org/unit_detail.html"
    fields = [
        Column("get_kind_display", _("Kind")),
        Column("get_school_type_display", _("School type")),
        Column("parent", _("Parent")),
        Column("address", _("Address")),
        Column("phone", _("Phone")),
        Column("timezone", _("Time zone")),
    ]

    def get_context(self, obj):
        context = super().get_context(obj)
        context["children"] = OrgUnit.objects.visible_to(self.request.user, "org.view").filter(parent=obj)
        context["staff"] = Staff.objects.visible_to(self.request.user, "org.view_people").filter(
            org_unit=obj).prefetch_related("posts")
        context["panels"] = unit_panels(self.request, obj)
        return context


class StaffList(ScopedListView):
    model = Staff
    capability = "org.view_people"
    filterset_class = StaffFilter
    title = _("Staff")
    export_name = "staff"
    default_order = ("org_unit__path", "name")
    columns = [
        Column("name", _("Name")),
        Column("org_unit", _("Unit")),
        Column(lambda s: ", ".join(p.display_name for p in s.posts.all()), _("Posts")),
        Column("phone", _("Phone")),
        Column("id_number_masked", _("Identity number")),
    ]

    select_related = ("org_unit",)
    prefetch_related = ("posts",)


class StudentList(ScopedListView):
    model = Student
    capability = "org.view_students"
    filterset_class = StudentFilter
    title = _("Students")
    export_name = "students"
    default_order = ("org_unit__path", "name")
    columns = [
        Column("name", _("Name"), link=True),
        Column("org_unit", _("Class")),
        Column("get_gender_display", _("Gender")),
        Column("birth_date", _("Date of birth")),
        Column("id_number_masked", _("Identity number")),
    ]

    select_related = ("org_unit",)


class StudentDetail(ScopedDetailView):
    model = Student
    capability = "org.view_students"
    template_name = "org/student_detail.html"
    fields = [
        Column("org_unit", _("Class")),
        Column("get_gender_display", _("Gender")),
        Column("birth_date", _("Date of birth")),
        Column("student_no", _("Student number")),
        Column("id_number_masked", _("Identity number")),
    ]

    def get_context(self, obj):
        context = super().get_context(obj)
        context["may_pupil_data"] = has_capability(self.request.user, "org.pupil_data", obj.org_unit.path)
        context["guardians"] = obj.guardianlink_set.select_related("guardian")
        return context


@login_required
@require_POST
def reveal_student_identity(request, pk: int):
    try:
        student = Student.objects.get_visible(request.user, "org.view_students", pk=pk)
    except NotFound:
        from django.http import Http404

        raise Http404 from None
    from safecampus.core.errors import Forbidden

    try:
        value = reveal_identity(student, actor=request.user)
    except Forbidden:
        return render(request, "core/403.html", status=403)
    # Shown in this answer only: never stored in the session, a URL or a cache.
    return revealed_page(request, StudentDetail, student, value)
