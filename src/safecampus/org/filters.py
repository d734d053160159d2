import django_filters as df
from django.utils.translation import gettext_lazy as _

from .choices import UnitKind
from .models import OrgUnit, Staff, Student


class ScopedUnitFilter(df.ModelChoiceFilter):
    """A unit choice limited to what the reader sees; the filter includes the unit's subtree."""

    def __init__(self, *args, capability: str = "org.view", **kwargs):
        self.capability = capability
        kwargs.setdefault("queryset", self._units)
        kwargs.setdefault("method", self._subtree)
        kwargs.setdefault("label", _("Unit"))
        super().__init__(*args, **kwargs)

    def _units(self, request):
        qs = OrgUnit.objects.visible_to(request.user if request else None, self.capability)
        return qs.exclude(kind__in=[UnitKind.GRADE, UnitKind.CLASS]) if self.capability != "org.view_students" else qs

    def _subtree(self, queryset, name, value):
        lookup = getattr(queryset.model, "scope_path_lookup", "org_unit__path")
        return queryset.filter(**{f"{lookup}__startswith": value.path})


class UnitFilter(df.FilterSet):
    q = df.CharFilter(field_name="name", lookup_expr="icontains", label=_("Name"))
    kind = df.ChoiceFilter(choices=UnitKind.choices, label=_("Kind"))

    class Meta:
        model = OrgUnit
        fields = ["q", "kind"]


class StaffFilter(df.FilterSet):
    q = df.CharFilter(field_name="name", lookup_expr="icontains", label=_("Name"))
    unit = ScopedUnitFilter(capability="org.view_people")

    class Meta:
        model = Staff
        fields = ["q", "unit"]


class StudentFilter(df.FilterSet):
    q = df.CharFilter(field_name="name", lookup_expr="icontains", label=_("Name"))
    unit = ScopedUnitFilter(capability="org.view_students")

    class Meta:
        model = Student
        fields = ["q", "unit"]
