"""The closed loop as a state machine: random people try random steps in random order.

Properties: no step is skipped (the audit trail of states is a path of the workflow table),
a closed hazard always has rectification evidence, and its verifier is neither the assignee
nor the rectifier; every refusal is the one the rules predict (409 state, 403 actor).
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule, run_state_machine_as_test

from safecampus.core.errors import Conflict, Forbidden
from safecampus.core.models import AuditEvent
from safecampus.core.testing.personas import World
from safecampus.hazards import services
from safecampus.hazards.models import Hazard
from safecampus.hazards.workflows import WORKFLOW

PEOPLE = ("officer_a", "principal_a", "teacher_a", "guard_a", "central")
LEADERS = {"officer_a", "principal_a", "central"}
EDGES = {(tuple(t.sources), t.target) for t in WORKFLOW.transitions}


class HazardLoop(RuleBasedStateMachine):
    def __init__(self):
        super().__init__()
        world = World()
        self.users = {name: world.user(name) for name in PEOPLE}
        self.school = world.school_a
        self.hazard: Hazard | None = None

    def _attempt(self, expected, call):
        try:
            call()
        except (Conflict, Forbidden) as exc:
            assert expected is not None and isinstance(exc, expected), (type(exc), expected)
        else:
            assert expected is None, f"expected {expected}"
        self.hazard.refresh_from_db()

    @initialize(level=st.sampled_from(["general", "major"]))
    def report(self, level):
        self.hazard = services.report_hazard(actor=self.users["teacher_a"], org_unit=self.school, title="h",
                                             category="fire", level=level)

    @rule(actor=st.sampled_from(PEOPLE), assignee=st.sampled_from(("principal_a", "guard_a", "teacher_a")))
    def assign(self, actor, assignee):
        h = self.hazard
        expected = Conflict if h.status != "reported" else (None if actor in LEADERS else Forbidden)
        self._attempt(expected, lambda: services.assign(h, actor=self.users[actor],
                                                        assignee=self.users[assignee]))

    @rule(actor=st.sampled_from(PEOPLE))
    def commitments(self, actor):
        h = self.hazard
        if actor not in LEADERS:
            expected = Forbidden
        elif h.level != "major" or h.status not in ("reported", "assigned") or h.has_commitments:
            expected = Conflict
        else:
            expected = None
        self._attempt(expected, lambda: services.record_commitments(
            h, actor=self.users[actor], measures="m", person="p", funds="f", deadline="2099-01-01",
            contingency="c"))

    @rule(actor=st.sampled_from(PEOPLE))
    def rectify(self, actor):
        h = self.hazard
        if h.status != "assigned":
            expected = Conflict
        elif self.users[actor].pk != h.assignee_id:
            expected = Forbidden
        elif h.level == "major" and not h.has_commitments:
            expected = Conflict
        else:
            expected = None
        self._attempt(expected, lambda: services.rectify(h, actor=self.users[actor], note="fixed"))

    def _judge(self, actor, signing: bool):
        h = self.hazard
        if h.status != "awaiting_verification":
            return Conflict
        if actor not in LEADERS or self.users[actor].pk in (h.assignee_id, h.rectified_by_id):
            return Forbidden
        if signing and h.level == "major" and actor != "central":
            return Forbidden
        return None

    @rule(actor=st.sampled_from(PEOPLE))
    def verify(self, actor):
        expected = self._judge(actor, signing=True)
        self._attempt(expected, lambda: services.verify(self.hazard, actor=self.users[actor]))

    @rule(actor=st.sampled_from(PEOPLE))
    def reject(self, actor):
        expected = self._judge(actor, signing=False)
        self._attempt(expected, lambda: services.reject(self.hazard, actor=self.users[actor],
                                                        note="again"))

    @invariant()
    def no_step_skipped(self):
        if self.hazard is None:
            return
        state = "reported"
        for changes in AuditEvent.objects.filter(object_type="hazards.hazard", object_id=str(self.hazard.pk)) \
                .order_by("seq").values_list("changes", flat=True):
            moved = changes.get("status")
            if isinstance(moved, list):
                assert moved[0] == state
                assert any(state in sources and moved[1] == target for sources, target in EDGES)
                state = moved[1]
        assert state == self.hazard.status

    @invariant()
    def closed_means_evidence_and_four_eyes(self):
        h = self.hazard
        if h is not None and h.status == "closed":
            assert h.rectification_note and h.rectified_by_id and h.closed_at
            assert h.verified_by_id not in (h.assignee_id, h.rectified_by_id)
            if h.level == "major":
                assert h.signed_off and h.verified_by_id == self.users["central"].pk


@pytest.mark.django_db
def test_hazard_loop_state_machine():
    run_state_machine_as_test(HazardLoop, settings=settings(
        max_examples=25, stateful_step_count=10, deadline=None, database=None,
        suppress_health_check=[HealthCheck.too_slow]))
