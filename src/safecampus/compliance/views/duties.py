"""Pages: My tasks (and its home panel), calendar and iCal feed, obligations, status, attestations."""

from __future__ import annotations

import calendar as pycal
from datetime import date, datetime, timedelta

from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from safecampus.core.errors import Forbidden, InvalidInput
from safecampus.core.permissions import has_capability
from safecampus.core.views.generic import Column, ScopedDetailView, ServiceFormView, guarded

from .. import selectors, services
from ..choices import Status
from ..forms import AttestForm, ObligationForm
from ..models import Attestation, CalendarFeed, Obligation
from ..todo import tasks_for, workflow_tasks


def _counts(tasks) -> dict:
    return {"overdue": sum(t.tone == Status.OVERDUE for t in tasks),
            "due_soon": sum(t.tone == Status.DUE_SOON for t in tasks), "total": len(tasks)}


def tasks_panel(request) -> dict | None:
    """The home page's first panel: what this person must do, worst first."""
    if not has_capability(request.user, "compliance.view_own"):
        return None
    tasks = tasks_for(request.user)
    return {"template": "compliance/_tasks_panel.html", "tasks": tasks[:8], "more": max(len(tasks) - 8, 0),
            "counts": _counts(tasks)}


@guarded("compliance.view_own")
def tasks(request):
    items = tasks_for(request.user)
    return render(request, "compliance/tasks.html", {"tasks": items, "counts": _counts(items)})


def _month(raw: str | None) -> date:
    if raw:
        try:
            return datetime.strptime(raw, "%Y-%m").date().replace(day=1)
        except ValueError:
            raise InvalidInput.field("month", _("A month as YYYY-MM.")) from None
    return timezone.localdate().replace(day=1)


@guarded("compliance.view_own")
def calendar_page(request):
    first = _month(request.GET.get("month"))
    last = first.replace(day=pycal.monthrange(first.year, first.month)[1])
    events = [{**e, "title": e["rule"].display_title, "url": ""}
              for e in selectors.due_events(request.user, first, last)]
    # The apps' open tasks with a due date (inspections, rectifications, letters), as My tasks and the
    # iCal feed hold them: the month must not read "nothing due" while the task list is full.
    events += [{"daily": False, "title": t.title, "url": t.url, "unit": t.unit, "due": t.due}
               for t in workflow_tasks(request.user, timezone.now()) if t.due and first <= t.due <= last]
    events.sort(key=lambda e: e["due"])
    by_day: dict[date, list] = {}
    for e in events:
        if not e["daily"]:
            by_day.setdefault(e["due"], []).append(e)
    weeks = []
    for week in pycal.Calendar(firstweekday=0).monthdatescalendar(first.year, first.month):
        weeks.append([{"day": d, "in_month": d.month == first.month, "events": by_day.get(d, []),
                       "today": d == timezone.localdate()} for d in week])
    feed = CalendarFeed.objects.filter(user=request.user).first()
    feed_url = request.build_absolute_uri(reverse("compliance:calendar-feed") + f"?token={feed.token}") if feed else ""
    prev_month = (first - timedelta(days=1)).replace(day=1)
    next_month = last + timedelta(days=1)
    return render(request, "compliance/calendar.html", {
        "month": first, "weeks": weeks, "daily": [e for e in events if e["daily"]],
        "events": [e for e in events if not e["daily"]], "feed_url": feed_url,
        "prev": prev_month.strftime("%Y-%m"), "next": next_month.strftime("%Y-%m"),
        "weekdays": [_("Mon"), _("Tue"), _("Wed"), _("Thu"), _("Fri"), _("Sat"), _("Sun")]})


def calendar_feed(request):
    """iCal: by its secret token (calendar apps cannot sign in), or the signed-in person's own."""
    token = request.GET.get("token")
    if token:
        feed = CalendarFeed.objects.select_related("user").filter(token=token).first()
        if feed is None or not feed.user.is_active:
            raise Http404
        user = feed.user
    else:
        if not request.user.is_authenticated:
            return redirect(f"{reverse('login')}?next={request.path}")
        user = request.user
        if not has_capability(user, "compliance.view_own"):
            return render(request, "core/403.html", status=403)
    from ..ical import feed_bytes

    response = HttpResponse(feed_bytes(user), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="safecampus.ics"'
    return response


@require_POST
@guarded("compliance.view_own")
def feed_rotate(request):
    services.calendar_feed(actor=request.user, rotate=CalendarFeed.objects.filter(user=request.user).exists())
    return redirect("compliance:calendar")


@guarded("compliance.view_own")
def obligation_list(request):
    if not has_capability(request.user, "compliance.view"):
        raise Forbidden()
    rules = selectors.obligations_for(request.user)
    show_all = request.GET.get("all") == "1" and has_capability(request.user, "compliance.manage_rules")
    if show_all:
        from safecampus.core.permissions import scope_paths
        from safecampus.core.scoping import path_q

        roots = scope_paths(request.user, "compliance.manage_rules")
        rules = list(Obligation.objects.filter(path_q("org_unit__path", roots)).select_related("org_unit")
                     .order_by("sort", "code"))
    can_manage = has_capability(request.user, "compliance.manage_rules")
    return render(request, "compliance/obligations.html", {
        "rules": [{"rule": r, "editable": can_manage and has_capability(
            request.user, "compliance.manage_rules", r.org_unit.path)} for r in rules],
        "can_manage": can_manage, "show_all": show_all})


@guarded("compliance.view")
def status_page(request):
    wanted = request.GET.get("status")
    args = {"org_unit": request.GET.get("org_unit"), "day": request.GET.get("date")}
    if wanted:
        # Filtering by status needs every row evaluated; without it a page evaluates its own units only.
        rows = [r for r in selectors.compliance_rows(request.user, **args) if r.status == wanted]
    else:
        rows = selectors.lazy_compliance_rows(request.user, **args)
    page = Paginator(rows, 60).get_page(request.GET.get("page"))
    params = request.GET.copy()
    params.pop("page", None)
    return render(request, "compliance/status.html", {
        "page": page, "query": params.urlencode(), "statuses": Status.choices, "wanted": wanted or "",
        "org_unit": request.GET.get("org_unit", ""), "day": request.GET.get("date", "")})


class ObligationCreate(ServiceFormView):
    form_class = ObligationForm
    capability = "compliance.manage_rules"
    title = gettext_lazy("New rule")
    template_name = "compliance/obligation_form.html"
    success_message = gettext_lazy("Rule saved.")

    def perform(self, form):
        data = {k: v for k, v in form.cleaned_data.items() if k != "org_unit"}
        return services.create_obligation(actor=self.request.user, org_unit=form.cleaned_data["org_unit"], data=data)

    def success_url(self, result) -> str:
        return reverse("compliance:obligation-list")


class ObligationEdit(ObligationCreate):
    title = gettext_lazy("Edit rule")

    def get_object(self) -> Obligation:
        if not hasattr(self, "_object"):
            self._object = Obligation.objects.select_related("org_unit").get_visible(
                self.request.user, "compliance.manage_rules", pk=self.kwargs["pk"])
        return self._object

    def check(self) -> None:
        # The rule first (404 outside the reader's scope), then the capability (403).
        self.get_object()

    def get_form_kwargs(self) -> dict:
        return {**super().get_form_kwargs(), "instance": self.get_object()}

    def perform(self, form):
        data = {k: v for k, v in form.cleaned_data.items() if k not in ("org_unit", "code")}
        return services.update_obligation(form.instance, actor=self.request.user, data=data,
                                          expected_version=self.request.POST.get("version") or None)

    def extra_context(self) -> dict:
        return {"object": self.get_object()}


class AttestCreate(ServiceFormView):
    form_class = AttestForm
    capability = "compliance.attest"
    title = gettext_lazy("Sign off a duty")
    success_message = gettext_lazy("Signed. The duty counts as done.")
    submit_label = gettext_lazy("Sign")

    def check(self) -> None:
        # The officers, or the owner of an attested duty (the door guard's patrol, a head teacher's lesson).
        if not has_capability(self.request.user, self.capability) and not selectors.attestable(self.request.user)[0]:
            raise Forbidden()

    def get_form_kwargs(self) -> dict:
        kwargs = super().get_form_kwargs()
        if self.request.method == "GET":
            kwargs["initial"] = {"obligation": self.request.GET.get("obligation"),
                                 "org_unit": self.request.GET.get("org_unit")}
        return kwargs

    def perform(self, form):
        data = form.cleaned_data
        return services.attest(actor=self.request.user, obligation=data["obligation"], org_unit=data["org_unit"],
                               upload=data["file"], note=data["note"])


class AttestationDetail(ScopedDetailView):
    model = Attestation
    capability = "compliance.view"
    queryset = Attestation.objects.select_related("obligation", "signed_by", "org_unit")
    fields = [Column("obligation.display_title", gettext_lazy("Duty")), Column("org_unit", gettext_lazy("Unit")),
              Column("performed_on", gettext_lazy("Done on")), Column("signed_by", gettext_lazy("Signed by")),
              Column("signed_at", gettext_lazy("Signed at")), Column("note", gettext_lazy("Note"))]

    def get_object(self):
        # Whoever may view its unit's compliance, or the signer.
        obj = self.all_rows().get_visible(self.request.user, "compliance.view_own", pk=self.kwargs["pk"])
        if obj.signed_by_id != self.request.user.pk and not has_capability(
                self.request.user, "compliance.view", obj.org_unit.path):
            raise Forbidden()
        return obj

