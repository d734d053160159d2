from safecampus.core.testing.matrix import Case, matrix_test


def _plan_a(world):
    from safecampus.readiness.models import EmergencyPlan

    return {"kwargs": {"pk": EmergencyPlan.objects.filter(org_unit=world.school_a, kind="fire").first().pk}}


def _draft_a(world):
    from safecampus.readiness import services
    from safecampus.readiness.models import EmergencyPlan

    plan = EmergencyPlan.objects.filter(org_unit=world.school_a, status="draft").first() or services.create_plan(
        actor=world.user("officer_a"), org_unit=world.school_a, kind="fire", title="Fire v2", body="Call 119.")
    return {"kwargs": {"pk": plan.pk}, "data": {"note": "ok"}}


def _drill_a(world):
    from safecampus.readiness.models import Drill

    return {"kwargs": {"pk": Drill.objects.filter(org_unit=world.school_a, status="held").first().pk}}


def _team_a(world):
    from safecampus.readiness.models import EmergencyTeam

    return {"kwargs": {"pk": EmergencyTeam.objects.filter(org_unit=world.school_a).first().pk}}


def _member_a(world):
    from safecampus.readiness.models import TeamMember

    return {"kwargs": {"pk": TeamMember.objects.filter(org_unit=world.school_a).last().pk}}


def _fund_a(world):
    from safecampus.readiness.models import FundLine

    return {"kwargs": {"pk": FundLine.objects.filter(org_unit=world.school_a).first().pk}}


def _new_plan(world):
    return {"data": {"org_unit": world.school_a.pk, "kind": "crowding", "title": "New", "body": "Text"}}


def _new_drill(world):
    return {"data": {"org_unit": world.school_a.pk, "kind": "fire", "participants": 5, "evacuation_seconds": 90}}


def _new_fund(world):
    return {"data": {"org_unit": world.school_a.pk, "year": 2030, "line": "Signs", "budget": "100"}}


def _new_team(world):
    return {"data": {"org_unit": world.school_a.pk, "kind": "security", "name": "Guards"}}


def _member_body(world):
    return {**_team_a(world), "data": {"name": "Wu", "phone": "123"}}


def _spend_body(world):
    return {**_fund_a(world), "data": {"amount": "10", "spent_on": "2026-11-01"}}


SCHOOL_HEADS = ("officer_a", "principal_a", "central")
CASES = [
    Case("readiness:plans", allowed=(*SCHOOL_HEADS, "authority"), forbidden=("teacher_a", "guard_a")),
    Case("readiness:plan-create", allowed=SCHOOL_HEADS, forbidden=("teacher_a", "authority")),
    Case("readiness:plan-detail", setup=_plan_a, allowed=(*SCHOOL_HEADS, "authority"), forbidden=("teacher_a",),
         hidden=("officer_b", "officer_c")),
    Case("readiness:plan-pdf", setup=_plan_a, allowed=("officer_a", "central"), forbidden=("teacher_a",),
         hidden=("officer_b",)),
    Case("readiness:plan-edit", setup=_draft_a, allowed=SCHOOL_HEADS, forbidden=("teacher_a", "authority"),
         hidden=("officer_b",)),
    Case("readiness:plan-approve", method="post", setup=_draft_a, allowed=("principal_a", "central", "authority"),
         forbidden=("officer_a", "teacher_a"), hidden=("officer_b",)),
    Case("readiness:plan-review", method="post", setup=_plan_a, allowed=("principal_a", "central"),
         forbidden=("officer_a",), hidden=("officer_b",)),
    Case("readiness:teams", allowed=(*SCHOOL_HEADS, "teacher_a", "guard_a", "canteen_a")),
    Case("readiness:team-create", allowed=SCHOOL_HEADS, forbidden=("teacher_a", "authority")),
    Case("readiness:member-add", setup=_team_a, allowed=SCHOOL_HEADS, forbidden=("teacher_a", "authority"),
         hidden=("officer_b",)),
    Case("readiness:member-remove", method="post", setup=_member_a, allowed=("officer_a",),
         forbidden=("teacher_a",), hidden=("officer_b",)),
    Case("readiness:drills", allowed=(*SCHOOL_HEADS, "authority"), forbidden=("teacher_a", "guard_a")),
    Case("readiness:drill-record", allowed=SCHOOL_HEADS, forbidden=("teacher_a", "authority")),
    Case("readiness:drill-plan", allowed=SCHOOL_HEADS, forbidden=("teacher_a",)),
    Case("readiness:drill-detail", setup=_drill_a, allowed=(*SCHOOL_HEADS, "authority"), forbidden=("teacher_a",),
         hidden=("officer_b",)),
    Case("readiness:funds", allowed=(*SCHOOL_HEADS, "authority"), forbidden=("teacher_a",)),
    Case("readiness:fund-create", allowed=SCHOOL_HEADS, forbidden=("teacher_a", "authority")),
    Case("readiness:spending-add", setup=_fund_a, allowed=SCHOOL_HEADS, forbidden=("teacher_a", "authority"),
         hidden=("officer_b",)),
    # API
    Case("emergency-plan-list", allowed=(*SCHOOL_HEADS, "authority"), forbidden=("teacher_a",)),
    Case("emergency-plan-list", method="post", setup=_new_plan, allowed=("officer_a",),
         forbidden=("teacher_a",), ok=(201,), id="POST emergency-plan-list"),
    Case("emergency-plan-detail", setup=_plan_a, allowed=("officer_a", "authority"), forbidden=("teacher_a",),
         hidden=("officer_b",)),
    Case("emergency-plan-approve", method="post", setup=_draft_a, allowed=("principal_a", "central"),
         forbidden=("officer_a",), hidden=("officer_b",)),
    Case("emergency-plan-review", method="post", setup=_plan_a, allowed=("principal_a",), forbidden=("officer_a",),
         hidden=("officer_b",)),
    Case("drill-list", allowed=(*SCHOOL_HEADS, "authority"), forbidden=("teacher_a",)),
    Case("drill-list", method="post", setup=_new_drill, allowed=("officer_a", "central"), forbidden=("teacher_a",),
         ok=(201,), id="POST drill-list"),
    Case("drill-detail", setup=_drill_a, allowed=("officer_a", "central"), forbidden=("teacher_a",),
         hidden=("officer_b",)),
    Case("safety-fund-list", allowed=(*SCHOOL_HEADS, "authority"), forbidden=("teacher_a",)),
    Case("safety-fund-list", method="post", setup=_new_fund, allowed=("officer_a",), forbidden=("teacher_a",),
         ok=(201,), id="POST safety-fund-list"),
    Case("safety-fund-detail", setup=_fund_a, allowed=("officer_a", "authority"), forbidden=("teacher_a",),
         hidden=("officer_b",)),
    Case("safety-fund-spendings", method="post", setup=_spend_body, allowed=("officer_a",),
         forbidden=("authority",), hidden=("officer_b",), ok=(201,)),
    Case("emergency-team-list", allowed=("officer_a", "teacher_a", "guard_a")),
    Case("emergency-team-list", method="post", setup=_new_team, allowed=("officer_a",), forbidden=("teacher_a",),
         ok=(201,), id="POST emergency-team-list"),
    Case("emergency-team-detail", setup=_team_a, allowed=("officer_a", "teacher_a"), hidden=("officer_b",)),
    Case("emergency-team-members", method="post", setup=_member_body, allowed=("officer_a",),
         forbidden=("teacher_a",), hidden=("officer_b",), ok=(201,)),
]

test_matrix = matrix_test(CASES)
