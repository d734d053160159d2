from django import template
from django.utils.translation import gettext as _

from safecampus.core.badges import Badge

register = template.Library()


@register.filter
def add_class(field, css):
    widget = field.field.widget
    if widget.input_type == "checkbox" if hasattr(widget, "input_type") else False:
        return field
    if "select" in widget.__class__.__name__.lower():
        css = css.replace("form-control", "form-select")
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


def _show(field, value):
    from django.utils.dateparse import parse_datetime

    if value in (None, ""):
        return "—"
    if field is not None and getattr(field, "flatchoices", None):
        return dict(field.flatchoices).get(value, value)
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, str) and len(value) >= 19 and value[4] == "-" and "T" in value:
        parsed = parse_datetime(value)
        if parsed is not None:
            return display(parsed)
    if isinstance(value, list):
        return ", ".join(str(_show(None, v)) for v in value)
    if isinstance(value, dict):
        return "; ".join(f"{k}: {_show(None, v)}" for k, v in value.items())
    return value


@register.filter
def change_rows(event):
    """An audit event's changes as a person reads them: field names and choices in words, local times."""
    from django.apps import apps
    from django.core.exceptions import FieldDoesNotExist
    from django.utils.text import capfirst

    from safecampus.core.labels import CHANGE_LABELS, LISTED

    try:
        model = apps.get_model(event.object_type) if event.object_type else None
    except (LookupError, ValueError):
        model = None
    rows = []
    for key, value in pairs(event.changes):
        field = None
        if model is not None:
            try:
                field = model._meta.get_field(key)
            except FieldDoesNotExist:
                field = None
        if field is not None and hasattr(field, "verbose_name"):
            label = capfirst(field.verbose_name)
        else:
            label = CHANGE_LABELS.get(key, key)
        if key in LISTED and isinstance(value, list):
            rows.append((label, ", ".join(str(v) for v in value)))
        elif isinstance(value, list) and len(value) == 2:
            rows.append((label, f"{_show(field, value[0])} → {_show(field, value[1])}"))
        else:
            rows.append((label, _show(field, value)))
    return rows


@register.filter
def changeval(value):
    if isinstance(value, list) and len(value) == 2:
        return f"{value[0] if value[0] not in (None, '') else '—'} → {value[1] if value[1] not in (None, '') else '—'}"
    return value if value not in (None, "") else _("(empty)")
