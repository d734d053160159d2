"""CONTRACT.md, Onboarding: a central school sets up a school from nothing through the API."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from safecampus.core.models import AuditEvent
from safecampus.org.models import OrgUnit, PendingPassword, Student, StudentMove

from .xlsx import STUDENT_KEYS, id_number, pupils, workbook

pytestmark = pytest.mark.django_db


def test_a_new_school_from_nothing(world):
    api = world.api("central")
    r = api.post("/api/v1/org-units", {"name": "School D", "kind": "school", "parent": world.central.pk,
                                       "school_type": "primary", "facts": {"canteen": True, "boarding": True}},
                 format="json")
    assert r.status_code == 201, r.json()
    school = r.json()["id"]
    assert r.json()["facts"] == {"canteen": True, "dormitory": False, "transport": False, "boarding": True}
    grade = api.post("/api/v1/org-units", {"name": "Grade 1", "kind": "grade", "parent": school}, format="json")
    klass = api.post("/api/v1/org-units", {"name": "Class 1-1", "kind": "class", "parent": grade.json()["id"]},
                     format="json").json()["id"]
    r = api.post("/api/v1/staff", {"org_unit": school, "name": "新老师", "phone": "13900000000",
                                   "username": "teacher_d", "roles": [{"role": "teacher", "org_unit": school},
                                                                      {"role": "head_teacher", "org_unit": klass}]},
                 format="json")
    assert r.status_code == 201, r.json()
    body = r.json()
    assert set(body) >= {"id", "user"} and body["first_password"]
    assert PendingPassword.objects.filter(user_id=body["user"]).exists()
    # the first password gives no API token until it is changed
    token = world.api(None).post("/api/v1/auth/token", {"username": "teacher_d", "password": body["first_password"]},
                                 format="json")
    assert token.status_code == 403
    r = api.post("/api/v1/students", {"org_unit": klass, "name": "新同学", "gender": "f", "birth_date": "2019-03-05",
                                      "student_no": "D0001", "id_number": id_number(7),
                                      "guardians": [{"name": "家长", "relation": "母亲", "phone": "13900000001",
                                                     "may_pick_up": True}]}, format="json")
    assert r.status_code == 201, r.json()
    assert "*" in r.json()["id_number"] and r.json()["guardians"][0]["name"] == "家长"
    roles = api.get("/api/v1/roles").json()["results"]
    assert {"code": "teacher", "name": "Teacher"} in roles
    r = api.post("/api/v1/holidays", {"org_unit": world.central.pk, "name": "Sports day", "start": "2026-10-20",
                                      "end": "2026-10-20"}, format="json")
    assert r.status_code == 201, r.json()
    r = api.post("/api/v1/school-years", {"org_unit": world.central.pk, "name": "2028-2029", "start": "2028-09-01",
                                          "end": "2029-08-31", "semesters": [
                                              {"kind": "autumn", "start": "2028-09-01", "end": "2029-01-20"},
                                              {"kind": "spring", "start": "2029-02-20", "end": "2029-07-10"}]},
                 format="json")
    assert r.status_code == 201, r.json()
    assert [s["kind"] for s in r.json()["semesters"]] == ["autumn", "spring"]
    inforce = world.api("officer_a").get(f"/api/v1/school-years?org_unit={world.school_a.pk}").json()["results"]
    assert "2028-2029" in [y["name"] for y in inforce]


def test_a_wrong_check_digit_is_a_400_naming_id_number(world):
    bad = id_number(3)[:-1] + ("0" if id_number(3)[-1] != "0" else "1")
    r = world.api("central").post("/api/v1/students", {"org_unit": world.class_a.pk, "name": "x", "id_number": bad},
                                  format="json")
    assert r.status_code == 400 and "id_number" in r.json()["fields"]


def test_rename_and_move_with_patch(world):
    api = world.api("authority")
    other = api.post("/api/v1/org-units", {"name": "Other Central", "kind": "central_school",
                                           "parent": world.authority.pk}, format="json").json()["id"]
    r = api.patch(f"/api/v1/org-units/{world.kinder_c.pk}", {"name": "Kindergarten C2", "parent": other},
                  format="json")
    assert r.status_code == 200, r.json()
    unit = OrgUnit.objects.get(pk=world.kinder_c.pk)
    assert unit.name == "Kindergarten C2" and unit.parent_id == other
    below = OrgUnit.objects.filter(parent=unit).first()
    assert below.path.startswith(unit.path) and below.depth == unit.depth + 1
    assert Student.objects.filter(org_unit__path__startswith=unit.path).exists()
    assert AuditEvent.objects.filter(action="org.unit_moved", object_id=str(unit.pk)).exists()
    # a school's principal may not move their own school
    r = world.api("principal_a").patch(f"/api/v1/org-units/{world.school_a.pk}", {"name": "Mine"}, format="json")
    assert r.status_code == 403


def test_moving_a_pupil_keeps_the_history(world):
    pupil = Student.objects.filter(org_unit=world.class_a).first()
    target = world.unit("school_b:Class 1-1")
    r = world.api("central").post(f"/api/v1/students/{pupil.pk}/move", {"org_unit": target.pk, "reason": "搬家"},
                                  format="json")
    assert r.status_code == 200, r.json()
    assert r.json()["moves"][0]["from"] == world.class_a.pk and r.json()["org_unit"] == target.pk
    assert StudentMove.objects.get(student=pupil).from_unit == world.class_a
    # the old school no longer sees the pupil; the new one does
    assert world.api("officer_a").get(f"/api/v1/students/{pupil.pk}").status_code == 404
    assert world.api("officer_b").get(f"/api/v1/students/{pupil.pk}").status_code == 200


def test_import_through_the_api(world):
    api = world.api("central")
    content = workbook(STUDENT_KEYS, pupils(world.class_a.pk, 3))
    r = api.post("/api/v1/imports", {"kind": "students", "file": SimpleUploadedFile("c.xlsx", content)},
                 format="multipart")
    assert r.status_code == 201, r.json()
    body = r.json()
    assert (body["status"], body["rows"], body["creates"], body["updates"], body["errors"]) == \
        ("previewed", 3, 3, 0, [])
    r = api.post(f"/api/v1/imports/{body['id']}/confirm")
    assert r.json() == {"status": "done", "created": 3, "updated": 0}
    bad = pupils(world.class_a.pk, 1, start=50)
    bad[0][0] = 424242
    upload = SimpleUploadedFile("c.xlsx", workbook(STUDENT_KEYS, bad))
    r = api.post("/api/v1/imports", {"kind": "students", "file": upload}, format="multipart")
    assert r.json()["errors"] == [{"row": 2, "column": "Class id", "message": "Unknown class (424242)."}]
    assert api.post(f"/api/v1/imports/{r.json()['id']}/confirm").status_code == 409
    r = api.post("/api/v1/imports", {"kind": "students", "file": SimpleUploadedFile("c.csv", b"a,b\n1,2")},
                 format="multipart")
    assert r.status_code == 400 and "file" in r.json()["fields"]
    template = api.get("/api/v1/imports/templates/students.xlsx")
    assert template.status_code == 200 and template["Content-Type"].startswith("application/vnd.openxml")
    from io import BytesIO

    from openpyxl import load_workbook

    sheet = load_workbook(BytesIO(template.content), read_only=True).worksheets[0]
    assert [c.value for c in next(sheet.iter_rows())][:9] == STUDENT_KEYS


def test_only_the_central_school_or_authority_adds_schools_and_calendars(world):
    api = world.api("principal_a")
    school = {"name": "Mine", "kind": "school", "parent": world.central.pk, "school_type": "primary"}
    # the central school lies above the principal's scope: it reads as a unit that does not exist
    r = api.post("/api/v1/org-units", school, format="json")
    assert r.status_code == 400 and "parent" in r.json()["fields"]
    r = api.post("/api/v1/holidays", {"org_unit": world.central.pk, "name": "x", "start": "2026-11-11",
                                      "end": "2026-11-11"}, format="json")
    assert r.status_code == 400 and "org_unit" in r.json()["fields"]
    # in scope without the capability: a school cannot keep a calendar, a principal cannot add a school
    r = world.api("officer_a").post("/api/v1/org-units", {"name": "G", "kind": "grade", "parent": world.school_a.pk},
                                    format="json")
    assert r.status_code == 403
