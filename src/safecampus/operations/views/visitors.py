"""The door guard's pages: register a visitor, who is inside, let out, the register, the watch list."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from safecampus.core.errors import DomainError
from safecampus.core.views.generic import Column, ScopedDetailView, ScopedListView, guarded

from ..filters import VisitorFilter
from ..forms import VisitorForm, WatchEntryForm
from ..models import Visitor, WatchEntry
from ..selectors import inside_now, visitor_register
from ..services import visitors as services
from .common import FormPage, person


def _status(v: Visitor):
    from safecampus.core.badges import Badge

    return Badge(v.get_status_display(), v.status, {"inside": "warning", "left": "secondary",
                                                    "refused": "danger"}[v.status])


class VisitorList(ScopedListView):
    """The visitor register: every visit of the schools in scope, newest first."""

    model = Visitor
    capability = "operations.view_visitors"
    filterset_class = VisitorFilter
    title = gettext_lazy("Visitor register")
    export_name = "visitors"
    create_url = "operations:visitor-new"
    create_capability = "operations.visitors"
    create_label = gettext_lazy("Register a visitor")
    default_order = ("-entered_at", "-id")
    columns = [
        Column("name", gettext_lazy("Visitor"), link=True),
        Column(_status, gettext_lazy("Status")),
        Column("entered_at", gettext_lazy("Arrived at"), sort="entered_at"),
        Column("left_at", gettext_lazy("Left at")),
        Column("purpose", gettext_lazy("Purpose")),
        Column(lambda v: person(v.host), gettext_lazy("Host")),
        Column("badge_no", gettext_lazy("Badge number")),
        Column("id_number_masked", gettext_lazy("Identity number")),
        Column("org_unit", gettext_lazy("School")),
    ]

    def base_queryset(self):
        return visitor_register(self.request.user, self.capability)

    def get_queryset(self):
        return super().get_queryset().select_related("org_unit", "host__staff")


class VisitorDetail(ScopedDetailView):
    model = Visitor
    capability = "operations.view_visitors"
    template_name = "operations/visitor_detail.html"
    fields = [
        Column("org_unit", gettext_lazy("School")),
        Column(_status, gettext_lazy("Status")),
        Column("id_number_masked", gettext_lazy("Identity number")),
        Column("phone", gettext_lazy("Phone")),
        Column("purpose", gettext_lazy("Purpose")),
        Column(lambda v: person(v.host), gettext_lazy("Host")),
        Column("badge_no", gettext_lazy("Badge number")),
        Column("entered_at", gettext_lazy("Arrived at")),
        Column("left_at", gettext_lazy("Left at")),
        Column("refusal_reason", gettext_lazy("Reason for refusal")),
        Column(lambda v: person(v.registered_by), gettext_lazy("Registered by")),
        Column("purged_at", gettext_lazy("Identity data purged at")),
    ]

    def all_rows(self):
        return Visitor.objects.select_related("org_unit", "host__staff", "registered_by__staff")

    def get_context(self, obj):
        from safecampus.core.permissions import has_capability

        context = super().get_context(obj)
        context["fields"] = [(label, value) for label, value in context["fields"] if value not in ("", None)]
        context["can_leave"] = obj.status == "inside" and has_capability(
            self.request.user, "operations.visitors", obj.org_unit.path)
        return context


class RegisterVisitor(FormPage):
    form_class = VisitorForm
    capability = "operations.visitors"
    title = gettext_lazy("Register a visitor")
    submit_label = gettext_lazy("Register")

    def perform(self, form):
        data = form.cleaned_data
        return services.create_visitor(actor=self.request.user, **data)

    def success_message_for(self, visitor) -> str:
        if visitor.status == "refused":
            return _("Refused: %(name)s is on the watch list. The safety officer has been told.") % {
                "name": visitor.name}
        return _("%(name)s registered as inside.") % {"name": visitor.name}

    def success_url(self, visitor) -> str:
        from django.urls import reverse

        return visitor.get_absolute_url() if visitor.status == "refused" else reverse("operations:inside")


@guarded("operations.view_visitors")
def inside(request):
    """Who is inside now, with a one-tap "left" per visitor: the guard's list at the gate."""
    rows = inside_now(request.user)
    return render(request, "operations/inside.html", {"title": _("Who is inside"), "visitors": rows})


@guarded()
def leave(request, pk):
    if request.method != "POST":
        return HttpResponseRedirect(f"/operations/visitors/{pk}/")
    visitor = Visitor.objects.select_related("org_unit").get_visible(request.user, "operations.visitors", pk=pk)
    version = request.POST.get("version")
    try:
        services.leave(visitor, actor=request.user, expected_version=int(version) if str(version).isdigit() else None)
    except DomainError as exc:
        if exc.status != 409:
            raise
        messages.error(request, exc.message)
    else:
        messages.success(request, _("%(name)s has left.") % {"name": visitor.name})
    nxt = request.POST.get("next", "")
    safe = nxt == "/" or nxt.startswith("/operations/")
    return HttpResponseRedirect(nxt if safe else visitor.get_absolute_url())


class WatchList(ScopedListView):
    model = WatchEntry
    capability = "operations.watchlist"
    title = gettext_lazy("Watch list")
    export_name = "watch-list"
    create_url = "operations:watch-new"
    create_label = gettext_lazy("Add to the watch list")
    default_order = ("-created_at", "-id")
    columns = [
        Column("name", gettext_lazy("Name")),
        Column("id_number_masked", gettext_lazy("Identity number")),
        Column("reason", gettext_lazy("Reason")),
        Column("org_unit", gettext_lazy("School")),
        Column("created_at", gettext_lazy("Added at")),
    ]

    def get_queryset(self):
        return super().get_queryset().select_related("org_unit")


class AddWatchEntry(FormPage):
    form_class = WatchEntryForm
    capability = "operations.watchlist"
    title = gettext_lazy("Add to the watch list")
    cancel_url = "operations:watchlist"
    success_message = gettext_lazy("Added to the watch list.")

    def perform(self, form):
        return services.add_to_watchlist(actor=self.request.user, **form.cleaned_data)
