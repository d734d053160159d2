"""What an import will do, row by row, before anything is written (and again, inside the
transaction, when it is confirmed)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.utils.translation import gettext as _

from safecampus.core import inputs
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
    """Collects a row's problems; each check returns the clean value (or None after a problem).

    The checks are ``core.inputs``'s, on what a spreadsheet cell holds (dates typed as 2019/9/1 or
    20190901, 是/否 for yes and no); a problem is put in the import's words, beside its column."""

    def __init__(self, plan_row: RowPlan, labels: dict[str, str]):
        self.plan_row = plan_row
        self.labels = labels

    def problem(self, key: str, message: str) -> None:
        self.plan_row.errors.append((self.labels.get(key, key), str(message)))

    def check(self, key: str, fn: Callable[[], Any], message: str | None = None, default: Any = None) -> Any:
        """``fn()``'s value; a ``DomainError`` it raises becomes the row's problem at ``key`` (its own
        message, or ``message``) and ``default`` is returned."""
        try:
            return fn()
        except DomainError as exc:
            messages = [m for msgs in exc.fields.values() for m in msgs] or [exc.message]
            self.problem(key, message or messages[0])
            return default

    def _missing(self, values: dict, key: str, required: bool) -> bool:
        """True when the cell is empty (a problem when it is ``required``)."""
        if as_text(values.get(key)):
            return False
        if required:
            self.problem(key, _("Missing."))
        return True

    def text(self, values: dict, key: str, *, required: bool = False, max_length: int = 100) -> str:
        value = as_text(values.get(key))
        if self._missing(values, key, required):
            return value
        return self.check(key, lambda: inputs.text(value, key, max_length=max_length), default=value[:max_length])

    def word(self, values: dict, key: str, words: dict[str, str]) -> str:
        value = as_text(values.get(key)).lower()
        if not value:
            return ""
        found = self.check(key, lambda: inputs.choice(value, key, list(words)),
                           _("Unknown value “%(value)s”.") % {"value": value}, default="")
        return words[found] if found else ""

    def flag(self, values: dict, key: str, default: bool | None = None) -> bool | None:
        value = as_text(values.get(key)).lower()
        if value == "" and default is not None:
            return default
        word = self.check(key, lambda: inputs.choice(value, key, sorted(YES | NO)), _("Yes or no (是/否)."))
        return default if word is None else word in YES

    def day(self, values: dict, key: str) -> date | None:
        value = values.get(key)
        if isinstance(value, date) or value in (None, ""):
            return inputs.date(value, key, required=False)
        text = as_text(value).replace("/", "-").replace(".", "-")
        if text.isdigit() and len(text) == 8:
            text = f"{text[:4]}-{text[4:6]}-{text[6:]}"
        return self.check(key, lambda: inputs.date("-".join(p.zfill(2) for p in text.split("-")), key),
                          _("A date such as 2019-09-01."))

    def number(self, values: dict, key: str, *, required: bool = False) -> int | None:
        if self._missing(values, key, required):
            return None
        return self.check(key, lambda: inputs.number(values.get(key), key), _("A whole number."))
