"""Filters shared by pages and the API; ``org_unit`` always includes the unit's subtree."""

from __future__ import annotations

import django_filters as df
from django.utils.translation import gettext_lazy as _

from safecampus.core.api.filters import SubtreeFilter
from safecampus.core.filters import SubtreeUnitFilter

from .choices import VisitorStatus
from .models import Visitor


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
