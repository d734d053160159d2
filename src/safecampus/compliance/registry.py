"""How domain apps plug into the obligations engine without the engine importing them.

Each domain app, in its own ``evidence.py`` (imported by its AppConfig.ready), registers:

* **evidence kinds**: which of its records count towards an obligation, e.g. "a completed
  inspection with a template of kind `special` and topic `fire`". The engine counts them
  set-based, per unit and period, from the declaration alone.
* **task sources**: the open work a person has in that app (hazards to rectify or verify,
  letters to sign, ...), as one query per source and user.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.utils.functional import Promise


@dataclass(frozen=True)
class EvidenceKind:
    code: str                 # "inspections.special", "hazards.closed", ...
    label: Promise | str
    model: str                # "app_label.ModelName"; must be a ScopedModel
    date_field: str           # the moment the record counts at, e.g. "completed_at"
    base_filter: dict[str, Any] = field(default_factory=dict)   # e.g. {"status": "completed"}
    # Rule parameters this kind understands, mapped to ORM lookups: {"topic": "template__topic"}.
    params: dict[str, str] = field(default_factory=dict)
    # Where the owner records it: a URL name, or a function of the rule's parameters giving one. A task
    # for the duty opens that page (never a calendar the owner cannot act on).
    record_url: Any = ""


@dataclass(frozen=True)
class TaskItem:
    kind: str                 # "hazard.rectify"
    title: str
    url: str
    due: datetime | None = None
    unit_id: int | None = None
    object_type: str = ""
    object_id: str = ""


@dataclass(frozen=True)
class TaskSource:
    code: str
    label: Promise | str
    collect: Callable[[Any], Iterable[TaskItem]]   # collect(user) -> that user's open items


EVIDENCE: dict[str, EvidenceKind] = {}
TASK_SOURCES: dict[str, TaskSource] = {}


def register_evidence(kind: EvidenceKind) -> None:
    EVIDENCE[kind.code] = kind


def register_tasks(source: TaskSource) -> None:
    TASK_SOURCES[source.code] = source


@dataclass(frozen=True)
class Metric:
    """A number (or numbers by label) a domain app offers to dashboards, already scoped to the reader.

    ``compute(user, since)`` returns ``{label: count}``; e.g. hazards offers
    "hazards.open_by_level" -> {"general": 12, "major": 2}. Dashboards read other apps only
    through these and the evidence kinds, never through their models.
    """

    code: str
    label: Promise | str
    compute: Callable[[Any, datetime | None], dict[str, int]]


METRICS: dict[str, Metric] = {}


def register_metric(metric: Metric) -> None:
    METRICS[metric.code] = metric


def load_app_modules(module: str = "evidence") -> list[Any]:
    """Import ``<app>.<module>`` for every installed safecampus app that has one (idempotent)."""
    from importlib import import_module
    from importlib.util import find_spec

    from django.conf import settings

    found = []
    for app in settings.INSTALLED_APPS:
        if not app.startswith("safecampus."):
            continue
        try:
            spec = find_spec(f"{app}.{module}")
        except ModuleNotFoundError:
            spec = None
        if spec is not None:
            found.append(import_module(f"{app}.{module}"))
    return found


# Called by the one-minute sweep with the rows it evaluated (every rule, every unit, current
# period) and the moment: readers such as the dashboard build their summaries from them instead
# of evaluating the province again. ``hook(rows, now)``; a failing hook is logged, not fatal.
EVALUATED_HOOKS: list[Callable[[list, datetime], Any]] = []


def register_evaluated(hook: Callable[[list, datetime], Any]) -> None:
    if hook not in EVALUATED_HOOKS:
        EVALUATED_HOOKS.append(hook)
