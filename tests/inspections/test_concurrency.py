"""Many inspectors submitting the same inspection at once: one completes it, the rest get a conflict."""

from __future__ import annotations

import pytest

from safecampus.core.errors import Conflict
from safecampus.core.models import AuditEvent
from safecampus.core.testing.concurrency import at_once
from safecampus.core.testing.personas import World
from safecampus.hazards.models import Hazard
from safecampus.inspections import services

from .helpers import all_pass, scheduled

THREADS = 12


@pytest.mark.postgres
def test_simultaneous_completions_complete_once_and_open_each_hazard_once(pg_only, transactional_db):
    world = World()
    inspection = scheduled(world)
    results = all_pass(inspection, p1="fail", p3="fail")

    def submit() -> str:
        try:
            services.complete_inspection(inspection, actor=World().user("officer_b"), results=results)
        except Conflict:
            return "conflict"
        return "ok"

    outcomes, errors = at_once(submit, times=THREADS)
    assert not errors, errors
    assert sorted(outcomes) == ["conflict"] * (THREADS - 1) + ["ok"]
    assert AuditEvent.objects.filter(action="inspections.completed", object_id=str(inspection.pk)).count() == 1
    assert Hazard.objects.filter(source_ref__startswith=f"inspection:{inspection.pk}:").count() == 2
