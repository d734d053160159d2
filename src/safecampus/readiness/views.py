"""Pages of emergency readiness: plans, the contact tree, drills, safety funds."""

from __future__ import annotations

import uuid
from decimal import Decimal

import django_filters as df
from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy
from django.views.decorators.http import require_POST

from safecampus.core.errors import NotFound
from safecampus.core.filters import SubtreeUnitFilter
from safecampus.core.pdf import pdf_response
from safecampus.core.permissions import has_capability
from safecampus.core.views.generic import (
    Column,
    ScopedDetailView,
    ScopedListView,
    ScopedMixin,
    ServiceFormView,
    guarded,
)
from safecampus.org.models import OrgUnit

from . import selectors, services
from .choices import DrillKind, DrillStatus, PlanStatus
from .forms import (
    DrillForm,
    FundForm,
    MemberForm,
    PlanForm,
    PlannedDrillForm,
    PlanTextForm,
    SpendingForm,
    TeamForm,
    units_for,
)
from .models import Drill, EmergencyPlan, EmergencyTeam, FundLine, TeamMember

VIEW, MANAGE, APPROVE = "readiness.view", "readiness.manage", "readiness.approve"


def _chosen_unit(request, capability: str):
    """The school the page is about: ``?org_unit=`` if the reader sees it, else the reader's first."""
    units = units_for(request.user, capability)
    raw = request.GET.get("org_unit", "")
    if raw.isdigit() and len(raw) < 12:
        unit = units.filter(pk=int(raw)).first()
        if unit is None:
            raise NotFound()
        return unit, units
    return units.filter(kind="school").first() or units.first(), units


# ------------------------------------------------------------------ plans


@guarded(VIEW)
def plans(request):
    unit, units = _chosen_unit(request, VIEW)
    board = selectors.plan_board(request.user, VIEW, unit) if unit else []
    return render(request, "readiness/plans.html", {
        "unit": unit, "units": units, "board": board,
        "can_manage": unit is not None and has_capability(request.user, MANAGE, unit.path)})


class PlanDetail(ScopedDetailView):
    model = EmergencyPlan
    capability = VIEW
    template_name = "readiness/plan_detail.html"
    select_related = ("org_unit", "written_by__staff", "approved_by__staff")

    def get_context(self, obj) -> dict:
        user = self.request.user
        versions = EmergencyPlan.objects.filter(org_unit_id=obj.org_unit_id, kind=obj.kind).order_by("-edition")
        return {**super().get_context(obj), "versions": versions,
                "reviews": obj.reviews.select_related("reviewed_by__staff"),
                "can_approve": obj.status == PlanStatus.DRAFT and has_capability(user, APPROVE, obj.org_unit.path),
                "can_review": obj.status == PlanStatus.APPROVED and has_capability(user, APPROVE, obj.org_unit.path),
                "can_edit": obj.status == PlanStatus.DRAFT and has_capability(user, MANAGE, obj.org_unit.path),
                "can_revise": obj.status == PlanStatus.APPROVED and has_capability(user, MANAGE, obj.org_unit.path)
                and not versions.filter(status=PlanStatus.DRAFT).exists()}


class PlanCreate(ServiceFormView):
    form_class = PlanForm
    capability = MANAGE
    title = gettext_lazy("Draft an emergency plan")
    success_message = gettext_lazy("The draft was saved. The principal approves it.")

    def get_form_kwargs(self) -> dict:
        kwargs = super().get_form_kwargs()
        if self.request.method == "GET":
            initial = {k: self.request.GET[k] for k in ("org_unit", "kind") if self.request.GET.get(k, "").isalnum()}
            source = EmergencyPlan.objects.visible_to(self.request.user, VIEW).filter(
                pk=self.request.GET.get("from", "0") if self.request.GET.get("from", "").isdigit() else 0).first()
            if source is not None:  # a new version starts from the text in force
                initial.update({"org_unit": source.org_unit_id, "kind": source.kind, "title": source.title,
                                "body": source.body})
            kwargs["initial"] = initial
        return kwargs

    def perform(self, form):
        return services.create_plan(actor=self.request.user, **form.cleaned_data)

    def success_url(self, result) -> str:
        return result.get_absolute_url()


class PlanEdit(ScopedMixin, ServiceFormView):
    model = EmergencyPlan
    capability = MANAGE
    form_class = PlanTextForm
    title = gettext_lazy("Change the draft")

    def check(self) -> None:
        self.plan = self.get_object()

    def get_form_kwargs(self) -> dict:
        kwargs = super().get_form_kwargs()
        if self.request.method == "GET":
            kwargs["initial"] = {"title": self.plan.title, "body": self.plan.body, "version": self.plan.version}
        return kwargs

    def perform(self, form):
        data = form.cleaned_data
        return services.update_plan(self.plan, actor=self.request.user, expected_version=data["version"],
                                    title=data["title"], body=data["body"])

    def success_url(self, result) -> str:
        return result.get_absolute_url()


def _plan_action(request, pk: int, capability: str, act, message: str):
    plan = EmergencyPlan.objects.get_visible(request.user, capability, pk=pk)
    act(plan, actor=request.user, note=request.POST.get("note", ""),
        expected_version=request.POST.get("version") if request.POST.get("version", "").isdigit() else None)
    messages.success(request, message)
    return redirect(plan.get_absolute_url())


@require_POST
@guarded()
def plan_approve(request, pk: int):
    return _plan_action(request, pk, APPROVE, services.approve_plan, _("The plan was approved."))


@require_POST
@guarded()
def plan_review(request, pk: int):
    return _plan_action(request, pk, APPROVE, services.review_plan, _("The yearly review was recorded."))


@guarded()
def plan_pdf(request, pk: int):
    plan = EmergencyPlan.objects.select_related("org_unit", "approved_by__staff").get_visible(request.user, VIEW,
                                                                                              pk=pk)
    return pdf_response("readiness/plan_pdf.html", {"plan": plan, "printed": timezone.now()},
                        f"plan-{plan.pk}-v{plan.edition}", request)


# ------------------------------------------------------------------ teams


@guarded("readiness.view_teams")
def teams(request):
    unit, units = _chosen_unit(request, "readiness.view_teams")
    rows = []
    if unit is not None:
        rows = list(EmergencyTeam.objects.visible_to(request.user, "readiness.view_teams").filter(org_unit=unit)
                    .prefetch_related("members__calls"))
    return render(request, "readiness/teams.html", {
        "unit": unit, "units": units, "teams": rows,
        "can_manage": unit is not None and has_capability(request.user, MANAGE, unit.path)})


class TeamCreate(ServiceFormView):
    form_class = TeamForm
    capability = MANAGE
    title = gettext_lazy("Set up an emergency team")

    def perform(self, form):
        return services.create_team(actor=self.request.user, **form.cleaned_data)

    def success_url(self, result) -> str:
        return result.get_absolute_url()


class MemberAdd(ScopedMixin, ServiceFormView):
    model = EmergencyTeam
    capability = MANAGE
    form_class = MemberForm
    title = gettext_lazy("Add a team member")

    def check(self) -> None:
        self.team = self.get_object()

    def get_form_kwargs(self) -> dict:
        return {**super().get_form_kwargs(), "team": self.team}

    def extra_context(self) -> dict:
        return {"cancel_url": self.team.get_absolute_url()}

    def perform(self, form):
        return services.add_member(self.team, actor=self.request.user, **form.cleaned_data)

    def success_url(self, result) -> str:
        return self.team.get_absolute_url()


@require_POST
@guarded()
def member_remove(request, pk: int):
    member = TeamMember.objects.select_related("team").get_visible(request.user, MANAGE, pk=pk)
    services.remove_member(member, actor=request.user)
    messages.success(request, _("%(name)s was taken off the team.") % {"name": member.name})
    return redirect(member.team.get_absolute_url())


# ------------------------------------------------------------------ drills


class DrillFilter(df.FilterSet):
    org_unit = SubtreeUnitFilter(capability=VIEW, label=gettext_lazy("School"))
    kind = df.ChoiceFilter(choices=DrillKind.choices, label=gettext_lazy("Kind"), empty_label=gettext_lazy("All"))
    status = df.ChoiceFilter(choices=DrillStatus.choices, label=gettext_lazy("Status"),
                             empty_label=gettext_lazy("All"))

    class Meta:
        model = Drill
        fields = ["org_unit", "kind", "status"]


def _seconds(drill: Drill) -> str:
    if drill.evacuation_seconds is None:
        return ""
    return f"{drill.evacuation_seconds} / {drill.target_seconds} s"


def _over(drill: Drill) -> str:
    over = drill.over_target
    return "" if over is None else (_("Over target") if over else _("Within target"))


class DrillList(ScopedListView):
    model = Drill
    capability = VIEW
    filterset_class = DrillFilter
    template_name = "readiness/drills.html"
    title = gettext_lazy("Drills")
    select_related = ("org_unit",)
    default_order = ("-held_at", "-planned_for", "-id")
    export_name = "drills"
    create_url = "readiness:drill-record"
    create_capability = MANAGE
    create_label = gettext_lazy("Record a drill")
    status_field = "status"
    columns = [Column("get_kind_display", gettext_lazy("Drill"), link=True),
               Column("org_unit", gettext_lazy("School")),
               Column(lambda d: d.held_at or d.planned_for, gettext_lazy("When"), sort="held_at"),
               Column("participants", gettext_lazy("Participants")),
               Column(_seconds, gettext_lazy("Evacuation / target")),
               Column(_over, gettext_lazy("Result")),
               Column("get_status_display", gettext_lazy("Status"), badge=True)]

    def extra_context(self) -> dict:
        unit_id = self.request.GET.get("org_unit", "")
        unit = OrgUnit.objects.filter(pk=int(unit_id), kind="school").first() if unit_id.isdigit() \
            and len(unit_id) < 12 else None
        trend = selectors.drill_trend(unit) if unit is not None and has_capability(
            self.request.user, VIEW, unit.path) else []
        top = max([d.evacuation_seconds or 0 for d in trend] + [d.target_seconds or 0 for d in trend] + [1])
        return {"trend": [{"drill": d, "pct": round(100 * (d.evacuation_seconds or 0) / top),
                           "target_pct": round(100 * (d.target_seconds or 0) / top)} for d in trend],
                "trend_unit": unit}


class DrillDetail(ScopedDetailView):
    model = Drill
    capability = VIEW
    template_name = "readiness/drill_detail.html"
    select_related = ("org_unit", "plan", "recorded_by__staff")
    fields = [Column("org_unit", gettext_lazy("School")), Column("plan", gettext_lazy("Plan practised")),
              Column("planned_for", gettext_lazy("Planned for")),
              Column("held_at", pgettext_lazy("drill", "Held at")),
              Column("participants", gettext_lazy("Participants")), Column("buildings", gettext_lazy("Buildings")),
              Column("floors", gettext_lazy("Floors")),
              Column("evacuation_seconds", gettext_lazy("Evacuation time (seconds)")),
              Column("target_seconds", gettext_lazy("Target (seconds)")), Column(_over, gettext_lazy("Result")),
              Column("summary", pgettext_lazy("drill", "Summary"))]

    def get_context(self, obj) -> dict:
        context = super().get_context(obj)
        context["problems"] = list(obj.problems.all())
        context["can_hold"] = obj.status == DrillStatus.PLANNED and has_capability(
            self.request.user, MANAGE, obj.org_unit.path)
        return context


class DrillRecord(ServiceFormView):
    """On a phone, right after the drill: the numbers, the problems (each a hazard), photos."""

    form_class = DrillForm
    capability = MANAGE
    title = gettext_lazy("Record a drill")
    template_name = "readiness/drill_form.html"
    submit_label = gettext_lazy("Record the drill")

    def planned(self):
        raw = self.request.GET.get("planned", "")
        if not raw.isdigit() or len(raw) > 12:
            return None
        return Drill.objects.get_visible(self.request.user, MANAGE, pk=int(raw), status=DrillStatus.PLANNED)

    def get_form_kwargs(self) -> dict:
        kwargs = super().get_form_kwargs()
        if self.request.method == "GET":
            planned = self.planned()
            kwargs["initial"] = {"request_id": uuid.uuid4().hex}
            if planned is not None:
                kwargs["initial"].update({"org_unit": planned.org_unit_id, "kind": planned.kind,
                                          "plan": planned.plan_id})
        return kwargs

    def perform(self, form):
        data = dict(form.cleaned_data)
        photos = self.request.FILES.getlist("photos")
        data.pop("photos", None)
        return services.record_drill(actor=self.request.user, photos=photos, planned=self.planned(), **data)

    def success_message_for(self, result) -> str:
        n = result.problems.count()
        if n:
            return _("The drill was recorded; %(n)d problems were opened as hazards.") % {"n": n}
        return _("The drill was recorded.")

    def success_url(self, result) -> str:
        return result.get_absolute_url()


class DrillPlan(ServiceFormView):
    form_class = PlannedDrillForm
    capability = MANAGE
    title = gettext_lazy("Plan a drill")

    def perform(self, form):
        return services.plan_drill(actor=self.request.user, **form.cleaned_data)

    def success_url(self, result) -> str:
        return reverse("readiness:drills") + "?status=planned"


# ------------------------------------------------------------------ funds


def _school_year(today) -> int:
    return today.year if today.month >= 9 else today.year - 1


@guarded("readiness.view_funds")
def funds(request):
    raw = request.GET.get("year", "")
    year = int(raw) if raw.isdigit() and 2000 <= int(raw) <= 2100 else _school_year(timezone.localdate())
    user = request.user
    rows = selectors.fund_summary(user, "readiness.view_funds", year)
    centrals = list(OrgUnit.objects.visible_to(user, "readiness.view_funds").filter(kind="central_school"))
    lines = (FundLine.objects.visible_to(user, "readiness.view_funds").filter(year=year)
             .select_related("org_unit").prefetch_related("spendings").order_by("org_unit__path", "line"))
    for line in lines:
        line.spent_total = sum((s.amount for s in line.spendings.all()), Decimal(0))
    return render(request, "readiness/funds.html", {
        "year": year, "rows": rows, "central_rows": selectors.rollup(rows, centrals), "lines": lines,
        "can_manage": has_capability(user, MANAGE)})


class FundCreate(ServiceFormView):
    form_class = FundForm
    capability = MANAGE
    title = gettext_lazy("Add a safety budget line")

    def get_form_kwargs(self) -> dict:
        kwargs = super().get_form_kwargs()
        if self.request.method == "GET":
            kwargs["initial"] = {"year": _school_year(timezone.localdate())}
        return kwargs

    def perform(self, form):
        return services.create_fund_line(actor=self.request.user, **form.cleaned_data)

    def success_url(self, result) -> str:
        return reverse("readiness:funds") + f"?year={result.year}"


class SpendingAdd(ScopedMixin, ServiceFormView):
    model = FundLine
    capability = MANAGE
    form_class = SpendingForm
    title = gettext_lazy("Record spending")

    def check(self) -> None:
        self.fund = self.get_object()
        self.title = _("Record spending: %(line)s") % {"line": self.fund.line}

    def perform(self, form):
        data = dict(form.cleaned_data)
        return services.record_spending(self.fund, actor=self.request.user, **data)

    def success_url(self, result) -> str:
        return reverse("readiness:funds") + f"?year={self.fund.year}"
