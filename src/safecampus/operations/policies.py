"""The numbers daily operations run on, as policy rows (``compliance.policies``), with their sources."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.utils.translation import gettext_lazy as _

from safecampus.compliance.policies import Number, PolicyBook, PolicySpec, policy_for, register_policy

VISITORS = "operations.visitors"
PATROLS = "operations.patrols"
PICKUP = "operations.pickup"
ACTIVITIES = "operations.activities"

SPECS = [
    PolicySpec(code=VISITORS, title=_("Door guard: visitors"),
               source="Personal Information Protection Law art. 19 (kept no longer than needed): 180 days; "
                      "safety work plan, campus security: visitors registered, strangers kept out",
               fields=[Number("retention_days", _("Days a visitor's identity data is kept"), default=180,
                              minimum=1, maximum=3650, unit=_("days")),
                       Number("closing_hour", _("Closing time: hour when visitors still inside are reported"),
                              default=18, minimum=0, maximum=23, unit=_("o'clock"))]),
    PolicySpec(code=PATROLS, title=_("Patrols"),
               source="中小学校、幼儿园消防安全十项规定 (daily fire patrol, recorded and signed); "
                      "safety work plan, emergency 1",
               fields=[Number("day_end_hour", _("Hour by which the day's round is complete"), default=18,
                              minimum=0, maximum=23, unit=_("o'clock")),
                       Number("repeat_seconds",
                              _("Seconds in which a second scan of a checkpoint is the same check-in"),
                              default=60, minimum=1, maximum=3600, unit=_("s"))]),
    PolicySpec(code=PICKUP, title=_("Pick-up"),
               source="幼儿园工作规程 art. 18 (children handed only to their guardians or those they name); "
                      "safety work plan, pick-up of young children",
               fields=[Number("end_hour", _("End of pick-up time: hour"), default=17, minimum=0, maximum=23,
                              unit=_("o'clock")),
                       Number("end_minute", _("End of pick-up time: minute"), default=30, minimum=0, maximum=59)]),
    PolicySpec(code=ACTIVITIES, title=_("Large activities"),
               source=_("State Council Order 505 (large gatherings of 1,000 people or more need a police permit, "
                        "applied for at least 20 days ahead); local rule (outings: 2 teachers per class, 3 for "
                        "lower grades); safety work plan, large activities approved by level"),
               fields=[Number("teachers_per_class", _("Teachers per class"), default=2, minimum=1, maximum=10),
                       Number("teachers_per_class_lower", _("Teachers per class, lower grades"), default=3,
                              minimum=1, maximum=10),
                       Number("permit_people", _("People from which a police permit is needed"), default=1000,
                              minimum=1, maximum=1000000),
                       Number("permit_lead_days", _("Days ahead the police permit is applied for"), default=20,
                              minimum=0, maximum=365, unit=_("days")),
                       Number("authority_people", _("People from which the education authority approves"),
                              default=1000, minimum=1, maximum=1000000),
                       Number("central_off_campus", _("Off-campus activities approved by the central school "
                                                      "(1 yes, 0 the principal)"), default=1, minimum=0, maximum=1)]),
]


def register() -> None:
    for spec in SPECS:
        register_policy(spec)


def values(unit, code: str) -> dict[str, Any]:
    """The numbers in force at ``unit``: the nearest unit at or above it that set them, else the defaults."""
    return policy_for(unit, code)


def book(units: Iterable, code: str) -> PolicyBook:
    """The policy ``code`` of many units, read at once (one query for a sweep)."""
    return PolicyBook([u.path for u in units], [code])
