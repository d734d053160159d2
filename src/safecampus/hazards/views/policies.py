"""The rectification policy pages: what is in force at each school, and the forms that set it."""

from __future__ import annotations

from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from safecampus.core.errors import Forbidden
from safecampus.core.permissions import has_capability, scope_paths
from safecampus.core.scoping import path_q
from safecampus.core.views.generic import ScopedMixin, ServiceFormView, guarded
from safecampus.org.choices import UnitKind
from safecampus.org.models import OrgUnit

from .. import services
from ..forms import NewPolicyForm, PolicyNumbersForm
from ..models import HazardPolicy
from ..policies import NUMBERS, PolicyBook, defaults, readable_policies

CAPABILITY = "hazards.manage_policy"


@guarded(CAPABILITY)
def policy_list(request):
    user = request.user
    policies = list(readable_policies(user, CAPABILITY).select_related("org_unit", "changed_by__staff"))
    policies.sort(key=lambda p: (p.org_unit.path if p.org_unit_id else ""))
    roots = scope_paths(user, CAPABILITY)
    schools = list(OrgUnit.objects.filter(path_q("path", roots), kind=UnitKind.SCHOOL).order_by("path"))
    # The readable policies include every unit above these schools: no second read.
    book = PolicyBook(rows=policies)
    in_force = [(school, book.for_path(school.path)) for school in schools]
    editable = {p.pk for p in policies if p.org_unit_id and has_capability(user, CAPABILITY, p.org_unit.path)}
    return render(request, "hazards/policies.html", {
        "title": _("Rectification policy"), "policies": policies, "editable": editable, "in_force": in_force})


class PolicyNew(ServiceFormView):
    form_class = NewPolicyForm
    capability = CAPABILITY
    title = gettext_lazy("Set a rectification policy for a unit")
    success_message = gettext_lazy("The policy was set. Deadlines given from now on follow it.")
    template_name = "hazards/policy_form.html"

    def get_form_kwargs(self) -> dict:
        kwargs = super().get_form_kwargs()
        if self.request.method == "GET":
            # Start from the numbers in force, so a district changes only what it means to change.
            start = defaults()
            builtin = HazardPolicy.objects.filter(org_unit__isnull=True).first()
            if builtin is not None:
                start = {k: getattr(builtin, k) for k in (*NUMBERS, "source")}
            kwargs["initial"] = dict(start)
            if self.request.GET.get("org_unit", "").isdigit():
                kwargs["initial"]["org_unit"] = int(self.request.GET["org_unit"])
        return kwargs

    def perform(self, form):
        data = {k: v for k, v in form.cleaned_data.items() if k != "version"}
        return services.create_policy(actor=self.request.user, **data)

    def success_url(self, result) -> str:
        return reverse("hazards:policies")


class PolicyEdit(ScopedMixin, ServiceFormView):
    """Version-checked: a change made meanwhile by someone else makes this one a 409, not a silent overwrite."""

    model = HazardPolicy
    capability = CAPABILITY
    form_class = PolicyNumbersForm
    title = gettext_lazy("Change the rectification policy")
    success_message = gettext_lazy("The policy was changed. Deadlines already given stay as they are.")
    template_name = "hazards/policy_form.html"

    def check(self) -> None:
        self.policy = self.get_object()
        if self.policy.org_unit_id is None:
            raise Forbidden()

    def get_form_kwargs(self) -> dict:
        kwargs = super().get_form_kwargs()
        if self.request.method == "GET":
            p = self.policy
            kwargs["initial"] = {**{k: getattr(p, k) for k in (*NUMBERS, "source")}, "version": p.version}
        return kwargs

    def extra_context(self) -> dict:
        return {"object": self.policy}

    def perform(self, form):
        data = dict(form.cleaned_data)
        return services.change_policy(self.policy, actor=self.request.user, expected_version=data.pop("version"),
                                      **data)

    def success_url(self, result) -> str:
        return reverse("hazards:policies")
