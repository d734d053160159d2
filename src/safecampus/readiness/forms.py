"""Page forms. Choices start from the reader's scope; the services decide the rest."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from safecampus.core.forms import UserForm
from safecampus.core.permissions import scope_paths
from safecampus.core.scoping import path_q
from safecampus.org.models import OrgUnit

from .choices import DrillKind, MemberRole, PlanKind, PlanStatus, TeamKind
from .models import EmergencyPlan, TeamMember

MANAGE = "readiness.manage"


def units_for(user, capability: str = MANAGE):
    """Schools (and the central school itself) where ``user`` may keep readiness records."""
    return OrgUnit.objects.filter(path_q("path", scope_paths(user, capability)),
                                  kind__in=("school", "central_school"), is_active=True).order_by("path")


class UnitForm(UserForm):
    org_unit = forms.ModelChoiceField(queryset=OrgUnit.objects.none(), label=_("School"), empty_label=None)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        units = units_for(self.user)
        self.fields["org_unit"].queryset = units
        only = list(units[:2])
        if len(only) == 1:  # one school: nothing to choose
            self.fields["org_unit"].widget = forms.HiddenInput()
            self.initial.setdefault("org_unit", only[0].pk)


class PlanForm(UnitForm):
    kind = forms.ChoiceField(label=_("Kind of event"), choices=PlanKind.choices)
    title = forms.CharField(label=_("Title"), max_length=200)
    body = forms.CharField(label=_("Plan"), max_length=50_000, widget=forms.Textarea(attrs={"rows": 14}),
                           help_text=_("Organisation, warning and reporting, response steps, evacuation routes, "
                                       "aftermath. Write it as the people who act on it will read it."))


class PlanTextForm(UserForm):
    title = forms.CharField(label=_("Title"), max_length=200)
    body = forms.CharField(label=_("Plan"), max_length=50_000, widget=forms.Textarea(attrs={"rows": 14}))
    version = forms.IntegerField(widget=forms.HiddenInput)


class DrillForm(UnitForm):
    kind = forms.ChoiceField(label=_("Kind of drill"), choices=DrillKind.choices)
    plan = forms.ModelChoiceField(queryset=EmergencyPlan.objects.none(), label=_("Plan practised"), required=False)
    held_at = forms.DateTimeField(label=pgettext_lazy("drill", "Held at"), required=False,
                                  widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
                                  help_text=_("Leave empty for now."))
    participants = forms.IntegerField(label=_("Participants"), min_value=1,
                                      widget=forms.NumberInput(attrs={"inputmode": "numeric"}))
    evacuation_seconds = forms.IntegerField(label=_("Evacuation time (seconds)"), min_value=1,
                                            widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
                                            help_text=_("From the alarm until the last person is at the assembly "
                                                        "point."))
    floors = forms.IntegerField(label=_("Floors of the building"), min_value=1, max_value=100, required=False,
                                widget=forms.NumberInput(attrs={"inputmode": "numeric"}))
    buildings = forms.CharField(label=_("Buildings"), max_length=200, required=False)
    problems = forms.CharField(label=_("Problems found"), required=False, widget=forms.Textarea(attrs={"rows": 4}),
                               help_text=_("One per line. Each becomes a hazard to rectify."))
    summary = forms.CharField(label=pgettext_lazy("drill", "Summary"), required=False,
                              widget=forms.Textarea(attrs={"rows": 3}))
    photos = forms.FileField(label=_("Photos"), required=False,
                             widget=forms.ClearableFileInput(attrs={"accept": "image/*"}))
    request_id = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["plan"].queryset = EmergencyPlan.objects.visible_to(self.user, "readiness.view").filter(
            status=PlanStatus.APPROVED).select_related("org_unit")
        self.fields["plan"].label_from_instance = lambda p: f"{p.org_unit} · {p.title}"

    def clean_held_at(self):
        value = self.cleaned_data.get("held_at")
        if value is not None and value > timezone.now():
            raise forms.ValidationError(_("A drill is recorded once it has been held."))
        return value

    def clean_problems(self):
        return [line.strip() for line in self.cleaned_data.get("problems", "").splitlines() if line.strip()]


class PlannedDrillForm(UnitForm):
    kind = forms.ChoiceField(label=_("Kind of drill"), choices=DrillKind.choices)
    planned_for = forms.DateField(label=_("Planned for"), widget=forms.DateInput(attrs={"type": "date"}))


class TeamForm(UnitForm):
    kind = forms.ChoiceField(label=_("Team"), choices=TeamKind.choices)
    name = forms.CharField(label=_("Name"), max_length=100)
    duties = forms.CharField(label=_("Duties"), required=False, widget=forms.Textarea(attrs={"rows": 3}))


class MemberForm(UserForm):
    name = forms.CharField(label=_("Name"), max_length=100)
    phone = forms.CharField(label=_("Phone"), max_length=32, widget=forms.TextInput(attrs={"inputmode": "tel"}))
    role = forms.ChoiceField(label=_("Role in the team"), choices=MemberRole.choices, initial=MemberRole.MEMBER)
    calls = forms.ModelChoiceField(queryset=TeamMember.objects.none(), label=_("Is called by"), required=False)

    def __init__(self, *args, team, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["calls"].queryset = TeamMember.objects.filter(org_unit_id=team.org_unit_id).select_related("team")
        self.fields["calls"].label_from_instance = lambda m: f"{m.name} ({m.team.name})"


class FundForm(UnitForm):
    year = forms.IntegerField(label=_("School year"), min_value=2000, max_value=2100,
                              help_text=_("The year it starts: 2026 for 2026-2027."))
    line = forms.CharField(label=_("Budget line"), max_length=100)
    budget = forms.DecimalField(label=_("Budget (yuan)"), min_value=0, max_digits=12, decimal_places=2)


class SpendingForm(UserForm):
    amount = forms.DecimalField(label=_("Amount (yuan)"), min_value=1, max_digits=12, decimal_places=2)
    spent_on = forms.DateField(label=_("Spent on"), widget=forms.DateInput(attrs={"type": "date"}))
    note = forms.CharField(label=_("What for"), max_length=300, required=False)
    receipt = forms.FileField(label=_("Receipt or invoice"), required=False)
