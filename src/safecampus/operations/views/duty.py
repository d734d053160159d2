"""Duty pages: today's duty, the roster and swaps, the duty log and the handover."""

from __future__ import annotations

from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from safecampus.core.permissions import has_capability
from safecampus.core.views.generic import Column, ScopedDetailView, ScopedListView, guarded

from ..forms import AssignmentForm, DutyLogForm, HandoverForm, SwapForm
from ..models import DutyAssignment, DutyLog
from ..selectors import duty_today
from ..services import duty as services
from .common import FormPage, ObjectFormPage, person


@guarded("operations.view")
def today(request):
    """Who is on duty today and the shift's log: the duty staff's and the guard's "today's duty"."""
    context = duty_today(request.user)
    context.update({"title": _("Today's duty"),
                    "can_log": has_capability(request.user, "operations.duty"),
                    "can_roster": has_capability(request.user, "operations.roster")})
    return render(request, "operations/duty_today.html", context)


class RosterList(ScopedListView):
    model = DutyAssignment
    capability = "operations.view"
    title = gettext_lazy("Duty roster")
    export_name = "duty-roster"
    create_url = "operations:roster-new"
    create_capability = "operations.roster"
    create_label = gettext_lazy("Put someone on duty")
    default_order = ("-date", "shift", "-is_leader", "id")
    columns = [
        Column("date", gettext_lazy("Date"), sort="date"),
        Column("get_shift_display", gettext_lazy("Shift")),
        Column(lambda a: person(a.user), gettext_lazy("On duty")),
        Column(lambda a: _("Leader on duty") if a.is_leader else "", gettext_lazy("Leader")),
        Column(lambda a: person(a.swapped_from), gettext_lazy("Swapped from")),
        Column("org_unit", gettext_lazy("School")),
        Column(lambda a: SwapLink(a), gettext_lazy("Swap")),
    ]

    def get_queryset(self):
        return super().get_queryset().select_related("org_unit", "user__staff", "swapped_from__staff")


class SwapLink(str):
    """A link to swap a shift, plain text in the XLSX."""

    def __new__(cls, assignment):
        obj = super().__new__(cls, "")
        obj.url = reverse("operations:roster-swap", args=[assignment.pk])
        return obj

    def __html__(self) -> str:
        from django.utils.html import format_html

        return format_html('<a class="btn btn-sm btn-outline-secondary" href="{}">{}</a>', self.url, _("Swap"))


class AddAssignment(FormPage):
    form_class = AssignmentForm
    capability = "operations.roster"
    title = gettext_lazy("Put someone on duty")
    cancel_url = "operations:roster"
    success_message = gettext_lazy("Added to the roster.")

    def perform(self, form):
        return services.create_duty_assignment(actor=self.request.user, **form.cleaned_data)


class SwapDuty(ObjectFormPage):
    model = DutyAssignment
    form_class = SwapForm
    capability = "operations.roster"
    title = gettext_lazy("Swap a shift")
    cancel_url = "operations:roster"
    success_message = gettext_lazy("Shift swapped.")

    def perform(self, form):
        data = form.cleaned_data
        return services.swap_duty(self.object, actor=self.request.user, to_user=data["to_user"],
                                  reason=data["reason"], expected_version=data.get("version"))


class DutyLogList(ScopedListView):
    model = DutyLog
    capability = "operations.view"
    title = gettext_lazy("Duty logs")
    export_name = "duty-logs"
    create_url = "operations:duty-log-new"
    create_capability = "operations.duty"
    create_label = gettext_lazy("Write the duty log")
    default_order = ("-date", "shift", "-id")
    columns = [
        Column("date", gettext_lazy("Date"), link=True, sort="date"),
        Column("get_shift_display", gettext_lazy("Shift")),
        Column(lambda log: person(log.leader), gettext_lazy("Leader on duty")),
        Column(lambda log: _("Nothing to report") if log.nothing_to_report else log.summary,
               gettext_lazy("Summary")),
        Column(lambda log: person(log.handed_over_to), gettext_lazy("Handed over to")),
        Column("org_unit", gettext_lazy("School")),
    ]

    def get_queryset(self):
        return super().get_queryset().select_related("org_unit", "leader__staff", "handed_over_to__staff")


class DutyLogDetail(ScopedDetailView):
    model = DutyLog
    capability = "operations.view"
    template_name = "operations/duty_log_detail.html"
    fields = [
        Column("org_unit", gettext_lazy("School")),
        Column("get_shift_display", gettext_lazy("Shift")),
        Column(lambda log: person(log.leader), gettext_lazy("Leader on duty")),
        Column(lambda log: _("Yes") if log.nothing_to_report else "", gettext_lazy("Nothing to report")),
        Column("summary", gettext_lazy("Summary")),
        Column("events", gettext_lazy("Events")),
        Column(lambda log: person(log.written_by), gettext_lazy("Written by")),
        Column(lambda log: person(log.handed_over_to), gettext_lazy("Handed over to")),
        Column("handed_over_at", gettext_lazy("Handed over at")),
        Column("handover_note", gettext_lazy("Handover note")),
    ]

    def all_rows(self):
        return DutyLog.objects.select_related("org_unit", "leader__staff", "written_by__staff",
                                              "handed_over_to__staff")

    def get_context(self, obj):
        context = super().get_context(obj)
        context["fields"] = [(label, value) for label, value in context["fields"] if value not in ("", None)]
        context["can_hand_over"] = obj.handed_over_at is None and has_capability(
            self.request.user, "operations.duty", obj.org_unit.path)
        return context


class WriteDutyLog(FormPage):
    form_class = DutyLogForm
    capability = "operations.duty"
    title = gettext_lazy("Write the duty log")
    cancel_url = "operations:duty"
    success_message = gettext_lazy("Duty log saved.")

    def get_form_kwargs(self):
        from django.utils import timezone

        kwargs = super().get_form_kwargs()
        if self.request.method == "GET":
            now = timezone.localtime()
            kwargs["initial"] = {"date": now.date(), "shift": "day" if 7 <= now.hour < 19 else "night",
                                 "leader": self.request.user.pk}
        return kwargs

    def perform(self, form):
        return services.create_duty_log(actor=self.request.user, **form.cleaned_data)


class HandOver(ObjectFormPage):
    model = DutyLog
    form_class = HandoverForm
    capability = "operations.duty"
    title = gettext_lazy("Hand over the shift")
    cancel_url = "operations:duty"
    success_message = gettext_lazy("Shift handed over.")

    def perform(self, form):
        data = form.cleaned_data
        return services.hand_over(self.object, actor=self.request.user, to_user=data["to_user"], note=data["note"],
                                  expected_version=data.get("version"))
