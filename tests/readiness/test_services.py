"""Plans, drills and funds: versions, approval rights, drills against the policy's target, hazards, evidence."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from safecampus.compliance import policies
from safecampus.compliance.engine import count_evidence
from safecampus.compliance.models import Obligation
from safecampus.core.errors import Conflict, Forbidden, InvalidInput
from safecampus.core.models import AuditEvent
from safecampus.hazards.models import Hazard
from safecampus.readiness import services
from safecampus.readiness.models import Drill, EmergencyPlan, FundSpending, PlanReview

pytestmark = pytest.mark.django_db


def _plan(world, who="officer_b", unit=None, kind="crowding"):
    return services.create_plan(actor=world.user(who), org_unit=unit or world.school_b, kind=kind,
                                title="Crowding plan", body="Stairs are watched.")


def test_a_plan_is_drafted_then_approved_by_the_principal_only(world):
    plan = services.create_plan(actor=world.user("officer_b"), org_unit=world.school_b, kind="fire", title="Fire",
                                body="Call 119.")
    assert plan.status == "draft" and plan.edition == 1
    with pytest.raises(Forbidden):
        services.approve_plan(plan, actor=world.user("officer_b"))
    with pytest.raises(Forbidden):
        services.approve_plan(plan, actor=world.user("principal_a"))  # another school's principal
    approved = services.approve_plan(plan, actor=world.user("central"))
    assert approved.status == "approved" and approved.approved_by == world.user("central")
    with pytest.raises(Conflict):
        services.approve_plan(approved, actor=world.user("central"))
    assert PlanReview.objects.filter(plan=plan, kind="approval").count() == 1
    assert AuditEvent.objects.filter(action="readiness.plan_approved", object_id=str(plan.pk)).exists()


def test_a_new_version_keeps_the_old_one_readable(world):
    old = EmergencyPlan.objects.get(org_unit=world.school_a, kind="fire", status="approved")
    new = services.create_plan(actor=world.user("officer_a"), org_unit=world.school_a, kind="fire",
                               title="Fire plan, 2nd edition", body="Call 119, then the duty leader.")
    assert new.edition == old.edition + 1 and new.previous == old
    with pytest.raises(Conflict):  # one open draft at a time
        services.create_plan(actor=world.user("officer_a"), org_unit=world.school_a, kind="fire", title="x", body="y")
    services.approve_plan(new, actor=world.user("principal_a"))
    old.refresh_from_db()
    assert old.status == "superseded" and old.body  # still there, still readable


def test_only_a_draft_is_edited_and_a_stale_edit_is_refused(world):
    plan = _plan(world)
    services.update_plan(plan, actor=world.user("officer_b"), title="Crowding v1", body="Watch the stairs.",
                         expected_version=plan.version)
    with pytest.raises(Conflict):  # stale version
        services.update_plan(plan, actor=world.user("officer_b"), title="x", body="y", expected_version=plan.version)
    plan.refresh_from_db()
    services.approve_plan(plan, actor=world.user("central"))
    with pytest.raises(Conflict):
        services.update_plan(plan, actor=world.user("officer_b"), title="x", body="y")


def test_review_counts_for_the_yearly_review_duty(world):
    plan = EmergencyPlan.objects.get(org_unit=world.school_a, kind="public_security", status="approved")
    rule = Obligation.objects.get(org_unit=world.central, code="emergency-plan-review")
    today = timezone.localdate()
    start, end = today - timedelta(days=30), today
    before = count_evidence(rule, start, end, "Asia/Shanghai", [world.school_a.path]).get(world.school_a.path, 0)
    services.review_plan(plan, actor=world.user("principal_a"), note="Still right.")
    after = count_evidence(rule, start, end, "Asia/Shanghai", [world.school_a.path]).get(world.school_a.path, 0)
    assert after == before + 1


def test_a_drill_over_target_opens_a_hazard_per_problem(world):
    drill = services.record_drill(actor=world.user("officer_b"), org_unit=world.school_b, kind="fire", participants=10,
                                  evacuation_seconds=130, floors=3, problems=["Exit blocked", "Alarm too quiet"])
    assert drill.target_seconds == 120 and drill.over_target is True
    hazards = Hazard.objects.filter(source="drill", source_ref=f"drill:{drill.pk}")
    assert sorted(h.title for h in hazards) == ["Alarm too quiet", "Exit blocked"]
    assert {h.org_unit_id for h in hazards} == {world.school_b.pk} and all(h.category == "fire" for h in hazards)
    assert [p.hazard_id for p in drill.problems.all()] == sorted(h.pk for h in hazards)


def test_the_policy_moves_the_target(world):
    policies.set_policy(world.central, "readiness.drills", {"target_seconds": 90}, actor=world.user("central"))
    drill = services.record_drill(actor=world.user("officer_b"), org_unit=world.school_b, kind="evacuation",
                                  participants=10, evacuation_seconds=100, floors=3)
    assert drill.target_seconds == 90 and drill.over_target
    tall = services.record_drill(actor=world.user("officer_b"), org_unit=world.school_b, kind="evacuation",
                                 participants=10, evacuation_seconds=100, floors=6)
    assert tall.target_seconds == 120 and not tall.over_target  # taller buildings: their own number


def test_a_school_may_be_stricter_never_looser(world):
    strict = services.record_drill(actor=world.user("officer_b"), org_unit=world.school_b, kind="evacuation",
                                   participants=10, evacuation_seconds=100, target_seconds=90)
    assert strict.target_seconds == 90
    with pytest.raises(InvalidInput) as caught:
        services.record_drill(actor=world.user("officer_b"), org_unit=world.school_b, kind="evacuation",
                              participants=10, evacuation_seconds=100, target_seconds=300)
    assert "target_seconds" in caught.value.fields


@pytest.mark.parametrize(("field", "values"), [
    ("evacuation_seconds", {"evacuation_seconds": -5}),
    ("participants", {"participants": 100_000}),
    ("participants", {"participants": 0}),
    ("kind", {"kind": "picnic"}),
    ("held_at", {"held_at": "2999-01-01T10:00"}),
    ("problems", {"problems": "one long string"}),
])
def test_bad_drills_name_the_field_and_write_nothing(world, field, values):
    data = {"kind": "fire", "participants": 10, "evacuation_seconds": 100, **values}
    count = Drill.objects.count()
    with pytest.raises(InvalidInput) as caught:
        services.record_drill(actor=world.user("officer_b"), org_unit=world.school_b, **data)
    assert field in caught.value.fields and Drill.objects.count() == count


def test_a_drill_counts_for_its_semester_duty(world):
    rule = Obligation.objects.get(org_unit=world.central, code="emergency-drill-semester")
    assert rule.evidence_kind == "readiness.drill"
    today = timezone.localdate()
    path = world.kinder_c.path
    assert count_evidence(rule, today - timedelta(days=60), today, "Asia/Shanghai", [path]).get(path, 0) == 0
    services.record_drill(actor=world.user("officer_c"), org_unit=world.kinder_c, kind="evacuation", participants=5,
                          evacuation_seconds=80)
    assert count_evidence(rule, today - timedelta(days=60), today, "Asia/Shanghai", [path]).get(path, 0) == 1


def test_a_planned_drill_is_held_once(world):
    planned = services.plan_drill(actor=world.user("officer_b"), org_unit=world.school_b, kind="earthquake",
                                  planned_for=timezone.localdate() + timedelta(days=3))
    held = services.record_drill(actor=world.user("officer_b"), org_unit=world.school_b, kind="earthquake",
                                 participants=10, evacuation_seconds=70, planned=planned)
    assert held.pk == planned.pk and held.status == "held"
    with pytest.raises(Conflict):
        services.record_drill(actor=world.user("officer_b"), org_unit=world.school_b, kind="earthquake",
                              participants=10, evacuation_seconds=70, planned=planned)


def test_a_repeated_request_records_one_drill(world):
    first = services.record_drill(actor=world.user("officer_b"), org_unit=world.school_b, kind="fire", participants=9,
                                  evacuation_seconds=60, request_id="abc", problems=["Door stuck"])
    again = services.record_drill(actor=world.user("officer_b"), org_unit=world.school_b, kind="fire", participants=9,
                                  evacuation_seconds=60, request_id="abc", problems=["Door stuck"])
    assert first.pk == again.pk and Hazard.objects.filter(source_ref=f"drill:{first.pk}").count() == 1


def test_funds_budget_and_spending(world):
    fund = services.create_fund_line(actor=world.user("officer_b"), org_unit=world.school_b, year=2026,
                                     line="Extinguishers", budget="5000", spent="1200.50")
    assert FundSpending.objects.get(fund=fund).amount == fund.spendings.get().amount
    services.record_spending(fund, actor=world.user("officer_b"), amount=300, spent_on="2026-11-02", note="Signs")
    assert sum(s.amount for s in fund.spendings.all()) == 1500.50
    with pytest.raises(Conflict):
        services.create_fund_line(actor=world.user("officer_b"), org_unit=world.school_b, year=2026,
                                  line="Extinguishers", budget=1)
    with pytest.raises(InvalidInput):
        services.record_spending(fund, actor=world.user("officer_b"), amount=-3, spent_on="2026-11-02")
    with pytest.raises(Forbidden):
        services.create_fund_line(actor=world.user("teacher_b"), org_unit=world.school_b, year=2026, line="x",
                                  budget=1)


def test_contact_tree(world):
    team = services.create_team(actor=world.user("officer_b"), org_unit=world.school_b, kind="leading_group",
                                name="Leading group")
    head = services.add_member(team, actor=world.user("officer_b"), name="Head", phone="110", role="leader")
    deputy = services.add_member(team, actor=world.user("officer_b"), name="Deputy", phone="120", role="deputy",
                                 calls=head)
    assert list(head.called_by.all()) == [deputy]
    with pytest.raises(InvalidInput):
        services.create_team(actor=world.user("officer_b"), org_unit=world.school_b, kind="security",
                             name="Leading group")


def test_planned_drills_and_drafts_are_tasks_of_their_people(world):
    from safecampus.compliance.todo import tasks_for

    planned = Drill.objects.get(org_unit=world.school_a, status="planned")
    mine = tasks_for(world.user("officer_a"))
    assert any(t.url == planned.get_absolute_url() for t in mine)
    draft = _plan(world, who="officer_a", unit=world.school_a)
    assert any(t.url == draft.get_absolute_url() for t in tasks_for(world.user("principal_a")))
    assert not any(t.url == draft.get_absolute_url() for t in tasks_for(world.user("teacher_a")))
