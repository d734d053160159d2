"""Forms of the licence and staff pages."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from safecampus.core.forms import UserForm

from ..choices import Grade, Meal


class SchoolForm(UserForm):
    """A form whose record belongs to one of the reader's schools."""

    capability = "canteen.manage"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from .. import selectors

        units = selectors.schools(self.user, self.capability)
        self.fields = {"org_unit": forms.ModelChoiceField(label=_("School"), queryset=units,
                                                          initial=units.first(),
                                                          widget=forms.Select(attrs={"class": "form-select"})),
                       **self.fields}


class CanteenForm(SchoolForm):
    name = forms.CharField(label=_("Canteen name"), max_length=100)
    licence_no = forms.CharField(label=_("Food business licence number"), max_length=60, required=False)
    grade = forms.ChoiceField(label=_("Quantitative grade"), choices=[("", "—"), *Grade.choices], required=False)
    licence_expires = forms.DateField(label=_("Licence expires"), required=False,
                                      widget=forms.DateInput(attrs={"type": "date"}))
    meals_served = forms.MultipleChoiceField(label=_("Meals served"), choices=Meal.choices,
                                             widget=forms.CheckboxSelectMultiple)


class StaffForm(SchoolForm):
    name = forms.CharField(label=_("Name"), max_length=60)
    post = forms.CharField(label=_("Post"), max_length=60, required=False)
    phone = forms.CharField(label=_("Phone"), max_length=30, required=False)
    health_certificate_no = forms.CharField(label=_("Health certificate number"), max_length=60, required=False)
    health_certificate_expires = forms.DateField(label=_("Health certificate expires"),
                                                 widget=forms.DateInput(attrs={"type": "date"}))


class RenewForm(UserForm):
    health_certificate_expires = forms.DateField(label=_("New certificate expires"),
                                                 widget=forms.DateInput(attrs={"type": "date"}))
    health_certificate_no = forms.CharField(label=_("Health certificate number"), max_length=60, required=False)


class TrainingForm(UserForm):
    topic = forms.CharField(label=_("Topic"), max_length=200)
    held_on = forms.DateField(label=_("Held on"), widget=forms.DateInput(attrs={"type": "date"}))
    hours = forms.DecimalField(label=_("Hours"), min_value=0.5, max_value=200, decimal_places=1)


class RosterForm(UserForm):
    date = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
