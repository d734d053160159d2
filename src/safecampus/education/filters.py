"""List filters of the education pages."""

from __future__ import annotations

import django_filters as df
from django.utils.translation import gettext_lazy as _

from safecampus.org.filters import ScopedUnitFilter

from .choices import CampaignKind, LessonKind, NoticeKind
from .models import Campaign, Lesson, ParentNotice, TrainingSession


class LessonFilter(df.FilterSet):
    unit = ScopedUnitFilter(capability="education.view", label=_("School"))
    kind = df.ChoiceFilter(choices=LessonKind.choices, label=_("Kind"))
    held_from = df.DateFilter(field_name="held_on", lookup_expr="gte", label=_("From"))
    held_to = df.DateFilter(field_name="held_on", lookup_expr="lte", label=_("Until"))

    class Meta:
        model = Lesson
        fields: list[str] = []


class NoticeFilter(df.FilterSet):
    unit = ScopedUnitFilter(capability="education.notices", label=_("School"))
    kind = df.ChoiceFilter(choices=NoticeKind.choices, label=_("Kind"))

    class Meta:
        model = ParentNotice
        fields: list[str] = []


class TrainingFilter(df.FilterSet):
    unit = ScopedUnitFilter(capability="education.view", label=_("Unit"))
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
