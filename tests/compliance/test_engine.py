"""Statuses computed from the school calendar and the evidence, at frozen moments."""

from datetime import date

import pytest
from freezegun import freeze_time

from safecampus.compliance import services
from safecampus.compliance.engine import evaluate
from safecampus.compliance.models import Attestation

from .conftest import at, png


def status_of(world, unit, when, rule, day=None):
    rows = [r for r in evaluate(roots=[world.central.path], now=at(when), day=day)
            if r.unit_id == unit.pk and r.obligation.pk == rule.pk]
    assert len(rows) == 1
    return rows[0]


@pytest.mark.parametrize(("when", "expected"), [
    ("2026-11-20 10:00", "pending"),
    ("2026-11-27 10:00", "due_soon"),     # three days before the month ends
    ("2026-11-30 23:59", "due_soon"),     # the last day, in Shanghai time
])
def test_a_monthly_duty_moves_from_pending_to_due_soon(world, make_rule, when, expected):
    rule = make_rule()
    assert status_of(world, world.school_b, when, rule).status == expected


def test_last_months_duty_is_overdue_then_missed(world, make_rule):
    rule = make_rule()
    row = status_of(world, world.school_b, "2026-12-03 09:00", rule, day=date(2026, 11, 15))
    assert (row.period_start, row.period_end, row.status) == (date(2026, 11, 1), date(2026, 11, 30), "overdue")
    assert status_of(world, world.school_b, "2026-12-08 09:00", rule, day=date(2026, 11, 15)).status == "missed"


def test_evidence_flips_the_status_to_met(world, make_rule):
    rule = make_rule()
    officer = world.user("officer_b")
    with freeze_time(at("2026-11-28 09:00")):
        assert status_of(world, world.school_b, "2026-11-28 09:00", rule).status == "due_soon"
        services.attest(actor=officer, obligation=rule, org_unit=world.school_b, upload=png())
        row = status_of(world, world.school_b, "2026-11-28 09:00", rule)
    assert (row.status, row.done, row.required) == ("met", 1, 1)
    # The record counts in its own period only: December starts from nothing.
    assert status_of(world, world.school_b, "2026-12-01 09:00", rule).done == 0


def test_evidence_of_one_school_never_counts_for_another(world, make_rule):
    rule = make_rule()
    with freeze_time(at("2026-11-28 09:00")):
        services.attest(actor=world.user("officer_a"), obligation=rule, org_unit=world.school_a, upload=png())
    assert status_of(world, world.school_a, "2026-11-28 09:00", rule).status == "met"
    assert status_of(world, world.school_b, "2026-11-28 09:00", rule).status == "due_soon"


def test_a_day_in_shanghai_is_not_a_day_in_utc(world, make_rule):
    rule = make_rule(period="daily", remind_days=0, grace_days=1)
    # 00:30 on 1 December in Shanghai is still 30 November in UTC: the record belongs to 1 December.
    with freeze_time(at("2026-12-01 00:30")):
        services.attest(actor=world.user("officer_b"), obligation=rule, org_unit=world.school_b, upload=png())
    assert Attestation.objects.get(obligation=rule).performed_on == date(2026, 12, 1)
    assert status_of(world, world.school_b, "2026-12-01 08:00", rule).status == "met"
    assert status_of(world, world.school_b, "2026-12-02 08:00", rule, day=date(2026, 12, 1)).status == "met"
    assert status_of(world, world.school_b, "2026-12-02 08:00", rule).status == "due_soon"


@pytest.mark.parametrize(("when", "expected"), [
    ("2027-01-07 09:00", "due_soon"),   # due two weeks before the autumn term ends (8 Jan), reminded 14 days ahead
    ("2027-01-09 09:00", "overdue"),
    ("2027-01-20 09:00", "missed"),
    ("2027-02-01 09:00", "missed"),     # winter holiday: the autumn result stands
    ("2027-02-23 09:00", "pending"),    # spring: a new semester owes a new drill
])
def test_semester_drill_across_the_winter_holiday(world, make_rule, when, expected):
    rule = make_rule(code="drill", period="semester", due_offset_days=-14, remind_days=14)
    assert status_of(world, world.kinder_c, when, rule).status == expected


@pytest.mark.parametrize(("when", "expected"), [
    ("2027-01-08 09:00", "pending"),     # the window before the winter holiday opens on 9 Jan
    ("2027-01-19 09:00", "due_soon"),
    ("2027-01-24 09:00", "overdue"),     # in the holiday: the lesson was due on 22 Jan
    ("2027-01-26 09:00", "missed"),
])
def test_before_each_holiday(world, make_rule, when, expected):
    rule = make_rule(code="holiday-lesson", period="before_each_holiday", period_days=14, remind_days=5, grace_days=3)
    assert status_of(world, world.school_a, when, rule).status == expected


@pytest.mark.parametrize(("when", "expected"), [
    ("2027-02-24 09:00", "pending"),
    ("2027-03-06 09:00", "due_soon"),
    ("2027-03-09 09:00", "overdue"),     # 14 days from 23 Feb end on 8 Mar
])
def test_within_n_days_of_semester_start(world, make_rule, when, expected):
    rule = make_rule(code="start-check", period="within_n_days_of_semester_start", period_days=14)
    assert status_of(world, world.school_a, when, rule).status == expected


def test_school_year_with_a_due_day_after_its_start(world, make_rule):
    rule = make_rule(code="letters", period="school_year", due_after_start_days=30, remind_days=7, grace_days=14)
    row = status_of(world, world.school_a, "2026-09-25 09:00", rule)
    assert (row.period_start, row.period_end, row.due, row.status) == (
        date(2026, 9, 1), date(2027, 8, 31), date(2026, 9, 30), "due_soon")
    assert status_of(world, world.school_a, "2026-10-20 09:00", rule).status == "missed"


def test_facts_decide_who_owes(world, make_rule):
    rule = make_rule(code="bus", needs_transport=True)
    rows = evaluate(roots=[world.central.path], now=at("2026-11-20 09:00"))
    assert {r.unit_id for r in rows if r.obligation.pk == rule.pk} == {world.school_a.pk}


def test_school_types_decide_who_owes(world, make_rule):
    rule = make_rule(code="kg", school_types=["kindergarten"], period="quarterly")
    rows = evaluate(roots=[world.central.path], now=at("2026-11-20 09:00"))
    assert {r.unit_id for r in rows if r.obligation.pk == rule.pk} == {world.kinder_c.pk}


def test_evidence_no_app_offers_is_not_applicable(world, make_rule):
    from safecampus.compliance.models import Obligation

    rule = make_rule(code="nobody")
    Obligation.objects.filter(pk=rule.pk).update(evidence_kind="nobody.records")
    rows = [r for r in evaluate(roots=[world.central.path], now=at("2026-11-20 09:00")) if r.obligation.pk == rule.pk]
    assert rows and {r.status for r in rows} == {"not_applicable"}


def test_evaluation_is_one_grouped_query_per_rule_and_period(world, make_rule, django_assert_num_queries):
    make_rule(code="one")
    # rules, units, 3 calendar tables, then ONE evidence query for the three schools' shared period.
    with django_assert_num_queries(6):
        evaluate(roots=[world.central.path], now=at("2026-11-20 09:00"))


def test_the_plan_is_loaded_in_both_languages(world):
    from safecampus.compliance.models import Obligation

    rules = Obligation.objects.filter(org_unit=world.central)
    codes = set(rules.values_list("code", flat=True))
    for code in ("semester-start-meeting", "comprehensive-inspection", "monthly-special-inspection",
                 "emergency-drill-semester", "emergency-drill-monthly", "emergency-drill-quarterly-kg", "duty-log",
                 "food-sample", "holiday-safety-lesson", "holiday-parent-notice", "responsibility-letters",
                 "staff-training-hours", "fire-equipment-check", "monthly-info-report", "emergency-plan-review",
                 "vaccination-check"):
        assert code in codes
    assert all(r.title and r.title_zh for r in rules)
    # The stricter national drill preset ships switched off, as an alternative.
    assert not rules.get(code="emergency-drill-monthly").active


def test_narrow_and_district_wide_evidence_queries_agree(world, monkeypatch, django_assert_num_queries):
    """A page of units reads evidence through the units' index; a district scans the period: same counts."""
    from safecampus.compliance import engine

    now = at("2026-11-28 09:00")
    rules = engine.rules_in_force([world.central.path])
    units = engine.load_units(None, {r.unit_kind for r in rules},
                              [world.school_a.pk, world.school_b.pk, world.kinder_c.pk])

    def rows():
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        evaluator = engine.Evaluator(now=now, roots=[u["path"] for u in units])
        with CaptureQueriesContext(connection) as queries:
            found = [(r.unit_id, r.obligation.pk, r.status, r.done) for r in evaluator.evaluate(rules, units)]
        by_id = sum('"org_unit_id" IN (' in q["sql"] for q in queries.captured_queries)
        return found, by_id

    narrow, by_id = rows()
    monkeypatch.setattr(engine, "NARROW_UNITS", 0)
    wide, wide_by_id = rows()
    assert narrow == wide and any(done for *_rest, done in narrow)
    assert by_id > 0 and wide_by_id == 0
