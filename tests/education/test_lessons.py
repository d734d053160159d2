"""Lessons: the contract's POST, bad input, one lesson per double submit, and the holiday evidence."""

from __future__ import annotations

from datetime import timedelta

import pytest

from safecampus.compliance.engine import evaluate
from safecampus.compliance.models import Obligation
from safecampus.education import services
from safecampus.education.models import Coverage, Lesson, Topic
from safecampus.education.services.common import local_today

from .helpers import lesson, lesson_day

pytestmark = pytest.mark.django_db


def test_post_lesson_is_201_and_counts_once(world):
    api = world.api("teacher_a")
    body = {"org_unit": world.class_a.pk, "topic": "earthquake", "kind": "regular",
            "held_on": local_today(world.class_a).isoformat()}
    first = api.post("/api/v1/lessons", body, format="json")
    assert first.status_code == 201, first.content
    assert first.json()["topic_code"] == "earthquake"
    again = api.post("/api/v1/lessons", body, format="json")
    assert again.status_code == 201 and again.json()["id"] == first.json()["id"]
    assert Lesson.objects.filter(org_unit=world.class_a, topic__code="earthquake").count() == 1


@pytest.mark.parametrize(("change", "field"), [
    ({"kind": "picnic"}, "kind"),
    ({"topic": "astrology"}, "topic"),
    ({"held_on": "2099-01-01"}, "held_on"),
    ({"held_on": "yesterday"}, "held_on"),
    ({"held_on": "2001-01-01"}, "held_on"),
    ({"extra": 1}, "extra"),
])
def test_bad_lesson_input_is_400_naming_the_field(world, change, field):
    body = {"org_unit": world.class_a.pk, "topic": "traffic", "kind": "regular",
            "held_on": local_today(world.class_a).isoformat(), **change}
    response = world.api("teacher_a").post("/api/v1/lessons", body, format="json")
    assert response.status_code == 400, response.content
    assert field in response.json()["fields"]
    assert not Lesson.objects.filter(note="x").exists()


def test_lesson_must_be_held_in_a_class(world):
    response = world.api("officer_a").post("/api/v1/lessons", {
        "org_unit": world.school_a.pk, "topic": "traffic", "kind": "regular",
        "held_on": local_today(world.school_a).isoformat()}, format="json")
    assert response.status_code == 400 and "org_unit" in response.json()["fields"]


def test_other_schools_class_is_not_there(world):
    klass = world.unit("school_b:Class 1-1")
    response = world.api("teacher_a").post("/api/v1/lessons", {
        "org_unit": klass.pk, "topic": "traffic", "kind": "regular",
        "held_on": local_today(klass).isoformat()}, format="json")
    assert response.status_code == 400 and "org_unit" in response.json()["fields"]


def _rule_row(world, school, code, day):
    rule = Obligation.objects.get(code=code, org_unit=world.central)
    return next(r for r in evaluate(roots=[school.path], rules=[rule], day=day) if r.unit_id == school.pk)


def test_before_holiday_lesson_in_every_class_meets_the_rule(world):
    school = world.school_a
    day, holiday = lesson_day(school)
    eve = holiday.start - timedelta(days=1)
    # The demo left Class 2-1 without its lesson.
    assert _rule_row(world, school, "holiday-safety-lesson", eve).done == 0
    lesson(world, who="officer_a", unit=world.unit("school_a:Class 2-1"), topic="drowning", kind="before_holiday",
           held_on=day)
    row = _rule_row(world, school, "holiday-safety-lesson", eve)
    assert row.status == "met" and row.done == 1
    coverage = Coverage.objects.get(org_unit=school, duty="holiday_lesson", period_end=eve)
    assert (coverage.covered, coverage.total, coverage.counts_on) == (3, 3, eve)


def test_a_new_class_without_its_lesson_undoes_coverage(world):
    from safecampus.org import services as org

    school = world.school_a
    day, holiday = lesson_day(school)
    lesson(world, who="officer_a", unit=world.unit("school_a:Class 2-1"), topic="drowning", kind="before_holiday",
           held_on=day)
    grade = world.unit("school_a:Class 2-1").parent
    new = org.create_unit(actor=None, kind="class", name="Class 2-2", org_unit=grade)
    services.refresh_holiday(school, day, "holiday_lesson")
    row = Coverage.objects.get(org_unit=school, duty="holiday_lesson", period_end=holiday.start - timedelta(days=1))
    assert (row.covered, row.total, row.complete_on) == (3, 4, None)
    lesson(world, who="officer_a", unit=new, topic="fire", kind="before_holiday", held_on=day)
    row.refresh_from_db()
    assert row.complete_on is not None


def test_central_school_adds_a_topic_offered_below_it_only(world):
    topic = services.create_topic(actor=world.user("central"), org_unit=world.central, name="Rural roads",
                                  name_zh="乡村道路安全")
    assert Topic.offered_at(world.class_a).filter(pk=topic.pk).exists()
    assert lesson(world, topic=topic.code).topic == topic
    from safecampus.core.errors import Forbidden

    with pytest.raises(Forbidden):
        services.create_topic(actor=world.user("officer_a"), org_unit=world.central, name="x")


def test_class_topics_page_shows_coverage_in_chinese(world):
    lesson(world, topic="fire")
    response = world.web("teacher_a", "zh-hans").get(f"/education/classes/{world.class_a.pk}/topics/")
    text = response.content.decode()
    assert response.status_code == 200 and "消防安全" in text and "防溺水" in text


def test_lesson_form_records_with_a_photo(world):
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", (40, 30), "red").save(buf, "PNG")
    topic = Topic.objects.get(code="electricity", owner=None)
    response = world.web("teacher_a").post("/education/lessons/new/", {
        "org_unit": world.class_a.pk, "topic": topic.pk, "kind": "before_activity",
        "held_on": local_today(world.class_a).isoformat(), "note": "Before the spring outing",
        "photo": SimpleUploadedFile("p.png", buf.getvalue(), content_type="image/png")})
    assert response.status_code == 302, response.content[:500]
    made = Lesson.objects.get(org_unit=world.class_a, topic=topic)
    from safecampus.core.files import attachments_of

    assert made.kind == "before_activity" and attachments_of(made).count() == 1


def test_lesson_form_names_the_bad_field(world):
    response = world.web("teacher_a").post("/education/lessons/new/", {
        "org_unit": world.class_a.pk, "topic": Topic.objects.first().pk, "kind": "regular", "held_on": "2099-01-01"})
    assert response.status_code == 400
    assert response.context["form"].errors.get("held_on")


def test_lessons_list_exports_xlsx(world):
    import io

    from openpyxl import load_workbook

    lesson(world, topic="food")
    response = world.web("officer_a").get("/education/?export=xlsx")
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert rows[0][1] == "Topic" and any(r[1] == "Food safety" for r in rows[1:])


def test_before_holiday_page_names_the_class_still_owing(world):
    response = world.web("officer_a").get("/education/before-holiday/")
    rows = {r["unit"].name: r for r in response.context["rows"]}
    assert response.context["missing"] == 1 and rows["Class 2-1"]["lesson"] is None
    assert rows["Class 1-1"]["lesson"] and rows["Class 2-1"]["notice"]
    # A school out of the reader's scope is never shown: the reader's own school answers instead.
    other = world.web("officer_a").get(f"/education/before-holiday/?school={world.school_b.pk}")
    assert other.context["school"] == world.school_a
