"""The numbers daily operations run on, as policy rows (compliance.policies), with their sources."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

VISITORS = "operations.visitors"
PATROLS = "operations.patrols"
PICKUP = "operations.pickup"

SPECS: list[dict[str, Any]] = [
    {"code": VISITORS, "title": _("Door guard: visitors"),
     "source": "Personal Information Protection Law art. 19 (kept no longer than needed); "
               "safety work plan, campus security: visitors registered, strangers kept out",
     "fields": [("retention_days", _("Days a visitor's identity data is kept"), 180, 1, 3650),
                ("closing_hour", _("Closing time: hour when visitors still inside are reported"), 18, 0, 23)]},
    {"code": PATROLS, "title": _("Patrols"),
     "source": "中小学校、幼儿园消防安全十项规定 (daily fire patrol); safety work plan, emergency 1",
     "fields": [("day_end_hour", _("Hour by which the day's round is complete"), 18, 0, 23),
                ("repeat_seconds", _("Seconds in which a second scan of a checkpoint is the same check-in"),
                 60, 1, 3600)]},
    {"code": PICKUP, "title": _("Pick-up"),
     "source": "幼儿园工作规程 art. 18 (children handed only to their guardians or those they name); "
               "safety work plan, pick-up of young children",
     "fields": [("end_hour", _("End of pick-up time: hour"), 17, 0, 23),
                ("end_minute", _("End of pick-up time: minute"), 30, 0, 59)]},
]

DEFAULTS = {s["code"]: {name: default for name, _label, default, _lo, _hi in s["fields"]} for s in SPECS}

try:
    from safecampus.compliance import policies as _shared
except ImportError:  # the shared policy rows are not installed: the defaults above decide
    _shared = None


def register() -> None:
    if _shared is None:
        return
    for spec in SPECS:
        _shared.register_policy(_shared.PolicySpec(
            code=spec["code"], title=spec["title"], source=spec["source"],
            fields=[_shared.Number(name, label, default=default, minimum=lo, maximum=hi)
                    for name, label, default, lo, hi in spec["fields"]]))


def values(unit, code: str) -> dict[str, Any]:
    """The numbers in force at ``unit``: the nearest unit at or above it that set them, else the defaults."""
    found = dict(DEFAULTS[code])
    if _shared is not None and unit is not None:
        found.update(_shared.policy_for(unit, code) or {})
    return found
