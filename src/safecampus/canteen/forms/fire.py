"""Forms of the fire equipment pages."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from safecampus.core.forms import UserForm

from ..choices import CheckResult, EquipmentKind
from .staff import SchoolForm


class EquipmentForm(SchoolForm):
    capability = "canteen.fire_manage"
    kind = forms.ChoiceField(label=_("Kind"), choices=EquipmentKind.choices)
    building = forms.CharField(label=_("Building"), max_length=100, required=False)
    location = forms.CharField(label=_("Location"), max_length=200, help_text=_("For example: 2nd floor, east stairs"))
    model = forms.CharField(label=_("Type"), max_length=100, required=False, help_text=_("For example: MFZ/ABC4"))
    expires = forms.DateField(label=_("Expires"), required=False, widget=forms.DateInput(attrs={"type": "date"}))


class CheckForm(UserForm):
    result = forms.ChoiceField(label=_("Result"), choices=CheckResult.choices, widget=forms.RadioSelect,
                               initial=CheckResult.OK)
    note = forms.CharField(label=_("Note"), max_length=500, required=False,
                           help_text=_("For a fault: what is wrong (a hazard is opened)."))
    photo = forms.FileField(label=_("Photo"), required=False,
                            widget=forms.ClearableFileInput(attrs={"accept": "image/*", "capture": "environment"}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["result"].widget.attrs["class"] = "form-check-input"


class ExitForm(SchoolForm):
    capability = "canteen.fire_check"
    place = forms.CharField(label=_("Route or exit"), max_length=200)
    clear = forms.BooleanField(label=_("Clear and unlocked"), required=False, initial=True)
    note = forms.CharField(label=_("Note"), max_length=500, required=False)
