"""A list page's table body written in Python: the markup ``core/list.html`` wrote through the
template engine, character for character.

Twenty-five rows of eight cells were some 200 ``{% with %}`` blocks, filters and variable
lookups per page, the largest part of a list page's time; a string per cell costs a fraction.
:func:`text` is what ``{{ value }}`` writes (Django's ``render_value_in_context`` with
autoescaping on), so a cell reads the same through either door.
"""

from __future__ import annotations

from typing import Any

from django.utils.formats import localize
from django.utils.safestring import SafeString, mark_safe
from django.utils.timezone import template_localtime

from ..badges import Badge
from ..markup import esc
from ..templatetags.sc import display


def text(value: Any) -> str:
    """``{{ value }}``: local time, localized numbers and dates, escaped unless already safe."""
    value = localize(template_localtime(value))
    if not isinstance(value, str):
        value = str(value)
    return esc(value)


def table_body(columns: list, rows: list[dict]) -> SafeString:
    """The rows of ``core/list.html``'s table: ``rows`` as the list view builds them
    (``{"obj": record, "cells": [value per column]}``)."""
    labels = [text(c.label) for c in columns]
    out: list[str] = []
    for row in rows:
        out.append("\n      <tr>")
        obj = row["obj"]
        for col, label, cell in zip(columns, labels, row["cells"], strict=True):
            if col.link:
                inner = f'<a href="{text(obj.get_absolute_url())}">{text(display(cell))}</a>'
            elif col.badge:
                # {% badge cell %}: the word is its own key (the template tag's one-argument form).
                inner = Badge(cell, cell).__html__()
            else:
                inner = text(display(cell))
            out.append(f'\n        <td data-label="{label}">{inner}</td>\n      ')
        out.append("</tr>\n    ")
    return mark_safe("".join(out))  # every piece above is escaped or built by format_html
