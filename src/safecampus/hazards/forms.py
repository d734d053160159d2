"""Page forms. Choices start from the reader's scope; the services decide the rest."""

from __future__ import annotations

import uuid

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext, pgettext_lazy

from safecampus.core.forms import UserForm, VersionedForm
from safecampus.core.scoping import path_q
from safecampus.org.choices import UnitKind
from safecampus.org.models import OrgUnit

from .choices import Category, ContactMethod, Level


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class PhotosField(forms.FileField):
    """Several photos in one input; each is checked again by core.files.store."""

    widget = MultipleFileInput

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)
        self.widget.attrs.update({"accept": "image/*"})

    def clean(self, data, initial=None):
        files = [d for d in (data if isinstance(data, list | tuple) else [data]) if d]
        if not files:
            if self.required:
                raise forms.ValidationError(self.error_messages["required"], code="required")
            return []
        return [super(PhotosField, self).clean(f, initial) for f in files]


def _date_input():
    return forms.DateInput(attrs={"type": "date"})


class ReportForm(UserForm):
    org_unit = forms.ModelChoiceField(queryset=OrgUnit.objects.none(), label=_("School"))
    title = forms.CharField(label=_("What is wrong?"), max_length=200)
    category = forms.ChoiceField(label=_("Category"), choices=Category.choices)
    level = forms.ChoiceField(label=pgettext_lazy("hazard", "Level"), choices=Level.choices, initial=Level.GENERAL,
                              help_text=_("Major: could cause deaths or serious injury; it goes to the authority."))
    location = forms.CharField(label=_("Where?"), max_length=200, required=False)
    description = forms.CharField(label=_("Details"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    outside_department = forms.CharField(label=_("Outside department that must act"), max_length=200,
                                         required=False,
                                         help_text=_("For hazards outside the gate: traffic police, market "
                                                     "supervision, culture bureau, ..."))
    responsible_unit = forms.ModelChoiceField(
        queryset=OrgUnit.objects.none(), label=_("Responsible unit"), required=False,
        help_text=_("Optional: the grade, class or office that should deal with it."))
    photos = PhotosField(label=_("Photos"))
    request_id = forms.CharField(widget=forms.HiddenInput, required=False)
    recurrence_of = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from safecampus.core.permissions import scope_paths

        roots = scope_paths(self.user, "hazards.report")
        in_scope = OrgUnit.objects.filter(path_q("path", roots)) if roots else OrgUnit.objects.none()
        units = in_scope.filter(kind=UnitKind.SCHOOL)
        self.fields["org_unit"].queryset = units
        if len(units) == 1:
            self.fields["org_unit"].initial = units[0].pk
        # A unit of a school the reporter may report at; the service checks it is the chosen school's.
        responsible = in_scope.filter(kind__in=(UnitKind.SCHOOL, UnitKind.GRADE, UnitKind.CLASS)).order_by("path")
        self.fields["responsible_unit"].queryset = responsible
        self.fields["responsible_unit"].label_from_instance = _unit_labeller(units)
        # One key per form shown: a double submit of the same page reports one hazard.
        self.fields["request_id"].initial = uuid.uuid4().hex


def _unit_labeller(schools):
    """"School A · Class 1-1" for a unit below a school, read from the one list of schools already loaded."""
    names = {s.pk: str(s) for s in schools}

    def label(unit) -> str:
        if unit.kind == UnitKind.SCHOOL:
            return str(unit)
        school = next((names[pk] for pk in map(int, unit.path.strip("/").split("/")) if pk in names), "")
        return f"{school} · {unit}" if school else str(unit)

    return label


class AssignForm(VersionedForm):
    assignee = forms.ModelChoiceField(queryset=get_user_model().objects.none(), label=_("Responsible person"))
    deadline = forms.DateField(label=_("Deadline"), widget=_date_input(), required=False,
                               help_text=_("Empty: the standard period for the hazard's level."))
    responsible_unit = forms.ModelChoiceField(queryset=OrgUnit.objects.none(), label=_("Responsible unit"),
                                              required=False)
    note = forms.CharField(label=_("Instructions"), widget=forms.Textarea(attrs={"rows": 2}), required=False)

    def __init__(self, *args, hazard=None, **kwargs):
        super().__init__(*args, **kwargs)
        if hazard is not None:
            from .policies import policy_for

            days = policy_for(hazard.org_unit).rectify_days(hazard.level)
            self.fields["deadline"].help_text = ngettext(
                "Empty: %(days)d day, the period the rectification policy sets for this level.",
                "Empty: %(days)d days, the period the rectification policy sets for this level.", days) % {
                "days": days}
            self.fields["responsible_unit"].queryset = OrgUnit.objects.filter(
                path__startswith=hazard.org_unit.path).order_by("path")
            User = get_user_model()
            self.fields["assignee"].queryset = User.objects.filter(
                is_active=True, role_assignments__org_unit__path__startswith=hazard.org_unit.path
            ).distinct().order_by("username")
            self.fields["assignee"].label_from_instance = lambda u: (
                f"{u.staff.name} ({u.username})" if hasattr(u, "staff") else u.username)


class RectifyForm(VersionedForm):
    note = forms.CharField(label=_("What was done"), widget=forms.Textarea(attrs={"rows": 3}))
    photos = PhotosField(label=_("Photos of the result"), required=True)


class VerifyForm(VersionedForm):
    note = forms.CharField(label=_("Verification note"), widget=forms.Textarea(attrs={"rows": 2}), required=False)


class RejectForm(VersionedForm):
    note = forms.CharField(label=_("Why it is not fixed"), widget=forms.Textarea(attrs={"rows": 2}))
    deadline = forms.DateField(label=_("New deadline"), widget=_date_input(), required=False)


class CommitmentsForm(VersionedForm):
    measures = forms.CharField(label=_("Measures"), widget=forms.Textarea(attrs={"rows": 2}))
    person = forms.CharField(label=_("Person responsible"), max_length=100)
    funds = forms.CharField(label=_("Funds"), max_length=100)
    deadline = forms.DateField(label=_("Rectification deadline"), widget=_date_input())
    contingency = forms.CharField(label=_("Contingency plan"), widget=forms.Textarea(attrs={"rows": 2}))


class ContactForm(UserForm):
    department = forms.CharField(label=_("Department"), max_length=200)
    contact_person = forms.CharField(label=_("Contact person"), max_length=100, required=False)
    method = forms.ChoiceField(label=_("Method"), choices=ContactMethod.choices)
    summary = forms.CharField(label=_("What was agreed"), widget=forms.Textarea(attrs={"rows": 3}))


class SuperviseForm(VersionedForm):
    note = forms.CharField(label=_("Supervision instructions"), widget=forms.Textarea(attrs={"rows": 3}),
                           help_text=_("What the school must do, and how it reports progress."))
    deadline = forms.DateField(label=_("New deadline"), widget=_date_input(), required=False,
                               help_text=_("Optional; not earlier than today. Empty keeps the current deadline."))


class PolicyNumbersForm(VersionedForm):
    """The four numbers of a rectification policy; the service checks how they relate."""

    general_days = forms.IntegerField(label=_("General hazard: days to rectify"), min_value=1, max_value=365)
    general_remind_days = forms.IntegerField(
        label=_("General hazard: remind this many days before the deadline"), min_value=0, max_value=364,
        help_text=_("0: no reminder before the deadline. Fewer days than the period."))
    major_days = forms.IntegerField(label=_("Major hazard: days to rectify"), min_value=1, max_value=365)
    major_remind_days = forms.IntegerField(
        label=_("Major hazard: remind this many days before the deadline"), min_value=0, max_value=364,
        help_text=_("0: no reminder before the deadline. Fewer days than the period."))
    source = forms.CharField(label=_("Source"), widget=forms.Textarea(attrs={"rows": 2}), required=False,
                             max_length=2000, help_text=_("The rule these numbers come from, so others can check."))


class NewPolicyForm(PolicyNumbersForm):
    org_unit = forms.ModelChoiceField(queryset=OrgUnit.objects.none(), label=_("Unit"),
                                      help_text=_("The policy applies to every school below this unit that has "
                                                  "no policy of its own."))
    field_order = ["org_unit"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from .models import HazardPolicy

        taken = HazardPolicy.objects.filter(org_unit__isnull=False).values("org_unit_id")
        self.fields["org_unit"].queryset = OrgUnit.objects.visible_to(self.user, "hazards.manage_policy").filter(
            kind__in=(UnitKind.AUTHORITY, UnitKind.CENTRAL_SCHOOL, UnitKind.SCHOOL)).exclude(
            pk__in=taken).order_by("path")
        self.order_fields(self.field_order)
