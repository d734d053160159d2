"""Onboarding pages: the unit tree (add, rename, move, close), staff and pupil forms, the
calendar, Excel import (templates, preview, confirm, progress) and exports in the import format."""

from __future__ import annotations

import json

from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from safecampus.core.errors import DomainError, Forbidden, NotFound
from safecampus.core.exports import xlsx_bytes
from safecampus.core.permissions import has_capability
from safecampus.core.scoping import ancestor_paths
from safecampus.core.views.generic import Column, ScopedListView, ServiceFormView, apply_errors

from . import services
from .accounts import SESSION_KEY
from .forms_onboarding import (
    CloseForm,
    FirstPasswordForm,
    HolidayForm,
    ImportForm,
    MoveForm,
    SchoolYearForm,
    StaffForm,
    StudentForm,
    UnitEditForm,
    UnitForm,
)
from .imports import workbooks
from .imports.columns import COLUMNS
from .models import Holiday, ImportJob, OrgUnit, SchoolYear, Staff, Student
from .models_onboarding import ImportKind, ImportStatus
from .selectors import acting_unit
from .services.imports import BACKGROUND_ROWS, read_progress
from .services.units import FACTS, capability_for
from .views import StaffList, StudentList

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _xlsx(content: bytes, name: str) -> HttpResponse:
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
    return response


def page(view):
    """A function view whose domain errors are pages: out of scope 404, no capability 403."""
    from functools import wraps

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except NotFound:
            raise Http404 from None
        except Forbidden as exc:
            from safecampus.core import security

            security.denied(request, exc.message)
            return render(request, "core/403.html", {"reason": exc.message}, status=403)

    return login_required(wrapped)


def _visible(model, user, capability: str, pk: int):
    try:
        return model.objects.get_visible(user, capability, pk=pk)
    except NotFound:
        raise Http404 from None


class OrgFormView(ServiceFormView):
    """A form page whose Cancel goes back to a real page (``cancel_url``)."""

    template_name = "org/form.html"
    cancel = "org:tree"
    # For a page about one record: found in the reader's scope first (else 404), then the
    # capability at its unit (else 403).
    record_model = None

    def record(self):
        return self.record_model.objects.get_visible(self.request.user, self.capability, pk=self.kwargs["pk"])

    def check(self) -> None:
        if self.record_model is not None:
            self.record()
        else:
            super().check()

    def extra_context(self) -> dict:
        return {"cancel_url": reverse(self.cancel)}


# ---- the unit tree -------------------------------------------------------------------------

@page
def unit_tree(request):
    if not has_capability(request.user, "org.view"):
        return render(request, "core/403.html", status=403)
    show_closed = request.GET.get("closed") == "1"
    units = OrgUnit.objects.visible_to(request.user, "org.view").select_related("parent")
    if not show_closed:
        units = units.filter(is_active=True)
    rows = []
    for unit in units.order_by("path"):
        manage = bool(unit.parent_id) and has_capability(request.user, capability_for(unit.kind), unit.parent.path)
        rows.append({"unit": unit, "indent": min(unit.depth + 1, 5), "can_edit": manage and unit.is_active,
                     "can_add": unit.is_active and unit.kind != "class"
                     and has_capability(request.user, "org.manage", unit.path),
                     "facts": [label for key, label in FACT_LABELS if getattr(unit, FACTS[key])]})
    return render(request, "org/tree.html", {"title": _("Units"), "rows": rows, "show_closed": show_closed})


FACT_LABELS = [("canteen", gettext_lazy("canteen")), ("dormitory", gettext_lazy("dormitory")),
               ("transport", gettext_lazy("school transport")), ("boarding", gettext_lazy("boarding"))]


class UnitCreate(OrgFormView):
    form_class = UnitForm
    title = gettext_lazy("Add a unit")
    capability = "org.manage"
    success_message = gettext_lazy("Unit added.")

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        if self.request.method == "GET" and self.request.GET.get("parent", "").isdigit():
            kwargs["initial"] = {"parent": int(self.request.GET["parent"])}
        return kwargs

    def perform(self, form):
        d = form.cleaned_data
        kind = d["kind"]
        school = kind == "school"
        return services.create_unit(
            actor=self.request.user, org_unit=d["parent"], kind=kind, name=d["name"], name_zh=d["name_zh"],
            school_type=d["school_type"] if school else "",
            facts={k: d[k] for k in FACTS} if school else None,
            **({"floors": d["floors"]} if school and d["floors"] is not None else {}),
            head_teacher=d["head_teacher"] if kind == "class" else None)

    def success_url(self, result) -> str:
        return reverse("org:tree")


class UnitEdit(OrgFormView):
    record_model = OrgUnit
    capability = "org.manage"
    form_class = UnitEditForm
    title = gettext_lazy("Rename or move a unit")
    success_message = gettext_lazy("Unit changed.")

    def unit(self) -> OrgUnit:
        return _visible(OrgUnit, self.request.user, "org.view", self.kwargs["pk"])

    def get_form_kwargs(self):
        unit = self.unit()
        kwargs = {**super().get_form_kwargs(), "unit": unit}
        if self.request.method == "GET":
            kwargs["initial"] = {"name": unit.name, "name_zh": unit.name_zh, "parent": unit.parent_id,
                                 "school_type": unit.school_type, "floors": unit.floors, "version": unit.version,
                                 **{k: getattr(unit, f) for k, f in FACTS.items()}}
        return kwargs

    def perform(self, form):
        unit = self.unit()
        d = form.cleaned_data
        data = {"name": d["name"], "name_zh": d["name_zh"]}
        if d.get("parent"):
            data["parent"] = d["parent"]
        if "school_type" in d:
            data.update(floors=d["floors"], facts={k: d[k] for k in FACTS})
            if d["school_type"]:
                data["school_type"] = d["school_type"]
        return services.change_unit(unit, actor=self.request.user, expected_version=d.get("version"), **data)

    def success_url(self, result) -> str:
        return reverse("org:tree")


class UnitClose(OrgFormView):
    record_model = OrgUnit
    capability = "org.manage"
    form_class = CloseForm
    title = gettext_lazy("Close a unit")
    success_message = gettext_lazy("Unit closed. Its records are kept.")
    submit_label = gettext_lazy("Close the unit")

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        if self.request.method == "GET":
            kwargs["initial"] = {"version": _visible(OrgUnit, self.request.user, "org.view", self.kwargs["pk"]).version}
        return kwargs

    def extra_context(self) -> dict:
        unit = _visible(OrgUnit, self.request.user, "org.view", self.kwargs["pk"])
        return {**super().extra_context(), "intro": _("“%(unit)s” and every unit below it will be closed. "
                                                      "Nothing is deleted.") % {"unit": unit}}

    def perform(self, form):
        unit = _visible(OrgUnit, self.request.user, "org.view", self.kwargs["pk"])
        return services.close_unit(unit, actor=self.request.user, expected_version=form.cleaned_data.get("version"),
                                   reason=form.cleaned_data["reason"])

    def success_url(self, result) -> str:
        return reverse("org:tree")


# ---- staff -----------------------------------------------------------------------------------

class StaffRoster(StaffList):
    create_url = "org:staff-new"
    create_capability = "org.manage"
    create_label = gettext_lazy("Add staff")

    def get(self, request, *args, **kwargs):
        # Names lead to the change form for those who may change staff; others read the list.
        if has_capability(request.user, "org.manage"):
            self.columns = [Column("name", gettext_lazy("Name"), link=True), *StaffList.columns[1:]]
        return super().get(request, *args, **kwargs)


class StaffCreate(OrgFormView):
    form_class = StaffForm
    title = gettext_lazy("Add a staff member")
    capability = "org.manage"
    cancel = "org:staff-list"

    def perform(self, form):
        d = form.cleaned_data
        staff = services.create_staff(actor=self.request.user, org_unit=d["org_unit"], name=d["name"],
                                      gender=d["gender"], phone=d["phone"], username=d["username"] or None,
                                      roles=d["roles"], posts=d["posts"])
        if staff.first_password:
            # Shown once, on the next page, never put in a URL.
            self.request.session["first-password"] = [staff.user.username, staff.first_password]
        return staff

    def success_url(self, result) -> str:
        return reverse("org:staff-created", args=[result.pk]) if result.user_id else reverse("org:staff-list")


@page
def staff_created(request, pk: int):
    staff = _visible(Staff, request.user, "org.manage", pk)
    handed = request.session.pop("first-password", None)
    return render(request, "org/staff_created.html", {"title": _("Account created"), "staff": staff,
                                                      "handed": handed})


class StaffEdit(OrgFormView):
    record_model = Staff
    capability = "org.manage"
    form_class = StaffForm
    title = gettext_lazy("Change a staff member")
    cancel = "org:staff-list"
    success_message = gettext_lazy("Saved.")

    def get_form_kwargs(self):
        staff = self.record()
        kwargs = {**super().get_form_kwargs(), "editing": True}
        if self.request.method == "GET":
            held = staff.user.role_assignments.filter(org_unit=staff.org_unit) if staff.user_id else None
            roles = list(held.values_list("role__code", flat=True)) if held is not None else []
            kwargs["initial"] = {"org_unit": staff.org_unit_id, "name": staff.name, "gender": staff.gender,
                                 "phone": staff.phone, "roles": roles, "version": staff.version,
                                 "posts": list(staff.posts.values_list("code", flat=True))}
        return kwargs

    def perform(self, form):
        staff = self.record()
        d = form.cleaned_data
        data = {"org_unit": d["org_unit"], "name": d["name"], "gender": d["gender"], "phone": d["phone"],
                "posts": d["posts"]}
        if staff.user_id:
            # Roles held elsewhere (a class as head teacher, ...) are kept; these are the unit's own.
            others = [{"role": a.role.code, "org_unit": a.org_unit} for a in
                      staff.user.role_assignments.exclude(org_unit=staff.org_unit).select_related("role", "org_unit")]
            data["roles"] = [*others, *({"role": r, "org_unit": d["org_unit"]} for r in d["roles"])]
        return services.change_staff(staff, actor=self.request.user, expected_version=d.get("version"), **data)

    def success_url(self, result) -> str:
        return reverse("org:staff-list")


# ---- pupils ----------------------------------------------------------------------------------

class PupilRoster(StudentList):
    create_url = "org:student-new"
    create_capability = "org.manage"
    create_label = gettext_lazy("Add a pupil")


def _pupil_values(form) -> dict:
    """The pupil form (adding or changing) as the pupil services take it."""
    d = form.cleaned_data
    return {"org_unit": d["org_unit"], "name": d["name"], "gender": d["gender"], "birth_date": d["birth_date"],
            "student_no": d["student_no"], "id_number": d["id_number"] or None, "guardians": form.guardians()}


class StudentCreate(OrgFormView):
    form_class = StudentForm
    title = gettext_lazy("Add a pupil")
    capability = "org.manage"
    cancel = "org:student-list"
    success_message = gettext_lazy("Pupil added.")

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        if self.request.method == "GET":
            kwargs["initial"] = {"guardian1_may_pick_up": True, "guardian2_may_pick_up": True}
        return kwargs

    def perform(self, form):
        return services.create_student(actor=self.request.user, **_pupil_values(form))


class StudentEdit(OrgFormView):
    record_model = Student
    capability = "org.manage"
    form_class = StudentForm
    title = gettext_lazy("Change a pupil")
    cancel = "org:student-list"
    success_message = gettext_lazy("Saved.")

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        if self.request.method == "GET":
            pupil = self.record()
            initial = {"org_unit": pupil.org_unit_id, "name": pupil.name, "gender": pupil.gender,
                       "birth_date": pupil.birth_date, "student_no": pupil.student_no, "version": pupil.version}
            for n, link in enumerate(pupil.guardianlink_set.select_related("guardian").order_by("pk")[:2], start=1):
                initial.update({f"guardian{n}_name": link.guardian.name, f"guardian{n}_relation": link.relation,
                                f"guardian{n}_phone": link.guardian.phone,
                                f"guardian{n}_may_pick_up": link.may_pick_up})
            kwargs["initial"] = initial
        return kwargs

    def perform(self, form):
        return services.change_student(self.record(), actor=self.request.user,
                                       expected_version=form.cleaned_data.get("version"), **_pupil_values(form))


class StudentMoveView(OrgFormView):
    record_model = Student
    capability = "org.manage"
    form_class = MoveForm
    title = gettext_lazy("Move a pupil to another class")
    cancel = "org:student-list"
    success_message = gettext_lazy("Pupil moved. Their records stay with them.")

    def perform(self, form):
        pupil = _visible(Student, self.request.user, "org.manage", self.kwargs["pk"])
        return services.move_student(pupil, actor=self.request.user, org_unit=form.cleaned_data["org_unit"],
                                     reason=form.cleaned_data["reason"])


# ---- calendar --------------------------------------------------------------------------------

@page
def calendar_page(request):
    if not has_capability(request.user, "org.view"):
        return render(request, "core/403.html", status=403)
    unit = acting_unit(request.user, "org.view")
    paths = ancestor_paths(unit.path)
    below = OrgUnit.objects.visible_to(request.user, "org.view").filter(kind__in=["authority", "central_school"])
    keepers = list(below.values_list("path", flat=True))
    years = SchoolYear.objects.filter(org_unit__path__in=set(paths) | set(keepers)).select_related(
        "org_unit").prefetch_related("semesters").order_by("-start", "org_unit__depth")
    holidays = Holiday.objects.filter(org_unit__path__in=set(paths) | set(keepers)).select_related(
        "org_unit").order_by("-start")[:200]
    editable = [h for h in holidays if has_capability(request.user, "org.manage_calendar", h.org_unit.path)]
    editable_years = {y.pk for y in years if has_capability(request.user, "org.manage_calendar", y.org_unit.path)}
    return render(request, "org/calendar.html", {
        "title": _("School calendar"), "years": years, "holidays": holidays, "editable": {h.pk for h in editable},
        "editable_years": editable_years,
        "can_edit": has_capability(request.user, "org.manage_calendar")})


class HolidayCreate(OrgFormView):
    form_class = HolidayForm
    title = gettext_lazy("Add a holiday")
    capability = "org.manage_calendar"
    cancel = "org:calendar"
    success_message = gettext_lazy("Holiday added.")

    def perform(self, form):
        d = form.cleaned_data
        return services.add_holiday(actor=self.request.user, org_unit=d["org_unit"], name=d["name"],
                                    name_zh=d["name_zh"], start=d["start"], end=d["end"])

    def success_url(self, result) -> str:
        return reverse("org:calendar")


class HolidayEdit(OrgFormView):
    record_model = Holiday
    capability = "org.manage_calendar"
    form_class = HolidayForm
    title = gettext_lazy("Change a holiday")
    cancel = "org:calendar"
    success_message = gettext_lazy("Holiday changed.")

    def holiday(self) -> Holiday:
        return _visible(Holiday, self.request.user, "org.manage_calendar", self.kwargs["pk"])

    def get_form_kwargs(self):
        kwargs = {**super().get_form_kwargs(), "editing": True}
        if self.request.method == "GET":
            h = self.holiday()
            kwargs["initial"] = {"name": h.name, "name_zh": h.name_zh, "start": h.start, "end": h.end,
                                 "version": h.version}
        return kwargs

    def perform(self, form):
        d = form.cleaned_data
        return services.change_holiday(self.holiday(), actor=self.request.user, expected_version=d.get("version"),
                                       name=d["name"], name_zh=d["name_zh"], start=d["start"], end=d["end"])

    def success_url(self, result) -> str:
        return reverse("org:calendar")


@page
@require_POST
def holiday_remove(request, pk: int):
    holiday = _visible(Holiday, request.user, "org.view", pk)
    try:
        services.remove_holiday(holiday, actor=request.user)
    except Forbidden:
        return render(request, "core/403.html", status=403)
    messages.success(request, _("Holiday removed."))
    return redirect("org:calendar")


class SchoolYearCreate(OrgFormView):
    form_class = SchoolYearForm
    title = gettext_lazy("Add a school year")
    capability = "org.manage_calendar"
    cancel = "org:calendar"
    success_message = gettext_lazy("School year added.")

    def perform(self, form):
        d = form.cleaned_data
        return services.create_school_year(
            actor=self.request.user, org_unit=d["org_unit"], name=d["name"], start=d["start"], end=d["end"],
            semesters=form.semesters())

    def success_url(self, result) -> str:
        return reverse("org:calendar")


class SchoolYearEdit(OrgFormView):
    form_class = SchoolYearForm
    record_model = SchoolYear
    capability = "org.manage_calendar"
    title = gettext_lazy("Change a school year")
    cancel = "org:calendar"
    success_message = gettext_lazy("School year changed.")

    def get_form_kwargs(self):
        kwargs = {**super().get_form_kwargs(), "editing": True}
        if self.request.method == "GET":
            year = self.record()
            initial = {"name": year.name, "start": year.start, "end": year.end, "version": year.version}
            for sem in year.semesters.all():
                initial.update({f"{sem.kind}_start": sem.start, f"{sem.kind}_end": sem.end})
            kwargs["initial"] = initial
        return kwargs

    def perform(self, form):
        d = form.cleaned_data
        return services.change_school_year(self.record(), actor=self.request.user, expected_version=d.get("version"),
                                           name=d["name"], start=d["start"], end=d["end"],
                                           semesters=form.semesters())

    def success_url(self, result) -> str:
        return reverse("org:calendar")


# ---- import and export -----------------------------------------------------------------------

class ImportList(ScopedListView):
    model = ImportJob
    capability = "org.import"
    title = gettext_lazy("Excel import")
    template_name = "org/import_list.html"
    export_name = "imports"
    default_order = ("-created_at",)
    columns = [
        Column("file_name", gettext_lazy("File"), link=True),
        Column("get_kind_display", gettext_lazy("Kind")),
        Column("get_status_display", gettext_lazy("Status")),
        Column("rows", gettext_lazy("Rows")),
        Column("created_at", gettext_lazy("Uploaded")),
    ]

    def get_queryset(self):
        # The workbook and its preview lines stay in the database until a detail page asks.
        return super().get_queryset().defer("content", "lines", "errors", "handover")

    def extra_context(self) -> dict:
        return {"form": ImportForm(user=self.request.user), "kinds": ImportKind.choices}


@page
@require_POST
def import_upload(request):
    if not has_capability(request.user, "org.import"):
        return render(request, "core/403.html", status=403)
    form = ImportForm(data=request.POST, files=request.FILES, user=request.user)
    if form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            from .api_onboarding import read_upload

            job = services.preview_import(actor=request.user, org_unit=acting_unit(request.user, "org.import"),
                                          kind=form.cleaned_data["kind"], file_name=upload.name,
                                          content=read_upload(upload))
        except Forbidden:
            return render(request, "core/403.html", status=403)
        except DomainError as exc:
            apply_errors(form, exc)
        else:
            return redirect(job.get_absolute_url())
    return render(request, "org/import_upload.html", {"title": _("Excel import"), "form": form,
                                                      "kinds": ImportKind.choices}, status=400)


@page
def import_detail(request, pk: int):
    job = _visible(ImportJob, request.user, "org.import", pk)
    names = {c.key: str(c.label) for c in COLUMNS[job.kind]}
    names.update({"org_unit": _("Class") if job.kind == "students" else _("Unit"), "guardians": _("Guardians"),
                  "facts": _("Facts"), "posts": _("Posts"), "roles": _("Roles")})
    lines = [[row, label, action, [names.get(key, key) for key in changed]]
             for row, label, action, changed in job.lines[:1000]]
    return render(request, "org/import_detail.html", {
        "title": job.file_name, "job": job, "lines": lines, "more": max(len(job.lines) - len(lines), 0),
        "errors": job.errors[:1000], "progress": read_progress(job), "background": job.rows > BACKGROUND_ROWS})


@page
def import_progress(request, pk: int):
    job = _visible(ImportJob, request.user, "org.import", pk)
    response = render(request, "org/_import_progress.html", {"job": job, "progress": read_progress(job)})
    if job.status != ImportStatus.RUNNING and request.htmx:
        response["HX-Refresh"] = "true"
    return response


@page
@require_POST
def import_confirm(request, pk: int):
    job = _visible(ImportJob, request.user, "org.import", pk)
    try:
        job = services.confirm_import(job, actor=request.user, background=job.rows > BACKGROUND_ROWS)
    except Forbidden:
        return render(request, "core/403.html", status=403)
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect(job.get_absolute_url())
    if job.status == ImportStatus.DONE:
        messages.success(request, _("Imported: %(created)d created, %(updated)d updated.")
                         % {"created": job.created, "updated": job.updated})
    return redirect(job.get_absolute_url())


@page
@require_POST
def import_passwords(request, pk: int):
    """The first passwords of the accounts the import made: handed over once, then forgotten."""
    job = _visible(ImportJob, request.user, "org.import", pk)
    if job.uploaded_by_id != request.user.pk or not job.handover:
        raise Http404
    rows = json.loads(job.handover.reveal() if hasattr(job.handover, "reveal") else job.handover)
    ImportJob.objects.filter(pk=job.pk).update(handover="")
    return _xlsx(xlsx_bytes([(_("Accounts"), [_("Username"), _("First password")], rows)]), "first-passwords")


@page
def import_template(request, kind: str):
    if kind not in ImportKind.values:
        raise Http404
    if not has_capability(request.user, "org.import"):
        return render(request, "core/403.html", status=403)
    language = request.GET.get("lang") or get_language() or "zh-hans"
    return _xlsx(workbooks.template(request.user, kind, language), f"{kind}-template")


@page
def export_list(request, kind: str):
    """The records in the import format; ``?reveal=1`` shows identity numbers to those allowed
    (each pupil's reveal audited)."""
    if kind not in ImportKind.values:
        raise Http404
    capability = {"students": "org.view_students", "staff": "org.view_people", "units": "org.view"}[kind]
    if not has_capability(request.user, capability):
        return render(request, "core/403.html", status=403)
    reveal = request.GET.get("reveal") == "1"
    if reveal and not has_capability(request.user, "org.reveal_identity"):
        return render(request, "core/403.html", status=403)
    language = request.GET.get("lang") or get_language() or "zh-hans"
    return _xlsx(workbooks.export(request.user, kind, language, reveal=reveal), kind)


# ---- first password --------------------------------------------------------------------------

@page
def first_password(request):
    form = FirstPasswordForm(data=request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.set_own_password(request.user, actor=request.user, password=form.cleaned_data["new_password1"])
        except DomainError as exc:
            apply_errors(form, exc)
        else:
            update_session_auth_hash(request, request.user)
            request.session.pop(SESSION_KEY, None)
            messages.success(request, _("Your password is set. Welcome."))
            return HttpResponseRedirect(reverse("home"))
    return render(request, "org/first_password.html", {"title": _("Choose your own password"), "form": form},
                  status=400 if request.method == "POST" else 200)
