"""Patrol pages: routes and their QR sheets, the scanning check-in, today's rounds."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from safecampus.core.permissions import has_capability
from safecampus.core.views.generic import Column, ScopedDetailView, ScopedListView, guarded

from ..forms import CheckinForm, RouteForm
from ..models import PatrolCheckin, PatrolRoute
from ..selectors import patrol_days
from ..services import patrols as services
from .common import FormPage, person


class RouteList(ScopedListView):
    model = PatrolRoute
    capability = "operations.view"
    title = gettext_lazy("Patrol routes")
    export_name = "patrol-routes"
    create_url = "operations:route-new"
    create_capability = "operations.routes"
    create_label = gettext_lazy("New route")
    default_order = ("org_unit__path", "name")
    columns = [
        Column("name", gettext_lazy("Route"), link=True),
        Column("get_kind_display", gettext_lazy("Kind")),
        Column(lambda r: _("Yes") if r.night else "", gettext_lazy("Night route")),
        Column("org_unit", gettext_lazy("School")),
    ]

    def get_queryset(self):
        return super().get_queryset().select_related("org_unit")


class NewRoute(FormPage):
    form_class = RouteForm
    capability = "operations.routes"
    title = gettext_lazy("New patrol route")
    cancel_url = "operations:routes"
    success_message = gettext_lazy("Route saved. Print its QR sheet and put each code up at its checkpoint.")

    def perform(self, form):
        return services.create_route(actor=self.request.user, **form.cleaned_data)


class RouteDetail(ScopedDetailView):
    model = PatrolRoute
    capability = "operations.view"
    template_name = "operations/route_detail.html"
    fields = [
        Column("org_unit", gettext_lazy("School")),
        Column("get_kind_display", gettext_lazy("Kind")),
        Column(lambda r: _("Yes") if r.night else "", gettext_lazy("Night route")),
    ]

    def get_context(self, obj):
        context = super().get_context(obj)
        context["fields"] = [(label, value) for label, value in context["fields"] if value not in ("", None)]
        context["checkpoints"] = list(obj.checkpoints.all())
        context["days"] = patrol_days(self.request.user, unit=obj.org_unit)
        context["day"] = next((d for d in context["days"] if d["route"] == obj.pk), None)
        context["checkins"] = (PatrolCheckin.objects.visible_to(self.request.user, "operations.view")
                               .filter(route=obj).select_related("checkpoint", "by__staff", "hazard")[:30])
        context["can_patrol"] = has_capability(self.request.user, "operations.patrol", obj.org_unit.path)
        return context


@guarded("operations.view")
def route_sheet(request, pk):
    from ..sheets import sheet_pdf

    route = PatrolRoute.objects.select_related("org_unit").get_visible(request.user, "operations.view", pk=pk)
    response = HttpResponse(sheet_pdf(route, request), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="patrol-route-{route.pk}.pdf"'
    return response


class Scan(FormPage):
    """Scan the checkpoint's QR code with the phone camera (or type its code), then add a note or photo."""

    form_class = CheckinForm
    capability = "operations.patrol"
    title = gettext_lazy("Patrol check-in")
    template_name = "operations/scan.html"
    cancel_url = "operations:patrols"
    submit_label = gettext_lazy("Check in")

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        if self.request.method == "GET" and self.request.GET.get("code"):
            kwargs["initial"] = {"code": self.request.GET["code"]}
        return kwargs

    def perform(self, form):
        data = form.cleaned_data
        return services.check_in(actor=self.request.user, code=data["code"], note=data["note"],
                                 result=data["result"], photo=data.get("photo"))

    def success_message_for(self, checkin) -> str:
        if checkin.hazard_id:
            return _("Checked in at %(place)s; a hazard was reported.") % {"place": checkin.checkpoint.name}
        return _("Checked in at %(place)s.") % {"place": checkin.checkpoint.name}

    def success_url(self, checkin) -> str:
        return reverse("operations:scan")


@guarded("operations.view")
def today(request):
    from django.utils import timezone

    from safecampus.core import inputs

    day = inputs.date(request.GET.get("date"), "date", required=False) or timezone.localdate()
    return render(request, "operations/patrols.html", {
        "title": _("Patrol rounds"), "day": day, "days": patrol_days(request.user, day=day),
        "can_patrol": has_capability(request.user, "operations.patrol")})


def by_whom(checkin) -> str:
    return person(checkin.by)
