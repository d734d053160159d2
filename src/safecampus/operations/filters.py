"""Filters shared by pages and the API; ``org_unit`` always includes the unit's subtree."""

from __future__ import annotations

import django_filters as df
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from safecampus.core.api.filters import SubtreeFilter
from safecampus.core.filters import SubtreeUnitFilter

from .choices import ActivityStatus, BedStatus, VaccinationStatus, VisitorStatus
from .models import Activity, BedCheckEntry, VaccinationCheck, Visitor


class VisitorFilter(df.FilterSet):
    q = df.CharFilter(field_name="name", lookup_expr="icontains", label=_("Name"))
    unit = SubtreeUnitFilter(capability="operations.view_visitors", label=_("School"))
    status = df.ChoiceFilter(choices=VisitorStatus.choices, label=_("Status"))
    day = df.DateFilter(field_name="entered_at", lookup_expr="date", label=_("Day"))

    class Meta:
        model = Visitor
        fields = ["q", "unit", "status", "day"]


class VisitorApiFilter(df.FilterSet):
    status = df.ChoiceFilter(choices=VisitorStatus.choices)
    org_unit = SubtreeFilter()

    class Meta:
        model = Visitor
        fields = ["status", "org_unit"]


class AbsenceFilter(df.FilterSet):
    unit = SubtreeUnitFilter(capability="operations.view", label=_("School"))
    date = df.DateFilter(field_name="date", label=_("Night of"))
    status = df.ChoiceFilter(choices=[c for c in BedStatus.choices if c[0] != BedStatus.PRESENT], label=_("Status"))

    class Meta:
        model = BedCheckEntry
        fields = ["unit", "date", "status"]


class ActivityPageFilter(df.FilterSet):
    q = df.CharFilter(field_name="title", lookup_expr="icontains", label=_("Activity"))
    unit = SubtreeUnitFilter(capability="operations.view", label=_("School"))
    status = df.ChoiceFilter(choices=ActivityStatus.choices, label=_("Status"))

    class Meta:
        model = Activity
        fields = ["q", "unit", "status"]


class VaccinationPageFilter(df.FilterSet):
    q = df.CharFilter(field_name="student__name", lookup_expr="icontains", label=_("Pupil"))
    unit = SubtreeUnitFilter(capability="operations.view_vaccination", pupils=True, label=_("School or class"))
    status = df.ChoiceFilter(choices=VaccinationStatus.choices, label=pgettext_lazy("vaccination", "Result"))

    class Meta:
        model = VaccinationCheck
        fields = ["q", "unit", "status"]
