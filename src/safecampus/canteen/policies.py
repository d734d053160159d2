"""The numbers of the canteen and fire rules, as policy rows (RULE-DEFAULTS.md) with their sources.

A county or a central school sets its own (some places require 200 g samples; crowded places check
fire equipment half-monthly); ``policy_for(unit, code)`` reads the nearest at or above the unit.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from safecampus.compliance.policies import Number, PolicySpec, policy_for, register_policy

SAMPLES = "canteen.samples"
RECORDS = "canteen.records"
CERTIFICATES = "canteen.certificates"
FIRE = "fire.equipment"

register_policy(PolicySpec(
    code=SAMPLES, title=_("Food samples"),
    source="RULE-DEFAULTS.md: every dish of every meal, >= 125 g, refrigerated, >= 48 h "
           "(学校食品安全与营养健康管理规定; some places require 200 g)",
    fields=[Number("min_weight_g", _("Least weight of a sample (g)"), default=125, minimum=1, maximum=2000,
                   unit=_("g")),
            Number("keep_hours", _("Hours a sample is kept"), default=48, minimum=1, maximum=720,
                   unit=_("h"))]))
register_policy(PolicySpec(
    code=RECORDS, title=_("Purchase records kept"),
    source="RULE-DEFAULTS.md: >= 6 months after shelf life, at least 2 years (Food Safety Law art. 53)",
    fields=[Number("months_after_shelf_life", _("Months kept after the shelf life ends"), default=6, minimum=0,
                   maximum=120, unit=_("months")),
            Number("min_years", _("Least years kept"), default=2, minimum=0, maximum=30, unit=_("years"))]))
register_policy(PolicySpec(
    code=CERTIFICATES, title=_("Certificate expiry warnings"),
    source="Local practice: renew health certificates, licences and supplier qualifications a month ahead",
    fields=[Number("warn_days", _("Days before expiry a certificate is shown as expiring"), default=30,
                   minimum=1, maximum=365, unit=_("days"))]))
register_policy(PolicySpec(
    code=FIRE, title=_("Fire equipment checks"),
    source="RULE-DEFAULTS.md: checked monthly (half-monthly in crowded places), no more than 1/4 of a "
           "building's extinguishers away for repair at once (GB 50444)",
    fields=[Number("checks_per_month", _("Checks of each item per month (2 in crowded places)"), default=1,
                   minimum=1, maximum=4),
            Number("max_away_percent", _("Most extinguishers of a building away for repair at once (%)"),
                   default=25, minimum=0, maximum=100)]))


def samples(unit) -> dict:
    return policy_for(unit, SAMPLES)


def records(unit) -> dict:
    return policy_for(unit, RECORDS)


def certificates(unit) -> dict:
    return policy_for(unit, CERTIFICATES)


def fire(unit) -> dict:
    return policy_for(unit, FIRE)
