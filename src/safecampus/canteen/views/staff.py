"""The canteen licence, canteen staff (fit for work or not), a worker's certificate, roster and training."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from safecampus.core.errors import DomainError, Forbidden
from safecampus.core.permissions import has_capability
from safecampus.core.views.generic import Column, ScopedListView, ServiceFormView, apply_errors, guarded, history_of

from .. import selectors
from ..choices import Meal
from ..forms.staff import CanteenForm, RenewForm, RosterForm, StaffForm, TrainingForm
from ..models import Canteen, CanteenStaff, RosterEntry
from ..services import staff as services
from ..services.common import today


class CanteenFormView(ServiceFormView):
    template_name = "canteen/form.html"

    def extra_context(self) -> dict:
        return {"cancel_url": reverse(self.cancel_name)}


def _fit(member: CanteenStaff) -> str:
    return _("Fit for work") if member.fit_on(today(member.org_unit)) else _("Not fit for work")


class StaffList(ScopedListView):
    model = CanteenStaff
    queryset = CanteenStaff.objects.select_related("org_unit")
    capability = "canteen.view"
    title = gettext_lazy("Canteen staff")
    export_name = "canteen-staff"
    create_url = "canteen:staff-new"
    create_capability = "canteen.manage"
    create_label = gettext_lazy("Add a staff member")
    default_order = ("health_certificate_expires", "id")
    columns = [
        Column("name", gettext_lazy("Name"), link=True, sort="name"),
        Column("post", gettext_lazy("Post")),
        Column("org_unit", gettext_lazy("School"), sort="org_unit__path"),
        Column("health_certificate_expires", gettext_lazy("Health certificate expires"),
               sort="health_certificate_expires"),
        Column(_fit, gettext_lazy("Fit for work")),
    ]


class StaffNew(CanteenFormView):
    form_class = StaffForm
    title = gettext_lazy("Add a canteen staff member")
    capability = "canteen.manage"
    cancel_name = "canteen:staff"

    def perform(self, form):
        return services.create_staff(actor=self.request.user, **form.cleaned_data)


def _staff_context(request, member, **forms) -> dict:
    day = today(member.org_unit)
    can_manage = has_capability(request.user, "canteen.manage", member.org_unit.path)
    return {
        "title": member.name, "member": member, "fit": member.fit_on(day), "today": day,
        "trainings": member.trainings.order_by("-held_on", "-id"),
        "roster": RosterEntry.objects.filter(staff=member, date__gte=day).order_by("date")[:14],
        "can_manage": can_manage, "history": history_of(member),
        "renew_form": forms.get("renew_form") or RenewForm(user=request.user),
        "training_form": forms.get("training_form") or TrainingForm(user=request.user),
        "roster_form": forms.get("roster_form") or RosterForm(user=request.user, initial={"date": day}),
    }


@guarded()
def staff_detail(request, pk: int):
    member = CanteenStaff.objects.select_related("org_unit").get_visible(request.user, "canteen.view", pk=pk)
    return render(request, "canteen/staff_detail.html", _staff_context(request, member))


FORMS = {"renew": ("renew_form", RenewForm), "training": ("training_form", TrainingForm),
         "roster": ("roster_form", RosterForm)}


@guarded()
def staff_action(request, pk: int, action: str):
    """POST renew / training / roster from the worker's page; errors show beside the field."""
    member = CanteenStaff.objects.select_related("org_unit").get_visible(request.user, "canteen.manage", pk=pk)
    if request.method != "POST":
        return HttpResponseRedirect(member.get_absolute_url())
    name, form_class = FORMS[action]
    form = form_class(data=request.POST, user=request.user)
    status = 400
    if form.is_valid():
        data = form.cleaned_data
        try:
            if action == "renew":
                services.renew_certificate(member, actor=request.user, expires=data["health_certificate_expires"],
                                           number=data["health_certificate_no"])
            elif action == "training":
                services.record_training(member, actor=request.user, **data)
            else:
                services.add_to_roster(member, actor=request.user, date=data["date"])
        except Forbidden:
            raise
        except DomainError as exc:
            apply_errors(form, exc)
            status = exc.status
        else:
            messages.success(request, _("Saved."))
            return HttpResponseRedirect(member.get_absolute_url())
    member.refresh_from_db()
    return render(request, "canteen/staff_detail.html", _staff_context(request, member, **{name: form}),
                  status=status)


@guarded("canteen.view")
def licence(request):
    unit, choices = selectors.pick_school(request.user, "canteen.view", request.GET.get("org_unit"))
    canteen = Canteen.objects.filter(org_unit=unit).first() if unit else None
    return render(request, "canteen/licence.html", {
        "title": _("Canteen licence"), "unit": unit, "schools": choices, "canteen": canteen,
        "today": today(unit) if unit else None,
        "can_manage": unit is not None and has_capability(request.user, "canteen.manage", unit.path),
        "history": history_of(canteen) if canteen else [],
        "meals": [str(dict(Meal.choices)[m]) for m in (canteen.meals_served if canteen else [])],
    })


class LicenceEdit(CanteenFormView):
    form_class = CanteenForm
    title = gettext_lazy("Canteen licence and meals")
    capability = "canteen.manage"
    cancel_name = "canteen:licence"

    def get_form_kwargs(self) -> dict:
        kwargs = super().get_form_kwargs()
        if self.request.method == "GET":
            unit, _choices = selectors.pick_school(self.request.user, "canteen.manage",
                                                   self.request.GET.get("org_unit"))
            canteen = Canteen.objects.filter(org_unit=unit).first() if unit else None
            initial = {"org_unit": unit, "meals_served": ["lunch"]}
            if canteen is not None:
                initial.update({k: getattr(canteen, k) for k in ("name", "licence_no", "grade", "licence_expires",
                                                                 "meals_served")})
            kwargs["initial"] = initial
        return kwargs

    def perform(self, form):
        return services.save_canteen(actor=self.request.user, **form.cleaned_data)

    def success_url(self, result) -> str:
        return reverse("canteen:licence") + f"?org_unit={result.org_unit_id}"
