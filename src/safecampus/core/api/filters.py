"""``?org_unit=<id>`` on an API list: that unit and its subtree (CONTRACT.md), one way for all;
and the API's filter backend, which makes every filter set strict (core.filtering).

The value is a unit id: anything else (a word, 0, a number past the id range) is a 400 naming
the parameter, never a 500; a unit that does not exist gives an empty list.
"""

from __future__ import annotations

from django import forms
from django_filters import rest_framework as filters
from django_filters.rest_framework import DjangoFilterBackend

from ..filtering import bound_filters
from ..filters import subtree, unit_model

# The largest id a database column holds (a bigger one must be refused before it reaches SQL).
MAX_ID = 2**63 - 1
# The parameters of the paginator (core.api.pagination), never a filter's.
PAGE_PARAMETERS = frozenset({"page", "page_size"})


def unit_path(unit_id) -> str | None:
    """The materialised path of the unit with ``unit_id``, or None when there is none."""
    return unit_model().objects.filter(pk=unit_id).values_list("path", flat=True).first()


class SubtreeFilter(filters.NumberFilter):
    """``org_unit = SubtreeFilter()`` in a FilterSet.

    ``lookup`` is the path to filter on (default: the model's ``scope_path_lookup``, else
    ``org_unit__path``). With ``method=`` (a subtree reached another way) the method receives the
    checked id; :func:`unit_path` gives it the unit's path.
    """

    field_class = forms.IntegerField

    def __init__(self, *args, lookup: str | None = None, **kwargs):
        kwargs.setdefault("help_text", "A unit id; its subtree is included.")
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", MAX_ID)
        self.lookup = lookup
        super().__init__(*args, **kwargs)

    def filter(self, qs, value):
        if value in (None, ""):
            return qs
        return subtree(qs, unit_path(value), self.lookup)


class FilterBackend(DjangoFilterBackend):
    """django-filter, with every filter set narrowed to what its columns hold (core.filtering).

    A request that names no parameter but the page's leaves the rows as they are without building
    the filter set: with nothing given every filter passes the rows through, and building the set
    (a deep copy of each filter, its form, the narrowing) cost a list page a sixth of its time.
    """

    def filter_queryset(self, request, queryset, view):
        if PAGE_PARAMETERS.issuperset(request.query_params):
            return queryset
        return super().filter_queryset(request, queryset, view)

    def get_filterset(self, request, queryset, view):
        filterset = super().get_filterset(request, queryset, view)
        if filterset is not None:
            bound_filters(filterset)
        return filterset
