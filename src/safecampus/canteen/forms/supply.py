"""Forms of the supplier and purchase pages."""

from __future__ import annotations

import uuid

from django import forms
from django.utils.translation import gettext_lazy as _

from safecampus.core.forms import UserForm

from ..models import Supplier
from .staff import SchoolForm


class SupplierForm(SchoolForm):
    name = forms.CharField(label=_("Supplier"), max_length=100)
    licence_no = forms.CharField(label=_("Licence number"), max_length=60, required=False)
    qualifications = forms.CharField(label=_("Qualification documents"), max_length=500, required=False,
                                     help_text=_("For example: food business licence, inspection reports."))
    licence_expires = forms.DateField(label=_("Qualification expires"), widget=forms.DateInput(attrs={"type": "date"}))
    contact = forms.CharField(label=_("Contact"), max_length=100, required=False)
    photo = forms.FileField(label=_("Photo of the documents"), required=False,
                            widget=forms.ClearableFileInput(attrs={"accept": "image/*,application/pdf"}))


class SupplierRenewForm(UserForm):
    licence_expires = forms.DateField(label=_("New qualification expires"),
                                      widget=forms.DateInput(attrs={"type": "date"}))
    photo = forms.FileField(label=_("Photo of the documents"), required=False,
                            widget=forms.ClearableFileInput(attrs={"accept": "image/*,application/pdf"}))


class PurchaseForm(SchoolForm):
    supplier = forms.ModelChoiceField(label=_("Supplier"), queryset=Supplier.objects.none())
    item = forms.CharField(label=_("Item"), max_length=100)
    batch = forms.CharField(label=_("Batch"), max_length=60)
    quantity = forms.CharField(label=_("Quantity"), max_length=60, help_text=_("For example: 20 kg"))
    production_date = forms.DateField(label=_("Production date"), required=False,
                                      widget=forms.DateInput(attrs={"type": "date"}))
    shelf_life_days = forms.IntegerField(label=_("Shelf life (days)"), required=False, min_value=1)
    has_certificate = forms.BooleanField(label=_("Inspection certificate seen"), required=False)
    certificate_photo = forms.FileField(label=_("Photo of the certificate"), required=False,
                                        widget=forms.ClearableFileInput(attrs={"accept": "image/*",
                                                                               "capture": "environment"}))
    has_ticket = forms.BooleanField(label=_("Purchase ticket seen"), required=False)
    ticket_photo = forms.FileField(label=_("Photo of the ticket"), required=False,
                                   widget=forms.ClearableFileInput(attrs={"accept": "image/*",
                                                                          "capture": "environment"}))
    request_id = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["supplier"].queryset = Supplier.objects.visible_to(self.user, "canteen.manage").order_by("name")
        self.fields["supplier"].widget.attrs["class"] = "form-select"
        self.fields["request_id"].initial = uuid.uuid4().hex
