"""The policies page: every number the rules use, what is in force, who set it, and the form that sets it."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from safecampus.core.forms import UserForm
from safecampus.core.permissions import has_capability, scope_paths
from safecampus.core.scoping import path_q
from safecampus.core.views.generic import ServiceFormView, guarded
from safecampus.org.models import OrgUnit

from .. import policies
from ..models import Policy


def _manageable_units(user):
    return OrgUnit.objects.filter(path_q("path", scope_paths(user, policies.CAPABILITY)),
                                  kind__in=policies.UNIT_KINDS, is_active=True).order_by("path")


@guarded("compliance.view")
def policy_list(request):
    user = request.user
    rows = list(policies.readable(user).select_related("org_unit", "changed_by__staff"))
    by_code: dict[str, list[Policy]] = {}
    for row in sorted(rows, key=lambda r: r.org_unit.path):
        by_code.setdefault(row.code, []).append(row)
    can_manage = has_capability(user, policies.CAPABILITY)
    items = []
    for code, spec in sorted(policies.POLICIES.items()):
        overrides = [{"row": row, "values": [(n, row.values.get(n.name)) for n in spec.fields],
                      "editable": can_manage and has_capability(user, policies.CAPABILITY, row.org_unit.path)}
                     for row in by_code.get(code, [])]
        items.append({"spec": spec, "defaults": [(n, n.default) for n in spec.fields], "overrides": overrides})
    return render(request, "compliance/policies.html", {"items": items, "can_manage": can_manage})


class PolicyForm(UserForm):
    org_unit = forms.ModelChoiceField(queryset=OrgUnit.objects.none(), label=gettext_lazy("Unit"),
                                      empty_label=None)
    source = forms.CharField(label=gettext_lazy("Source"), required=False, max_length=2000,
                             widget=forms.Textarea(attrs={"rows": 2}),
                             help_text=gettext_lazy("The regulation, document or decision these numbers come from."))
    version = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, spec: policies.PolicySpec, **kwargs):
        super().__init__(*args, **kwargs)
        self.spec = spec
        self.fields["org_unit"].queryset = _manageable_units(self.user)
        for number in spec.fields:
            self.fields[number.name] = forms.IntegerField(
                label=f"{number.label} ({number.unit})" if number.unit else number.label,
                min_value=number.minimum, max_value=number.maximum, help_text=number.help,
                widget=forms.NumberInput(attrs={"class": "form-control", "inputmode": "numeric"}))
        # The numbers first, the unit and the source after: what a person came to change is on top.
        order = [n.name for n in spec.fields] + ["org_unit", "source", "version"]
        self.order_fields(order)


class PolicySet(ServiceFormView):
    """Set a unit's numbers; the form opens on what is in force there, so one changes only what one means to."""

    form_class = PolicyForm
    capability = policies.CAPABILITY
    template_name = "compliance/policy_form.html"
    success_message = gettext_lazy("The policy was set. What is recorded from now on follows it.")

    def check(self) -> None:
        super().check()
        self.spec = policies.POLICIES.get(self.kwargs["code"])
        if self.spec is None:
            raise Http404
        self.title = _("Set: %(policy)s") % {"policy": self.spec.title}

    def _unit(self):
        raw = self.request.GET.get("org_unit", "")
        units = _manageable_units(self.request.user)
        return units.filter(pk=int(raw)).first() if raw.isdigit() and len(raw) < 12 else units.first()

    def get_form_kwargs(self) -> dict:
        kwargs = {**super().get_form_kwargs(), "spec": self.spec}
        if self.request.method == "GET":
            unit = self._unit()
            initial: dict = {}
            if unit is not None:
                found = policies.in_force(unit, self.spec.code)
                own = found.row if found.row is not None and found.row.org_unit_id == unit.pk else None
                initial = {**found.values, "org_unit": unit.pk, "source": own.source if own else "",
                           "version": own.version if own else None}
            kwargs["initial"] = initial
        return kwargs

    def extra_context(self) -> dict:
        return {"spec": self.spec}

    def perform(self, form):
        data = form.cleaned_data
        values = {n.name: data[n.name] for n in self.spec.fields}
        return policies.set_policy(data["org_unit"], self.spec.code, values, actor=self.request.user,
                                   source=data["source"], expected_version=data.get("version"))

    def success_url(self, result) -> str:
        return reverse("compliance:policies") + f"#policy-{self.spec.code}"


@require_POST
@guarded(policies.CAPABILITY)
def policy_clear(request, pk: int):
    row = Policy.objects.get_visible(request.user, policies.CAPABILITY, pk=pk)
    policies.clear_policy(row, actor=request.user, expected_version=request.POST.get("version") or None)
    messages.success(request, _("The unit follows the policy above it again."))
    return redirect(reverse("compliance:policies") + f"#policy-{row.code}")
