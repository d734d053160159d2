"""Filters of the canteen and fire lists, shared by the pages and the API."""

from __future__ import annotations

import django_filters as df
from django.utils.translation import gettext_lazy as _

from safecampus.core.api.filters import SubtreeFilter
from safecampus.core.filters import SubtreeUnitFilter

from .choices import EquipmentKind, EquipmentStatus, Meal
from .models import FireEquipment, FoodPurchase, FoodSample


class SampleFilter(df.FilterSet):
    unit = SubtreeUnitFilter(capability="canteen.view", label=_("School"))
    meal = df.ChoiceFilter(field_name="meal__meal", choices=Meal.choices, label=_("Meal"))
    day_from = df.DateFilter(field_name="meal__date", lookup_expr="gte", label=_("From"))
    day_to = df.DateFilter(field_name="meal__date", lookup_expr="lte", label=_("To"))
    kept = df.ChoiceFilter(choices=[("true", _("Still kept")), ("false", _("Disposed of"))],
                           method="kept_filter", label=_("Kept"))

    class Meta:
        model = FoodSample
        fields = ["unit", "meal", "day_from", "day_to", "kept"]

    def kept_filter(self, queryset, name, value):
        if value in (None, ""):
            return queryset
        return queryset.filter(disposed_at__isnull=value in (True, "true"))


class SampleApiFilter(df.FilterSet):
    org_unit = SubtreeFilter()
    date = df.DateFilter(field_name="meal__date")
    meal = df.ChoiceFilter(field_name="meal__meal", choices=Meal.choices)

    class Meta:
        model = FoodSample
        fields = ["org_unit", "date", "meal"]


class PurchaseFilter(df.FilterSet):
    unit = SubtreeUnitFilter(capability="canteen.view", label=_("School"))
    q = df.CharFilter(field_name="item", lookup_expr="icontains", label=_("Item"))
    day_from = df.DateFilter(field_name="purchased_on", lookup_expr="gte", label=_("From"))
    day_to = df.DateFilter(field_name="purchased_on", lookup_expr="lte", label=_("To"))

    class Meta:
        model = FoodPurchase
        fields = ["unit", "q", "day_from", "day_to"]


class EquipmentFilter(df.FilterSet):
    unit = SubtreeUnitFilter(capability="canteen.fire_view", label=_("School"))
    kind = df.ChoiceFilter(choices=EquipmentKind.choices, label=_("Kind"))
    status = df.ChoiceFilter(choices=EquipmentStatus.choices, label=_("Status"))
    q = df.CharFilter(field_name="location", lookup_expr="icontains", label=_("Location"))

    class Meta:
        model = FireEquipment
        fields = ["unit", "kind", "status", "q"]


class ApiUnitFilter(df.FilterSet):
    """``?org_unit=`` (its subtree) for the plain registers."""

    org_unit = SubtreeFilter()
