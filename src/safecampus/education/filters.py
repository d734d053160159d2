"""List filters of the education pages."""

from __future__ import annotations

import django_filters as df
from django.utils.translation import gettext_lazy as _

from safecampus.core.api.filters import SubtreeFilter
from safecampus.core.filters import SubtreeUnitFilter

from .choices import CampaignKind, LessonKind, NoticeKind
from .models import Campaign, Lesson, ParentNotice, TrainingSession


class LessonFilter(df.FilterSet):
    unit = SubtreeUnitFilter(capability="education.view", label=_("School"))
    kind = df.ChoiceFilter(choices=LessonKind.choices, label=_("Kind"))
    held_from = df.DateFilter(field_name="held_on", lookup_expr="gte", label=_("From"))
    held_to = df.DateFilter(field_name="held_on", lookup_expr="lte", label=_("Until"))

    class Meta:
        model = Lesson
        fields: list[str] = []


class NoticeFilter(df.FilterSet):
    unit = SubtreeUnitFilter(capability="education.notices", label=_("School"))
    kind = df.ChoiceFilter(choices=NoticeKind.choices, label=_("Kind"))

    class Meta:
        model = ParentNotice
        fields: list[str] = []


class TrainingFilter(df.FilterSet):
    unit = SubtreeUnitFilter(capability="education.view", label=_("Unit"))
    held_from = df.DateFilter(field_name="held_on", lookup_expr="gte", label=_("From"))
    held_to = df.DateFilter(field_name="held_on", lookup_expr="lte", label=_("Until"))

    class Meta:
        model = TrainingSession
        fields: list[str] = []


class CampaignFilter(df.FilterSet):
    kind = df.ChoiceFilter(choices=CampaignKind.choices, label=_("Kind"))

    class Meta:
        model = Campaign
        fields: list[str] = []


class LessonApiFilter(df.FilterSet):
    """``?org_unit=`` (a unit and its subtree), ``?kind=``, ``?held_from=``/``?held_to=`` on /api/v1/lessons."""

    org_unit = SubtreeFilter()
    kind = df.ChoiceFilter(choices=LessonKind.choices)
    held_from = df.DateFilter(field_name="held_on", lookup_expr="gte")
    held_to = df.DateFilter(field_name="held_on", lookup_expr="lte")

    class Meta:
        model = Lesson
        fields: list[str] = []


class NoticeApiFilter(df.FilterSet):
    org_unit = SubtreeFilter()
    kind = df.ChoiceFilter(choices=NoticeKind.choices)

    class Meta:
        model = ParentNotice
        fields: list[str] = []


class TrainingApiFilter(df.FilterSet):
    org_unit = SubtreeFilter()
    held_from = df.DateFilter(field_name="held_on", lookup_expr="gte")
    held_to = df.DateFilter(field_name="held_on", lookup_expr="lte")

    class Meta:
        model = TrainingSession
        fields: list[str] = []
