"""Notices, rewards and punishments, monthly information reports and reporting rules."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_date
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from safecampus.core.badges import Badge
from safecampus.core.errors import Conflict, Forbidden, InvalidInput, NotFound
from safecampus.core.permissions import has_capability, scope_paths
from safecampus.core.scoping import path_q
from safecampus.core.views.generic import Column, ScopedListView, ScopedMixin, ServiceFormView
from safecampus.org.models import OrgUnit

from .. import services
from ..choices import SEVERITY_RANK
from ..filters import InfoReportFilter
from ..forms import InfoReportForm, NewRuleForm, NoticeForm, RecordForm, RuleForm
from ..models import AccountabilityRecord, Incident, InfoReport, Notice, NoticeTarget, ReportingRule
from ..services.info import local_today, missing_schools, month_start, previous_month
from .common import local


def _incident(user, pk, capability: str):
    if not pk:
        return None
    incident = Incident.objects.visible_to(user, capability).filter(pk=pk).first()
    if incident is None:
        raise InvalidInput.field("incident", _("Unknown incident."))
    return incident


# --- notices ---------------------------------------------------------------------------------

@login_required
def notice_list(request):
    user = request.user
    if not has_capability(user, "incidents.view_notices"):
        return render(request, "core/403.html", status=403)
    published = Notice.objects.visible_to(user, "incidents.view_notices").prefetch_related("targets")
    received = (NoticeTarget.objects.visible_to(user, "incidents.view_notices")
                .exclude(notice__in=published).select_related("notice", "org_unit"))
    return render(request, "incidents/notice_list.html", {
        "title": _("Notices"), "published": published[:100], "received": received[:100],
        "can_publish": has_capability(user, "incidents.publish_notice")})


class NoticeNew(ServiceFormView):
    form_class = NoticeForm
    capability = "incidents.publish_notice"
    title = gettext_lazy("Publish a notice")
    submit_label = gettext_lazy("Publish")
    success_message = gettext_lazy("The notice was published.")

    def perform(self, form):
        data = form.cleaned_data
        return services.publish_notice(
            actor=self.request.user, org_unit=data["org_unit"], kind=data["kind"], title=data["title"],
            body=data["body"], targets=list(data["targets"]),
            incident=_incident(self.request.user, data.get("incident"), "incidents.view"),
            request_id=data.get("request_id") or None)


def _notice_visible(user, pk: int) -> tuple[Notice, list[NoticeTarget]]:
    """Publisher's side sees every target; a receiving unit sees the notice through its own target."""
    notice = Notice.objects.visible_to(user, "incidents.view_notices").filter(pk=pk).first()
    if notice is not None:
        return notice, list(notice.targets.select_related("org_unit", "acknowledged_by"))
    mine = list(NoticeTarget.objects.visible_to(user, "incidents.view_notices").filter(notice_id=pk)
                .select_related("notice", "org_unit", "acknowledged_by"))
    if mine:
        return mine[0].notice, mine
    if NoticeTarget.objects.visible_to(user, "org.view").filter(notice_id=pk).exists():
        raise Forbidden()
    raise NotFound()


@login_required
def notice_detail(request, pk: int):
    try:
        notice, targets = _notice_visible(request.user, pk)
    except NotFound:
        raise Http404 from None
    except Forbidden:
        return render(request, "core/403.html", status=403)
    for t in targets:
        t.can_ack = t.acknowledged_at is None and has_capability(request.user, "incidents.acknowledge",
                                                                  t.org_unit.path)
        t.ack_local = local(t.acknowledged_at)
    return render(request, "incidents/notice_detail.html", {"object": notice, "targets": targets,
                                                            "published": local(notice.published_at)})


@login_required
@require_POST
def notice_acknowledge(request, pk: int):
    try:
        target = NoticeTarget.objects.select_related("org_unit").get_visible(request.user, "incidents.acknowledge",
                                                                             pk=pk)
        services.acknowledge_notice(target, actor=request.user)
    except NotFound:
        raise Http404 from None
    except Forbidden:
        return render(request, "core/403.html", status=403)
    except Conflict as exc:
        messages.info(request, exc.message)
        return redirect("incidents:notice-detail", pk=target.notice_id)
    messages.success(request, _("Acknowledged."))
    return redirect("incidents:notice-detail", pk=target.notice_id)


# --- rewards and punishments ----------------------------------------------------------------

class RecordList(ScopedListView):
    model = AccountabilityRecord
    capability = "incidents.view"
    title = gettext_lazy("Rewards and punishments")
    export_name = "rewards-punishments"
    default_order = ("-decided_on", "-id")
    create_url = "incidents:record-new"
    create_capability = "incidents.accountability"
    create_label = gettext_lazy("Record")
    columns = [
        Column("decided_on", gettext_lazy("Decided on"), sort="decided_on"),
        Column("org_unit", gettext_lazy("Unit")),
        Column(lambda r: Badge(r.get_kind_display(), "done" if r.kind == "reward" else "late"), gettext_lazy("Kind")),
        Column("person", gettext_lazy("Person")),
        Column("measure", gettext_lazy("Measure")),
        Column(lambda r: f"#{r.incident_id}" if r.incident_id else "", gettext_lazy("Incident")),
        Column("reason", gettext_lazy("Reason")),
    ]

    select_related = ("org_unit",)


class RecordNew(ServiceFormView):
    form_class = RecordForm
    capability = "incidents.accountability"
    title = gettext_lazy("Record a reward or punishment")
    success_message = gettext_lazy("Recorded.")

    def perform(self, form):
        data = dict(form.cleaned_data)
        data["incident"] = _incident(self.request.user, data.get("incident"), "incidents.view")
        return services.record_accountability(actor=self.request.user, **data)


# --- monthly safety information reports ----------------------------------------------------

class InfoReportList(ScopedListView):
    model = InfoReport
    capability = "incidents.view"
    filterset_class = InfoReportFilter
    template_name = "incidents/info_report_list.html"
    title = gettext_lazy("Safety information reports")
    export_name = "safety-information-reports"
    default_order = ("-month", "org_unit__path")
    create_url = "incidents:info-report-new"
    create_capability = "incidents.report_info"
    create_label = gettext_lazy("Send a report")
    columns = [
        Column(lambda r: r.month.strftime("%Y-%m"), gettext_lazy("Month"), sort="month"),
        Column("org_unit", gettext_lazy("School")),
        Column(lambda r: Badge(_("Zero report"), "met") if r.zero else Badge(_("Report"), "done"),
               gettext_lazy("Kind")),
        # As text: a zero is a real answer here, not a blank to fill with a dash.
        Column(lambda r: str(r.incidents_count), gettext_lazy("Incidents")),
        Column(lambda r: str(r.hazards_found), gettext_lazy("Hazards found")),
        Column(lambda r: local(r.submitted_at), gettext_lazy("Submitted")),
        Column("summary", gettext_lazy("Summary")),
    ]

    select_related = ("org_unit",)

    def extra_context(self) -> dict:
        user = self.request.user
        roots = scope_paths(user, "incidents.view")
        month = previous_month(timezone.localdate())
        missing = []
        if roots:
            missing = list(missing_schools(month).filter(path_q("path", roots)))
        mine = list(OrgUnit.objects.visible_to(user, "incidents.report_info").filter(kind="school"))
        for school in mine:
            school.due_month = previous_month(local_today(school))
            school.sent = InfoReport.objects.filter(org_unit=school, month=school.due_month).exists()
        return {"missing": missing, "missing_month": month.strftime("%Y-%m"), "my_schools": mine}


class InfoReportNew(ServiceFormView):
    form_class = InfoReportForm
    capability = "incidents.report_info"
    title = gettext_lazy("Monthly safety information report")
    submit_label = gettext_lazy("Send")
    success_message = gettext_lazy("The report was sent.")

    def get_form_kwargs(self) -> dict:
        kwargs = super().get_form_kwargs()
        if self.request.method == "GET":
            kwargs["initial"] = {"month": previous_month(timezone.localdate()).strftime("%Y-%m")}
        return kwargs

    def perform(self, form):
        data = form.cleaned_data
        return services.submit_info_report(actor=self.request.user, org_unit=data["org_unit"],
                                           month=_month(data["month"]), hazards_found=data["hazards_found"],
                                           summary=data["summary"])

    def success_url(self, result) -> str:
        return reverse("incidents:info-reports")


def _month(raw: str):
    value = parse_date(f"{raw}-01") if raw and len(raw) == 7 else parse_date(raw or "")
    if value is None:
        raise InvalidInput.field("month", _("Enter a month."))
    return month_start(value)


@login_required
@require_POST
def info_report_zero(request):
    """One click: nothing happened last month at this school."""
    user = request.user
    unit_id = request.POST.get("org_unit") or ""
    school = OrgUnit.objects.visible_to(user, "org.view").filter(pk=unit_id if unit_id.isdigit() else 0).first()
    if school is None:
        raise Http404
    try:
        month = _month(request.POST.get("month") or previous_month(local_today(school)).strftime("%Y-%m"))
        services.submit_info_report(actor=user, org_unit=school, month=month, zero=True)
    except Forbidden:
        return render(request, "core/403.html", status=403)
    except (InvalidInput, Conflict) as exc:
        messages.error(request, exc.message)
        return redirect("incidents:info-reports")
    messages.success(request, _("Zero report sent for %(m)s.") % {"m": month.strftime("%Y-%m")})
    return redirect("incidents:info-reports")


# --- reporting rules ----------------------------------------------------------------------

@login_required
def rule_list(request):
    user = request.user
    if not has_capability(user, "incidents.manage_rules"):
        return render(request, "core/403.html", status=403)
    if request.method == "POST":
        for unit in OrgUnit.objects.visible_to(user, "incidents.manage_rules").filter(kind="central_school"):
            services.ensure_default_rules(actor=user, org_unit=unit)
        return redirect("incidents:rules")
    rules = sorted(ReportingRule.objects.visible_to(user, "incidents.manage_rules").select_related("org_unit"),
                   key=lambda r: (r.org_unit.path, SEVERITY_RANK.get(r.severity, 0), r.kind))
    return render(request, "incidents/rule_list.html", {"title": _("Reporting rules"), "rules": rules})


class RuleEdit(ScopedMixin, ServiceFormView):
    model = ReportingRule
    capability = "incidents.manage_rules"
    form_class = RuleForm
    title = gettext_lazy("Edit a reporting rule")

    def check(self) -> None:
        self.rule = self.get_object()

    def get(self, request, *args, **kwargs):
        self.check()
        r = self.rule
        return self.render_form(self.form_class(initial={
            "first_report_minutes": r.first_report_minutes, "written_report_minutes": r.written_report_minutes,
            "notify_authority": r.notify_authority, "source": r.source}, **self.get_form_kwargs()))

    def extra_context(self) -> dict:
        return {"object": self.rule}

    def perform(self, form):
        return services.update_rule(self.rule, actor=self.request.user, **form.cleaned_data)

    def success_url(self, result) -> str:
        return reverse("incidents:rules")


class RuleNew(ServiceFormView):
    form_class = NewRuleForm
    capability = "incidents.manage_rules"
    title = gettext_lazy("New reporting rule")
    success_message = gettext_lazy("The rule was added.")

    def perform(self, form):
        data = dict(form.cleaned_data)
        return services.create_rule(actor=self.request.user, org_unit=data.pop("org_unit"), **data)

    def success_url(self, result) -> str:
        return reverse("incidents:rules")
