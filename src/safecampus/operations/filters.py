"""Filters shared by pages and the API; ``org_unit`` always includes the unit's subtree."""

from __future__ import annotations

import django_filters as df
from django.utils.translation import gettext_lazy as _

from safecampus.org.filters import ScopedUnitFilter

from .choices import VisitorStatus
from .models import Visitor


def subtree(queryset, name, value):
    from safecampus.org.models import OrgUnit

    unit = OrgUnit.objects.filter(pk=value).only("path").first()
    if unit is None:
        return queryset.none()
    return queryset.filter(org_unit__path__startswith=unit.path)


class VisitorFilter(df.FilterSet):
    q = df.CharFilter(field_name="name", lookup_expr="icontains", label=_("Name"))
    unit = ScopedUnitFilter(capability="operations.view_visitors", label=_("School"))
    status = df.ChoiceFilter(choices=VisitorStatus.choices, label=_("Status"))
    day = df.DateFilter(field_name="entered_at", lookup_expr="date", label=_("Day"))

    class Meta:
        model = Visitor
        fields = ["q", "unit", "status", "day"]


class VisitorApiFilter(df.FilterSet):
    status = df.ChoiceFilter(choices=VisitorStatus.choices)
    org_unit = df.NumberFilter(method=subtree)

    class Meta:
        model = Visitor
        fields = ["status", "org_unit"]
