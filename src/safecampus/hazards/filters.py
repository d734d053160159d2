"""Ledger filters, shared by the page and the API (the same rules through both doors)."""

from __future__ import annotations

import django_filters as df
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from safecampus.core.api.filters import SubtreeFilter
from safecampus.core.filters import SubtreeUnitFilter

from .choices import OPEN_STATUSES, Category, Level, Source, Status
from .models import Hazard


def _overdue(queryset, name, value):
    if value in (None, ""):
        return queryset
    value = value in (True, "true", "yes")
    q = Q(status__in=OPEN_STATUSES, due_at__lt=timezone.now())
    return queryset.filter(q) if value else queryset.exclude(q)


def _deadline(queryset, name, value):
    """``missed``: closed after its deadline, or still open past it; ``met``: every other hazard."""
    if value in (None, ""):
        return queryset
    missed = Q(due_at__isnull=False) & (Q(closed_at__gt=F("due_at"))
                                        | Q(status__in=OPEN_STATUSES, due_at__lt=timezone.now()))
    return queryset.filter(missed) if value == "missed" else queryset.exclude(missed)


DEADLINE_CHOICES = [("missed", pgettext_lazy("deadline", "Missed")), ("met", _("Met or not yet due"))]


def _supervised(queryset, name, value):
    if value in (None, ""):
        return queryset
    return queryset.filter(supervised_at__isnull=value not in (True, "true", "yes"))


class HazardFilter(df.FilterSet):
    """Page filters: the unit choice lists only units the reader sees."""

    q = df.CharFilter(method="search", label=_("Search"))
    unit = SubtreeUnitFilter(capability="hazards.view", label=_("School"))
    category = df.ChoiceFilter(choices=Category.choices, label=_("Category"))
    level = df.ChoiceFilter(choices=Level.choices, label=pgettext_lazy("hazard", "Level"))
    status = df.ChoiceFilter(choices=Status.choices, label=_("Status"))
    overdue = df.ChoiceFilter(choices=[("true", _("Overdue only")), ("false", _("Not overdue"))],
                              method=lambda qs, name, value: _overdue(qs, name, value), label=_("Overdue"))
    supervised = df.ChoiceFilter(choices=[("true", _("Supervised only")), ("false", _("Not supervised"))],
                                 method=lambda qs, name, value: _supervised(qs, name, value), label=_("Supervised"))
    deadline = df.ChoiceFilter(choices=DEADLINE_CHOICES, method=lambda qs, name, value: _deadline(qs, name, value),
                               label=_("Deadline"))
    reported_from = df.DateFilter(field_name="reported_at", lookup_expr="date__gte", label=_("Reported from"))
    reported_to = df.DateFilter(field_name="reported_at", lookup_expr="date__lte", label=_("Reported to"))
    closed_from = df.DateFilter(field_name="closed_at", lookup_expr="date__gte", label=_("Closed from"))
    closed_to = df.DateFilter(field_name="closed_at", lookup_expr="date__lte", label=_("Closed to"))

    class Meta:
        model = Hazard
        fields = ["q", "unit", "category", "level", "status", "overdue", "supervised", "deadline", "reported_from",
                  "reported_to", "closed_from", "closed_to"]

    def search(self, queryset, name, value):
        return queryset.filter(Q(title__icontains=value) | Q(location__icontains=value)) if value else queryset


class HazardApiFilter(df.FilterSet):
    """``?status=&level=&org_unit=`` of CONTRACT.md; ``org_unit`` includes its subtree."""

    status = df.ChoiceFilter(choices=Status.choices)
    level = df.ChoiceFilter(choices=Level.choices)
    category = df.ChoiceFilter(choices=Category.choices)
    source = df.ChoiceFilter(choices=Source.choices)
    org_unit = SubtreeFilter()
    assignee = df.NumberFilter(field_name="assignee_id")
    overdue = df.BooleanFilter(method=lambda qs, name, value: _overdue(qs, name, value))
    escalated = df.BooleanFilter()
    supervised = df.BooleanFilter(method=lambda qs, name, value: _supervised(qs, name, value))
    deadline = df.ChoiceFilter(choices=DEADLINE_CHOICES, method=lambda qs, name, value: _deadline(qs, name, value))
    closed_from = df.DateFilter(field_name="closed_at", lookup_expr="date__gte")
    closed_to = df.DateFilter(field_name="closed_at", lookup_expr="date__lte")

    class Meta:
        model = Hazard
        fields = ["status", "level", "category", "source", "org_unit", "assignee", "overdue", "escalated",
                  "supervised", "deadline", "closed_from", "closed_to"]
