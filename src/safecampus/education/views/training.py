"""Training pages: sessions, recording one, certificates, programmes, and coverage per unit and per post."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from django.contrib import messages
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from safecampus.core.errors import DomainError, Forbidden
from safecampus.core.permissions import has_capability
from safecampus.core.views.generic import Column, ScopedDetailView, ScopedListView, ServiceFormView, guarded
from safecampus.org.models import OrgUnit

from .. import policies, selectors, services
from ..filters import TrainingFilter
from ..forms import CertificateForm, ProgrammeForm, TrainingForm
from ..models import TrainingProgramme, TrainingSession
from ..services.common import local_today


class TrainingList(ScopedListView):
    model = TrainingSession
    queryset = TrainingSession.objects.select_related("org_unit", "programme")
    capability = "education.view"
    filterset_class = TrainingFilter
    title = gettext_lazy("Staff training")
    export_name = "staff-training"
    create_url = "education:training-new"
    create_capability = "education.train"
    create_label = gettext_lazy("Record a training session")
    template_name = "education/training/list.html"
    default_order = ("-held_on", "-id")
    columns = [
        Column("held_on", gettext_lazy("Held on"), sort="held_on"),
        Column("title", gettext_lazy("Title"), link=True),
        Column("hours", gettext_lazy("Hours")),
        Column("trainer", gettext_lazy("Trainer")),
        Column("org_unit", gettext_lazy("Held by"), sort="org_unit__path"),
        Column("programme", gettext_lazy("Programme")),
    ]


class TrainingDetail(ScopedDetailView):
    model = TrainingSession
    queryset = TrainingSession.objects.select_related("org_unit", "programme")
    capability = "education.view"
    template_name = "education/training/detail.html"
    fields = [
        Column("held_on", gettext_lazy("Held on")),
        Column("hours", gettext_lazy("Hours")),
        Column("trainer", gettext_lazy("Trainer")),
        Column("org_unit", gettext_lazy("Held by")),
        Column("programme", gettext_lazy("Programme")),
    ]

    def get_context(self, obj) -> dict:
        from safecampus.org.models import Staff

        context = super().get_context(obj)
        users = [a.user_id for a in obj.attendance.all()]
        context["attendees"] = Staff.objects.filter(user_id__in=users).select_related("org_unit").order_by(
            "org_unit__path", "name")
        context["can_upload"] = has_capability(self.request.user, "education.train", obj.org_unit.path)
        context["certificate_form"] = CertificateForm(user=self.request.user)
        return context


class RecordTraining(ServiceFormView):
    form_class = TrainingForm
    template_name = "education/form.html"
    title = gettext_lazy("Record a training session")
    capability = "education.train"
    success_message = gettext_lazy("Training session recorded.")

    def perform(self, form):
        data = form.cleaned_data
        cert = data.get("certificate")
        return services.record_training(
            actor=self.request.user, org_unit=data["org_unit"], title=data["title"], held_on=data["held_on"],
            hours=data["hours"], attendees=list(data["attendees"]), trainer=data["trainer"],
            programme=data["programme"], certificates=[cert] if cert else [], request_id=data.get("request_id", ""))

    def extra_context(self) -> dict:
        return {"cancel_url": "education:trainings"}


@guarded()
def add_certificate(request, pk: int):
    session = TrainingSession.objects.get_visible(request.user, "education.train", pk=pk)
    if request.method != "POST":
        return HttpResponseRedirect(session.get_absolute_url())
    form = CertificateForm(data=request.POST, files=request.FILES, user=request.user)
    if not form.is_valid():
        messages.error(request, _("Choose a file."))
        return HttpResponseRedirect(session.get_absolute_url())
    try:
        services.add_certificate(session, actor=request.user, upload=form.cleaned_data["file"])
    except Forbidden:
        raise
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Certificate added."))
    return HttpResponseRedirect(session.get_absolute_url())


class ProgrammeList(ScopedListView):
    model = TrainingProgramme
    queryset = TrainingProgramme.objects.select_related("org_unit")
    capability = "education.view"
    title = gettext_lazy("Training programmes")
    export_name = "training-programmes"
    create_url = "education:programme-new"
    create_capability = "education.train"
    create_label = gettext_lazy("New programme")
    default_order = ("-year", "title")
    columns = [
        Column("year", gettext_lazy("Year"), sort="year"),
        Column("title", gettext_lazy("Title"), link=True),
        Column("org_unit", gettext_lazy("Unit")),
    ]


class ProgrammeDetail(ScopedDetailView):
    model = TrainingProgramme
    queryset = TrainingProgramme.objects.select_related("org_unit")
    capability = "education.view"
    template_name = "education/training/programme.html"
    fields = [Column("year", gettext_lazy("Year")), Column("org_unit", gettext_lazy("Unit")),
              Column("description", gettext_lazy("Description"))]

    def get_context(self, obj) -> dict:
        context = super().get_context(obj)
        context["sessions"] = obj.sessions.order_by("-held_on")
        return context


class NewProgramme(ServiceFormView):
    form_class = ProgrammeForm
    template_name = "education/form.html"
    title = gettext_lazy("New training programme")
    capability = "education.train"
    success_message = gettext_lazy("Programme created.")

    def perform(self, form):
        data = form.cleaned_data
        return services.create_programme(actor=self.request.user, org_unit=data["org_unit"], title=data["title"],
                                         year=data["year"], description=data["description"])

    def extra_context(self) -> dict:
        return {"cancel_url": "education:programmes"}


@guarded("education.view")
def coverage(request):
    """Hours per member of staff this school year against the minimum; coverage per unit and per post."""
    units = OrgUnit.objects.visible_to(request.user, "education.view").order_by("depth", "path")
    chosen = request.GET.get("unit", "")
    unit = units.filter(pk=int(chosen)).first() if chosen.isdigit() else units.first()
    if unit is None:
        raise Forbidden()
    start, end, name = selectors.year_bounds(unit, None, local_today(unit))
    rows = selectors.training_coverage(unit, start, end)
    minimum = Decimal(str(policies.policy_for(unit, policies.TRAINING)["min_hours"]))
    people = selectors.staff_hours(unit, start, end) if unit.kind == "school" else []
    posts: dict[str, dict] = defaultdict(lambda: {"staff": 0, "trained": 0})
    for staff, hours in people:
        for post in staff.posts.all() or [None]:
            key = post.display_name if post else _("No post")
            posts[key]["staff"] += 1
            posts[key]["trained"] += int(hours >= minimum)
    return render(request, "education/training/coverage.html", {
        "unit": unit, "units": units.exclude(kind__in=["grade", "class"]), "rows": rows, "year": name,
        "minimum": minimum, "people": people, "posts": sorted(posts.items()), "title": _("Training coverage")})

