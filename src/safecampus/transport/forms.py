"""Forms of the transport pages."""

from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from safecampus.core.forms import UserForm
from safecampus.org.models import OrgUnit, Student

from .choices import VehicleKind
from .models import Driver, Vehicle

DATE = {"widget": forms.DateInput(attrs={"type": "date"})}


def schools(user, capability: str):
    return OrgUnit.objects.visible_to(user, capability).filter(kind="school", is_active=True).order_by("path")


def staff_of(user, capability: str, role: str | None = None):
    """Accounts holding a role at a school the reader manages (the escort, the driver)."""
    paths = list(schools(user, capability).values_list("path", flat=True))
    qs = get_user_model().objects.filter(is_active=True, role_assignments__org_unit__path__in=paths)
    if role:
        qs = qs.filter(role_assignments__role__code=role)
    return qs.select_related("staff").distinct().order_by("username")


class PersonChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        staff = getattr(obj, "staff", None)
        return f"{staff.name} ({obj.username})" if staff else obj.username


class SchoolForm(UserForm):
    capability = "transport.manage"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        units = schools(self.user, self.capability)
        self.fields = {"org_unit": forms.ModelChoiceField(label=_("School"), queryset=units, initial=units.first()),
                       **self.fields}


class VehicleForm(SchoolForm):
    plate = forms.CharField(label=_("Plate"), max_length=20)
    kind = forms.ChoiceField(label=_("Kind"), choices=VehicleKind.choices)
    seats = forms.IntegerField(label=_("Seats"), required=False, min_value=1, max_value=200,
                               help_text=_("Empty: the capacity policy of its kind "
                                           "(45 kindergarten bus, 56 otherwise)."))
    inspection_expires = forms.DateField(label=_("Inspection expires"), **DATE)
    insurance_expires = forms.DateField(label=_("Insurance expires"), **DATE)


class DriverForm(SchoolForm):
    name = forms.CharField(label=_("Name"), max_length=60)
    birth_date = forms.DateField(label=_("Date of birth"), **DATE)
    licence_class = forms.CharField(label=_("Licence class"), max_length=10, required=False)
    licence_since = forms.DateField(label=_("Driving since"), **DATE)
    licence_expires = forms.DateField(label=_("Licence expires"), **DATE)
    phone = forms.CharField(label=_("Phone"), max_length=30, required=False,
                            widget=forms.TextInput(attrs={"inputmode": "tel"}))
    points_note = forms.CharField(label=_("Points record"), required=False, widget=forms.Textarea(attrs={"rows": 2}),
                                  help_text=_("e.g. no full-point record in the last three cycles"))
    user = PersonChoice(label=_("Account (to be told of alerts)"), queryset=get_user_model().objects.none(),
                        required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = staff_of(self.user, self.capability)


class RouteForm(SchoolForm):
    name = forms.CharField(label=_("Name"), max_length=100)
    vehicle = forms.ModelChoiceField(label=_("Vehicle"), queryset=Vehicle.objects.none(), required=False)
    driver = forms.ModelChoiceField(label=_("Driver"), queryset=Driver.objects.none(), required=False)
    escort = PersonChoice(label=_("Escort"), queryset=get_user_model().objects.none(), required=False)
    stops = forms.CharField(label=_("Stops"), required=False, widget=forms.Textarea(attrs={"rows": 4}),
                            help_text=_("One stop a line, in the order the bus stops."))
    riders = forms.ModelMultipleChoiceField(label=_("Riders"), queryset=Student.objects.none(), required=False,
                                            widget=forms.SelectMultiple(attrs={"size": 10}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["vehicle"].queryset = Vehicle.objects.visible_to(self.user, self.capability).filter(active=True)
        self.fields["driver"].queryset = Driver.objects.visible_to(self.user, self.capability).filter(active=True)
        self.fields["escort"].queryset = staff_of(self.user, self.capability, "escort")
        paths = list(schools(self.user, self.capability).values_list("path", flat=True))
        students = Student.objects.none()
        for path in paths[:20]:
            students = students | Student.objects.filter(org_unit__path__startswith=path, is_active=True)
        self.fields["riders"].queryset = students.select_related("org_unit").order_by("org_unit__path", "name")

    def clean_riders(self):
        return [s.pk for s in self.cleaned_data.get("riders") or []]


class PupilTicks(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj) -> str:
        return obj.name


class RidersForm(UserForm):
    """The riders of one class of the route's school: a ticked pupil rides, an unticked one does not."""

    riders = PupilTicks(label=_("Riders"), queryset=Student.objects.none(), required=False,
                        widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}),
                        # Django's own messages quote the id sent; a person reads what to do instead.
                        error_messages={"invalid_choice": _("Choose pupils of this class."),
                                        "invalid_pk_value": _("Choose pupils of this class."),
                                        "invalid_list": _("Choose pupils of this class.")})
    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1, max_value=2**31 - 1,
                                 error_messages={"invalid": _("Reload the page and try again."),
                                                 "min_value": _("Reload the page and try again."),
                                                 "max_value": _("Reload the page and try again.")})

    def __init__(self, *args, pupils, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["riders"].queryset = pupils


class InspectionForm(UserForm):
    inspected_on = forms.DateField(label=_("Inspected on"), **DATE)
    passed = forms.BooleanField(label=_("Passed"), required=False, initial=True)
    expires = forms.DateField(label=_("Inspection valid until"), required=False, **DATE)
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class InsuranceForm(UserForm):
    insurance_expires = forms.DateField(label=_("New insurance expires"), **DATE)


class LicenceForm(UserForm):
    licence_expires = forms.DateField(label=_("New licence expires"), **DATE)
    points_note = forms.CharField(label=_("Points record"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
