"""What the obligations engine counts from education records.

``education.coverage`` rows (one per school and period, models/coverage.py) become complete on
the day the last class had its before-holiday lesson or holiday notice, or the last member of
staff reached the year's training hours; the rules ``holiday-safety-lesson``,
``holiday-parent-notice`` and ``staff-training-hours`` count them with ``{"duty": ...}``.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy

from safecampus.compliance.registry import EvidenceKind, register_evidence
from safecampus.core import sweeps

from .services.coverage import refresh_training_daily

# Where a head teacher or officer does what each coverage duty counts.
COVERAGE_PAGES = {"holiday_lesson": "education:lesson-new", "holiday_notice": "education:notice-new",
                  "training_hours": "education:trainings"}

register_evidence(EvidenceKind("education.coverage", gettext_lazy("Every class or member of staff covered"),
                               "education.Coverage", "counts_on", params={"duty": "duty"},
                               action_url=lambda params: COVERAGE_PAGES.get(params.get("duty"), "")))
register_evidence(EvidenceKind("education.lesson", gettext_lazy("Safety lessons held"), "education.Lesson",
                               "held_on", params={"kind": "kind", "topic": "topic__code"},
                               action_url="education:lesson-new"))

# Staff join and leave and the minimum may change: recounted once a day from the minute sweep.
sweeps.register(refresh_training_daily)
