"""The numbers drills are measured against (RULE-DEFAULTS.md), as policy rows a district can change."""

from django.utils.translation import gettext_lazy as _

from safecampus.compliance.policies import Number, PolicySpec, register_policy

DRILLS = register_policy(PolicySpec(
    code="readiness.drills", title=_("Evacuation drills"),
    source=_("Evacuation within 2 minutes for buildings of up to 4 floors (教基一厅〔2014〕2号, 中小学幼儿园应急疏散"
             "演练指南). No national number for taller buildings: the same 2 minutes until a district sets its own."),
    fields=[Number("target_seconds", _("Evacuation target"), default=120, minimum=10, maximum=3600, unit=_("s")),
            Number("max_floors", _("Floors the target is set for (up to)"), default=4, minimum=1, maximum=50),
            Number("target_seconds_tall", _("Evacuation target for taller buildings"), default=120, minimum=10,
                   maximum=3600, unit=_("s"))]))
