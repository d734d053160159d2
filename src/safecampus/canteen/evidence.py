"""What the obligations engine counts from the canteen and fire registers (replacing attestations).

* ``canteen.sample_day``: a school day on which every meal served had a sample of every dish
  (``food-sample``, daily);
* ``canteen.accompanied_day``: a day on which a leader ate with the pupils at every meal
  (``accompanied-meal``, daily);
* ``canteen.fire_month``: a month in which every fire equipment item in service was checked
  (``fire-equipment-check``, monthly; the month's row is dated its first day).
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy

from safecampus.compliance.registry import EvidenceKind, register_evidence

register_evidence(EvidenceKind("canteen.sample_day", gettext_lazy("Days with every dish sampled"),
                               "canteen.CanteenDay", "date", base_filter={"samples_complete": True},
                               record_url="canteen:sample-new"))
register_evidence(EvidenceKind("canteen.accompanied_day", gettext_lazy("Days with a leader at every meal"),
                               "canteen.CanteenDay", "date", base_filter={"accompanied": True},
                               record_url="canteen:day"))
register_evidence(EvidenceKind("canteen.fire_month", gettext_lazy("Months with every fire equipment item checked"),
                               "canteen.FireMonth", "month", base_filter={"complete": True},
                               record_url="canteen:fire-due"))
