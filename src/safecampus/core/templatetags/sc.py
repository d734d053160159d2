import copy
import re

from django import forms, template
from django.utils.translation import gettext as _

from safecampus.core.badges import Badge
from safecampus.core.filters import (
    NullBooleanPythonSelect,
    PythonDateInput,
    PythonNumberInput,
    PythonTextInput,
    UnitSelect,
)

register = template.Library()

# A filter bar's widgets and the same markup written in Python (core.filters).
FAST_WIDGETS = {forms.Select: UnitSelect, forms.NullBooleanSelect: NullBooleanPythonSelect,
                forms.TextInput: PythonTextInput, forms.DateInput: PythonDateInput,
                forms.NumberInput: PythonNumberInput}


@register.filter
def add_class(field, css):
    widget = field.field.widget
    if widget.input_type == "checkbox" if hasattr(widget, "input_type") else False:
        return field
    if "select" in widget.__class__.__name__.lower():
        css = css.replace("form-control", "form-select")
    fast_class = FAST_WIDGETS.get(type(widget))
    if fast_class is not None:
        # The same markup written in Python (core.filters): a filter bar's selects were a template
        # include per option, and each box two templates.
        fast = copy.copy(widget)
        fast.__class__ = fast_class
        return field.as_widget(widget=fast, attrs={"class": css})
    return field.as_widget(attrs={"class": css})


@register.filter
def display(value):
    """A cell or field as a person reads it: times in the local zone, yes/no, dash for nothing."""
    from datetime import date, datetime

    from django.utils import formats, timezone

    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, datetime):
        return formats.date_format(timezone.localtime(value) if timezone.is_aware(value) else value,
                                   "SHORT_DATETIME_FORMAT")
    if isinstance(value, date):
        return formats.date_format(value, "SHORT_DATE_FORMAT")
    return value


@register.filter
def index(seq, i):
    try:
        return seq[i]
    except (IndexError, TypeError):
        return None


@register.simple_tag
def badge(label, value=None):
    """``{% badge label key %}``: the same markup as :class:`safecampus.core.badges.Badge`."""
    return Badge(label, value if value is not None else label).__html__()


@register.filter
def action_label(action: str) -> str:
    from safecampus.core.labels import ACTION_LABELS

    label = ACTION_LABELS.get(action)
    return str(label) if label else action


@register.filter
def pairs(mapping):
    """``dict.items()`` for templates, safe when a key is itself called "items"."""
    return list(mapping.items()) if isinstance(mapping, dict) else []


@register.filter
def change_rows(event):
    """An audit event's changes as a person reads them (``core.history``)."""
    from safecampus.core.history import change_rows as rows

    return rows(event)


@register.filter
def who(event) -> str:
    """The actor's name as people know it (the username only when the account is gone)."""
    from safecampus.core.history import person_name

    actor = event.actor if getattr(event, "actor_id", None) else None
    return person_name(actor) if actor is not None else (event.actor_name or _("system"))


@register.filter
def changeval(value):
    if isinstance(value, list) and len(value) == 2:
        return f"{value[0] if value[0] not in (None, '') else '—'} → {value[1] if value[1] not in (None, '') else '—'}"
    return value if value not in (None, "") else _("(empty)")


_BILINGUAL = re.compile(r"^(?P<zh>.*[\u3000-\u9fff\uff00-\uffef])\s*(?P<en>[A-Z][\x00-\x7f]+)$", re.S)


@register.filter
def reader_language(text):
    """Of a text written "中文。English." (built-in sources), the part in the reader's language."""
    from django.utils.translation import get_language

    found = _BILINGUAL.match(str(text or ""))
    if not found:
        return text
    return found["zh"] if (get_language() or "").lower().startswith("zh") else found["en"]
