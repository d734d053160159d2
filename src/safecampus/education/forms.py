"""Page forms; choices start from the reader's scope and the services decide the rest."""

from __future__ import annotations

import uuid

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from safecampus.core.forms import UserForm
from safecampus.core.permissions import grants_of, scope_paths
from safecampus.core.scoping import path_q
from safecampus.org.choices import UnitKind
from safecampus.org.models import OrgUnit, Staff

from .choices import CampaignKind, LessonKind, NoticeKind, StoryKind
from .models import Topic, TrainingProgramme


def _date_input():
    return forms.DateInput(attrs={"type": "date"})


def units_for(user, capability: str, kinds) -> forms.QuerySet:
    roots = scope_paths(user, capability)
    if not roots:
        return OrgUnit.objects.none()
    return OrgUnit.objects.filter(path_q("path", roots), kind__in=kinds, is_active=True).order_by("path")


class UnitChoice(forms.ModelChoiceField):
    """A unit shown with its school, so "Class 1-1" of two schools can be told apart."""

    def label_from_instance(self, obj):
        if obj.kind in (UnitKind.CLASS, UnitKind.GRADE):
            school = self._schools.get(obj.path.split("/")[3]) if hasattr(self, "_schools") else None
            return f"{school} · {obj}" if school and len(self._schools) > 1 else str(obj)
        return str(obj)


def _with_schools(field: UnitChoice, units) -> None:
    ids = {u.path.split("/")[3] for u in units if u.path.count("/") > 3}
    field._schools = {str(s.pk): s for s in OrgUnit.objects.filter(pk__in=[int(i) for i in ids if i.isdigit()])}


class LessonForm(UserForm):
    org_unit = UnitChoice(queryset=OrgUnit.objects.none(), label=_("Class"))
    topic = forms.ModelChoiceField(queryset=Topic.objects.none(), label=_("Topic"))
    kind = forms.ChoiceField(label=_("Kind"), choices=LessonKind.choices, initial=LessonKind.REGULAR)
    held_on = forms.DateField(label=_("Held on"), widget=_date_input())
    note = forms.CharField(label=_("Note"), max_length=500, required=False)
    photo = forms.ImageField(label=_("Photo"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        classes = units_for(self.user, "education.record_lesson", [UnitKind.CLASS])
        # A head teacher's own class first: they record for it nearly always.
        own = [g.unit_id for g in grants_of(self.user) if g.role == "head_teacher"]
        units = sorted(classes, key=lambda u: (u.pk not in own, u.path))
        self.fields["org_unit"].queryset = classes
        _with_schools(self.fields["org_unit"], units)
        self.fields["org_unit"].choices = [("", "---------")] + [(u.pk, self.fields["org_unit"].label_from_instance(u))
                                                                 for u in units]
        if units:
            self.fields["org_unit"].initial = units[0].pk
        first = units[0] if units else None
        self.fields["topic"].queryset = Topic.offered_at(first) if first else Topic.objects.filter(owner__isnull=True)
        if self.data.get("org_unit", "").isdigit():
            chosen = classes.filter(pk=int(self.data["org_unit"])).first()
            if chosen is not None:
                self.fields["topic"].queryset = Topic.offered_at(chosen)


class TopicForm(UserForm):
    org_unit = forms.ModelChoiceField(queryset=OrgUnit.objects.none(), label=_("Unit"))
    name = forms.CharField(label=_("Name (English)"), max_length=100)
    name_zh = forms.CharField(label=_("Name (Chinese)"), max_length=100, required=False)
    code = forms.CharField(label=_("Short code (Latin letters)"), max_length=40, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        units = units_for(self.user, "education.manage_topics", [UnitKind.CENTRAL_SCHOOL, UnitKind.AUTHORITY])
        self.fields["org_unit"].queryset = units
        if len(units) == 1:
            self.fields["org_unit"].initial = units[0].pk


class NoticeForm(UserForm):
    org_unit = UnitChoice(queryset=OrgUnit.objects.none(), label=_("To the parents of"))
    kind = forms.ChoiceField(label=_("Kind"), choices=NoticeKind.choices, initial=NoticeKind.HOLIDAY)
    title = forms.CharField(label=_("Title"), max_length=200)
    body = forms.CharField(label=_("Text"), max_length=5000, widget=forms.Textarea(attrs={"rows": 8}))
    attachment = forms.FileField(label=_("Attachment (PDF or image)"), required=False)
    request_id = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        units = units_for(self.user, "education.send_notice", [UnitKind.SCHOOL, UnitKind.GRADE, UnitKind.CLASS])
        self.fields["org_unit"].queryset = units
        _with_schools(self.fields["org_unit"], units)
        if len(units) == 1:
            self.fields["org_unit"].initial = units[0].pk
        self.fields["request_id"].initial = uuid.uuid4().hex


class TrainingForm(UserForm):
    org_unit = forms.ModelChoiceField(queryset=OrgUnit.objects.none(), label=_("Held by"))
    programme = forms.ModelChoiceField(queryset=TrainingProgramme.objects.none(), label=_("Programme"),
                                       required=False)
    title = forms.CharField(label=_("Title"), max_length=200)
    held_on = forms.DateField(label=_("Held on"), widget=_date_input())
    hours = forms.DecimalField(label=_("Hours"), min_value=0.5, max_value=100, decimal_places=1)
    trainer = forms.CharField(label=_("Trainer"), max_length=100, required=False)
    attendees = forms.ModelMultipleChoiceField(queryset=get_user_model().objects.none(), label=_("Attendees"),
                                               widget=forms.CheckboxSelectMultiple)
    certificate = forms.FileField(label=_("Certificate or sign-in sheet (PDF or image)"), required=False)
    request_id = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        units = units_for(self.user, "education.train",
                          [UnitKind.SCHOOL, UnitKind.CENTRAL_SCHOOL, UnitKind.AUTHORITY])
        self.fields["org_unit"].queryset = units
        if len(units) == 1:
            self.fields["org_unit"].initial = units[0].pk
        roots = scope_paths(self.user, "education.train")
        staff = (Staff.objects.filter(path_q("org_unit__path", roots), is_active=True, user__isnull=False)
                 .select_related("org_unit").order_by("org_unit__path", "name") if roots else Staff.objects.none())
        User = get_user_model()
        self.fields["attendees"].queryset = User.objects.filter(pk__in=[s.user_id for s in staff])
        self.fields["attendees"].choices = [(s.user_id, f"{s.name} · {s.org_unit}") for s in staff]
        self.fields["attendees"].widget.attrs["class"] = "me-2 attendee"
        self.fields["programme"].queryset = TrainingProgramme.objects.visible_to(self.user, "education.view")
        self.fields["request_id"].initial = uuid.uuid4().hex


class CertificateForm(UserForm):
    file = forms.FileField(label=_("Certificate (PDF or image)"))


class ProgrammeForm(UserForm):
    org_unit = forms.ModelChoiceField(queryset=OrgUnit.objects.none(), label=_("Unit"))
    title = forms.CharField(label=_("Title"), max_length=200)
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    description = forms.CharField(label=_("Description"), widget=forms.Textarea(attrs={"rows": 4}), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        units = units_for(self.user, "education.train",
                          [UnitKind.SCHOOL, UnitKind.CENTRAL_SCHOOL, UnitKind.AUTHORITY])
        self.fields["org_unit"].queryset = units
        if len(units) == 1:
            self.fields["org_unit"].initial = units[0].pk


class CampaignForm(UserForm):
    org_unit = forms.ModelChoiceField(queryset=OrgUnit.objects.none(), label=_("Run by"))
    kind = forms.ChoiceField(label=_("Kind"), choices=CampaignKind.choices)
    title = forms.CharField(label=_("Title"), max_length=200)
    starts_on = forms.DateField(label=_("Starts on"), widget=_date_input())
    ends_on = forms.DateField(label=_("Ends on"), widget=_date_input())
    description = forms.CharField(label=_("Description"), widget=forms.Textarea(attrs={"rows": 4}), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        units = units_for(self.user, "education.publish",
                          [UnitKind.SCHOOL, UnitKind.CENTRAL_SCHOOL, UnitKind.AUTHORITY])
        self.fields["org_unit"].queryset = units
        if len(units) == 1:
            self.fields["org_unit"].initial = units[0].pk


class StoryForm(UserForm):
    org_unit = forms.ModelChoiceField(queryset=OrgUnit.objects.none(), label=_("Published by"))
    kind = forms.ChoiceField(label=_("Kind"), choices=StoryKind.choices)
    title = forms.CharField(label=_("Title"), max_length=200)
    body = forms.CharField(label=_("Text"), widget=forms.Textarea(attrs={"rows": 8}))
    photo = forms.ImageField(label=_("Photo"), required=False)

    def __init__(self, *args, campaign=None, **kwargs):
        super().__init__(*args, **kwargs)
        units = units_for(self.user, "education.publish",
                          [UnitKind.SCHOOL, UnitKind.CENTRAL_SCHOOL, UnitKind.AUTHORITY])
        if campaign is not None:
            units = units.filter(path__startswith=campaign.org_unit.path)
        self.fields["org_unit"].queryset = units
        if len(units) == 1:
            self.fields["org_unit"].initial = units[0].pk
