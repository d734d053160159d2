"""Filters of the archive and monthly report lists."""

from __future__ import annotations

import django_filters as df
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from safecampus.core.filters import SubtreeUnitFilter

from .models import Archive, ArchiveStatus, MonthlyReport, ReportScope


class ArchiveFilter(df.FilterSet):
    org_unit = SubtreeUnitFilter(capability="reports.archive", label=_("School"))
    status = df.ChoiceFilter(choices=ArchiveStatus.choices, label=_("Status"))

    class Meta:
        model = Archive
        fields = ["org_unit", "status"]


class MonthlyFilter(df.FilterSet):
    org_unit = SubtreeUnitFilter(capability="reports.monthly", label=_("Unit"))
    scope = df.ChoiceFilter(choices=ReportScope.choices, label=pgettext_lazy("report", "Kind"))
    month = df.DateFromToRangeFilter(label=_("Month"))

    class Meta:
        model = MonthlyReport
        fields = ["org_unit", "scope", "month"]
