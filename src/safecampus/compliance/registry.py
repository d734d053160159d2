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
