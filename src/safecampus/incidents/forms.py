from __future__ import annotations

import uuid

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from safecampus.core.forms import UserForm, VersionedForm
from safecampus.org.models import OrgUnit

from . import hazard_links
from .choices import FollowUpKind, Kind, NoticeKind, RecordKind, Severity
from .services.common import school_of, zone_of

LOCAL = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
NAMES_HELP = _("Pupils' names are personal data of minors: stored encrypted and shown masked.")


def units_for(user, capability: str, kinds=("school", "class")):
    return OrgUnit.objects.visible_to(user, capability).filter(kind__in=kinds).order_by("path")


class IncidentForm(UserForm):
    org_unit = forms.ModelChoiceField(queryset=OrgUnit.objects.none(), label=_("School or class"))
    kind = forms.ChoiceField(choices=Kind.choices, label=_("Kind"))
    severity = forms.ChoiceField(choices=Severity.choices, label=_("Severity"))
    # A string: the service reads a time without an offset in the school's own zone.
    occurred_at = forms.CharField(label=_("When did it happen?"), widget=LOCAL)
    location = forms.CharField(label=pgettext_lazy("incident", "Where"), max_length=200, required=False)
    summary = forms.CharField(label=_("What happened"), widget=forms.Textarea(attrs={"rows": 4}))
    first_actions = forms.CharField(label=_("What was done first (rescue, calls)"), required=False,
                                    widget=forms.Textarea(attrs={"rows": 3}))
    injured = forms.IntegerField(label=_("Injured"), min_value=0, initial=0)
    deaths = forms.IntegerField(label=_("Deaths"), min_value=0, initial=0)
    injured_names = forms.CharField(label=_("Names of the injured"), required=False, help_text=NAMES_HELP,
                                    widget=forms.Textarea(attrs={"rows": 2}))
    photos = forms.FileField(label=_("Photo (optional)"), required=False,
                             widget=forms.ClearableFileInput(attrs={"accept": "image/*,application/pdf"}))
    request_id = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        units = units_for(self.user, "incidents.file")
        self.fields["org_unit"].queryset = units
        first = units.filter(kind="school").first() or units.first()
        if first is not None:
            self.fields["org_unit"].initial = first.pk
            self.fields["occurred_at"].initial = timezone.now().astimezone(zone_of(first)).strftime("%Y-%m-%dT%H:%M")
        self.fields["request_id"].initial = uuid.uuid4().hex
        for name in ("injured", "deaths"):
            self.fields[name].widget.attrs.update(inputmode="numeric")


class AmendForm(VersionedForm):
    reason = forms.CharField(label=_("Reason for the correction"), widget=forms.Textarea(attrs={"rows": 2}))
    kind = forms.ChoiceField(choices=Kind.choices, label=_("Kind"))
    severity = forms.ChoiceField(choices=Severity.choices, label=_("Severity"))
    occurred_at = forms.CharField(label=_("When did it happen?"), widget=LOCAL)
    location = forms.CharField(label=pgettext_lazy("incident", "Where"), max_length=200, required=False)
    summary = forms.CharField(label=_("What happened"), widget=forms.Textarea(attrs={"rows": 4}))
    first_actions = forms.CharField(label=_("What was done first (rescue, calls)"), required=False,
                                    widget=forms.Textarea(attrs={"rows": 3}))
    injured = forms.IntegerField(label=_("Injured"), min_value=0)
    deaths = forms.IntegerField(label=_("Deaths"), min_value=0)
    injured_names = forms.CharField(label=_("Names of the injured"), required=False,
                                    help_text=_("Leave empty to keep the names on file."),
                                    widget=forms.Textarea(attrs={"rows": 2}))


class FollowUpForm(VersionedForm):
    kind = forms.ChoiceField(choices=FollowUpKind.choices, label=_("Kind"))
    summary = forms.CharField(label=_("Report"), widget=forms.Textarea(attrs={"rows": 6}))


class InvestigationForm(VersionedForm):
    findings = forms.CharField(label=_("Findings"), widget=forms.Textarea(attrs={"rows": 4}))
    responsible = forms.CharField(label=_("People responsible"), widget=forms.Textarea(attrs={"rows": 2}))
    measures = forms.CharField(label=_("Measures"), widget=forms.Textarea(attrs={"rows": 3}))
    hazards = forms.TypedMultipleChoiceField(
        label=_("Hazard records"), coerce=int, required=False, widget=forms.SelectMultiple(attrs={"size": 5}),
        help_text=_("Hazards of this school in the hazard ledger that the investigation opened or found."))
    hazards_opened = forms.CharField(label=_("Hazards opened"), required=False,
                                     help_text=_("Anything not in the hazard ledger, in words."),
                                     widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, incident=None, **kwargs):
        super().__init__(*args, **kwargs)
        if incident is None or not hazard_links.available():
            # Without the hazards app the note is the only record of hazards.
            del self.fields["hazards"]
            self.fields["hazards_opened"].help_text = ""
        else:
            self.fields["hazards"].choices = hazard_links.choices(self.user, school_of(incident.org_unit))


class CloseForm(VersionedForm):
    note = forms.CharField(label=_("Closing note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class RuleForm(UserForm):
    first_report_minutes = forms.IntegerField(label=_("First report within (minutes)"), min_value=1)
    written_report_minutes = forms.IntegerField(label=_("Written report within (minutes)"), min_value=1)
    notify_authority = forms.BooleanField(label=_("Tell the authority"), required=False)
    source = forms.CharField(label=_("Source"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class NewRuleForm(RuleForm):
    org_unit = forms.ModelChoiceField(queryset=OrgUnit.objects.none(), label=_("Unit"))
    kind = forms.ChoiceField(choices=[("", _("Every kind")), *Kind.choices], label=_("Kind"), required=False)
    severity = forms.ChoiceField(choices=Severity.choices, label=_("Severity"))
    field_order = ["org_unit", "kind", "severity"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        units = units_for(self.user, "incidents.manage_rules", ("central_school", "authority"))
        self.fields["org_unit"].queryset = units
        self.fields["org_unit"].initial = getattr(units.filter(kind="central_school").first(), "pk", None)
        self.order_fields(self.field_order)


class NoticeForm(UserForm):
    org_unit = forms.ModelChoiceField(queryset=OrgUnit.objects.none(), label=_("Published by"))
    kind = forms.ChoiceField(choices=NoticeKind.choices, label=_("Kind"))
    title = forms.CharField(label=_("Title"), max_length=200)
    body = forms.CharField(label=_("Text"), widget=forms.Textarea(attrs={"rows": 6}))
    # A native multi-select: a phone shows its own picker, and the shared form layout stays intact.
    targets = forms.ModelMultipleChoiceField(queryset=OrgUnit.objects.none(), label=_("Send to"),
                                             widget=forms.SelectMultiple(attrs={"size": 5}),
                                             help_text=_("Choose one or more schools."))
    incident = forms.IntegerField(label=_("Incident number (optional)"), required=False, min_value=1)
    # A second click on "Publish" carries the same id and finds the first notice.
    request_id = forms.CharField(widget=forms.HiddenInput, required=False, max_length=64)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["request_id"].initial = uuid.uuid4().hex
        publishers = units_for(self.user, "incidents.publish_notice", ("central_school", "authority"))
        self.fields["org_unit"].queryset = publishers
        self.fields["org_unit"].initial = getattr(publishers.first(), "pk", None)
        self.fields["targets"].queryset = units_for(self.user, "incidents.publish_notice", ("school",))


class RecordForm(UserForm):
    org_unit = forms.ModelChoiceField(queryset=OrgUnit.objects.none(), label=_("Unit"))
    kind = forms.ChoiceField(choices=RecordKind.choices, label=_("Kind"))
    person = forms.CharField(label=_("Person"), max_length=100)
    measure = forms.CharField(label=_("Measure"), max_length=200,
                              help_text=_("e.g. commendation, circular of criticism, warning, demerit"))
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}))
    decided_on = forms.DateField(label=_("Decided on"), widget=forms.DateInput(attrs={"type": "date"}))
    incident = forms.IntegerField(label=_("Incident number (optional)"), required=False, min_value=1)
    request_id = forms.CharField(widget=forms.HiddenInput, required=False, max_length=64)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["request_id"].initial = uuid.uuid4().hex
        self.fields["org_unit"].queryset = units_for(self.user, "incidents.accountability",
                                                     ("central_school", "school"))


class InfoReportForm(UserForm):
    org_unit = forms.ModelChoiceField(queryset=OrgUnit.objects.none(), label=_("School"))
    month = forms.CharField(label=_("Month"), widget=forms.DateInput(attrs={"type": "month"}))
    hazards_found = forms.IntegerField(label=_("Hazards found"), min_value=0, initial=0)
    summary = forms.CharField(label=_("Summary"), widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["org_unit"].queryset = units_for(self.user, "incidents.report_info", ("school",))
        self.fields["org_unit"].initial = getattr(self.fields["org_unit"].queryset.first(), "pk", None)
