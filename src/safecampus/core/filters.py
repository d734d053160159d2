""""This unit and its subtree", once, for the list pages (django-filter) and the API (DRF).

A unit is a row of the org tree with a materialised path, so the subtree of a unit is one
prefix filter on the path (:func:`safecampus.core.scoping.path_q`). Core imports no app: the
unit model is looked up by name.
"""

from __future__ import annotations

import time

import django_filters as df
from django import forms
from django.apps import apps
from django.core.exceptions import EmptyResultSet
from django.db.models import QuerySet
from django.db.models.signals import post_delete, post_save
from django.forms.models import ModelChoiceIteratorValue
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django_filters import fields as df_fields

from .markup import esc
from .scoping import PRESENCE, path_q

# Grades and classes are the rows of a school's pupils: a unit filter on anything but pupils
# offers schools and above.
PUPIL_UNIT_KINDS = ("grade", "class")


def unit_model():
    return apps.get_model("org", "OrgUnit")


def subtree(queryset: QuerySet, path: str | None, lookup: str | None = None) -> QuerySet:
    """Rows of ``queryset`` whose unit lies at or below ``path``; none when there is no such unit."""
    if path is None:
        return queryset.none()
    lookup = lookup or getattr(queryset.model, "scope_path_lookup", "org_unit__path")
    return queryset.filter(path_q(lookup, [path]))


def _attrs(attrs: dict) -> str:
    # django/forms/widgets/attrs.html
    return "".join(f" {name}" if value is True else f' {name}="{esc(str(value))}"'
                   for name, value in attrs.items() if value is not False)


SELECT_TEMPLATES = ("django/forms/widgets/select.html", "django/forms/widgets/select_option.html")


class UnitSelect(forms.Select):
    """Django's select, option and attrs templates, written in Python: the same markup.

    A county's school list is 200 options or more, each a template include and a dictionary of
    option attributes when rendered the usual way: most of a list page's time went there.
    """

    def render(self, name, value, attrs=None, renderer=None):
        if (self.template_name, self.option_template_name) != SELECT_TEMPLATES:
            return super().render(name, value, attrs, renderer)
        choices = list(iter(self.choices))  # not list(choices): its length of a queryset is a COUNT query
        if any(isinstance(label, list | tuple) for _value, label in choices):
            return self._render_groups(name, value, attrs)
        attrs = self.build_attrs(self.attrs, attrs)
        if self.allow_multiple_selected:
            attrs["multiple"] = True
        values = self.format_value(value)
        if isinstance(values, str):  # a yes/no select's one value
            values = [values]
        out = [f'<select name="{esc(name)}"{_attrs(attrs)}>']
        has_selected = False
        for option_value, label in choices:
            # Select.optgroups: a select without "multiple" marks only the first match.
            option = "" if option_value is None else str(option_value)
            selected = (not has_selected or self.allow_multiple_selected) and option in values
            has_selected |= selected
            out.append(f'\n  <option value="{esc(option)}"{" selected" if selected else ""}>'
                       f'{esc(label)}</option>\n')
        out.append("\n</select>")
        return mark_safe("".join(out))

    def _render_groups(self, name, value, attrs):
        widget = self.get_context(name, value, attrs)["widget"]
        out = [f'<select name="{esc(widget["name"])}"{_attrs(widget["attrs"])}>']
        for group_name, group_choices, _index in widget["optgroups"]:
            if group_name:
                out.append(f'\n  <optgroup label="{esc(group_name)}">')
            for option in group_choices:
                out.append(f'\n  <option value="{esc(str(option["value"]))}"'
                           f'{_attrs(option["attrs"])}>{esc(option["label"])}</option>\n')
            if group_name:
                out.append("\n  </optgroup>")
        out.append("\n</select>")
        return mark_safe("".join(out))


class NullBooleanPythonSelect(UnitSelect, forms.NullBooleanSelect):
    """A yes/no/all filter's select, written in Python as :class:`UnitSelect` writes it."""


INPUT_TEMPLATES = {f"django/forms/widgets/{n}.html" for n in ("text", "date", "number", "search", "email")}


class PythonInput:
    """Django's ``input.html`` and ``attrs.html`` written in Python, for a filter bar's text, date
    and number boxes: the same markup without two template renders per box."""

    def render(self, name, value, attrs=None, renderer=None):
        if self.template_name not in INPUT_TEMPLATES:
            return super().render(name, value, attrs, renderer)
        value = self.format_value(value)
        shown = "" if value is None else f' value="{esc(str(value))}"'
        return mark_safe(f'<input type="{esc(self.input_type)}" name="{esc(name)}"{shown}'
                         f'{_attrs(self.build_attrs(self.attrs, attrs))}>')


class PythonTextInput(PythonInput, forms.TextInput):
    pass


class PythonDateInput(PythonInput, forms.DateInput):
    pass


class PythonNumberInput(PythonInput, forms.NumberInput):
    pass


# A filter's units by the query that finds them (the reader's scope is in it), kept in this process
# for a minute: every list page offers them, and a county's tree changes a few times a year. A unit
# saved or deleted through this process is offered at once; by another process within the minute.
UNIT_ROWS_SECONDS = 60
_UNIT_ROWS: dict[tuple, tuple[float, list]] = {}


def unit_rows(queryset: QuerySet) -> list[tuple]:
    """(path, pk, name, name_zh) of the units of ``queryset``, in tree order."""
    # Sorted here: asked for in the path's order, the database walks every unit under the reader
    # (a county's thousands of grades and classes) instead of the kinds' index.
    rows = queryset.order_by().values_list("path", "pk", "name", "name_zh")
    try:
        sql, params = rows.query.get_compiler(rows.db).as_sql()
    except EmptyResultSet:
        return []
    key, now = (rows.db, sql, tuple(params)), time.monotonic()
    kept = _UNIT_ROWS.get(key)
    if kept is not None and now - kept[0] < UNIT_ROWS_SECONDS:
        return kept[1]
    found = sorted(rows)
    if len(_UNIT_ROWS) >= 1024:
        _UNIT_ROWS.clear()
    _UNIT_ROWS[key] = (now, found)
    return found


def forget_unit_rows(**_kwargs) -> None:
    _UNIT_ROWS.clear()


post_save.connect(forget_unit_rows, sender="org.OrgUnit", dispatch_uid="core.filters.unit_rows.save")
post_delete.connect(forget_unit_rows, sender="org.OrgUnit", dispatch_uid="core.filters.unit_rows.delete")


class _UnitChoices(df_fields.ModelChoiceIterator):
    """A unit's option needs its id and name: not a model instance of twenty columns and three
    dates, for each of a county's 200 schools on every list page. The label is the unit's
    ``display_name`` (``org.models.Bilingual``): the Chinese name for a Chinese reader when set."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        if self.field.null_label is not None:
            yield (self.field.null_value, self.field.null_label)
        if self.queryset is None:
            return
        zh = (get_language() or "").lower().startswith("zh")
        for _path, pk, name, name_zh in unit_rows(self.queryset):
            yield ModelChoiceIteratorValue(pk, None), (name_zh if zh and name_zh else name)


class UnitChoiceField(df_fields.ModelChoiceField):
    iterator = _UnitChoices


class SubtreeUnitFilter(df.ModelChoiceFilter):
    """A unit choice limited to what the reader sees; the filter includes the unit's subtree.

    ``capability`` names what the reader must hold at a unit for it to be offered (the list's
    view capability, say ``hazards.view``); grades and classes are offered only for pupils'
    lists (``pupils=True``).
    """

    field_class = UnitChoiceField

    def __init__(self, *args, capability: str = PRESENCE, pupils: bool = False,
                 lookup: str | None = None, **kwargs):
        self.capability, self.pupils, self.lookup = capability, pupils, lookup
        kwargs.setdefault("queryset", self._units)
        kwargs.setdefault("method", self._subtree)
        kwargs.setdefault("label", _("Unit"))
        kwargs.setdefault("widget", UnitSelect)
        super().__init__(*args, **kwargs)

    def _units(self, request):
        model = unit_model()
        qs = model.objects.visible_to(request.user if request else None, self.capability)
        if self.pupils:
            return qs
        # The kinds named (not "all but grades and classes"): the kind and path index finds them.
        return qs.filter(kind__in=[k for k, _label in model._meta.get_field("kind").choices
                                   if k not in PUPIL_UNIT_KINDS])

    def _subtree(self, queryset, name, value):
        return subtree(queryset, value.path, self.lookup)
