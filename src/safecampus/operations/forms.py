"""Page forms. Choices start from the reader's scope; the services decide the rest."""

from __future__ import annotations

import uuid

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from safecampus.core.forms import UserForm, VersionedForm
from safecampus.core.permissions import scope_paths
from safecampus.core.scoping import path_q
from safecampus.org.choices import UnitKind
from safecampus.org.models import OrgUnit

from .choices import CheckResult, RouteKind, Shift


def schools_for(user, capability: str):
    roots = scope_paths(user, capability)
    if not roots:
        return OrgUnit.objects.none()
    return OrgUnit.objects.filter(path_q("path", roots), kind=UnitKind.SCHOOL, is_active=True)


def staff_for(user, capability: str = "org.view"):
    """People who hold a role at a school the reader acts for (hosts, leaders, colleagues)."""
    roots = scope_paths(user, capability)
    User = get_user_model()
    if not roots:
        return User.objects.none()
    return (User.objects.filter(path_q("role_assignments__org_unit__path", roots), is_active=True)
            .select_related("staff").distinct().order_by("username"))


class PersonChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        staff = getattr(obj, "staff", None)
        return f"{staff.name} ({obj.username})" if staff is not None else obj.username


class SchoolForm(UserForm):
    """A form whose first field is the school; hidden when the reader acts for one school only."""

    capability = ""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        schools = schools_for(self.user, self.capability)
        self.fields["org_unit"].queryset = schools
        only = list(schools[:2])
        if len(only) == 1:
            self.fields["org_unit"].initial = only[0].pk
            self.fields["org_unit"].widget = forms.HiddenInput()


class VisitorForm(SchoolForm):
    capability = "operations.visitors"
    org_unit = forms.ModelChoiceField(queryset=OrgUnit.objects.none(), label=_("School"))
    name = forms.CharField(label=_("Visitor's name"), max_length=100, required=False)
    id_number = forms.CharField(label=_("Identity number"), max_length=40, required=False,
                                widget=forms.TextInput(attrs={"inputmode": "text", "autocomplete": "off"}))
    phone = forms.CharField(label=_("Phone"), max_length=32, required=False,
                            widget=forms.TextInput(attrs={"inputmode": "tel"}))
    purpose = forms.CharField(label=_("Purpose of the visit"), max_length=200, required=False)
    host = PersonChoice(queryset=None, label=_("Host (who is told)"), required=False)
    badge_no = forms.CharField(label=_("Badge number"), max_length=32, required=False)
    request_id = forms.CharField(widget=forms.HiddenInput(), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["host"].queryset = staff_for(self.user, "operations.visitors")
        if not self.is_bound:
            self.fields["request_id"].initial = uuid.uuid4().hex


class WatchEntryForm(SchoolForm):
    capability = "operations.watchlist"
    org_unit = forms.ModelChoiceField(queryset=OrgUnit.objects.none(), label=_("School"))
    name = forms.CharField(label=_("Name"), max_length=100, required=False)
    id_number = forms.CharField(label=_("Identity number"), max_length=40, required=False)
    reason = forms.CharField(label=_("Reason (court order, known risk)"), max_length=200, required=False)


def _date_input():
    return forms.DateInput(attrs={"type": "date"})


class DutyLogForm(SchoolForm):
    capability = "operations.duty"
    org_unit = forms.ModelChoiceField(queryset=OrgUnit.objects.none(), label=_("School"))
    date = forms.DateField(label=_("Date"), widget=_date_input())
    shift = forms.ChoiceField(label=_("Shift"), choices=Shift.choices)
    leader = PersonChoice(queryset=None, label=_("Leader on duty"))
    nothing_to_report = forms.BooleanField(label=_("Nothing to report"), required=False)
    summary = forms.CharField(label=_("Summary of the shift"), widget=forms.Textarea(attrs={"rows": 3}),
                              required=False)
    events = forms.CharField(label=_("Events (time, what happened, what was done)"),
                             widget=forms.Textarea(attrs={"rows": 3}), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["leader"].queryset = staff_for(self.user, "operations.duty")


class HandoverForm(VersionedForm):
    to_user = PersonChoice(queryset=None, label=_("Hand over to"))
    note = forms.CharField(label=_("What the next shift must know"), widget=forms.Textarea(attrs={"rows": 3}),
                           required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_user"].queryset = staff_for(self.user, "operations.duty")


class AssignmentForm(SchoolForm):
    capability = "operations.roster"
    org_unit = forms.ModelChoiceField(queryset=OrgUnit.objects.none(), label=_("School"))
    date = forms.DateField(label=_("Date"), widget=_date_input())
    shift = forms.ChoiceField(label=_("Shift"), choices=Shift.choices)
    user = PersonChoice(queryset=None, label=_("On duty"))
    is_leader = forms.BooleanField(label=_("Leader on duty"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = staff_for(self.user, "operations.roster")


class SwapForm(VersionedForm):
    to_user = PersonChoice(queryset=None, label=_("Who takes the shift"))
    reason = forms.CharField(label=_("Reason"), max_length=200, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_user"].queryset = staff_for(self.user, "operations.roster")


class RouteForm(SchoolForm):
    capability = "operations.routes"
    org_unit = forms.ModelChoiceField(queryset=OrgUnit.objects.none(), label=_("School"))
    name = forms.CharField(label=_("Route name"), max_length=100, required=False)
    kind = forms.ChoiceField(label=_("Kind of patrol"), choices=RouteKind.choices)
    night = forms.BooleanField(label=_("Night route (boarding schools, kindergartens)"), required=False)
    checkpoints = forms.CharField(label=_("Checkpoints, one per line"), widget=forms.Textarea(attrs={"rows": 6}),
                                  required=False)

    def clean_checkpoints(self):
        return [line.strip() for line in self.cleaned_data["checkpoints"].splitlines() if line.strip()]


class CheckinForm(UserForm):
    code = forms.CharField(label=_("Checkpoint code"), max_length=40, required=False,
                           widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters",
                                                         "inputmode": "text"}))
    result = forms.ChoiceField(label=_("What did you find?"), choices=CheckResult.choices, initial=CheckResult.OK,
                               required=False,
                               widget=forms.RadioSelect)
    note = forms.CharField(label=_("Note"), widget=forms.Textarea(attrs={"rows": 2}), required=False)
    photo = forms.ImageField(label=_("Photo"), required=False, widget=forms.ClearableFileInput(
        attrs={"accept": "image/*", "capture": "environment"}))
