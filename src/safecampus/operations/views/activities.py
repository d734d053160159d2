"""Large activity pages: the list (with export), the application form, the record with the approver's
decision and its history."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.http import HttpResponseRedirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from safecampus.core.errors import DomainError, Forbidden
from safecampus.core.forms import UserForm
from safecampus.core.permissions import has_capability
from safecampus.core.views.generic import Column, ScopedDetailView, ScopedListView, guarded
from safecampus.org.models import OrgUnit

from ..choices import ActivityStatus
from ..filters import ActivityPageFilter
from ..forms import SchoolForm
from ..models import Activity
from ..policies import ACTIVITIES, values
from ..services import activities as services
from .common import FormPage, local, person


def _status(a: Activity):
    from safecampus.core.badges import Badge

    return Badge(a.get_status_display(), a.status, {"submitted": "warning", "approved": "success",
                                                    "rejected": "danger"}[a.status])


def _flags(a: Activity) -> str:
    words = []
    if a.permit_required:
        words.append(_("Police permit required"))
    if a.late_application:
        words.append(_("Late application"))
    return " · ".join(words)


class ActivityList(ScopedListView):
    model = Activity
    capability = "operations.view"
    filterset_class = ActivityPageFilter
    title = gettext_lazy("Large activities")
    export_name = "activities"
    create_url = "operations:activity-new"
    create_capability = "operations.activities"
    create_label = gettext_lazy("Apply for an activity")
    default_order = ("-starts_at", "-id")
    status_field = "status"
    select_related = ("org_unit",)
    columns = [
        Column("title", gettext_lazy("Activity"), link=True),
        Column(_status, gettext_lazy("Status")),
        Column(lambda a: local(a.starts_at, a.org_unit), gettext_lazy("Starts at"), sort="starts_at"),
        Column("place", gettext_lazy("Place")),
        Column("expected_people", gettext_lazy("Expected people")),
        Column("get_approver_level_display", pgettext_lazy("activity", "Approved by")),
        Column(_flags, gettext_lazy("Flags")),
        Column("org_unit", gettext_lazy("School")),
    ]


class ActivityDetail(ScopedDetailView):
    model = Activity
    capability = "operations.view"
    template_name = "operations/activity_detail.html"
    select_related = ("org_unit", "applied_by__staff", "decided_by__staff")
    fields = [
        Column("org_unit", gettext_lazy("School")),
        Column("place", gettext_lazy("Place")),
        Column(lambda a: local(a.starts_at, a.org_unit), gettext_lazy("Starts at")),
        Column(lambda a: local(a.ends_at, a.org_unit), gettext_lazy("Ends at")),
        Column(lambda a: _("Off campus") if a.off_campus else _("On campus"), gettext_lazy("Where")),
        Column("expected_people", gettext_lazy("Expected people")),
        Column("classes", gettext_lazy("Classes taking part")),
        Column("teachers_per_class", gettext_lazy("Teachers per class")),
        Column("get_approver_level_display", pgettext_lazy("activity", "Approved by")),
        Column(_flags, gettext_lazy("Flags")),
        Column("permit_no", gettext_lazy("Police permit")),
        Column("safety_plan", gettext_lazy("Safety plan")),
        Column("education", gettext_lazy("Safety education before the activity")),
        Column(lambda a: person(a.applied_by), gettext_lazy("Applied by")),
        Column(lambda a: person(a.decided_by), gettext_lazy("Decided by")),
        Column("decision_note", gettext_lazy("Decision note")),
    ]

    def get_context(self, obj):
        context = super().get_context(obj)
        context["fields"] = [(label, value) for label, value in context["fields"] if value not in ("", None)]
        context["can_decide"] = (obj.status == ActivityStatus.SUBMITTED and has_capability(
            self.request.user, "operations.approve_activities", obj.org_unit.path)
            and services.may_decide(self.request.user, obj))
        return context


class ActivityForm(SchoolForm):
    capability = "operations.activities"
    org_unit = forms.ModelChoiceField(queryset=OrgUnit.objects.none(), label=gettext_lazy("School"))
    title = forms.CharField(label=gettext_lazy("Activity"), max_length=200, required=False)
    place = forms.CharField(label=gettext_lazy("Place"), max_length=200, required=False)
    starts_at = forms.DateTimeField(label=gettext_lazy("Starts at"), required=False,
                                    widget=forms.DateTimeInput(attrs={"type": "datetime-local"}))
    ends_at = forms.DateTimeField(label=gettext_lazy("Ends at"), required=False,
                                  widget=forms.DateTimeInput(attrs={"type": "datetime-local"}))
    off_campus = forms.BooleanField(label=gettext_lazy("Off campus"), required=False)
    expected_people = forms.IntegerField(label=gettext_lazy("Expected people"), min_value=1, required=False)
    classes = forms.IntegerField(label=gettext_lazy("Classes taking part"), min_value=0, required=False)
    lower_grades = forms.BooleanField(label=gettext_lazy("Lower grades take part"), required=False)
    teachers_per_class = forms.IntegerField(label=gettext_lazy("Teachers per class"), min_value=0, required=False)
    safety_plan = forms.CharField(label=gettext_lazy("Safety plan"), required=False,
                                  widget=forms.Textarea(attrs={"rows": 4}))
    education = forms.CharField(label=gettext_lazy("Safety education before the activity"), required=False,
                                widget=forms.Textarea(attrs={"rows": 2}))
    permit_no = forms.CharField(label=gettext_lazy("Police permit"), max_length=64, required=False)


class ApplyActivity(FormPage):
    form_class = ActivityForm
    template_name = "operations/activity_form.html"
    capability = "operations.activities"
    title = gettext_lazy("Apply for a large activity")
    cancel_url = "operations:activities"
    submit_label = gettext_lazy("Apply")
    success_message = gettext_lazy("Applied. The approver has been told.")

    def extra_context(self) -> dict:
        context = super().extra_context()
        schools = self.form_class(user=self.request.user).fields["org_unit"].queryset
        first = schools.first()
        context["rules"] = values(first, ACTIVITIES) if first is not None else None
        return context

    def perform(self, form):
        return services.apply(actor=self.request.user, **form.cleaned_data)


class DecisionForm(UserForm):
    note = forms.CharField(label=gettext_lazy("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


@guarded()
def decide(request, pk):
    """Approve or reject (``decision``), by the required level only: others 403."""
    activity = Activity.objects.select_related("org_unit").get_visible(
        request.user, "operations.approve_activities", pk=pk)
    if request.method != "POST":
        return HttpResponseRedirect(activity.get_absolute_url())
    if not services.may_decide(request.user, activity):
        raise Forbidden()
    version = request.POST.get("version")
    decision = request.POST.get("decision")
    decide_with = services.approve if decision == "approve" else services.reject
    try:
        decide_with(activity, actor=request.user, note=request.POST.get("note", ""),
                    expected_version=int(version) if str(version).isdigit() else None)
    except Forbidden:
        raise
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Approved.") if decision == "approve" else _("Rejected."))
    return HttpResponseRedirect(activity.get_absolute_url())
