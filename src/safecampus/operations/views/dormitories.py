"""Dormitory pages: rooms and boarders, the night's bed check on a phone (one tap per boarder), a night's
result with the guardians to call, absences by night, and the school page's panel."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from safecampus.core.errors import DomainError, Forbidden, NotFound
from safecampus.core.forms import UserForm
from safecampus.core.permissions import has_capability
from safecampus.core.scoping import PRESENCE
from safecampus.core.views.generic import Column, ScopedDetailView, ScopedListView, guarded
from safecampus.org.models import OrgUnit, Student

from ..choices import BedStatus
from ..filters import AbsenceFilter
from ..forms import SchoolForm, schools_for
from ..models import BedCheck, BedCheckEntry, DormBed, Resident
from ..people import local_today
from ..services import dormitories as services
from .common import FormPage, local, person

NIGHTS_ON_PANEL = 7


def _school(request, capability: str) -> OrgUnit:
    """The school asked for (``?school=``), else the only one the reader acts for."""
    schools = schools_for(request.user, capability)
    raw = request.GET.get("school") or request.POST.get("school") or ""
    if raw and not (raw.isdigit() and len(raw) <= 12):
        raise NotFound()  # no school has such an id
    if raw:
        found = schools.filter(pk=int(raw)).first()
        if found is None:
            # Out of the reader's scope: 404; in it without the right: 403.
            if OrgUnit.objects.visible_to(request.user, PRESENCE).filter(pk=int(raw), kind="school").exists():
                raise Forbidden()
            raise NotFound()
        return found
    first = list(schools.order_by("path")[:1])
    if not first:
        raise Forbidden()
    return first[0]


def _status_badge(status: str):
    from safecampus.core.badges import Badge

    if not status:
        return ""
    return Badge(BedStatus(status).label, status, {"present": "success", "absent": "danger",
                                                  "on_leave": "secondary"}[status])


@guarded("operations.view")
def dormitory(request):
    """The school's rooms and boarders, tonight's state, the last nights' checks."""
    school = _school(request, "operations.view")
    today = local_today(school)
    rows = services.night_rows(school, today)
    checks = list(BedCheck.objects.filter(org_unit=school).order_by("-date")[:NIGHTS_ON_PANEL])
    rooms: dict = {}
    for row in rows:
        rooms.setdefault(row["stay"].bed.room, []).append(row)
    free_beds = DormBed.objects.filter(org_unit=school).exclude(stays__active=True).count()
    # A reader of several schools (the central school) switches among those with a dormitory.
    boarding = Resident.objects.visible_to(request.user, "operations.view").filter(active=True)
    schools = list(OrgUnit.objects.filter(pk__in=boarding.values("org_unit_id")).order_by("path")[:50])
    return render(request, "operations/dormitory.html", {
        "title": _("Dormitory: %(school)s") % {"school": school}, "school": school, "rooms": rooms,
        "count": len(rows), "checks": checks, "free_beds": free_beds, "today": today,
        "checked_tonight": any(c.date == today for c in checks), "schools": schools if len(schools) > 1 else [],
        "can_manage": has_capability(request.user, "operations.dormitory", school.path)})


@guarded("operations.dormitory")
def bed_check(request):
    """Tonight's bed check: every boarder is present unless tapped absent or on leave."""
    school = _school(request, "operations.dormitory")
    night = local_today(school)
    rows = services.night_rows(school, night)
    if request.method == "POST":
        picked = {r["student"].pk: request.POST.get(f"s{r['student'].pk}", BedStatus.PRESENT) for r in rows}
        try:
            check = services.check_beds(
                actor=request.user, org_unit=school, date=night,
                absent=[pk for pk, st in picked.items() if st == BedStatus.ABSENT],
                on_leave=[pk for pk, st in picked.items() if st == BedStatus.ON_LEAVE])
        except DomainError as exc:
            messages.error(request, exc.message)
            status = 400
        else:
            if check.absent:
                messages.warning(request, _("%(n)d absent. The head teachers and the leader on duty have been "
                                            "told; call the guardians below.") % {"n": check.absent})
            else:
                messages.success(request, _("Bed check recorded: everyone is accounted for."))
            return HttpResponseRedirect(check.get_absolute_url())
    else:
        status = 200
    return render(request, "operations/bed_check.html", {
        "title": _("Bed check: %(school)s") % {"school": school}, "school": school, "night": night, "rows": rows,
        "rows_html": _bed_rows(rows)}, status=status)


TONES = {BedStatus.ABSENT: "btn-outline-danger", BedStatus.ON_LEAVE: "btn-outline-secondary"}


def _bed_rows(rows: list[dict]):
    """The night's list, one row per boarder with its three buttons, written here rather than through
    the template engine: a dormitory of a few hundred boarders costs the engine tens of milliseconds."""
    choices = [(value, str(label), TONES.get(value, "btn-outline-success")) for value, label in BedStatus.choices]
    out = []
    for r in rows:
        student, bed = r["student"], r["stay"].bed
        picked = r["status"] or BedStatus.PRESENT
        buttons = [format_html(
            '<input type="radio" class="btn-check" name="s{pk}" id="s{pk}-{v}" value="{v}" autocomplete="off"{c}>'
            '<label class="btn ops-big {tone}" for="s{pk}-{v}">{label}</label>',
            pk=student.pk, v=value, c=mark_safe(" checked") if value == picked else "", tone=tone, label=label)
            for value, label, tone in choices]
        out.append(format_html(
            '<li class="list-group-item bed-row" data-student="{pk}"><div class="d-flex flex-wrap align-items-center '
            'gap-2"><span class="me-auto"><span class="fw-semibold">{name}</span> <span class="small text-muted">'
            '{room} / {bed} · {cls}</span></span><div class="btn-group" role="group" aria-label="{name}">{buttons}'
            '</div></div></li>', pk=student.pk, name=student.name, room=str(bed.room), bed=bed.label,
            cls=str(student.org_unit), buttons=mark_safe("".join(buttons))))
    return mark_safe("\n".join(out))


class BedCheckDetail(ScopedDetailView):
    model = BedCheck
    capability = "operations.view"
    template_name = "operations/bed_check_detail.html"
    select_related = ("org_unit", "checked_by__staff")
    fields = [
        Column("org_unit", gettext_lazy("School")),
        Column("date", gettext_lazy("Night of")),
        Column("present", pgettext_lazy("bed check", "Present")),
        Column("absent", pgettext_lazy("bed check", "Absent")),
        Column("on_leave", pgettext_lazy("bed check", "On leave")),
        Column(lambda c: person(c.checked_by), gettext_lazy("Checked by")),
        Column(lambda c: local(c.checked_at, c.org_unit), gettext_lazy("Checked at")),
    ]

    def get_context(self, obj):
        context = super().get_context(obj)
        missing = list(BedCheckEntry.objects.filter(bed_check=obj).exclude(status=BedStatus.PRESENT)
                       .select_related("student__org_unit").order_by("status", "room", "id"))
        may_call = (has_capability(self.request.user, "operations.dormitory", obj.org_unit.path)
                    or has_capability(self.request.user, "operations.pickup_manage", obj.org_unit.path))
        guardians = services.guardians_of([e.student_id for e in missing]) if may_call else {}
        context["missing"] = [{"entry": e, "badge": _status_badge(e.status),
                               "guardians": guardians.get(e.student_id, [])} for e in missing]
        context["may_call"] = may_call
        return context


class AbsenceList(ScopedListView):
    """Absences (and leave) by night at the schools in scope, newest night first."""

    model = BedCheckEntry
    capability = "operations.view"
    filterset_class = AbsenceFilter
    title = gettext_lazy("Absences at bed checks")
    export_name = "bed-check-absences"
    default_order = ("-date", "room", "id")
    select_related = ("student__org_unit", "org_unit")
    columns = [
        Column("date", gettext_lazy("Night of"), sort="date"),
        Column(lambda e: e.student.name, gettext_lazy("Pupil")),
        Column(lambda e: e.student.org_unit, gettext_lazy("Class")),
        Column("room", gettext_lazy("Room")),
        Column(lambda e: _status_badge(e.status), gettext_lazy("Status")),
        Column("org_unit", gettext_lazy("School")),
    ]

    def get_queryset(self):
        return super().get_queryset().exclude(status=BedStatus.PRESENT)


class RoomForm(SchoolForm):
    capability = "operations.dormitory"
    org_unit = forms.ModelChoiceField(queryset=OrgUnit.objects.none(), label=gettext_lazy("School"))
    building = forms.CharField(label=gettext_lazy("Building"), max_length=100, required=False)
    name = forms.CharField(label=gettext_lazy("Room"), max_length=32, required=False)
    beds = forms.IntegerField(label=gettext_lazy("Beds"), min_value=1, max_value=services.MAX_BEDS, initial=8)


class AddRoom(FormPage):
    form_class = RoomForm
    capability = "operations.dormitory"
    title = gettext_lazy("Add a dormitory room")
    cancel_url = "operations:dormitory"
    success_message = gettext_lazy("Room added.")

    def perform(self, form):
        return services.add_room(actor=self.request.user, **form.cleaned_data)


class PupilChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{obj.name} ({obj.org_unit})"


class BedChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{obj.room} / {obj.label}"


class BoarderForm(UserForm):
    student = PupilChoice(queryset=Student.objects.none(), label=gettext_lazy("Pupil"), required=False)
    bed = BedChoice(queryset=DormBed.objects.none(), label=gettext_lazy("Bed"), required=False)

    def __init__(self, *args, school=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["student"].queryset = (Student.objects.filter(org_unit__path__startswith=school.path,
                                                                  org_unit__kind="class", is_active=True)
                                           .exclude(dorm_stays__active=True).select_related("org_unit")
                                           .order_by("org_unit__path", "name"))
        self.fields["bed"].queryset = (DormBed.objects.filter(org_unit=school).exclude(stays__active=True)
                                       .select_related("room__building").order_by("room__building__name",
                                                                                  "room__name", "label"))

    def clean(self):
        data = super().clean()
        for name in ("student", "bed"):
            if not data.get(name) and name not in self.errors:
                self.add_error(name, _("This field is required."))
        return data


class AddBoarder(FormPage):
    form_class = BoarderForm
    capability = "operations.dormitory"
    title = gettext_lazy("Add a boarder")
    cancel_url = "operations:dormitory"
    success_message = gettext_lazy("Boarder added.")

    def check(self) -> None:
        super().check()
        self.school = _school(self.request, self.capability)

    def get_form_kwargs(self) -> dict:
        return {**super().get_form_kwargs(), "school": self.school}

    def perform(self, form):
        return services.move_in(actor=self.request.user, **form.cleaned_data)

    def success_url(self, result) -> str:
        return reverse("operations:dormitory") + f"?school={self.school.pk}"


@guarded()
def move_out(request, pk):
    stay = Resident.objects.select_related("org_unit").get_visible(request.user, "operations.dormitory", pk=pk)
    if request.method == "POST":
        version = request.POST.get("version")
        try:
            services.move_out(stay, actor=request.user, expected_version=int(version) if str(version).isdigit()
                              else None)
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("%(name)s no longer boards.") % {"name": stay.student.name})
    return HttpResponseRedirect(reverse("operations:dormitory") + f"?school={stay.org_unit_id}")


def unit_panel(request, unit) -> dict | None:
    """On the school page: the last nights' bed checks and their absences."""
    if unit.kind != "school" or not has_capability(request.user, "operations.view", unit.path):
        return None
    checks = list(BedCheck.objects.filter(org_unit=unit).order_by("-date")[:NIGHTS_ON_PANEL])
    if not checks and not Resident.objects.filter(org_unit=unit, active=True).exists():
        return None
    absent = list(BedCheckEntry.objects.filter(bed_check__in=checks, status=BedStatus.ABSENT)
                  .select_related("student").order_by("-date", "room"))
    return {"template": "operations/_dormitory_panel.html", "title": _("Dormitory bed checks"), "school": unit,
            "checks": checks, "absent": absent}
