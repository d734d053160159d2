"""Staff training: the contract's POST, coverage rows, bad input, and the yearly-hours evidence."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest

from safecampus.compliance.engine import evaluate
from safecampus.compliance.models import Obligation
from safecampus.education.models import Attendance, Coverage, TrainingSession
from safecampus.education.services.common import local_today
from safecampus.org.models import Staff

from .helpers import training

pytestmark = pytest.mark.django_db


def _body(world, **kw):
    return {"org_unit": world.school_b.pk, "title": "Dorm fire safety",
            "held_on": local_today(world.school_b).isoformat(), "hours": 3,
            "attendees": [world.user("officer_b").pk, world.user("teacher_b").pk], **kw}


def test_post_training_is_201(world):
    response = world.api("officer_b").post("/api/v1/trainings", _body(world), format="json")
    assert response.status_code == 201, response.content
    assert response.json()["hours"] == 3.0
    assert sorted(response.json()["attendees"]) == sorted([world.user("officer_b").pk, world.user("teacher_b").pk])


@pytest.mark.parametrize(("change", "field"), [({"hours": 0}, "hours"), ({"hours": "lots"}, "hours"),
                                               ({"held_on": "2099-01-01"}, "held_on"), ({"attendees": []}, "attendees"),
                                               ({"title": ""}, "title"), ({"surprise": True}, "surprise")])
def test_bad_training_input_is_400(world, change, field):
    response = world.api("officer_b").post("/api/v1/trainings", _body(world, **change), format="json")
    assert response.status_code == 400 and field in response.json()["fields"], response.content
    assert not TrainingSession.objects.filter(title="Dorm fire safety").exists()


def test_attendee_of_another_school_is_refused(world):
    response = world.api("central").post("/api/v1/trainings", _body(world, attendees=[world.user("officer_a").pk]),
                                         format="json")
    assert response.status_code == 400 and "attendees" in response.json()["fields"]


def test_coverage_rows_for_the_unit_then_each_unit_below(world):
    response = world.api("central").get(f"/api/v1/training-coverage?org_unit={world.central.pk}")
    assert response.status_code == 200
    rows = response.json()["results"]
    assert response.json()["count"] == 4
    assert rows[0]["org_unit"] == world.central.pk
    below = {r["org_unit"]: r for r in rows[1:]}
    assert set(below) == {world.school_a.pk, world.school_b.pk, world.kinder_c.pk}
    assert set(rows[0]) == {"org_unit", "staff", "trained", "hours"}
    staff_a = Staff.objects.filter(org_unit__path__startswith=world.school_a.path, is_active=True).count()
    # The demo trained officer_a and teacher_a for 8 hours (the minimum), principal_a and guard_a for 4.
    assert below[world.school_a.pk]["staff"] == staff_a
    assert below[world.school_a.pk]["trained"] == 2
    assert below[world.school_a.pk]["hours"] == 24.0
    assert rows[0]["staff"] == sum(r["staff"] for r in rows[1:]) + Staff.objects.filter(org_unit=world.central).count()


@pytest.mark.parametrize("query", ["", "?org_unit=abc", "?org_unit=1&year=19", "?org_unit=1&colour=red"])
def test_coverage_bad_query_is_400(world, query):
    assert world.api("central").get(f"/api/v1/training-coverage{query}").status_code == 400


def test_coverage_out_of_scope_is_404(world):
    assert world.api("officer_a").get(f"/api/v1/training-coverage?org_unit={world.school_b.pk}").status_code == 404


def test_every_member_trained_meets_the_rule(world):
    school = world.school_b
    rule = Obligation.objects.get(code="staff-training-hours", org_unit=world.central)

    def row():
        return next(r for r in evaluate(roots=[school.path], rules=[rule]) if r.unit_id == school.pk)

    assert row().done == 0
    people = [s.user for s in Staff.objects.filter(org_unit=school, is_active=True, user__isnull=False)]
    last = world.user("teacher_b")   # not trained by the demo
    others = [p for p in people if p != last]
    today = local_today(school)
    training(world, who="officer_b", unit=school, attendees=others, hours=8, held_on=today - timedelta(days=3))
    assert row().done == 0
    training(world, who="officer_b", unit=school, attendees=[last], hours=4, held_on=today - timedelta(days=2))
    assert row().done == 0
    training(world, who="officer_b", unit=school, attendees=[last], hours=4, held_on=today - timedelta(days=1))
    assert row().status == "met"
    coverage = Coverage.objects.get(org_unit=school, duty="training_hours")
    assert coverage.complete_on == today - timedelta(days=1)


def test_minimum_comes_from_the_policy(world):
    from safecampus.compliance.policies import set_policy

    training(world, who="officer_b", unit=world.school_b, attendees=[world.user("teacher_b")], hours=2)
    url = f"/api/v1/training-coverage?org_unit={world.school_b.pk}"
    assert world.api("central").get(url).json()["results"][0]["trained"] == 0
    set_policy(world.central, "education.training", {"min_hours": 2}, actor=world.user("central"),
               source="District rule 2026-3")
    # officer_b (4 h in the demo) and teacher_b (2 h) now reach the district's minimum.
    assert world.api("central").get(url).json()["results"][0]["trained"] == 2


def test_double_submit_records_one_session(world):
    data = {"org_unit": world.school_a.pk, "title": "Once", "held_on": local_today(world.school_a).isoformat(),
            "hours": "2", "attendees": [world.user("guard_a").pk], "request_id": "t-1"}
    web = world.web("officer_a")
    assert web.post("/education/training/new/", data).status_code == 302
    assert web.post("/education/training/new/", data).status_code == 302
    session = TrainingSession.objects.get(title="Once")
    assert Attendance.objects.filter(session=session).count() == 1


def test_certificate_is_attached_and_checked(world):
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    from safecampus.core.files import attachments_of

    session = training(world)
    web = world.web("officer_a")
    bad = SimpleUploadedFile("c.exe", b"MZ not a pdf", content_type="application/pdf")
    web.post(f"/education/training/{session.pk}/certificates/", {"file": bad})
    assert attachments_of(session).count() == 0
    buf = io.BytesIO()
    Image.new("RGB", (30, 20), "blue").save(buf, "PNG")
    web.post(f"/education/training/{session.pk}/certificates/",
             {"file": SimpleUploadedFile("c.png", buf.getvalue(), content_type="image/png")})
    assert attachments_of(session).filter(purpose="certificate").count() == 1


def test_coverage_page_by_post_in_chinese(world):
    response = world.web("officer_a", "zh-hans").get(f"/education/training/coverage/?unit={world.school_a.pk}")
    html = response.content.decode()
    assert response.status_code == 200 and "按岗位" in html and "李专干" in html
    assert re.search(r"李专干</span><span class=\"text-success\">8(\.0)? / 8 h", html)


def test_daily_sweep_recounts_when_staff_leave(world):
    from django.core.cache import cache

    from safecampus.education.services.coverage import DAILY_KEY, refresh_training_daily

    school = world.school_b
    people = [s.user for s in Staff.objects.filter(org_unit=school, is_active=True, user__isnull=False)]
    untrained = world.user("teacher_b")
    training(world, who="officer_b", unit=school, attendees=[p for p in people if p != untrained], hours=8)
    coverage = Coverage.objects.get(org_unit=school, duty="training_hours")
    assert coverage.complete_on is None
    Staff.objects.filter(user=untrained).update(is_active=False)   # left the school
    cache.delete(DAILY_KEY)
    assert refresh_training_daily() >= 1
    coverage.refresh_from_db()
    assert coverage.complete_on == local_today(school)
    assert refresh_training_daily() == 0   # once a day
