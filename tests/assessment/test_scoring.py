"""Scores come from the records: they move with the evidence, vetoes sink them, marks replace them."""

from __future__ import annotations

from datetime import datetime, timedelta
from decimal import Decimal

import pytest
from django.utils import timezone
from freezegun import freeze_time

from safecampus.assessment import registry, services
from safecampus.assessment.choices import MarkKind
from safecampus.assessment.models import Scheme
from safecampus.assessment.scoring import score_schools
from safecampus.core.errors import Forbidden, InvalidInput

from .conftest import indicator, scored


def test_the_default_scheme_is_seeded_with_indicators_and_vetoes(db):
    scheme = Scheme.objects.get(org_unit__isnull=True, school_year__isnull=True)
    methods = {i.code: i.method for i in scheme.items.all()}
    assert methods["hazards.closed_on_time"] == "computed"
    assert methods["marked.site_inspection"] == "marked"
    assert {c for c, m in methods.items() if m == "veto"} == {
        "incidents.late_report", "incidents.concealed_report", "incidents.negligent_serious"}
    assert all(i.title_zh for i in scheme.items.all())


def test_every_indicator_of_the_scheme_has_a_provider_when_every_app_is_installed(db):
    scheme = Scheme.objects.get(org_unit__isnull=True, school_year__isnull=True)
    computed = {i.code for i in scheme.items.all() if i.method != "marked"}
    assert computed <= set(registry.providers())


def test_the_demo_schools_are_scored_ranked_and_school_a_is_vetoed(world, period):
    rows = scored(world, period)
    a, b, c = rows[world.school_a.pk], rows[world.school_b.pk], rows[world.kinder_c.pk]
    # School A reported its fall late: the one-vote veto caps its result at 60.
    assert a.vetoed and [v.code for v in a.vetoes] == ["incidents.late_report"]
    assert a.score <= 60 and a.score <= a.raw
    assert not b.vetoed and not c.vetoed
    assert sorted(r.rank for r in rows.values()) == [1, 2, 3]
    assert all(r.county_rank == r.rank for r in rows.values())  # one central school in the county
    # Every computed indicator carries the link to its records.
    for ind in b.indicators:
        assert ind.evidence or ind.method == "marked"
    hazards = indicator(b, "hazards.closed_on_time")
    assert hazards.evidence.startswith("/hazards/?") and f"unit={world.school_b.pk}" in hazards.evidence


def _close(world, hazard, *, by_day):
    from safecampus.hazards import services as hazards

    with freeze_time(by_day):
        hazard = hazards.rectify(hazard, actor=world.user("teacher_b"), note="修好了")
        return hazards.verify(hazard, actor=world.user("officer_b"), note="复查合格")


def _report(world, title, t0, deadline):
    from safecampus.hazards import services as hazards

    with freeze_time(t0):
        hazard = hazards.report_hazard(actor=world.user("officer_b"), org_unit=world.school_b, title=title,
                                       category="building", level="general", location="教学楼")
        return hazards.assign(hazard, actor=world.user("officer_b"), assignee=world.user("teacher_b"),
                              deadline=deadline)


def test_a_hazard_closed_late_lowers_its_indicator_and_one_on_time_raises_it(world, period):
    t0 = timezone.now() + timedelta(hours=1)
    later = t0 + timedelta(days=6)
    before = indicator(scored(world, period, now=later)[world.school_b.pk], "hazards.closed_on_time")

    late = _report(world, "楼梯扶手松动", t0, (t0 + timedelta(days=2)).date())
    _close(world, late, by_day=t0 + timedelta(days=5))
    after = indicator(scored(world, period, now=later)[world.school_b.pk], "hazards.closed_on_time")
    assert (after.done, after.total) == (before.done, before.total + 1)
    assert after.computed < (before.computed if before.computed is not None else 100.1)

    on_time = _report(world, "窗户插销损坏", t0, (t0 + timedelta(days=3)).date())
    _close(world, on_time, by_day=t0 + timedelta(days=1))
    again = indicator(scored(world, period, now=later)[world.school_b.pk], "hazards.closed_on_time")
    assert (again.done, again.total) == (after.done + 1, after.total + 1)
    assert again.computed > after.computed
    # The indicator's link lists what lowered it: closed in the period after the deadline.
    assert "deadline=missed" in again.evidence and "closed_from=" in again.evidence
    page = world.web("officer_b").get(again.evidence).content.decode()
    assert "楼梯扶手松动" in page and "窗户插销损坏" not in page


def test_a_concealed_incident_zeroes_the_result(world, period):
    from safecampus.incidents import services as incidents
    from safecampus.incidents.models import InfoReport

    zero = InfoReport.objects.filter(org_unit=world.school_b, zero=True).order_by("month").first()
    assert zero is not None, "the demo has zero reports"
    assert not scored(world, period)[world.school_b.pk].vetoed
    occurred = timezone.make_aware(datetime(zero.month.year, zero.month.month, 10, 9, 0))
    incidents.file_incident(actor=world.user("officer_b"), org_unit=world.school_b, kind="traffic",
                            severity="general", occurred_at=occurred, summary="上学路上学生被电动车撞倒。")
    result = scored(world, period)[world.school_b.pk]
    assert {v.code for v in result.vetoes} == {"incidents.late_report", "incidents.concealed_report"}
    assert result.score == 0.0 and result.raw > 0
    concealed = next(v for v in result.vetoes if v.code == "incidents.concealed_report")
    assert "zero=true" in concealed.evidence


def test_a_serious_incident_through_negligence_zeroes_the_result(world, period):
    from safecampus.incidents import services as incidents
    from safecampus.incidents.models import Incident

    fire = Incident.objects.get(org_unit=world.kinder_c, severity="serious")
    assert not scored(world, period)[world.kinder_c.pk].vetoed
    incidents.record_accountability(actor=world.user("central"), org_unit=world.kinder_c, kind="punishment",
                                    person="后勤主任", measure="警告", reason="排烟道三个月未清洗。",
                                    decided_on=timezone.localdate(), incident=fire)
    result = scored(world, period)[world.kinder_c.pk]
    assert [v.code for v in result.vetoes] == ["incidents.negligent_serious"] and result.score == 0.0


def test_an_inspectors_mark_replaces_the_computed_score_which_stays_beside_it(world, period):
    code = "hazards.closed_on_time"
    before = scored(world, period)[world.school_b.pk]
    computed = indicator(before, code).computed
    mark, created = services.set_mark(actor=world.user("central"), org_unit=world.school_b,
                                      school_year=period.school_year, indicator=code, score="42.5",
                                      note="现场复核：两处隐患整改不彻底。")
    assert created and mark.score == Decimal("42.5")
    after = indicator(scored(world, period)[world.school_b.pk], code)
    assert after.score == 42.5 and after.computed == computed and after.mark["note"].startswith("现场复核")
    again, created = services.set_mark(actor=world.user("authority"), org_unit=world.school_b,
                                       school_year=period.school_year, indicator=code, score=50, note="复议")
    assert not created and again.pk == mark.pk and again.version == mark.version + 1
    assert indicator(scored(world, period)[world.school_b.pk], code).score == 50.0


@pytest.mark.parametrize(("who", "kind", "allowed"), [
    ("central", MarkKind.INSPECTOR, True), ("authority", MarkKind.INSPECTOR, True),
    ("principal_a", MarkKind.INSPECTOR, False), ("officer_a", MarkKind.INSPECTOR, False),
    ("teacher_a", MarkKind.INSPECTOR, False),
    ("principal_a", MarkKind.SELF, True), ("officer_a", MarkKind.SELF, True), ("teacher_a", MarkKind.SELF, False),
    ("officer_b", MarkKind.SELF, False), ("central", MarkKind.SELF, False),
])
def test_who_may_mark(world, period, who, kind, allowed):
    call = {"actor": world.user(who), "org_unit": world.school_a, "school_year": period.school_year,
                "indicator": "marked.safety_culture", "score": 80, "note": "看过", "kind": kind}
    if allowed:
        mark, _created = services.set_mark(**call)
        result = indicator(scored(world, period)[world.school_a.pk], "marked.safety_culture")
        assert (result.mark if kind == MarkKind.INSPECTOR else result.self_mark)["score"] == mark.score
    else:
        with pytest.raises(Forbidden):
            services.set_mark(**call)


def test_self_assessment_stays_beside_and_does_not_change_the_score(world, period):
    before = scored(world, period)[world.school_b.pk]
    services.set_mark(actor=world.user("officer_b"), org_unit=world.school_b, school_year=period.school_year,
                      indicator="hazards.closed_on_time", score=100, kind=MarkKind.SELF)
    after = scored(world, period)[world.school_b.pk]
    assert after.score == before.score
    assert indicator(after, "hazards.closed_on_time").self_mark["score"] == Decimal("100.0")


@pytest.mark.parametrize(("change", "field"), [
    ({"score": 101}, "score"), ({"score": "abc"}, "score"), ({"indicator": "nope"}, "indicator"),
    ({"indicator": "incidents.late_report"}, "indicator"), ({"note": ""}, "note"),
])
def test_bad_marks_name_the_field(world, period, change, field):
    call = {"actor": world.user("central"), "org_unit": world.school_a, "school_year": period.school_year,
                "indicator": "marked.safety_culture", "score": 80, "note": "ok"}
    with pytest.raises(InvalidInput) as exc:
        services.set_mark(**{**call, **change})
    assert field in exc.value.fields


def test_a_mark_for_a_semester_is_kept_apart_from_the_year(world, period):
    from safecampus.assessment.scoring import period_of

    semester = period.school_year.semesters.first()
    services.set_mark(actor=world.user("central"), org_unit=world.school_a, school_year=period.school_year,
                      semester=semester, indicator="marked.safety_culture", score=33, note="学期")
    term = score_schools([world.authority.path], period_of(period.school_year, semester))
    year = score_schools([world.authority.path], period)
    by_id = {r.unit["id"]: r for r in term}
    assert indicator(by_id[world.school_a.pk], "marked.safety_culture").score == 33.0
    assert indicator({r.unit["id"]: r for r in year}[world.school_a.pk], "marked.safety_culture").mark is None


def test_scores_work_with_any_subset_of_apps(world, period):
    with registry.use(only_apps={"hazards"}):
        rows = scored(world, period)
        a = rows[world.school_a.pk]
        assert not a.vetoed  # the incidents app is absent: no veto item can fire
        kinds = {i.code: i.available for i in a.indicators}
        assert kinds["hazards.closed_on_time"] and not kinds["incidents.filed_on_time"]
        assert indicator(a, "incidents.filed_on_time").score is None
    with registry.use(only_apps=set()):
        rows = scored(world, period)
        b = rows[world.school_b.pk]
        # Only the inspectors' marks are left to score by (the demo marked School B's).
        assert b.score == pytest.approx((10 * 92 + 5 * 90) / 15, abs=0.05)
        assert all(i.method == "marked" or not i.available for i in b.indicators)


def test_the_central_schools_scheme_changes_the_weights(world, period):
    scheme = Scheme.objects.get(org_unit=world.central, school_year=period.school_year)  # started by the demo
    item = scheme.items.get(code="marked.site_inspection")
    before = scored(world, period)[world.school_b.pk]
    services.change_item(item, actor=world.user("central"), expected_version=item.version, title=item.title,
                         title_zh=item.title_zh, weight=0, chapter=item.chapter, active=True)
    after = scored(world, period)[world.school_b.pk]
    assert after.raw != before.raw
    veto = scheme.items.get(code="incidents.late_report")
    services.change_item(veto, actor=world.user("central"), title=veto.title, title_zh=veto.title_zh,
                         effect="zero", chapter=veto.chapter, active=True)
    assert scored(world, period)[world.school_a.pk].score == 0.0
    added = services.add_item(scheme, actor=world.user("central"), title="Night patrols", title_zh="夜间巡查",
                              weight=5, chapter="operations")
    assert added.code == "marked.night_patrols" and added.method == "marked"


def test_only_the_keepers_change_a_scheme(world, period):
    from safecampus.core.errors import Conflict

    default = Scheme.objects.get(org_unit__isnull=True)
    item = default.items.first()
    with pytest.raises(Conflict):
        services.change_item(item, actor=world.user("central"), title="x", weight=1)
    own = Scheme.objects.get(org_unit=world.central, school_year=period.school_year)
    with pytest.raises(Forbidden):
        services.add_item(own, actor=world.user("principal_a"), title="x", weight=1)
    with pytest.raises(Conflict):
        services.start_scheme(actor=world.user("central"), org_unit=world.central, school_year=period.school_year)
    with pytest.raises(InvalidInput) as exc:
        services.start_scheme(actor=world.user("central"), org_unit=world.school_a, school_year=period.school_year)
    assert "org_unit" in exc.value.fields
    # The authority starts its own from the default; the central school's stays nearer to its schools.
    county = services.start_scheme(actor=world.user("authority"), org_unit=world.authority,
                                   school_year=period.school_year)
    assert county.items.count() == default.items.count()


def test_a_commendation_links_the_reward_record(world, period):
    from safecampus.incidents import services as incidents

    reward = incidents.record_accountability(
        actor=world.user("central"), org_unit=world.school_b, kind="reward", person="王老师", measure="嘉奖",
        reason="及时发现并排除食堂燃气泄漏。", decided_on=timezone.localdate())
    item = services.commend(actor=world.user("central"), org_unit=world.school_b, school_year=period.school_year,
                            kind="person", person="王老师", reason="安全工作先进个人", reward_record=reward.pk,
                            request_id="r1")
    assert item.reward_record == reward.pk and "/incidents/accountability/" in item.reward_url
    again = services.commend(actor=world.user("central"), org_unit=world.school_b, school_year=period.school_year,
                             kind="person", person="王老师", reason="安全工作先进个人", reward_record=reward.pk,
                             request_id="r1")
    assert again.pk == item.pk
    with pytest.raises(InvalidInput) as exc:
        services.commend(actor=world.user("central"), org_unit=world.school_a, school_year=period.school_year,
                         kind="person", person="x", reason="y", reward_record=reward.pk)
    assert "reward_record" in exc.value.fields
    with pytest.raises(InvalidInput) as exc:
        services.commend(actor=world.user("central"), org_unit=world.school_a, school_year=period.school_year,
                         kind="person", reason="y")
    assert "person" in exc.value.fields
    with pytest.raises(Forbidden):
        services.commend(actor=world.user("principal_a"), org_unit=world.school_a, school_year=period.school_year,
                         kind="school", reason="y")
