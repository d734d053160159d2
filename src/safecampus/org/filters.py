import django_filters as df
from django.utils.translation import gettext_lazy as _

from safecampus.core.filters import SubtreeUnitFilter

from .choices import UnitKind
from .models import OrgUnit, Staff, Student


class UnitFilter(df.FilterSet):
    q = df.CharFilter(field_name="name", lookup_expr="icontains", label=_("Name"))
    kind = df.ChoiceFilter(choices=UnitKind.choices, label=_("Kind"))

    class Meta:
        model = OrgUnit
        fields = ["q", "kind"]


class StaffFilter(df.FilterSet):
    q = df.CharFilter(field_name="name", lookup_expr="icontains", label=_("Name"))
    unit = SubtreeUnitFilter(capability="org.view_people")

    class Meta:
        model = Staff
        fields = ["q", "unit"]


class StudentFilter(df.FilterSet):
    q = df.CharFilter(field_name="name", lookup_expr="icontains", label=_("Name"))
    unit = SubtreeUnitFilter(capability="org.view_students", pupils=True)

    class Meta:
        model = Student
        fields = ["q", "unit"]
