"""Filters of the transport lists, for the pages and the API."""

from __future__ import annotations

import django_filters as df
from django.utils.translation import gettext_lazy as _

from safecampus.core.api.filters import SubtreeFilter
from safecampus.core.filters import SubtreeUnitFilter

from .choices import Direction, TripStatus, VehicleKind
from .models import Driver, Route, Trip, Vehicle


class VehicleFilter(df.FilterSet):
    unit = SubtreeUnitFilter(capability="transport.view", label=_("School"))
    kind = df.ChoiceFilter(choices=VehicleKind.choices, label=_("Kind"))
    q = df.CharFilter(field_name="plate", lookup_expr="icontains", label=_("Plate"))

    class Meta:
        model = Vehicle
        fields = ["unit", "kind", "q"]


class DriverFilter(df.FilterSet):
    unit = SubtreeUnitFilter(capability="transport.view", label=_("School"))
    q = df.CharFilter(field_name="name", lookup_expr="icontains", label=_("Name"))

    class Meta:
        model = Driver
        fields = ["unit", "q"]


class RouteFilter(df.FilterSet):
    unit = SubtreeUnitFilter(capability="transport.view", label=_("School"))
    q = df.CharFilter(field_name="name", lookup_expr="icontains", label=_("Name"))

    class Meta:
        model = Route
        fields = ["unit", "q"]


class TripFilter(df.FilterSet):
    unit = SubtreeUnitFilter(capability="transport.view", label=_("School"))
    status = df.ChoiceFilter(choices=TripStatus.choices, label=_("Status"))
    direction = df.ChoiceFilter(choices=Direction.choices, label=_("Direction"))
    route = df.ModelChoiceFilter(queryset=lambda request: Route.objects.visible_to(request.user, "transport.view")
                                 if request else Route.objects.none(), label=_("Route"))
    day_from = df.DateFilter(field_name="date", lookup_expr="gte", label=_("From"))
    day_to = df.DateFilter(field_name="date", lookup_expr="lte", label=_("To"))

    class Meta:
        model = Trip
        fields = ["unit", "status", "direction", "route", "day_from", "day_to"]


class ApiUnitFilter(df.FilterSet):
    """``?org_unit=`` (its subtree)."""

    org_unit = SubtreeFilter()


class TripApiFilter(df.FilterSet):
    org_unit = SubtreeFilter()
    date = df.DateFilter(field_name="date")
    status = df.ChoiceFilter(choices=TripStatus.choices)
    direction = df.ChoiceFilter(choices=Direction.choices)

    class Meta:
        model = Trip
        fields = ["org_unit", "date", "status", "direction"]
