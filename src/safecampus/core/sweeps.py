"""The one-minute sweep's registry: the work an app wants done every minute, registered once.

An app registers its hooks where it registers its evidence (``<app>/evidence.py``, imported
from ``AppConfig.ready``)::

    from safecampus.core import sweeps
    sweeps.register(sweep_deadlines)         # hook(now: datetime) -> anything; run every minute

The compliance app runs the sweep (its ``tick`` command and background task call every hook,
then evaluate, remind and escalate) and tells core how to queue one through
:func:`set_enqueue`, so core (the demo command's scheduler thread) can start it without
importing an app. A hook must be safe to run twice, and twice at once.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

Hook = Callable[[datetime], Any]

HOOKS: list[Hook] = []
_enqueue: Callable[[], Any] | None = None


def register(hook: Hook) -> Hook:
    """Run ``hook(now)`` in every sweep (once, however often it is registered); usable as a decorator."""
    if hook not in HOOKS:
        HOOKS.append(hook)
    return hook


def hooks() -> list[Hook]:
    return list(HOOKS)


def set_enqueue(enqueue: Callable[[], Any]) -> None:
    """The app that runs the sweep says how to queue one (the background task)."""
    global _enqueue
    _enqueue = enqueue


def enqueue() -> bool:
    """Queue one sweep; False when no app runs sweeps."""
    if _enqueue is None:
        return False
    _enqueue()
    return True
