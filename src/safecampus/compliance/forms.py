from __future__ import annotations

import json

from django import forms
from django.utils.translation import gettext_lazy as _

from safecampus.core.forms import UserForm, UserModelForm
from safecampus.core.scoping import path_q
from safecampus.org.choices import SchoolType, UnitKind
from safecampus.org.roles import ROLES

from . import registry
from .models import Obligation

ROLE_CHOICES = [(code, f"{en} / {zh}") for code, (en, zh) in ROLES.items()]


class JSONMapField(forms.CharField):
    def prepare_value(self, value):
        return value if isinstance(value, str) else json.dumps(value or {}, ensure_ascii=False)

    def clean(self, value):
        value = super().clean(value)
        try:
            data = json.loads(value or "{}")
        except ValueError as exc:
            raise forms.ValidationError(_("Not valid JSON.")) from exc
        if not isinstance(data, dict):
            raise forms.ValidationError(_("A mapping of filter names to values."))
        return data


class ObligationForm(UserModelForm):
    org_unit = forms.ModelChoiceField(queryset=None, label=_("Set by"))
    school_types = forms.MultipleChoiceField(choices=SchoolType.choices, required=False,
                                             widget=forms.CheckboxSelectMultiple, label=_("School types"))
    unit_kind = forms.ChoiceField(choices=UnitKind.choices, label=_("Unit kind"))
    evidence_kind = forms.ChoiceField(choices=(), label=_("Evidence"))
    evidence_params = JSONMapField(required=False, label=_("Evidence filter (JSON)"))
    owner_roles = forms.MultipleChoiceField(choices=ROLE_CHOICES, widget=forms.CheckboxSelectMultiple,
                                            label=_("Owners (reminded)"))
    escalation_roles = forms.MultipleChoiceField(choices=ROLE_CHOICES, widget=forms.CheckboxSelectMultiple,
                                                 label=_("Escalate to, in the unit"))
    supervisor_roles = forms.MultipleChoiceField(choices=ROLE_CHOICES, widget=forms.CheckboxSelectMultiple,
                                                 label=_("Then escalate to, above"))

    class Meta:
        model = Obligation
        fields = ["org_unit", "code", "title", "title_zh", "preset", "active", "description", "source", "unit_kind",
                  "school_types", "needs_canteen", "needs_dormitory", "needs_transport", "needs_boarding", "period",
                  "period_days", "required", "evidence_kind", "evidence_params", "due_offset_days",
                  "due_after_start_days", "grace_days", "remind_days", "owner_roles", "escalation_roles",
                  "supervisor_roles", "sort"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from safecampus.core.permissions import scope_paths
        from safecampus.org.models import OrgUnit

        registry.load_app_modules()
        self.fields["evidence_kind"].choices = [(k.code, f"{k.label} ({k.code})")
                                                for k in sorted(registry.EVIDENCE.values(), key=lambda k: k.code)]
        roots = scope_paths(self.user, "compliance.manage_rules")
        self.fields["org_unit"].queryset = OrgUnit.objects.filter(
            path_q("path", roots), kind__in=["authority", "central_school"]) if roots else OrgUnit.objects.none()
        if self.instance.pk:
            self.fields["org_unit"].disabled = True
            self.fields["code"].disabled = True


class AttestForm(UserForm):
    obligation = forms.ModelChoiceField(queryset=Obligation.objects.none(), label=_("Duty"))
    org_unit = forms.ModelChoiceField(queryset=None, label=_("Unit"))
    note = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False, label=_("Note"))
    file = forms.FileField(label=_("Proof (photo or scan)"),
                           widget=forms.ClearableFileInput(attrs={"accept": "image/*,application/pdf"}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from safecampus.org.models import OrgUnit

        from .selectors import attestable

        rules, unit_ids = attestable(self.user)
        self.fields["obligation"].queryset = Obligation.objects.filter(pk__in=[r.pk for r in rules]).order_by(
            "sort", "code")
        self.fields["obligation"].label_from_instance = lambda o: o.display_title
        self.fields["org_unit"].queryset = OrgUnit.objects.filter(pk__in=unit_ids)
