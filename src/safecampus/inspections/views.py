"""Pages: thin views that parse a form, call one service, and render the result."""

from __future__ import annotations

from django.contrib import messages
from django.db.models import Prefetch
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from safecampus.core.errors import Forbidden, NotFound
from safecampus.core.files import attachments_of
from safecampus.core.pdf import pdf_response
from safecampus.core.permissions import has_capability
from safecampus.core.views.generic import (
    Column,
    ScopedDetailView,
    ScopedListView,
    ScopedMixin,
    ServiceFormView,
    WorkflowActionView,
)

from . import services
from .choices import InspectionStatus
from .filters import InspectionFilter, TemplateFilter
from .forms import AssignForm, CancelForm, CarryOutForm, DrawForm, ScheduleForm, TemplateForm, items_to_text
from .models import ChecklistTemplate, Inspection, InspectionResult, SpotCheckDraw
from .workflows import INSPECTION


def _when(value) -> str:
    if value is None:
        return ""
    if hasattr(value, "hour"):
        return date_format(timezone.localtime(value), "SHORT_DATETIME_FORMAT")
    return date_format(value, "SHORT_DATE_FORMAT")


def _score(obj) -> str:
    return "" if obj.score is None else f"{obj.score}"


class InspectionList(ScopedListView):
    model = Inspection
    capability = "inspections.view"
    filterset_class = InspectionFilter
    title = _("Inspections")
    export_name = "inspections"
    status_field = "status"
    create_url = "inspections:schedule"
    create_capability = "inspections.schedule"
    create_label = _("Schedule inspection")
    default_order = ("-scheduled_for", "-id")
    columns = [
        Column("template.display_name", _("Checklist"), link=True),
        Column("template.get_kind_display", _("Kind")),
        Column("org_unit", _("School")),
        Column("scheduled_for", _("Date"), sort="scheduled_for"),
        Column(lambda o: (o.assignee.first_name or o.assignee.username) if o.assignee else "", _("Inspector")),
        Column("get_status_display", _("Status")),
        Column(_score, _("Score"), sort="score"),
    ]

    select_related = ("template", "org_unit", "assignee")
    only = ("template__name", "template__name_zh", "template__kind", "org_unit__name", "org_unit__name_zh",
            "scheduled_for", "assignee__first_name", "assignee__username", "status", "score")


class MyInspections(InspectionList):
    capability = "inspections.carry_out"
    title = _("My inspections")
    create_url = None
    default_order = ("scheduled_for", "id")  # the next one to do first

    def get_queryset(self):
        return super().get_queryset().filter(assignee=self.request.user, status=InspectionStatus.SCHEDULED)


class InspectionDetail(ScopedDetailView):
    model = Inspection
    capability = "inspections.view"
    template_name = "inspections/inspection_detail.html"
    workflow = INSPECTION
    queryset = Inspection.objects.select_related("template", "template_version", "org_unit", "assignee",
                                                 "completed_by", "draw")
    fields = [
        Column("template.get_kind_display", _("Kind")),
        Column("org_unit", _("School")),
        Column(lambda o: _when(o.scheduled_for), _("Date")),
        Column(lambda o: o.assignee.first_name or o.assignee.username if o.assignee else "", _("Inspector")),
        Column(lambda o: o.template_version.number, _("Checklist version")),
        Column(lambda o: _when(o.completed_at), _("Completed at")),
        Column(lambda o: o.completed_by.first_name or o.completed_by.username if o.completed_by else "",
               _("Completed by")),
        Column(_score, _("Score")),
        Column("summary", _("Overall remarks")),
    ]

    def get_context(self, obj) -> dict:
        context = super().get_context(obj)
        context.update(results_context(obj))
        context["attachments"] = []  # photos are shown on the row of the item they document
        if obj.status != InspectionStatus.COMPLETED:
            context["fields"] = [(label, value) for label, value in context["fields"] if value not in ("", None)]
        context["can_assign"] = obj.status == InspectionStatus.SCHEDULED and has_capability(
            self.request.user, "inspections.schedule", obj.org_unit.path)
        return context


def results_context(obj: Inspection) -> dict:
    results = list(InspectionResult.objects.filter(inspection=obj).select_related("item", "hazard"))
    photos: dict[str, list] = {}
    for att in attachments_of(obj):
        photos.setdefault(att.purpose, []).append(att)
    rows = [{"r": r, "photos": photos.get(f"item:{r.item_id}", [])} for r in results]
    items = [] if results else list(obj.template_version.items.all())
    return {"results": rows, "items": items, "failed": sum(1 for r in results if r.outcome == "fail")}


class InspectionComplete(ScopedMixin, ServiceFormView):
    """Carry out on a phone: one row per item, then one service call that scores and opens hazards."""

    model = Inspection
    capability = "inspections.carry_out"
    template_name = "inspections/carry_out.html"
    queryset = Inspection.objects.select_related("template", "template_version", "org_unit")

    def check(self) -> None:
        self.object = self.get_object()
        if self.object.status == InspectionStatus.SCHEDULED:
            INSPECTION.check(self.object, "complete", self.request.user)

    def get_form_kwargs(self) -> dict:
        return {"user": self.request.user, "inspection": self.object}

    def get(self, request, *args, **kwargs):
        self.check()
        if self.object.status != InspectionStatus.SCHEDULED:
            messages.info(request, _("This inspection is no longer open."))
            return HttpResponseRedirect(self.object.get_absolute_url())
        return self.render_form(self.form_class(**self.get_form_kwargs()))

    form_class = CarryOutForm

    def extra_context(self) -> dict:
        return {"object": self.object}

    def perform(self, form):
        return services.complete_inspection(
            self.object, actor=self.request.user, results=form.results(), photos=form.photos(),
            summary=form.cleaned_data.get("summary", ""), expected_version=form.cleaned_data["version"])

    def success_message_for(self, result) -> str:
        opened = result.results.exclude(hazard=None).count()
        return _("Inspection completed. Score: %(score)s. Hazards opened: %(n)d.") % {
            "score": result.score if result.score is not None else "—", "n": opened}


class InspectionCancel(WorkflowActionView):
    model = Inspection
    capability = "inspections.schedule"
    workflow = INSPECTION
    form_classes = {"cancel": CancelForm}

    def perform(self, obj, action, data, files):
        return services.cancel_inspection(obj, actor=self.request.user, reason=data.get("reason", ""))


class InspectionAssign(ScopedMixin, ServiceFormView):
    model = Inspection
    capability = "inspections.schedule"
    form_class = AssignForm
    title = _("Assign an inspector")
    submit_label = _("Assign")
    success_message = _("Inspector assigned.")

    def check(self) -> None:
        self.object = self.get_object()

    def extra_context(self) -> dict:
        return {"object": self.object}

    def get_form_kwargs(self) -> dict:
        return {"user": self.request.user, "initial": {"assignee": self.object.assignee_id}}

    def perform(self, form):
        return services.assign_inspection(self.object, actor=self.request.user,
                                          assignee=form.cleaned_data["assignee"])


class InspectionPdf(InspectionDetail):
    def get(self, request, *args, **kwargs):
        obj = self.get_object()
        context = {"object": obj, **results_context(obj)}
        return pdf_response("inspections/inspection_pdf.html", context, f"inspection-{obj.pk}", request=request)


class ScheduleView(ServiceFormView):
    form_class = ScheduleForm
    capability = "inspections.schedule"
    title = _("Schedule inspection")
    submit_label = _("Schedule")

    def perform(self, form):
        mode, unit = form.cleaned_data["target"]
        args = {"actor": self.request.user, "template": form.cleaned_data["template"],
                "scheduled_for": form.cleaned_data["scheduled_for"], "assignee": form.cleaned_data["assignee"]}
        if mode == "all":
            made = services.schedule_for_all_schools(org_unit=unit, **args)
            messages.success(self.request, _("%(n)d inspections scheduled.") % {"n": len(made)})
            return None
        inspection, created = services.schedule_inspection(org_unit=unit, **args)
        messages.success(self.request, _("Inspection scheduled.") if created else
                         _("This inspection was already scheduled."))
        return inspection

    def success_url(self, result) -> str:
        return result.get_absolute_url() if result is not None else reverse("inspections:inspection-list")


class DrawList(ScopedListView):
    model = SpotCheckDraw
    capability = "inspections.draw"
    title = _("Spot-check draws")
    export_name = "spot-check-draws"
    create_url = "inspections:draw-create"
    create_label = _("New draw")
    default_order = ("-drawn_at",)
    columns = [
        Column("__str__", _("Draw"), link=True),
        Column("template.display_name", _("Checklist")),
        Column("count", _("Number of schools")),
        Column("scheduled_for", _("Date")),
        Column("seed", _("Seed")),
    ]

    select_related = ("template",)


class DrawCreate(ServiceFormView):
    form_class = DrawForm
    capability = "inspections.draw"
    title = _("Random spot check: draw schools")
    submit_label = _("Draw")

    def perform(self, form):
        data = form.cleaned_data
        return services.draw_spot_check(actor=self.request.user, org_unit=data["central"], template=data["template"],
                                        count=data["count"], scheduled_for=data["scheduled_for"],
                                        assignee=data["assignee"])


class DrawDetail(ScopedDetailView):
    model = SpotCheckDraw
    capability = "inspections.view"
    template_name = "inspections/draw_detail.html"
    queryset = SpotCheckDraw.objects.select_related("template", "drawn_by", "org_unit")
    fields = [
        Column("org_unit", _("Central school")),
        Column("template.display_name", _("Checklist")),
        Column("count", _("Number of schools")),
        Column(lambda o: _when(o.scheduled_for), _("Date")),
        Column(lambda o: _when(o.drawn_at), _("Drawn at")),
        Column("drawn_by", _("Drawn by")),
        Column("seed", _("Seed")),
    ]

    def get_context(self, obj) -> dict:
        from safecampus.org.models import OrgUnit

        context = super().get_context(obj)
        names = {u.pk: u for u in OrgUnit.objects.filter(pk__in=obj.candidates)}
        context["candidates"] = [names.get(pk, pk) for pk in obj.candidates]
        context["chosen"] = [names.get(pk, pk) for pk in obj.chosen]
        context["replay_ok"] = services.replay_draw(obj.candidates, obj.count, obj.seed) == obj.chosen
        context["inspections"] = obj.inspections.select_related("org_unit").order_by("org_unit__path")
        return context


class TemplateList(ScopedListView):
    model = ChecklistTemplate
    capability = "inspections.view"
    filterset_class = TemplateFilter
    title = _("Checklists")
    export_name = "checklists"
    create_url = "inspections:template-create"
    create_capability = "inspections.manage_templates"
    create_label = _("New checklist")
    default_order = ("kind", "topic", "name")
    columns = [
        Column("display_name", pgettext_lazy("checklist", "Name"), link=True),
        Column("get_kind_display", _("Kind")),
        Column("get_topic_display", _("Topic")),
        Column(lambda t: t.current_version.number if t.current_version else "", _("Version")),
        Column(lambda t: t.owner or _("Shared library"), pgettext_lazy("checklist", "Owner")),
    ]

    select_related = ("current_version", "owner")


class TemplateDetail(ScopedDetailView):
    model = ChecklistTemplate
    capability = "inspections.view"
    template_name = "inspections/template_detail.html"
    queryset = ChecklistTemplate.objects.select_related("owner", "current_version").prefetch_related(
        Prefetch("versions"))
    fields = [
        Column("get_kind_display", _("Kind")),
        Column("get_topic_display", _("Topic")),
        Column(lambda t: t.owner or _("Shared library"), pgettext_lazy("checklist", "Owner")),
        Column(lambda t: t.current_version.number if t.current_version else "", _("Version")),
    ]

    def get_context(self, obj) -> dict:
        context = super().get_context(obj)
        user = self.request.user
        context["items"] = list(obj.current_version.items.all()) if obj.current_version else []
        context["versions"] = obj.versions.all()
        context["can_edit"] = obj.owner is not None and has_capability(user, "inspections.manage_templates",
                                                                       obj.owner.path)
        context["can_copy"] = has_capability(user, "inspections.manage_templates")
        return context


class TemplateCreate(ServiceFormView):
    form_class = TemplateForm
    capability = "inspections.manage_templates"
    title = _("New checklist")

    def source(self):
        pk = self.request.GET.get("from")
        if not (pk and pk.isdigit()):
            return None
        try:
            return ChecklistTemplate.objects.get_visible(self.request.user, "inspections.view", pk=pk)
        except (NotFound, Forbidden):
            return None

    def get_form_kwargs(self) -> dict:
        kwargs = super().get_form_kwargs()
        source = self.source()
        if source is not None and source.current_version is not None:
            items = list(source.current_version.items.all())
            kwargs["previous"] = items
            kwargs["initial"] = {"kind": source.kind, "topic": source.topic, "name": source.name,
                                 "name_zh": source.name_zh, "items": items_to_text(items)}
        return kwargs

    def perform(self, form):
        data = form.cleaned_data
        return services.create_template(actor=self.request.user, org_unit=data["owner"], kind=data["kind"],
                                        topic=data["topic"], name=data["name"], name_zh=data["name_zh"],
                                        items=data["items"])


class TemplateEdit(ServiceFormView):
    form_class = TemplateForm
    capability = "inspections.manage_templates"
    title = _("Edit checklist (saves a new version)")

    def check(self) -> None:
        self.object = ChecklistTemplate.objects.select_related("owner", "current_version").get_visible(
            self.request.user, "inspections.manage_templates", pk=self.kwargs["pk"])
        if self.object.owner is None:
            raise Forbidden(_("The shared library cannot be edited; create your own checklist from it."))
        if not has_capability(self.request.user, "inspections.manage_templates", self.object.owner.path):
            raise Forbidden()

    def get_form_kwargs(self) -> dict:
        items = list(self.object.current_version.items.all()) if self.object.current_version else []
        return {"user": self.request.user, "previous": items, "editing": True,
                "initial": {"name": self.object.name, "name_zh": self.object.name_zh,
                            "items": items_to_text(items)}}

    def perform(self, form):
        data = form.cleaned_data
        services.revise_template(self.object, actor=self.request.user, name=data["name"],
                                 name_zh=data["name_zh"], items=data["items"])
        return self.object
