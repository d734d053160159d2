import django_filters as df
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from safecampus.core.filters import SubtreeUnitFilter

from .choices import InspectionStatus, TemplateKind, Topic
from .models import ChecklistTemplate, Inspection, SpotCheckDraw


class InspectionFilter(df.FilterSet):
    status = df.ChoiceFilter(choices=InspectionStatus.choices, label=_("Status"))
    kind = df.ChoiceFilter(field_name="template__kind", choices=TemplateKind.choices, label=_("Kind"))
    topic = df.ChoiceFilter(field_name="template__topic", choices=Topic.choices, label=_("Topic"))
    unit = SubtreeUnitFilter(capability="inspections.view")

    class Meta:
        model = Inspection
        fields = ["status", "kind", "topic", "unit"]


class TemplateFilter(df.FilterSet):
    q = df.CharFilter(method="search", label=pgettext_lazy("checklist", "Name"))
    kind = df.ChoiceFilter(choices=TemplateKind.choices, label=_("Kind"))
    topic = df.ChoiceFilter(choices=Topic.choices, label=_("Topic"))

    class Meta:
        model = ChecklistTemplate
        fields = ["q", "kind", "topic"]

    def search(self, queryset, name, value):
        from django.db.models import Q

        return queryset.filter(Q(name__icontains=value) | Q(name_zh__icontains=value))


class DrawFilter(df.FilterSet):
    class Meta:
        model = SpotCheckDraw
        fields = []
