"""The school calendar in a school's semester archive (core.archive; read by the reports app):
the semesters and holidays in force for the school, whichever unit above keeps them."""

from __future__ import annotations

from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from safecampus.core.archive import ArchiveKind, register
from safecampus.core.scoping import ancestor_paths

from .models import Holiday, Semester

END = capfirst(Semester._meta.get_field("end").verbose_name)


def _semesters(unit, start, end):
    return (Semester.objects.filter(org_unit__path__in=ancestor_paths(unit.path), start__lte=end, end__gte=start)
            .select_related("school_year").order_by("start", "pk"))


def _holidays(unit, start, end):
    return (Holiday.objects.filter(org_unit__path__in=ancestor_paths(unit.path), start__lte=end, end__gte=start)
            .order_by("start", "pk"))


register(ArchiveKind(code="org.semester", category="organisation", label=_("Semester"), records=_semesters,
                     title=str, date=lambda s: s.start, order=10,
                     columns=((_("End"), lambda s: s.end),)))
register(ArchiveKind(code="org.holiday", category="organisation", label=_("Holiday"), records=_holidays,
                     title=str, date=lambda h: h.start, order=11,
                     columns=((_("End"), lambda h: h.end),)))
