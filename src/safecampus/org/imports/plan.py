"""What an import will do, row by row, before anything is written (and again, inside the
transaction, when it is confirmed)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from django.utils.translation import gettext as _

from safecampus.core.errors import DomainError

from .columns import NO, YES
from .reader import as_text


@dataclass
class RowPlan:
    row: int
    label: str
    action: str = "create"           # create, update, unchanged
    target: Any = None
    data: dict[str, Any] = field(default_factory=dict)
    changed: list[str] = field(default_factory=list)
    errors: list[tuple[str, str]] = field(default_factory=list)


@dataclass
class Plan:
    kind: str
    rows: list[RowPlan] = field(default_factory=list)
    apply_row: Callable[[Any, RowPlan, dict], Any] | None = None
    # Creates that can go in batches (pupils): apply_batch(actor, [RowPlan]).
    apply_batch: Callable[[Any, list[RowPlan]], Any] | None = None

    @property
    def errors(self) -> list[dict[str, Any]]:
        return [{"row": r.row, "column": col, "message": msg} for r in self.rows for col, msg in r.errors]

    def count(self, action: str) -> int:
        return sum(1 for r in self.rows if r.action == action and not r.errors)

    def lines(self) -> list[list[Any]]:
        return [[r.row, r.label, "error" if r.errors else r.action, r.changed] for r in self.rows]


class RowChecker:
    """Collects a row's problems; each check returns the clean value (or None after a problem)."""

    def __init__(self, plan_row: RowPlan, labels: dict[str, str]):
        self.plan_row = plan_row
        self.labels = labels

    def problem(self, key: str, message: str) -> None:
        self.plan_row.errors.append((self.labels.get(key, key), str(message)))

    def check(self, key: str, fn: Callable[[], Any]) -> Any:
        try:
            return fn()
        except DomainError as exc:
            messages = [m for msgs in exc.fields.values() for m in msgs] or [exc.message]
            self.problem(key, messages[0])
            return None

    def text(self, values: dict, key: str, *, required: bool = False, max_length: int = 100) -> str:
        value = as_text(values.get(key))
        if required and not value:
            self.problem(key, _("Missing."))
        elif len(value) > max_length:
            self.problem(key, _("At most %(n)d characters.") % {"n": max_length})
            return value[:max_length]
        return value

    def word(self, values: dict, key: str, words: dict[str, str]) -> str:
        value = as_text(values.get(key)).lower()
        if not value:
            return ""
        if value not in words:
            self.problem(key, _("Unknown value “%(value)s”.") % {"value": value})
            return ""
        return words[value]

    def flag(self, values: dict, key: str, default: bool | None = None) -> bool | None:
        value = as_text(values.get(key)).lower()
        if value == "" and default is not None:
            return default
        if value in YES:
            return True
        if value in NO:
            return False
        self.problem(key, _("Yes or no (是/否)."))
        return default

    def day(self, values: dict, key: str) -> date | None:
        value = values.get(key)
        if value in (None, ""):
            return None
        if isinstance(value, datetime):
            return value.date()
        if isinstance(value, date):
            return value
        text = as_text(value).replace("/", "-").replace(".", "-")
        if text.isdigit() and len(text) == 8:
            text = f"{text[:4]}-{text[4:6]}-{text[6:]}"
        try:
            return date.fromisoformat("-".join(p.zfill(2) for p in text.split("-")))
        except ValueError:
            self.problem(key, _("A date such as 2019-09-01."))
            return None

    def number(self, values: dict, key: str, *, required: bool = False) -> int | None:
        value = values.get(key)
        if value in (None, ""):
            if required:
                self.problem(key, _("Missing."))
            return None
        try:
            return int(str(value).strip())
        except ValueError:
            self.problem(key, _("A whole number."))
            return None
