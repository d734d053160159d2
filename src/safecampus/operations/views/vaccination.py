"""Vaccination pages: the follow-up list (each pupil's latest check; XLSX for the health authority), a check
with the certificate photo, one check's record with its history."""

from __future__ import annotations

import uuid

from django import forms
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from safecampus.core.errors import Conflict
from safecampus.core.forms import UserForm
from safecampus.core.permissions import scope_paths
from safecampus.core.scoping import path_q
from safecampus.core.views.generic import Column, ScopedDetailView, ScopedListView
from safecampus.org.models import Student

from ..choices import VaccinationStatus
from ..filters import VaccinationPageFilter
from ..models import VaccinationCheck
from ..services import vaccination as services
from .common import FormPage, person


def _status(c: VaccinationCheck):
    from safecampus.core.badges import Badge

    return Badge(c.get_status_display(), c.status, {"complete": "success", "missing": "danger",
                                                    "catch_up_needed": "warning"}[c.status])


def _school(c: VaccinationCheck):
    return c.org_unit.parent.parent if c.org_unit.parent_id and c.org_unit.parent.parent_id else c.org_unit


class FollowUpList(ScopedListView):
    """Each pupil's latest check; filtered to ``missing`` and ``catch_up_needed`` it is the follow-up list."""

    model = VaccinationCheck
    capability = "operations.view_vaccination"
    filterset_class = VaccinationPageFilter
    title = gettext_lazy("Vaccination certificates")
    export_name = "vaccination-follow-up"
    create_url = "operations:vaccination-new"
    create_capability = "operations.vaccination"
    create_label = gettext_lazy("Check a certificate")
    default_order = ("org_unit__path", "student__name", "id")
    status_field = "status"
    select_related = ("student", "org_unit__parent__parent")
    columns = [
        Column(lambda c: c.student.name, gettext_lazy("Pupil"), link=True),
        Column(lambda c: c.student.student_no, gettext_lazy("Student number")),
        Column(lambda c: c.student.birth_date, gettext_lazy("Date of birth")),
        Column("org_unit", gettext_lazy("Class")),
        Column(_school, gettext_lazy("School")),
        Column(_status, pgettext_lazy("vaccination", "Result")),
        Column("checked_on", gettext_lazy("Checked on"), sort="checked_on"),
        Column("note", gettext_lazy("Note")),
    ]

    def get_queryset(self):
        return services.latest_checks(super().get_queryset())


class CheckDetail(ScopedDetailView):
    model = VaccinationCheck
    capability = "operations.view_vaccination"
    template_name = "core/detail.html"
    select_related = ("org_unit", "student", "checked_by__staff")
    fields = [
        Column(lambda c: c.student.name, gettext_lazy("Pupil")),
        Column("org_unit", gettext_lazy("Class")),
        Column(_status, pgettext_lazy("vaccination", "Result")),
        Column("checked_on", gettext_lazy("Checked on")),
        Column("note", gettext_lazy("Note")),
        Column(lambda c: person(c.checked_by), gettext_lazy("Checked by")),
    ]


class PupilChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{obj.name} ({obj.org_unit})"


class ResultRadios(forms.RadioSelect):
    """Bootstrap's round tick on each choice; the group around them takes no input's style (Django gives the
    widget's class to both, and a text box's style hides the ticks)."""

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["attrs"] = {k: v for k, v in context["widget"]["attrs"].items() if k != "class"}
        return context


class CheckForm(UserForm):
    student = PupilChoice(queryset=Student.objects.none(), label=gettext_lazy("Pupil"), required=False)
    status = forms.ChoiceField(label=pgettext_lazy("vaccination", "Result"), choices=VaccinationStatus.choices,
                               widget=ResultRadios(attrs={"class": "form-check-input"}),
                               initial=VaccinationStatus.COMPLETE)
    checked_on = forms.DateField(label=gettext_lazy("Checked on"), required=False,
                                 widget=forms.DateInput(attrs={"type": "date"}))
    note = forms.CharField(label=gettext_lazy("Note (shots to catch up)"), required=False,
                           widget=forms.Textarea(attrs={"rows": 2}))
    photo = forms.ImageField(label=gettext_lazy("Photo of the vaccination certificate"), required=False,
                             widget=forms.ClearableFileInput(attrs={"accept": "image/*", "capture": "environment"}))
    # One id per form shown: a second tap of 保存 (or a resent upload) finds the first check.
    request_id = forms.CharField(widget=forms.HiddenInput, required=False, max_length=64)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.fields["request_id"].initial = uuid.uuid4().hex
        roots = scope_paths(self.user, "operations.vaccination")
        qs = Student.objects.none()
        if roots:
            qs = (Student.objects.filter(path_q("org_unit__path", roots), org_unit__kind="class", is_active=True)
                  .select_related("org_unit").order_by("org_unit__path", "name"))
        self.fields["student"].queryset = qs

    def clean_student(self):
        from django.core.exceptions import ValidationError

        found = self.cleaned_data.get("student")
        if found is None:
            raise ValidationError(_("This field is required."))
        return found


class CheckCertificate(FormPage):
    form_class = CheckForm
    capability = "operations.vaccination"
    title = gettext_lazy("Check a vaccination certificate")
    cancel_url = "operations:vaccination"
    success_message = gettext_lazy("Check recorded.")

    def get_form_kwargs(self) -> dict:
        kwargs = super().get_form_kwargs()
        raw = self.request.GET.get("student", "")
        if self.request.method == "GET" and raw.isdigit():
            kwargs["initial"] = {"student": int(raw)}
        return kwargs

    def perform(self, form):
        try:
            return services.check_certificate(actor=self.request.user, **form.cleaned_data)
        except Conflict as exc:
            if "request_id" not in exc.fields:
                raise
            # This form was saved before with other entries (the browser's back button): say so in words, and
            # give the form a new id so that saving again records these entries as a check of their own.
            form.data = form.data.copy()
            form.data["request_id"] = uuid.uuid4().hex
            raise Conflict(_("This form was already saved with other entries. Look at the list first; save "
                             "again to record these entries as another check.")) from None

    def success_url(self, result) -> str:
        return reverse("operations:vaccination-new")
