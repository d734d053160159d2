"""Security defences pages: a school's defences by category, a check, a new one; the school page's panel."""

from __future__ import annotations

from django import forms
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext_lazy
from django.utils.translation import gettext_lazy as _

from safecampus.core.forms import UserForm
from safecampus.core.permissions import has_capability
from safecampus.core.views.generic import guarded
from safecampus.org.models import OrgUnit

from ..choices import DefenceCategory, DefenceState
from ..defences_data import KINDS
from ..forms import SchoolForm
from ..models import Defence
from ..services import defences as services
from .common import FormPage, ObjectFormPage


def school_defences(schools, defences) -> list[dict]:
    """Per school, every kind of the list in data with its record (or missing), grouped by category."""
    by_school: dict[int, dict[str, Defence]] = {}
    for d in defences:
        by_school.setdefault(d.org_unit_id, {})[d.kind] = d
    out = []
    for unit in schools:
        mine = by_school.get(unit.pk, {})
        groups = []
        for category, label in DefenceCategory.choices:
            rows = [{"kind": code, "label": kind_label, "defence": mine.get(code)}
                    for code, (cat, kind_label) in KINDS.items() if cat == category]
            groups.append({"label": label, "rows": rows})
        out.append({"school": unit, "groups": groups})
    return out


@guarded("operations.view")
def defences(request):
    schools = list(OrgUnit.objects.visible_to(request.user, "operations.view").filter(kind="school", is_active=True)
                   .order_by("path")[:20])
    rows = Defence.objects.filter(org_unit__in=schools)
    return render(request, "operations/defences.html", {
        "title": _("Security defences"), "schools": school_defences(schools, rows),
        "can_check": has_capability(request.user, "operations.defences")})


def unit_panel(request, unit) -> dict | None:
    """On the school page: its defences and their state."""
    if unit.kind != "school" or not has_capability(request.user, "operations.view", unit.path):
        return None
    rows = Defence.objects.filter(org_unit=unit)
    return {"template": "operations/_defences_panel.html", "title": _("Security defences"),
            "school": school_defences([unit], rows)[0],
            "can_check": has_capability(request.user, "operations.defences", unit.path)}


class DefenceForm(SchoolForm):
    capability = "operations.defences"
    org_unit = forms.ModelChoiceField(queryset=OrgUnit.objects.none(), label=_("School"))
    kind = forms.ChoiceField(label=_("Defence"), choices=[(k, v[1]) for k, v in KINDS.items()])
    quantity = forms.IntegerField(label=_("Quantity"), min_value=0, initial=1, required=False)
    location = forms.CharField(label=_("Where"), max_length=200, required=False)
    state = forms.ChoiceField(label=_("State"), choices=DefenceState.choices)


class CheckForm(UserForm):
    ok = forms.TypedChoiceField(label=_("Result of the check"), coerce=lambda v: v == "true",
                                choices=[("true", _("Working")), ("false", _("Not working"))],
                                widget=forms.RadioSelect, initial="true")
    note = forms.CharField(label=_("Note (what is wrong)"), widget=forms.Textarea(attrs={"rows": 2}),
                           required=False)
    version = forms.IntegerField(widget=forms.HiddenInput(), required=False)


class NewDefence(FormPage):
    form_class = DefenceForm
    capability = "operations.defences"
    title = gettext_lazy("Record a security defence")
    cancel_url = "operations:defences"
    success_message = gettext_lazy("Defence recorded.")

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        if self.request.method == "GET" and self.request.GET.get("kind") in KINDS:
            kwargs["initial"] = {"kind": self.request.GET["kind"]}
        return kwargs

    def perform(self, form):
        data = dict(form.cleaned_data)
        data["quantity"] = 1 if data.get("quantity") is None else data["quantity"]
        return services.create_defence(actor=self.request.user, **data)

    def success_url(self, result) -> str:
        return reverse("operations:defences")


class CheckDefence(ObjectFormPage):
    model = Defence
    form_class = CheckForm
    capability = "operations.defences"
    title = gettext_lazy("Check a security defence")
    cancel_url = "operations:defences"
    success_message = gettext_lazy("Check recorded.")

    def perform(self, form):
        data = form.cleaned_data
        return services.check_defence(self.object, actor=self.request.user, ok=data["ok"], note=data["note"],
                                      expected_version=data.get("version"))

    def success_url(self, result) -> str:
        return reverse("operations:defences")
