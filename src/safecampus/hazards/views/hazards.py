"""Hazard pages: ledger, report, detail with the loop's buttons, actions, commitments, contacts."""

from __future__ import annotations

from datetime import date, datetime
from types import SimpleNamespace

from django.contrib import messages
from django.core.exceptions import ImproperlyConfigured
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.utils import formats, timezone
from django.utils.translation import gettext, gettext_lazy, pgettext_lazy
from django.utils.translation import gettext as _
from django.views import View

from safecampus.core.badges import Badge, Badges
from safecampus.core.errors import Conflict, DomainError, Forbidden, NotFound
from safecampus.core.views.generic import (
    Column,
    ScopedDetailView,
    ScopedListView,
    ScopedMixin,
    ServiceFormView,
    WorkflowActionView,
    apply_errors,
)

from .. import services
from ..filters import HazardFilter
from ..forms import (
    AssignForm,
    CommitmentsForm,
    ContactForm,
    RectifyForm,
    RejectForm,
    ReportForm,
    SuperviseForm,
    VerifyForm,
)
from ..models import Hazard, HazardContact
from ..workflows import (
    COMMITMENTS,
    CONTACT,
    SUPERVISE,
    SUPERVISE_CAPABILITY,
    WORKFLOW,
    allowed_actions,
    supervisable,
    supervises_from_above,
)


def person(user) -> str:
    if user is None:
        return ""
    staff = getattr(user, "staff", None)
    return staff.name if staff is not None else user.get_username()


def _shown(value):
    if isinstance(value, datetime):
        return formats.localize(timezone.localtime(value))
    if isinstance(value, date):
        return formats.localize(value)
    return value


def _status(h: Hazard) -> Badge | Badges:
    badge = Badge(f"{h.get_status_display()} · {_('Overdue')}", "overdue") if h.overdue \
        else Badge(h.get_status_display(), h.status)
    # Under a supervision order from above: the school should see it at a glance in its ledger.
    return Badges(badge, Badge(_("Supervised"), "supervised", "dark")) if h.supervised else badge


class HazardList(ScopedListView):
    """The hazard ledger (台账): filters by school, category, level, status, period; XLSX."""

    model = Hazard
    capability = "hazards.view"
    filterset_class = HazardFilter
    template_name = "hazards/list.html"
    title = gettext_lazy("Hazard ledger")
    export_name = "hazard-ledger"
    create_url = "hazards:report"
    create_capability = "hazards.report"
    create_label = gettext_lazy("Report a hazard")
    status_field = "status"
    default_order = ("-reported_at", "-id")
    # The page shows what a phone or a laptop can hold; the XLSX carries the whole ledger.
    columns = [
        Column("pk", gettext_lazy("No."), sort="id"),
        Column("title", gettext_lazy("Hazard"), link=True),
        Column("org_unit", gettext_lazy("School"), sort="org_unit__path"),
        Column(lambda h: Badge(h.get_level_display(), h.level), pgettext_lazy("hazard", "Level"), sort="level"),
        Column(_status, gettext_lazy("Status"), sort="status"),
        Column(lambda h: person(h.assignee), gettext_lazy("Responsible person")),
        Column("deadline", gettext_lazy("Deadline"), sort="deadline"),
        Column("reported_at", gettext_lazy("Reported at"), sort="reported_at"),
    ]
    export_columns = [
        *columns[:3],
        Column("get_category_display", gettext_lazy("Category")),
        *columns[3:],
        Column("location", pgettext_lazy("hazard", "Location")),
        Column("description", gettext_lazy("Details")),
        Column("get_source_display", gettext_lazy("Found through")),
        Column(lambda h: person(h.reported_by), gettext_lazy("Reported by")),
        Column("rectification_note", gettext_lazy("Rectification")),
        Column(lambda h: person(h.verified_by), gettext_lazy("Verified by")),
        Column("closed_at", gettext_lazy("Closed at")),
        Column(lambda h: gettext("Yes") if h.escalated else "", gettext_lazy("Escalated to the authority")),
        Column("supervised_at", gettext_lazy("Supervised at")),
        Column("supervision_note", gettext_lazy("Supervision note")),
        Column("outside_department", gettext_lazy("Outside department")),
    ]

    def get(self, request, *args, **kwargs):
        if request.GET.get("export") == "xlsx":
            self.columns = self.export_columns
            self.queryset = Hazard.objects.select_related("reported_by__staff", "verified_by__staff")
        return super().get(request, *args, **kwargs)

    select_related = ("org_unit", "assignee__staff")
    # A hazard has some fifty columns; the ledger's page shows eight (``overdue`` reads the status and
    # ``due_at``, the supervision badge ``supervised_at``).
    only = ("title", "org_unit__name", "org_unit__name_zh", "level", "status", "due_at", "supervised_at",
            "assignee__username", "assignee__staff__name", "deadline", "reported_at")

    def extra_context(self) -> dict:
        from safecampus.core.permissions import has_capability

        return {"can_analytics": has_capability(self.request.user, "hazards.analytics"),
                "can_manage_policy": has_capability(self.request.user, "hazards.manage_policy")}


class HazardDetail(ScopedDetailView):
    model = Hazard
    capability = "hazards.view"
    template_name = "hazards/detail.html"
    fields = [
        Column("org_unit", gettext_lazy("School")),
        Column("get_category_display", gettext_lazy("Category")),
        Column(lambda h: Badge(h.get_level_display(), h.level), pgettext_lazy("hazard", "Level")),
        Column("location", pgettext_lazy("hazard", "Location")),
        Column("description", gettext_lazy("Details")),
        Column("get_source_display", gettext_lazy("Found through")),
        Column(lambda h: person(h.reported_by), gettext_lazy("Reported by")),
        Column("reported_at", gettext_lazy("Reported at")),
        Column("escalated_at", gettext_lazy("Escalated to the authority")),
        Column("overdue_escalated_at", gettext_lazy("Overdue: escalated")),
        Column("supervised_at", gettext_lazy("Supervised at")),
        Column(lambda h: person(h.supervised_by), gettext_lazy("Supervised by")),
        Column("supervision_note", gettext_lazy("Supervision note")),
        Column("responsible_unit", gettext_lazy("Responsible unit")),
        Column(lambda h: person(h.assignee), gettext_lazy("Responsible person")),
        Column("deadline", gettext_lazy("Deadline")),
        Column("outside_department", gettext_lazy("Outside department")),
        Column("rectification_note", gettext_lazy("Rectification")),
        Column(lambda h: person(h.rectified_by), gettext_lazy("Rectified by")),
        Column("last_rejection_note", gettext_lazy("Last rejection")),
        Column(lambda h: person(h.verified_by), gettext_lazy("Verified by")),
        Column("verification_note", gettext_lazy("Verification note")),
        Column("closed_at", gettext_lazy("Closed at")),
    ]

    def all_rows(self):
        return Hazard.objects.select_related("org_unit", "responsible_unit", "assignee__staff",
                                             "reported_by__staff", "rectified_by__staff", "verified_by__staff",
                                             "supervised_by__staff", "recurrence_of")

    def get_context(self, obj):
        context = super().get_context(obj)
        # Only what is known so far: a new hazard is not a page of dashes.
        context["fields"] = [(label, _shown(value)) for label, value in context["fields"] if value not in ("", None)]
        allowed = allowed_actions(obj, self.request.user)
        extra = {COMMITMENTS: SimpleNamespace(action=COMMITMENTS, label=_("Record five commitments"),
                                              style="warning"),
                 CONTACT: SimpleNamespace(action=CONTACT, label=_("Log a contact"), style="outline-primary"),
                 SUPERVISE: SimpleNamespace(action=SUPERVISE, label=_("Issue a supervision order"), style="dark")}
        context["actions"] = [WORKFLOW.get(a) if a in WORKFLOW.actions() else extra[a] for a in allowed]
        # Before and after side by side, so the verifier compares the report with the evidence.
        photos = list(context["attachments"])
        context["report_photos"] = [a for a in photos if a.purpose != "rectification"]
        context["evidence_photos"] = [a for a in photos if a.purpose == "rectification"]
        context["attachments"] = []
        context["contacts"] = HazardContact.objects.visible_to(self.request.user, "hazards.view").filter(
            hazard=obj).select_related("recorded_by__staff")
        context["recurrences"] = Hazard.objects.visible_to(self.request.user, "hazards.view").filter(
            recurrence_of=obj)
        context["waiting_commitments"] = (obj.is_major and not obj.has_commitments and obj.status == "assigned")
        from safecampus.core.permissions import has_capability

        context["can_report_recurrence"] = obj.status == "closed" and has_capability(
            self.request.user, "hazards.report", obj.org_unit.path)
        return context


class ReportHazard(ServiceFormView):
    form_class = ReportForm
    capability = "hazards.report"
    title = gettext_lazy("Report a hazard")
    template_name = "hazards/report.html"
    success_message = gettext_lazy("Hazard reported. Thank you.")

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        if self.request.method == "GET" and self.request.GET.get("recurrence_of", "").isdigit():
            kwargs["initial"] = {"recurrence_of": int(self.request.GET["recurrence_of"])}
        return kwargs

    def perform(self, form):
        data = form.cleaned_data
        recurrence = None
        if data.get("recurrence_of"):
            recurrence = Hazard.objects.visible_to(self.request.user, "hazards.view").filter(
                pk=data["recurrence_of"]).first()
        return services.report_hazard(
            actor=self.request.user, org_unit=data["org_unit"], title=data["title"], category=data["category"],
            level=data["level"], location=data["location"], description=data["description"],
            outside_department=data["outside_department"], responsible_unit=data["responsible_unit"],
            photos=data["photos"], request_id=data["request_id"], recurrence_of=recurrence)


class HazardAction(WorkflowActionView):
    """assign / rectify / verify / reject from the page, through the same services as the API."""

    model = Hazard
    capability = "hazards.view"
    workflow = WORKFLOW
    form_classes = {"assign": AssignForm, "rectify": RectifyForm, "verify": VerifyForm, "reject": RejectForm}

    def get_object(self):
        transition = WORKFLOW.get(self.kwargs["action"])
        return Hazard.objects.select_related("org_unit").get_visible(
            self.request.user, transition.capability, pk=self.kwargs["pk"])

    def _form(self, action, data=None, files=None):
        kwargs = {"data": data, "files": files, "user": self.request.user,
                  "initial": {"version": self._object.version}}
        if action == "assign":
            kwargs["hazard"] = self._object
        return self.form_classes[action](**kwargs)

    def get(self, request, pk, action):
        self._object = self.get_object()
        try:
            # Show the form only to someone who may take the step now (403 for the wrong person).
            WORKFLOW.check(self._object, action, request.user)
        except Conflict as exc:
            messages.error(request, exc.message)
            return HttpResponseRedirect(self._object.get_absolute_url())
        return super().get(request, pk, action)

    def post(self, request, pk, action):
        self._object = self.get_object()
        return super().post(request, pk, action)

    def perform(self, obj, action, data, files):
        version = _version(self.request)
        if action == "assign":
            return services.assign(obj, actor=self.request.user, assignee=data["assignee"],
                                   deadline=data["deadline"], note=data["note"],
                                   responsible_unit=data["responsible_unit"], expected_version=version)
        if action == "rectify":
            return services.rectify(obj, actor=self.request.user, note=data["note"],
                                    photos=data["photos"], expected_version=version, require_photo=True)
        if action == "verify":
            return services.verify(obj, actor=self.request.user, note=data["note"], expected_version=version)
        return services.reject(obj, actor=self.request.user, note=data["note"],
                               deadline=data["deadline"], expected_version=version)


def _version(request) -> int | None:
    raw = request.POST.get("version", "")
    return int(raw) if raw.isdigit() else None


class HazardFormView(ScopedMixin, View):
    """A form on one hazard that records a fact beside the state machine (commitments, contacts)."""

    model = Hazard
    form_class = None
    action_label = ""
    template_name = "core/action.html"

    def perform(self, obj, data):
        raise ImproperlyConfigured(f"{type(self).__name__} must define perform(obj, data).")

    def check(self, obj) -> None:
        """Beyond the capability: who else may act (raise Forbidden)."""

    def _render(self, obj, form, status=200):
        transition = SimpleNamespace(action=self.kwargs.get("action", ""), label=self.action_label, style="primary")
        return render(self.request, self.template_name, {"object": obj, "transition": transition, "form": form},
                      status=status)

    def get(self, request, pk):
        obj = self.get_object()
        self.check(obj)
        return self._render(obj, self.form_class(user=request.user, initial={"version": obj.version}))

    def post(self, request, pk):
        obj = self.get_object()
        self.check(obj)
        form = self.form_class(data=request.POST, user=request.user)
        if form.is_valid():
            try:
                self.perform(obj, form.cleaned_data)
            except (Forbidden, NotFound):
                raise
            except DomainError as exc:
                apply_errors(form, exc)
                return self._render(obj, form, exc.status)
            return HttpResponseRedirect(obj.get_absolute_url())
        return self._render(obj, form, 400)


class RecordCommitments(HazardFormView):
    capability = "hazards.assign"
    form_class = CommitmentsForm
    action_label = gettext_lazy("Record five commitments")

    def perform(self, obj, data):
        data = {k: v for k, v in data.items() if k != "version"}
        services.record_commitments(obj, actor=self.request.user, expected_version=_version(self.request),
                                    **data)


class LogContact(HazardFormView):
    capability = "hazards.view"
    form_class = ContactForm
    action_label = gettext_lazy("Log a contact")

    def check(self, obj) -> None:
        from safecampus.core.permissions import has_capability

        # The school's leaders, or the person the hazard was given to, talk to the outside department.
        if not (has_capability(self.request.user, "hazards.assign", obj.org_unit.path)
                or obj.assignee_id == self.request.user.pk):
            raise Forbidden()

    def perform(self, obj, data):
        services.add_contact(obj, actor=self.request.user, **data)


class SuperviseHazard(HazardFormView):
    """The supervision order (督办) from the central school or the authority."""

    capability = SUPERVISE_CAPABILITY
    form_class = SuperviseForm
    action_label = gettext_lazy("Issue a supervision order")

    def check(self, obj) -> None:
        if not supervises_from_above(self.request.user, obj):
            raise Forbidden(_("Only the central school or the authority above the school can supervise a hazard."))

    def get(self, request, pk):
        obj = self.get_object()
        self.check(obj)
        if not supervisable(obj):
            messages.error(request, _("Supervision is for open major hazards and hazards escalated above the "
                                      "school."))
            return HttpResponseRedirect(obj.get_absolute_url())
        return self._render(obj, self.form_class(user=request.user, initial={"version": obj.version}))

    def perform(self, obj, data):
        services.supervise(obj, actor=self.request.user, note=data["note"], deadline=data["deadline"],
                           expected_version=_version(self.request))
        messages.success(self.request, _("Supervision order issued; the school's responsible people were told."))
