"""The status badge, once: a coloured word on the page, the plain word in a spreadsheet.

Status words map to the same colours everywhere (UI.md): red, amber, green, grey. A list column
returns a :class:`Badge` (or :func:`status_badge` of the row); templates use ``{% badge label key %}``
from ``core/templatetags/sc.py``, which renders the same markup.
"""

from __future__ import annotations

from django.utils.html import format_html_join
from django.utils.safestring import mark_safe

from .markup import esc

TONE = {
    "overdue": "danger", "major": "danger", "late": "danger", "missed": "danger", "rejected": "danger",
    "reported": "warning", "due_soon": "warning", "assigned": "warning", "awaiting_verification": "info",
    "pending": "secondary", "issued": "warning", "filed": "warning", "scheduled": "secondary",
    "closed": "success", "met": "success", "done": "success", "signed": "success", "completed": "success",
    "not_applicable": "light", "general": "secondary",
}


class Badge(str):
    """A word that renders as a coloured badge in pages and stays plain text in XLSX exports.

    A ``str`` subclass because templates turn anything else into a plain string before escaping;
    ``key`` picks the colour (and the ``status-<key>`` class), ``tone`` overrides it.
    """

    def __new__(cls, label, key: str, tone: str | None = None):
        obj = super().__new__(cls, str(label))
        obj.key = str(key)
        obj.tone = tone or TONE.get(obj.key, "secondary")
        return obj

    def __html__(self) -> str:
        # format_html's markup, escaped by core.markup.esc: a list page writes fifty badges.
        return mark_safe(f'<span class="badge text-bg-{esc(self.tone)} status-{esc(self.key)}">{esc(str(self))}</span>')


class Badges(str):
    """Several badges in one cell ("Assigned · Supervised" in an export)."""

    def __new__(cls, *badges: Badge):
        obj = super().__new__(cls, " · ".join(badges))
        obj.badges = badges
        return obj

    def __html__(self) -> str:
        return format_html_join(" ", "{}", ((b,) for b in self.badges))


def status_badge(obj, field: str = "status") -> Badge:
    """The record's status as a badge: its display word, coloured by its value."""
    return Badge(getattr(obj, f"get_{field}_display")(), getattr(obj, field))
