"""The numbers of the transport rules, as policy rows (RULE-DEFAULTS.md) with their sources.

The central school or the authority sets its own; ``policy_for(unit, code)`` reads the nearest unit at or
above the school that set them, else the defaults.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from safecampus.compliance.policies import Number, PolicySpec, policy_for, register_policy

DRIVERS = "transport.drivers"
CAPACITY = "transport.capacity"
REMINDERS = "transport.reminders"

register_policy(PolicySpec(
    code=DRIVERS, title=_("School-bus drivers"),
    source=_("RULE-DEFAULTS.md: age 25-60, at least 3 years of driving, no full-point record in the last "
             "3 cycles (校车安全管理条例, State Council Order 617, art. 23)"),
    fields=[Number("min_age", _("Youngest age of a driver"), default=25, minimum=18, maximum=70,
                   unit=_("years")),
            Number("max_age", _("Oldest age of a driver"), default=60, minimum=18, maximum=80, unit=_("years")),
            Number("min_years_driving", _("Least years of driving"), default=3, minimum=0, maximum=40,
                   unit=_("years"))]))
register_policy(PolicySpec(
    code=CAPACITY, title=_("School-bus capacity"),
    source=_("RULE-DEFAULTS.md: 45 seats (kindergarten bus), 56 (primary and middle school bus), "
             "national standard"),
    fields=[Number("kindergarten_bus_seats", _("Seats of a kindergarten bus"), default=45, minimum=1, maximum=80),
            Number("school_bus_seats", _("Seats of a school bus"), default=56, minimum=1, maximum=80)]))
register_policy(PolicySpec(
    code=REMINDERS, title=_("Vehicle and licence expiry reminders"),
    source=_("Issue 15 (OPS-5): expiries are reminders 30 days ahead; local practice renews papers a month ahead"),
    fields=[Number("lead_days", _("Days before an expiry the reminder is sent"), default=30, minimum=1,
                   maximum=365, unit=_("days"))]))


def drivers(unit) -> dict:
    return policy_for(unit, DRIVERS)


def capacity(unit) -> dict:
    return policy_for(unit, CAPACITY)


def seats_for(unit, kind: str) -> int:
    values = capacity(unit)
    return values["kindergarten_bus_seats"] if kind == "kindergarten_bus" else values["school_bus_seats"]


def reminders(unit) -> dict:
    return policy_for(unit, REMINDERS)
