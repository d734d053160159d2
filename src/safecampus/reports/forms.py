"""The start form of an archive and the on-demand form of a monthly report."""

from __future__ import annotations

from datetime import timedelta

from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from safecampus.core.forms import UserForm
from safecampus.core.permissions import scope_paths
from safecampus.core.scoping import path_q

from .services import ARCHIVE, MONTHLY


def _units(user, capability: str, kinds: tuple[str, ...]):
    from safecampus.org.models import OrgUnit

    return OrgUnit.objects.visible_to(user, capability).filter(kind__in=kinds).order_by("path")


def _ancestors(paths: list[str]) -> set[str]:
    out: set[str] = set()
    for path in paths:
        parts = [p for p in path.strip("/").split("/") if p]
        out.update("/" + "/".join(parts[: i + 1]) + "/" for i in range(len(parts)))
    return out


class SemesterChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{obj} ({obj.start:%Y-%m-%d} – {obj.end:%Y-%m-%d})"


class ArchiveForm(UserForm):
    org_unit = forms.ModelChoiceField(label=_("School"), queryset=None)
    semester = SemesterChoice(label=_("Semester"), queryset=None)

    def __init__(self, *args, **kwargs):
        from safecampus.org.models import Semester

        super().__init__(*args, **kwargs)
        self.fields["org_unit"].queryset = _units(self.user, ARCHIVE, ("school",))
        roots = scope_paths(self.user, ARCHIVE)
        # The calendars the reader's schools follow: kept above them, or by a unit within the scope.
        self.fields["semester"].queryset = (
            Semester.objects.filter(Q(org_unit__path__in=_ancestors(roots)) | path_q("org_unit__path", roots))
            .filter(start__lte=timezone.localdate()).select_related("school_year").order_by("-start"))
        schools = list(self.fields["org_unit"].queryset[:2])
        if len(schools) == 1:
            self.fields["org_unit"].initial = schools[0].pk
        current = self.fields["semester"].queryset.first()
        if current is not None:
            self.fields["semester"].initial = current.pk


class MonthlyForm(UserForm):
    org_unit = forms.ModelChoiceField(label=_("School or central school"), queryset=None)
    month = forms.CharField(label=_("Month"), max_length=7, help_text=_("YYYY-MM"),
                            widget=forms.TextInput(attrs={"type": "month", "placeholder": "YYYY-MM"}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["org_unit"].queryset = _units(self.user, MONTHLY, ("school", "central_school"))
        units = list(self.fields["org_unit"].queryset[:1])
        if units:  # the reader's own school, or the central school above the schools it lists
            self.fields["org_unit"].initial = units[0].pk
        last = timezone.localdate().replace(day=1) - timedelta(days=1)
        self.fields["month"].initial = last.strftime("%Y-%m")
