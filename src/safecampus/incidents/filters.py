import django_filters as df
from django.utils.translation import gettext_lazy as _

from safecampus.core.filters import SubtreeUnitFilter

from .choices import Kind, Severity, Status
from .models import Incident, InfoReport
from .selectors import with_current


class IncidentFilter(df.FilterSet):
    unit = SubtreeUnitFilter(capability="incidents.view")
    # Kind and severity as the report stands now, amendments included.
    kind = df.ChoiceFilter(choices=Kind.choices, label=_("Kind"), method="_current")
    severity = df.ChoiceFilter(choices=Severity.choices, label=_("Severity"), method="_current")
    status = df.ChoiceFilter(field_name="state__status", choices=Status.choices, label=_("Status"))
    late = df.BooleanFilter(label=_("Late"))
    since = df.DateFilter(field_name="occurred_at", lookup_expr="date__gte", label=_("From"),
                          widget=df.widgets.forms.DateInput(attrs={"type": "date"}))
    until = df.DateFilter(field_name="occurred_at", lookup_expr="date__lte", label=_("Until"),
                          widget=df.widgets.forms.DateInput(attrs={"type": "date"}))

    class Meta:
        model = Incident
        fields = ["unit", "kind", "severity", "status", "late", "since", "until"]

    def _current(self, queryset, name, value):
        return with_current(queryset).filter(**{f"cur_{name}": value})


class InfoReportFilter(df.FilterSet):
    unit = SubtreeUnitFilter(capability="incidents.view")
    zero = df.BooleanFilter(label=_("Zero report"))

    class Meta:
        model = InfoReport
        fields = ["unit", "zero"]
