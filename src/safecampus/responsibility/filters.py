import django_filters as df
from django.utils.translation import gettext_lazy as _

from safecampus.core.filters import SubtreeUnitFilter

from .choices import LetterLevel, LetterStatus
from .models import ResponsibilityLetter


class LetterFilter(df.FilterSet):
    q = df.CharFilter(field_name="recipient_name", lookup_expr="icontains", label=_("Recipient"))
    unit = SubtreeUnitFilter(capability="responsibility.view")
    year = df.NumberFilter(field_name="year", label=_("School year"))
    status = df.ChoiceFilter(choices=LetterStatus.choices, label=_("Status"))
    level = df.ChoiceFilter(choices=LetterLevel.choices, label=_("Level"))

    class Meta:
        model = ResponsibilityLetter
        fields = ["q", "unit", "year", "status", "level"]
