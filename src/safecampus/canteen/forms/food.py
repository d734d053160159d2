"""The day page's forms: a sample, a meal's menu, 陪餐."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from safecampus.core.forms import UserForm

from ..choices import Meal


class SampleForm(UserForm):
    meal = forms.ChoiceField(label=_("Meal"), choices=Meal.choices)
    dish = forms.CharField(label=_("Dish"), max_length=100)
    weight_g = forms.IntegerField(label=_("Weight (g)"), min_value=1, max_value=10000)
    fridge = forms.CharField(label=_("Fridge"), max_length=100, required=False)
    request_id = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, min_weight: int = 125, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["weight_g"].widget.attrs.update({"inputmode": "numeric", "placeholder": str(min_weight)})
        self.fields["weight_g"].help_text = _("At least %(n)d g.") % {"n": min_weight}


class MenuForm(UserForm):
    meal = forms.ChoiceField(label=_("Meal"), choices=Meal.choices)
    menu = forms.CharField(label=_("Dishes"), max_length=2000,
                           help_text=_("Separate dishes with commas; each one needs a sample."))


class CompanionForm(UserForm):
    meal = forms.ChoiceField(label=_("Meal"), choices=Meal.choices, widget=forms.HiddenInput)
    note = forms.CharField(label=_("Remarks on the meal"), max_length=500, required=False)
