"""Filing and reading incidents; amendments, follow-ups, investigation and closing."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from safecampus.core.errors import Forbidden, NotFound
from safecampus.core.files import attachments_of
from safecampus.core.pdf import pdf_response
from safecampus.core.permissions import has_capability
from safecampus.core.views.generic import (
    ScopedDetailView,
    ScopedListView,
    ServiceFormView,
    history_of,
    revealed_page,
)

from .. import hazard_links, selectors, services
from ..choices import AMENDABLE, Kind, Severity, at_least
from ..filters import IncidentFilter
from ..forms import AmendForm, CloseForm, FollowUpForm, IncidentForm, InvestigationForm
from ..models import Amendment, Incident, masked_names
from ..workflows import INCIDENT
from .common import INCIDENT_COLUMNS, amended_timing, amendment_value, local, person


def incident_rows():
    return Incident.objects.select_related("org_unit", "state").prefetch_related("amendments")


class IncidentList(ScopedListView):
    model = Incident
    capability = "incidents.view"
    filterset_class = IncidentFilter
    title = gettext_lazy("Incidents")
    export_name = "incidents"
    columns = INCIDENT_COLUMNS
    default_order = ("-occurred_at", "-id")
    create_url = "incidents:file"
    create_capability = "incidents.file"
    create_label = gettext_lazy("Report an incident")

    select_related = ("org_unit", "state")
    prefetch_related = (Prefetch("amendments", queryset=Amendment.objects.select_related("author")),)
    # The cells read the report as amended (every amendable field), its timing and its state; not the
    # state's dates nor the unit's twenty columns.
    only = (*AMENDABLE, "filed_at", "time_zone", "late", "first_report_minutes", "org_unit__name",
            "org_unit__name_zh", "state__status")

    def get(self, request, *args, **kwargs):
        # Without the school's view, the list holds the reports the reader filed herself.
        self.capability = selectors.reader_capability(request.user)
        return super().get(request, *args, **kwargs)

    def base_queryset(self):
        return selectors.readable(self.all_rows(), self.request.user, self.capability)


class LateList(IncidentList):
    title = gettext_lazy("Late reports")
    export_name = "late-incidents"

    def get_queryset(self):
        return super().get_queryset().filter(late=True)


class FileIncident(ServiceFormView):
    form_class = IncidentForm
    capability = "incidents.file"
    title = gettext_lazy("Report an incident")
    submit_label = gettext_lazy("File the report")

    def perform(self, form):
        data = form.cleaned_data
        incident, created = services.file_incident(
            actor=self.request.user, org_unit=data["org_unit"], kind=data["kind"], severity=data["severity"],
            occurred_at=data["occurred_at"], summary=data["summary"], injured=data["injured"],
            deaths=data["deaths"], location=data["location"], first_actions=data["first_actions"],
            injured_names=data["injured_names"], request_id=data.get("request_id") or None,
            photos=[data["photos"]] if data.get("photos") else None)
        return incident

    def success_url(self, incident):
        when = local(incident.filed_at, incident.time_zone)
        if incident.late:
            messages.warning(self.request, _("Filed at %(when)s. The report is late: it was due by %(due)s.") % {
                "when": when, "due": local(incident.report_deadline, incident.time_zone)})
        else:
            messages.success(self.request, _("Filed at %(when)s; the central school has been told.") % {
                "when": when})
        return incident.get_absolute_url()  # the reporter reads her own report (selectors.get_readable)


class IncidentDetail(ScopedDetailView):
    model = Incident
    capability = "incidents.view"
    template_name = "incidents/incident_detail.html"
    queryset = Incident.objects.select_related("org_unit", "reporter", "state").prefetch_related(
        "amendments__author", "followups__author")

    def get_object(self):
        return selectors.get_readable(self.all_rows(), self.request.user, self.kwargs["pk"])

    def get_context(self, obj):
        user = self.request.user
        current = obj.current()
        actions = [INCIDENT.get(a) for a in INCIDENT.allowed_actions(obj, user)]
        has_investigation = hasattr(obj, "investigation")
        if has_investigation:
            actions = [a for a in actions if a.action != "investigate"]
        needs_investigation = at_least(current["severity"], Severity.SERIOUS) and not has_investigation
        if needs_investigation:
            # The close button would only answer with a refusal; the page says why instead.
            actions = [a for a in actions if a.action != "close"]
        zone = obj.time_zone
        amendments = []
        for a in obj.amendments.all():
            rows = [(Incident._meta.get_field(f).verbose_name, amendment_value(f, old, zone),
                     amendment_value(f, new, zone)) for f, (old, new) in a.changes.items()]
            if a.names_changed:
                rows.append((Incident._meta.get_field("injured_names").verbose_name,
                             masked_names(a.injured_names_old), masked_names(a.injured_names_new)))
            amendments.append({"obj": a, "rows": rows, "at": local(a.at, zone), "by": person(a.author)})
        return {
            "object": obj, "current": current, "zone": zone, "names_masked": masked_names(current["injured_names"]),
            "kind_label": Kind(current["kind"]).label, "severity_label": Severity(current["severity"]).label,
            "severity_key": "general" if current["severity"] == "general" else "major",
            "occurred": local(current["occurred_at"], zone), "filed": local(obj.filed_at, zone),
            "deadline": local(obj.report_deadline, zone), "written_deadline": local(obj.written_report_deadline, zone),
            "written_at": local(obj.state.written_report_at, zone),
            "filed_values": {f: getattr(obj, f) for f in AMENDABLE},
            "amendments": amendments, "amended_timing": amended_timing(obj),
            "followups": [{"obj": f, "at": local(f.at, zone)} for f in obj.followups.all()],
            "investigation": obj.investigation if has_investigation else None,
            "hazard_links": hazard_links.links(user, obj.investigation.hazard_ids) if has_investigation else [],
            "needs_investigation": needs_investigation,
            "actions": actions, "history": history_of(obj),
            "can_reveal": bool(current["injured_names"]) and has_capability(
                user, "org.reveal_identity", obj.org_unit.path),
            "notices": obj.notices.all(), "attachments": attachments_of(obj),
        }


class IncidentStepView(ServiceFormView):
    """One step on an incident: the record is found in scope first (404), then the capability (403)."""

    step = ""

    def check(self) -> None:
        self.incident = selectors.get_readable(Incident.objects.select_related("org_unit", "state"),
                                               self.request.user, self.kwargs["pk"], INCIDENT.get(self.step).capability)
        if not INCIDENT.get(self.step).permits(self.incident, self.request.user, self.incident.org_unit.path):
            raise Forbidden()

    def extra_context(self) -> dict:
        return {"object": self.incident}

    def success_url(self, result) -> str:
        return self.incident.get_absolute_url()

    def initial(self) -> dict:
        # The state's version as the form was opened: a step taken by someone else since is a 409.
        return {"version": self.incident.state.version}

    def get(self, request, *args, **kwargs):
        self.check()
        return self.render_form(self.form_class(initial=self.initial(), **self.get_form_kwargs()))

    def seen(self, form) -> dict:
        """The form's fields for the service, with the version it was opened at as ``expected_version``."""
        data = dict(form.cleaned_data)
        data["expected_version"] = data.pop("version", None)
        return data


class AmendIncident(IncidentStepView):
    step = "amend"
    form_class = AmendForm
    title = gettext_lazy("Amend the report")
    submit_label = gettext_lazy("Save the amendment")
    template_name = "incidents/step_form.html"

    def initial(self) -> dict:
        current = Incident.objects.prefetch_related("amendments").get(pk=self.incident.pk).current()
        initial = {f: current[f] for f in AMENDABLE if f != "injured_names"}
        initial["occurred_at"] = local(current["occurred_at"], self.incident.time_zone).replace(" ", "T")
        return {**super().initial(), **initial}

    def perform(self, form):
        data = self.seen(form)
        reason, version = data.pop("reason"), data.pop("expected_version")
        # Only what the person changed: the form shows minutes, the report may hold seconds.
        initial = self.initial()
        changes = {k: v for k, v in data.items() if k != "injured_names" and str(v) != str(initial.get(k))}
        if data.get("injured_names"):
            changes["injured_names"] = data["injured_names"]
        return services.amend(self.incident, actor=self.request.user, reason=reason, changes=changes,
                              expected_version=version)


class FollowUpIncident(IncidentStepView):
    step = "followup"
    form_class = FollowUpForm
    title = gettext_lazy("Follow-up report")
    submit_label = gettext_lazy("Send the report")
    template_name = "incidents/step_form.html"

    def initial(self) -> dict:
        kind = "written" if self.incident.state.written_report_at is None else "progress"
        return {**super().initial(), "kind": kind}

    def perform(self, form):
        return services.add_followup(self.incident, actor=self.request.user, **self.seen(form))


class InvestigateIncident(IncidentStepView):
    step = "investigate"
    form_class = InvestigationForm
    title = gettext_lazy("Liability investigation")
    submit_label = gettext_lazy("Record the investigation")
    template_name = "incidents/step_form.html"

    def get_form_kwargs(self) -> dict:
        return {**super().get_form_kwargs(), "incident": self.incident}

    def perform(self, form):
        return services.record_investigation(self.incident, actor=self.request.user, **self.seen(form))


class CloseIncident(IncidentStepView):
    step = "close"
    form_class = CloseForm
    title = gettext_lazy("Close the incident")
    submit_label = gettext_lazy("Close")
    template_name = "incidents/step_form.html"

    def perform(self, form):
        data = self.seen(form)
        return services.close(self.incident, actor=self.request.user, note=data["note"],
                              expected_version=data["expected_version"])


def _visible(request, pk: int, capability: str) -> Incident:
    try:
        return Incident.objects.select_related("org_unit", "state").get_visible(request.user, capability, pk=pk)
    except NotFound:
        raise Http404 from None


@login_required
@require_POST
def reveal_names(request, pk: int):
    try:
        incident = _visible(request, pk, "incidents.view")
        names = services.reveal_names(incident, actor=request.user)
    except Forbidden:
        return render(request, "core/403.html", status=403)
    # Shown in this answer only: never stored in the session, a URL or a cache.
    return revealed_page(request, IncidentDetail, incident, names)


@login_required
def incident_pdf(request, pk: int):
    try:
        incident = _visible(request, pk, "incidents.view")
    except Forbidden:
        return render(request, "core/403.html", status=403)
    view = IncidentDetail()
    view.request = request
    context = view.get_context(Incident.objects.select_related("org_unit", "reporter", "state").prefetch_related(
        "amendments__author", "followups__author").get(pk=incident.pk))
    context["revealed"] = None
    return pdf_response("incidents/incident_pdf.html", context, f"incident-{incident.pk}", request)
