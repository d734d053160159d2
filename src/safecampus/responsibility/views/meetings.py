"""Pages for safety meetings and the rules registry."""

from __future__ import annotations

from django.contrib import messages
from django.db.models import Count, F, Q
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from safecampus.core.errors import Conflict, NotFound
from safecampus.core.files import attachments_of
from safecampus.core.pdf import pdf_response
from safecampus.core.permissions import has_capability
from safecampus.core.views.generic import Column, ScopedListView, ServiceFormView, history_of
from safecampus.org.models import OrgUnit, RoleAssignment

from .. import forms, services
from ..models import Meeting, MeetingAction, RuleAcknowledgement, SchoolRule
from ..selectors import rules_for, with_ack, works_in
from ..texts import MODEL_RULES
from .duties import Page


class MeetingList(ScopedListView):
    model = Meeting
    capability = "responsibility.view_own"
    title = gettext_lazy("Safety meetings")
    export_name = "safety-meetings"
    create_url = "responsibility:meeting-create"
    create_capability = "responsibility.meet"
    create_label = gettext_lazy("Record a meeting")
    default_order = ("-held_at", "-id")
    columns = [
        Column("title", gettext_lazy("Title"), link=True),
        Column("get_kind_display", gettext_lazy("Kind")),
        Column("org_unit", gettext_lazy("Unit")),
        Column("held_at", gettext_lazy("Held at"), sort="held_at"),
        Column(lambda m: f"{m.open_actions} / {m.n_actions}", gettext_lazy("Open actions")),
    ]

    def get_queryset(self):
        return super().get_queryset().select_related("org_unit").annotate(
            n_actions=Count("actions"), open_actions=Count("actions", filter=Q(actions__status="open")))


class MeetingDetail(Page):
    def meeting(self, request, pk) -> Meeting:
        return Meeting.objects.select_related("org_unit").get_visible(request.user, "responsibility.view_own",
                                                                      pk=pk)

    def get(self, request, pk):
        meeting = self.meeting(request, pk)
        can_meet = has_capability(request.user, "responsibility.meet", meeting.org_unit.path)
        actions = meeting.actions.select_related("owner").order_by("due", "id")
        return render(request, "responsibility/meeting_detail.html", {
            "object": meeting, "actions": actions, "attendees": meeting.attendees.order_by("first_name"),
            "history": history_of(meeting), "can_meet": can_meet, "attachments": attachments_of(meeting)})


class MeetingPdf(MeetingDetail):
    def get(self, request, pk):
        meeting = self.meeting(request, pk)
        return pdf_response("responsibility/meeting_pdf.html", {
            "meeting": meeting, "actions": meeting.actions.select_related("owner").order_by("due", "id"),
            "attendees": meeting.attendees.order_by("first_name")}, f"meeting-{meeting.pk}", request)


class MeetingCreate(ServiceFormView):
    form_class = forms.MeetingForm
    capability = "responsibility.meet"
    title = gettext_lazy("Record a safety meeting")
    submit_label = gettext_lazy("Record the meeting")

    def perform(self, form):
        d = form.cleaned_data
        return services.record_meeting(
            actor=self.request.user, org_unit=d["org_unit"], kind=d["kind"], held_at=d["held_at"], title=d["title"],
            minutes=d["minutes"], agenda=d["agenda"], location=d["location"],
            higher_documents=d["higher_documents"], absent_note=d["absent_note"], attendees=list(d["attendees"]),
            actions=d["actions"], files=self.request.FILES.getlist("documents"))


class ActionDone(Page):
    def post(self, request, pk):
        action = MeetingAction.objects.select_related("meeting").get_visible(
            request.user, "responsibility.view_own", pk=pk)
        try:
            services.complete_action(action, actor=request.user, note=request.POST.get("note", ""))
        except Conflict as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("Action marked as done."))
        return HttpResponseRedirect(action.meeting.get_absolute_url())


# ---------------------------------------------------------------- rules

class RuleList(Page):
    def get(self, request):
        self.check()
        rules = with_ack(rules_for(request.user), request.user).select_related("current", "org_unit").order_by(
            "org_unit__path", "code")
        return render(request, "responsibility/rule_list.html", {
            "title": _("Safety rules"), "rules": rules,
            "can_adopt": has_capability(request.user, "responsibility.adopt_rules")})


class RuleDetail(Page):
    def rule(self, request, pk) -> SchoolRule:
        rule = with_ack(rules_for(request.user), request.user).select_related("current", "org_unit").filter(
            pk=pk).first()
        if rule is None:
            raise NotFound()
        return rule

    def get(self, request, pk):
        rule = self.rule(request, pk)
        can_adopt = has_capability(request.user, "responsibility.adopt_rules", rule.org_unit.path)
        acks = None
        if has_capability(request.user, "responsibility.view", rule.org_unit.path):
            acks = RuleAcknowledgement.objects.filter(rule_version=rule.current).select_related("user")
        return render(request, "responsibility/rule_detail.html", {
            "object": rule, "versions": rule.versions.order_by("-number"), "acks": acks, "can_adopt": can_adopt,
            "applies": works_in(request.user, rule.org_unit.path), "history": history_of(rule)})


class RuleAcknowledge(RuleDetail):
    def post(self, request, pk):
        rule = self.rule(request, pk)
        services.acknowledge_rule(rule, actor=request.user)
        messages.success(request, _("Thank you: your acknowledgement is recorded."))
        return HttpResponseRedirect(rule.get_absolute_url())


class RuleAdopt(ServiceFormView):
    form_class = forms.AdoptForm
    capability = "responsibility.adopt_rules"
    title = gettext_lazy("Adopt model rules")
    submit_label = gettext_lazy("Adopt")

    def perform(self, form):
        unit = form.cleaned_data["org_unit"]
        adopted = skipped = 0
        for code in form.cleaned_data["codes"]:
            try:
                services.adopt_rule(actor=self.request.user, org_unit=unit, code=code)
                adopted += 1
            except Conflict:
                skipped += 1
        messages.success(self.request, _("%(n)d rules adopted, %(m)d were already adopted.")
                         % {"n": adopted, "m": skipped})
        return None

    def success_url(self, result) -> str:
        return reverse("responsibility:rule-list")


class RuleRevise(ServiceFormView):
    form_class = forms.ReviseForm
    title = gettext_lazy("Adapt a rule (new version)")

    def rule(self) -> SchoolRule:
        return SchoolRule.objects.select_related("current").get_visible(
            self.request.user, "responsibility.adopt_rules", pk=self.kwargs["pk"])

    def check(self) -> None:
        self.rule()

    def get(self, request, *args, **kwargs):
        rule = self.rule()
        v = rule.current
        return self.render_form(self.form_class(user=request.user, initial={
            "title": v.title, "title_zh": v.title_zh, "body": v.body, "body_zh": v.body_zh, "version": rule.version}))

    def perform(self, form):
        d = form.cleaned_data
        return services.revise_rule(self.rule(), actor=self.request.user, title=d["title"],
                                    title_zh=d["title_zh"], body=d["body"], body_zh=d["body_zh"], note=d["note"],
                                    expected_version=d.get("version"))


class RuleCoverage(Page):
    """Per school: how many model rules it adopted and how many of its staff acknowledged them."""

    capability = "responsibility.view"

    def get(self, request):
        self.check()
        schools = list(OrgUnit.objects.visible_to(request.user, "responsibility.view").filter(kind="school")
                       .order_by("path"))
        codes: dict[int, set[str]] = {}
        for unit_id, code in SchoolRule.objects.filter(org_unit__in=schools).values_list("org_unit", "code"):
            codes.setdefault(unit_id, set()).add(code)
        # Acknowledgements of the versions in force only: a revised rule is read again.
        acks = dict(RuleAcknowledgement.objects.filter(org_unit__in=schools, rule_version__rule__current=F(
            "rule_version")).values_list("org_unit").annotate(n=Count("id")).order_by())
        people: dict[int, set[int]] = {s.pk: set() for s in schools}
        by_path = {s.path: s.pk for s in schools}
        roots = [s.path for s in schools]
        assignments = RoleAssignment.objects.filter(org_unit__path__in=roots) if roots else []
        for path, user_id in (assignments.values_list("org_unit__path", "user_id") if roots else []):
            people[by_path[path]].add(user_id)
        rows = []
        for school in schools:
            n_rules = len(codes.get(school.pk, ()))
            needed = n_rules * len(people[school.pk])
            done = acks.get(school.pk, 0)
            rows.append({"school": school, "adopted": n_rules, "total": len(MODEL_RULES),
                         "missing": [r for r in MODEL_RULES if r["code"] not in codes.get(school.pk, set())],
                         "acks": done, "needed": needed, "ack_pct": round(100 * done / needed) if needed else 0})
        return render(request, "responsibility/rule_coverage.html", {"title": _("Rules coverage"), "rows": rows})


