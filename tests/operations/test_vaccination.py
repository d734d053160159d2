"""Vaccination checks at admission: the follow-up list, the certificate photo, XLSX for the health authority,
and the vaccination-check duty met once every new pupil is checked."""

from __future__ import annotations

import io
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from safecampus.operations.models import VaccinationCheck, VaccinationYear
from safecampus.operations.people import local_today
from safecampus.operations.services import vaccination as services
from safecampus.org.models import Student

from .helpers import evidence_done

pytestmark = pytest.mark.django_db


def _png() -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (8, 8), "white").save(out, format="PNG")
    return out.getvalue()


def _new_pupil(world, name="新同学"):
    from safecampus.org import services as org_services

    return org_services.create_student(actor=None, org_unit=world.class_a, name=name, enrolled_on=local_today(
        world.school_a))


def test_the_follow_up_list_is_each_pupils_latest_check(world):
    pupil = Student.objects.filter(org_unit=world.class_a).order_by("id").first()
    api = world.api("doctor_a")
    today = str(local_today(world.school_a))
    first = api.post("/api/v1/vaccination-checks", {"student": pupil.pk, "status": "missing", "checked_on": today,
                                                    "note": "lost"}, format="json")
    assert first.status_code == 201, first.content
    listed = api.get(f"/api/v1/vaccination-checks?status=missing&org_unit={world.school_a.pk}").json()
    rows = listed["results"] if isinstance(listed, dict) else listed
    assert pupil.pk in [r["student"] for r in rows]
    later = api.post("/api/v1/vaccination-checks", {"student": pupil.pk, "status": "complete",
                                                    "checked_on": str(local_today(world.school_a))}, format="json")
    assert later.status_code == 201
    listed = api.get(f"/api/v1/vaccination-checks?status=missing&org_unit={world.school_a.pk}").json()
    rows = listed["results"] if isinstance(listed, dict) else listed
    assert pupil.pk not in [r["student"] for r in rows]
    every = api.get(f"/api/v1/vaccination-checks?org_unit={world.school_a.pk}").json()
    rows = every["results"] if isinstance(every, dict) else every
    mine = [r for r in rows if r["student"] == pupil.pk]
    assert len(mine) == 1 and mine[0]["status"] == "complete"


def test_bad_checks(world):
    api = world.api("doctor_a")
    pupil = Student.objects.filter(org_unit=world.class_a).first()
    count = VaccinationCheck.objects.count()
    for body, field in [({"student": pupil.pk, "status": "maybe"}, "status"),
                        ({"student": pupil.pk, "status": "complete", "checked_on": "2999-01-01"}, "checked_on"),
                        ({"student": "x", "status": "complete"}, "student")]:
        r = api.post("/api/v1/vaccination-checks", body, format="json")
        assert r.status_code == 400 and field in r.json()["fields"], (body, r.content)
    other = Student.objects.filter(org_unit__path__startswith=world.school_b.path).first()
    assert api.post("/api/v1/vaccination-checks", {"student": other.pk, "status": "complete"},
                    format="json").status_code == 404
    assert VaccinationCheck.objects.count() == count


def test_a_check_with_the_certificate_photo_and_its_page(world):
    pupil = Student.objects.filter(org_unit=world.class_a).first()
    web = world.web("doctor_a", "zh-hans")
    form = web.get(f"/operations/vaccination/new/?student={pupil.pk}").content.decode()
    assert "接种证" in form and "catch_up_needed" not in form.split('name="status"')[0]
    r = web.post("/operations/vaccination/new/", {"student": pupil.pk, "status": "catch_up_needed",
                                                  "note": "缺一剂", "photo": SimpleUploadedFile(
                                                      "cert.png", _png(), content_type="image/png")})
    assert r.status_code == 302, r.content.decode()[-2000:]
    check = VaccinationCheck.objects.filter(student=pupil).order_by("-id").first()
    assert check.status == "catch_up_needed"
    from safecampus.core.files import attachments_of

    assert attachments_of(check).count() == 1
    page = web.get(f"/operations/vaccination/{check.pk}/").content.decode()
    assert pupil.name in page and "需补种" in page
    assert world.web("teacher_a").get(f"/operations/vaccination/{check.pk}/").status_code == 403


def test_the_list_for_the_health_authority_as_xlsx(world):
    from openpyxl import load_workbook

    r = world.web("officer_a").get("/operations/vaccination/?export=xlsx&status=missing")
    assert r.status_code == 200
    sheet = load_workbook(io.BytesIO(r.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "Pupil" and "Result" in rows[0]
    missing = VaccinationCheck.objects.filter(org_unit__path__startswith=world.school_a.path, status="missing")
    names = {c.student.name for c in missing if not VaccinationCheck.objects.filter(
        student=c.student, id__gt=c.id).exists()}
    assert names and names <= {row[0] for row in rows[1:]}
    assert {row[rows[0].index("Result")] for row in rows[1:]} == {"Certificate missing"}


def test_the_vaccination_duty_is_met_when_every_new_pupil_is_checked(world):
    today = local_today(world.school_a)
    year = VaccinationYear.objects.get(org_unit=world.school_a)
    assert year.complete and year.total == year.checked
    assert evidence_done(world, world.school_a, "vaccination-check", day=today) == 1
    pupil = _new_pupil(world)
    assert services.refresh_years_daily() >= 1 and services.refresh_years_daily() == 0  # once a day
    assert evidence_done(world, world.school_a, "vaccination-check", day=today) == 0
    services.check_certificate(actor=world.user("doctor_a"), student=pupil, status="missing")
    assert evidence_done(world, world.school_a, "vaccination-check", day=today) == 1
    assert VaccinationYear.objects.get(org_unit=world.school_a).complete_on == today


def test_pupils_enrolled_earlier_are_not_new(world):
    row = VaccinationYear.objects.get(org_unit=world.school_a)
    old = Student.objects.filter(org_unit=world.class_a).first()
    Student.objects.filter(pk=old.pk).update(enrolled_on=date(2020, 9, 1))
    fresh = services.refresh_year(world.school_a, local_today(world.school_a))
    assert fresh.total == row.total - 1


def _check_body(pupil, **kw) -> dict:
    return {"student": pupil.pk, "status": "missing", "note": "证遗失", "request_id": "vac-1", **kw}


def test_a_double_submit_through_the_api_is_one_check(world):
    pupil = Student.objects.filter(org_unit=world.class_a).order_by("id").first()
    api = world.api("doctor_a")
    before = VaccinationCheck.objects.filter(student=pupil).count()
    first = api.post("/api/v1/vaccination-checks", _check_body(pupil), format="json")
    again = api.post("/api/v1/vaccination-checks", _check_body(pupil), format="json")
    assert first.status_code == 201 and again.status_code == 200, again.content
    assert again.json()["id"] == first.json()["id"]
    assert VaccinationCheck.objects.filter(student=pupil).count() == before + 1
    # Another person's request may carry the same id: it is theirs, a check of its own.
    other = world.api("officer_a").post("/api/v1/vaccination-checks", _check_body(pupil), format="json")
    assert other.status_code == 201 and other.json()["id"] != first.json()["id"]


@pytest.mark.parametrize("change", [{"status": "complete"}, {"note": "已补"}, {"checked_on": "2020-01-01"}])
def test_a_request_id_reused_with_other_content_is_a_409(world, change):
    from safecampus.core.models import AuditEvent

    pupils = list(Student.objects.filter(org_unit=world.class_a).order_by("id")[:2])
    api = world.api("doctor_a")
    assert api.post("/api/v1/vaccination-checks", _check_body(pupils[0]), format="json").status_code == 201
    count, events = VaccinationCheck.objects.count(), AuditEvent.objects.filter(
        action="operations.vaccination_checked").count()
    for body in (_check_body(pupils[0], **change), _check_body(pupils[1])):
        response = api.post("/api/v1/vaccination-checks", body, format="json")
        assert response.status_code == 409 and "request_id" in response.json()["fields"], response.content
    assert VaccinationCheck.objects.count() == count
    assert AuditEvent.objects.filter(action="operations.vaccination_checked").count() == events


def test_a_double_submit_of_the_page_is_one_check(world):
    import re

    pupil = Student.objects.filter(org_unit=world.class_a).order_by("id").first()
    web = world.web("doctor_a", "zh-hans")
    form = web.get(f"/operations/vaccination/new/?student={pupil.pk}").content.decode()
    request_id = re.search(r'name="request_id" value="([0-9a-f]{32})"', form).group(1)
    before = VaccinationCheck.objects.filter(student=pupil).count()
    body = {"student": pupil.pk, "status": "missing", "note": "证遗失", "request_id": request_id}
    assert web.post("/operations/vaccination/new/", body).status_code == 302
    assert web.post("/operations/vaccination/new/", body).status_code == 302  # the second tap
    assert VaccinationCheck.objects.filter(student=pupil, request_id=request_id).count() == 1
    assert VaccinationCheck.objects.filter(student=pupil).count() == before + 1
    # The same form sent back with other entries (the back button): a 409 in words, and a new id to save them.
    again = web.post("/operations/vaccination/new/", {**body, "status": "complete"})
    assert again.status_code == 409
    text = again.content.decode()
    main = re.sub(r"<[^>]+>", " ", text.split("<main", 1)[-1])
    assert "这张表已保存过" in main and "request_id" not in main
    fresh = re.search(r'name="request_id" value="([0-9a-f]{32})"', text).group(1)
    assert fresh != request_id
    assert web.post("/operations/vaccination/new/", {**body, "status": "complete",
                                                     "request_id": fresh}).status_code == 302
    assert VaccinationCheck.objects.filter(student=pupil).count() == before + 2
