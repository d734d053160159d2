"""The sweep keeps the current period of every duty; readers use it while it is fresh."""

from datetime import timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext

from safecampus.compliance import stored
from safecampus.compliance.engine import Evaluator, bump_generation, load_units, rules_in_force
from safecampus.compliance.models import UnitStatus
from safecampus.compliance.reminders import sweep
from safecampus.compliance.todo import tasks_for

from .conftest import at, png

NOW = at("2026-11-28 09:00")   # the test rule (monthly, remind 3 days) is due soon for every school


def _school_rows(world, now=NOW):
    rules = rules_in_force([world.central.path])
    units = load_units([world.central.path], {r.unit_kind for r in rules})
    return {(r.unit_id, r.obligation.code): r.status for r in stored.current_rows(rules, units, now)}


def _live(world, now=NOW):
    rules = rules_in_force([world.central.path])
    units = load_units([world.central.path], {r.unit_kind for r in rules})
    rows = Evaluator(now=now, roots=[world.central.path]).evaluate(rules, units)
    return {(r.unit_id, r.obligation.code): r.status for r in rows}


def _tamper(world, unit, status="met"):
    """Changes a stored row behind the store's back: a reader showing it read the store."""
    UnitStatus.objects.filter(org_unit=unit).update(status=status)


def test_the_sweep_stores_what_it_evaluated(world, make_rule):
    rule = make_rule()
    sweep(NOW)
    stored_rows = set(UnitStatus.objects.filter(obligation=rule, current=True).values_list("org_unit_id", "status"))
    assert stored_rows == {(u, s) for (u, code), s in _live(world).items() if code == rule.code}
    assert _school_rows(world) == _live(world)


def test_readers_read_the_store_while_it_is_fresh(world, make_rule):
    rule = make_rule()
    sweep(NOW)
    _tamper(world, world.school_b)
    assert _school_rows(world, NOW + timedelta(seconds=60))[(world.school_b.pk, rule.code)] == "met"
    # Older than two sweeps and a half: evaluated again.
    assert _school_rows(world, NOW + timedelta(seconds=200))[(world.school_b.pk, rule.code)] == "due_soon"


def test_a_changed_rule_is_evaluated_until_the_next_sweep(world, make_rule):
    rule = make_rule()
    sweep(NOW)
    _tamper(world, world.school_b)
    bump_generation()
    assert _school_rows(world)[(world.school_b.pk, rule.code)] == "due_soon"


def test_a_record_that_counts_marks_its_school_stale(world, make_rule):
    from freezegun import freeze_time

    from safecampus.compliance import services

    rule = make_rule()
    sweep(NOW)
    with freeze_time(NOW):
        services.attest(actor=world.user("officer_b"), obligation=rule, org_unit=world.school_b, upload=png())
    assert set(UnitStatus.objects.filter(org_unit=world.school_b).values_list("stale", flat=True)) == {True}
    assert not UnitStatus.objects.filter(org_unit=world.school_a, stale=True).exists()
    # The officer who signed sees it met at once, not after the next sweep.
    assert _school_rows(world)[(world.school_b.pk, rule.code)] == "met"
    assert rule.display_title not in [t.title for t in tasks_for(world.user("officer_b"), NOW)
                                      if t.unit_id == world.school_b.pk]
    sweep(NOW + timedelta(seconds=60))
    assert not UnitStatus.objects.filter(stale=True).exists()


def test_a_second_sweep_rewrites_only_what_changed(world, make_rule):
    rule = make_rule()
    sweep(NOW)
    assert stored.store([], NOW) == 0 and not UnitStatus.objects.exists()   # rules gone: rows gone
    sweep(NOW)
    first = UnitStatus.objects.filter(current=True).count()
    later = NOW + timedelta(days=3)   # past the due date: overdue now
    from safecampus.compliance.engine import evaluate

    rows = evaluate(roots=None, now=later)
    assert stored.store(rows, later) == sum(1 for r in rows if r.obligation == rule) > 0
    assert stored.store(rows, later) == 0
    assert UnitStatus.objects.filter(current=True).count() == first


def test_tasks_read_the_store_in_fewer_queries(world, make_rule):
    rule = make_rule()
    officer = world.user("officer_b")
    live = [(t.title, t.tone) for t in tasks_for(officer, NOW)]
    with CaptureQueriesContext(connection) as cold:
        tasks_for(officer, NOW)
    sweep(NOW)
    with CaptureQueriesContext(connection) as warm:
        assert [(t.title, t.tone) for t in tasks_for(officer, NOW)] == live
    assert len(warm) < len(cold)
    assert any(t[0] == rule.display_title for t in live)


def test_alerts_about_the_current_period_read_the_store(world, make_rule):
    from freezegun import freeze_time

    from safecampus.compliance.alerts import statuses

    rule = make_rule()
    sweep(NOW)
    start = UnitStatus.objects.get(org_unit=world.school_b, obligation=rule, current=True).period_start
    key = (rule.pk, world.school_b.pk, start)
    with freeze_time(NOW + timedelta(seconds=30)):
        assert statuses({key}) == {key: "due_soon"}
        _tamper(world, world.school_b)
        assert statuses({key}) == {key: "met"}
        UnitStatus.objects.filter(org_unit=world.school_b).update(stale=True)
        assert statuses({key}) == {key: "due_soon"}


def test_alerts_about_the_period_before_read_the_store_too(world, make_rule):
    from freezegun import freeze_time

    from safecampus.compliance.alerts import statuses

    rule = make_rule()
    later = at("2026-12-02 09:00")   # November's duty is overdue: what the sweep's alerts are about
    sweep(later)
    before = UnitStatus.objects.get(org_unit=world.school_b, obligation=rule, current=False)
    key = (rule.pk, world.school_b.pk, before.period_start)
    assert before.status == "overdue"
    with freeze_time(later + timedelta(seconds=30)):
        assert statuses({key}) == {key: "overdue"}
        UnitStatus.objects.filter(pk=before.pk).update(status="met")
        assert statuses({key}) == {key: "met"}


def test_records_no_rule_counts_leave_the_store_alone(world, make_rule):
    from safecampus.compliance.services import create_obligation
    from safecampus.hazards.services import report_hazard

    signed = make_rule()   # the only rule in force counts signed attestations, not hazards
    sweep(NOW)
    report_hazard(actor=world.user("teacher_a"), org_unit=world.school_a, title="Loose railing",
                  category="building", level="general")
    assert not UnitStatus.objects.filter(stale=True).exists()
    rule = create_obligation(actor=None, org_unit=world.central, data={
        "code": "hazards-found", "title": "Hazards found", "title_zh": "发现隐患", "period": "monthly",
        "evidence_kind": "hazards.reported", "remind_days": 3, "grace_days": 7})
    sweep(NOW)
    report_hazard(actor=world.user("teacher_a"), org_unit=world.school_a, title="Broken lamp",
                  category="electrical", level="general")
    assert set(UnitStatus.objects.filter(stale=True, obligation=rule).values_list("org_unit_id", flat=True)) == {
        world.school_a.pk}
    # The rule counting signatures stays as stored: only the hazard rule is evaluated again, and it is met.
    assert not UnitStatus.objects.filter(stale=True, obligation=signed).exists()
    rows = _school_rows(world)
    assert rows[(world.school_a.pk, rule.code)] == "met" and rows[(world.school_a.pk, signed.code)] == "due_soon"


def test_asking_for_today_reads_the_store_and_another_day_evaluates(world, make_rule):
    from safecampus.compliance.selectors import compliance_rows, lazy_compliance_rows

    rule = make_rule()
    sweep(NOW)
    _tamper(world, world.school_b)
    officer = world.user("central")

    def status(rows):
        return next(r.status for r in rows if r.unit_id == world.school_b.pk and r.obligation == rule)

    rows = lazy_compliance_rows(officer, org_unit=str(world.school_b.pk), day="2026-11-28", now=NOW)
    assert status(rows[0:len(rows)]) == "met"
    assert status(compliance_rows(officer, day="2026-11-28", now=NOW)) == "met"
    assert status(compliance_rows(officer, day="2026-11-27", now=NOW)) == "due_soon"
