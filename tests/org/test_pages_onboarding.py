"""The onboarding pages: a central school adds, renames, moves and closes units, adds staff and
pupils, edits the calendar, imports a class list; a first password must be changed."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from safecampus.core.models import AuditEvent
from safecampus.org.models import Holiday, ImportJob, OrgUnit, PendingPassword, Staff, Student

from .xlsx import STUDENT_KEYS, id_number, pupils, workbook

pytestmark = pytest.mark.django_db

PAGES = ["/org/tree/", "/org/units/new/", "/org/staff/new/", "/org/students/new/", "/org/calendar/",
         "/org/calendar/holidays/new/", "/org/calendar/years/new/", "/org/imports/", "/org/staff/", "/org/students/"]


@pytest.mark.parametrize("url", PAGES)
def test_pages_render_in_chinese(world, url):
    page = world.web("central", language="zh-hans").get(url)
    assert page.status_code == 200, url


def test_the_tree_add_rename_move_close(world):
    web = world.web("central")
    r = web.post("/org/units/new/", {"parent": world.central.pk, "kind": "school", "name": "School E",
                                     "school_type": "primary", "canteen": "on"})
    assert r.status_code == 302, r.content.decode()[:2000]
    school = OrgUnit.objects.get(name="School E")
    assert school.has_canteen and not school.has_dormitory
    r = web.post(f"/org/units/{world.school_b.pk}/edit/", {"name": "School B2", "school_type": "primary",
                                                           "version": world.school_b.version})
    assert r.status_code == 302 and OrgUnit.objects.get(pk=world.school_b.pk).name == "School B2"
    grade = OrgUnit.objects.filter(parent=world.school_a).first()
    r = web.post(f"/org/units/{grade.pk}/edit/", {"name": grade.name, "parent": school.pk})
    assert r.status_code == 302
    assert OrgUnit.objects.get(pk=grade.pk).path.startswith(school.path)
    r = web.post(f"/org/units/{school.pk}/close/", {"reason": "merged"})
    assert r.status_code == 302
    assert not OrgUnit.objects.filter(path__startswith=school.path, is_active=True).exists()
    assert Student.objects.filter(org_unit__path__startswith=school.path).exists()  # records kept
    assert "School E" not in web.get("/org/tree/").content.decode()
    assert "School E" in web.get("/org/tree/?closed=1").content.decode()


def test_a_bad_unit_is_a_form_error_not_a_500(world):
    r = world.web("central").post("/org/units/new/", {"parent": world.central.pk, "kind": "school", "name": "X"})
    assert r.status_code == 400 and "school type" in r.content.decode().lower()


def test_staff_with_an_account_must_change_the_first_password(world, client):
    web = world.web("central")
    r = web.post("/org/staff/new/", {"org_unit": world.school_a.pk, "name": "新老师", "username": "newbie",
                                     "roles": ["teacher", "staff"], "posts": ["subject_teacher"]})
    assert r.status_code == 302
    page = web.get(r["Location"]).content.decode()
    password = page.split('data-first-password>')[1].split("<")[0]
    assert "data-first-password" not in web.get(r["Location"]).content.decode()  # shown once
    assert client.post("/login/", {"username": "newbie", "password": password}).status_code == 302
    assert client.get("/hazards/")["Location"] == "/org/first-password/"
    r = client.post("/org/first-password/", {"new_password1": "Another-good-pass-9", "new_password2":
                                             "Another-good-pass-9"})
    assert r.status_code == 302
    assert not PendingPassword.objects.filter(user__username="newbie").exists()
    assert client.get("/hazards/").status_code == 200
    assert AuditEvent.objects.filter(action="org.password_changed").exists()


def test_pupil_with_guardians_edit_and_move(world):
    web = world.web("central")
    r = web.post("/org/students/new/", {"org_unit": world.class_a.pk, "name": "王小明", "gender": "m",
                                        "student_no": "W001", "id_number": id_number(11),
                                        "guardian1_name": "王爸爸", "guardian1_relation": "父亲",
                                        "guardian1_phone": "13911112222", "guardian1_may_pick_up": "on"})
    assert r.status_code == 302, r.content.decode()[:3000]
    pupil = Student.objects.get(student_no="W001")
    assert [g.name for g in pupil.guardians.all()] == ["王爸爸"]
    r = web.post("/org/students/new/", {"org_unit": world.class_a.pk, "name": "x", "id_number": "431121201901011234"})
    assert r.status_code == 400 and "check digit" in r.content.decode()
    target = world.unit("school_a:Class 1-2")
    r = web.post(f"/org/students/{pupil.pk}/move/", {"org_unit": target.pk, "reason": "分班"})
    assert r.status_code == 302
    detail = web.get(pupil.get_absolute_url()).content.decode()
    assert "分班" in detail


def test_holidays_are_editable(world):
    web = world.web("central")
    r = web.post("/org/calendar/holidays/new/", {"org_unit": world.central.pk, "name": "Sports day",
                                                 "name_zh": "运动会", "start": "2026-10-20", "end": "2026-10-21"})
    assert r.status_code == 302
    holiday = Holiday.objects.get(name="Sports day")
    r = web.post(f"/org/calendar/holidays/{holiday.pk}/edit/", {"name": "Sports days", "start": "2026-10-20",
                                                                 "end": "2026-10-22"})
    assert r.status_code == 302 and Holiday.objects.get(pk=holiday.pk).end.day == 22
    # kept above the school: the school reads it in its calendar, but cannot reach it to change it
    assert world.web("officer_a").post(f"/org/calendar/holidays/{holiday.pk}/remove/").status_code == 404
    assert web.post(f"/org/calendar/holidays/{holiday.pk}/remove/").status_code == 302
    assert not Holiday.objects.filter(pk=holiday.pk).exists()


def test_import_preview_confirm_on_the_page(world):
    web = world.web("central")
    upload = SimpleUploadedFile("class.xlsx", workbook(STUDENT_KEYS, pupils(world.class_a.pk, 4, prefix="P")))
    r = web.post("/org/imports/upload/", {"kind": "students", "file": upload})
    assert r.status_code == 302
    job = ImportJob.objects.latest("pk")
    page = web.get(r["Location"]).content.decode()
    assert 'data-count="creates">4<' in page
    r = web.post(f"/org/imports/{job.pk}/confirm/")
    assert r.status_code == 302 and Student.objects.filter(student_no__startswith="P").count() == 4
    r = web.post("/org/imports/upload/", {"kind": "students", "file": SimpleUploadedFile("x.xlsx", b"nope")})
    assert r.status_code == 400 and "xlsx" in r.content.decode()


def test_exports_mask_unless_revealed_and_audited(world):
    from io import BytesIO

    from openpyxl import load_workbook

    r = world.web("officer_a").get("/org/export/students/?lang=en")
    rows = list(load_workbook(BytesIO(r.content), read_only=True).worksheets[0].iter_rows(values_only=True))
    assert rows[0][:9] == tuple(STUDENT_KEYS) and all("*" in (row[5] or "*") for row in rows[1:])
    before = AuditEvent.objects.filter(action="org.identity_revealed").count()
    r = world.web("officer_a").get("/org/export/students/?lang=en&reveal=1")
    rows = list(load_workbook(BytesIO(r.content), read_only=True).worksheets[0].iter_rows(values_only=True))
    shown = [row[5] for row in rows[1:] if row[5]]
    assert shown and not any("*" in s for s in shown)
    assert AuditEvent.objects.filter(action="org.identity_revealed").count() == before + len(shown)
    assert world.web("teacher_a").get("/org/export/students/?reveal=1").status_code == 403
    assert Staff.objects.exists()


def test_a_school_year_is_editable(world):
    from datetime import date

    from safecampus.org.models import SchoolYear

    year = SchoolYear.objects.filter(org_unit=world.central).order_by("-start").first()
    web = world.web("central")
    assert web.get(f"/org/calendar/years/{year.pk}/edit/").status_code == 200
    r = web.post(f"/org/calendar/years/{year.pk}/edit/", {
        "name": year.name, "start": year.start, "end": year.end, "version": year.version,
        "autumn_start": year.start, "autumn_end": date(year.start.year + 1, 1, 25),
        "spring_start": date(year.start.year + 1, 2, 25), "spring_end": date(year.start.year + 1, 7, 5)})
    assert r.status_code == 302, r.content.decode()[:2000]
    autumn = year.semesters.get(kind="autumn")
    assert autumn.end == date(year.start.year + 1, 1, 25)
    assert AuditEvent.objects.filter(action="org.calendar_changed", object_id=str(year.pk)).exists()
