"""The API's filter backend: django-filter with every filter set made strict (core.filtering)."""

from __future__ import annotations

from django_filters.rest_framework import DjangoFilterBackend

from ..filtering import bound_filters


class FilterBackend(DjangoFilterBackend):
    def get_filterset(self, request, queryset, view):
        filterset = super().get_filterset(request, queryset, view)
        if filterset is not None:
            bound_filters(filterset)
        return filterset
