"""Authorization matrix of the onboarding pages and endpoints (CONTRACT.md, Onboarding)."""

from __future__ import annotations

from safecampus.core.testing.matrix import Case, matrix_test

from .xlsx import id_number


def _unit_b(world):
    return {"kwargs": {"pk": world.school_b.pk}}


def _class_a(world):
    return {"kwargs": {"pk": world.class_a.pk}}


def _staff_b(world):
    return {"kwargs": {"pk": world.user("officer_b").staff.pk}}


def _staff_a(world):
    return {"kwargs": {"pk": world.user("guard_a").staff.pk}}


def _pupil_a(world):
    from safecampus.org.models import Student

    return {"kwargs": {"pk": Student.objects.filter(org_unit=world.class_a).first().pk}}


def _move_a(world):
    made = _pupil_a(world)
    made["data"] = {"org_unit": world.unit("school_a:Class 1-2").pk}
    return made


def _holiday(world):
    from safecampus.org.models import Holiday

    return {"kwargs": {"pk": Holiday.objects.filter(org_unit=world.central).first().pk}}


def _job(world):
    from safecampus.org import services

    from .xlsx import STUDENT_KEYS, pupils, workbook

    job = services.preview_import(actor=world.user("central"), org_unit=world.central, kind="students",
                                  file_name="m.xlsx", content=workbook(STUDENT_KEYS, pupils(world.class_a.pk, 2)))
    return {"kwargs": {"pk": job.pk}}


def _school_year(world):
    from safecampus.org.models import SchoolYear

    return {"kwargs": {"pk": SchoolYear.objects.filter(org_unit=world.central).first().pk}}


def _new_student(world):
    return {"data": {"org_unit": world.class_a.pk, "name": "矩阵", "student_no": "M1", "id_number": id_number(99),
                     "guardians": [{"name": "家长", "relation": "母亲", "phone": "1390000"}]}}


def _new_school(world):
    return {"data": {"name": "Matrix School", "kind": "school", "parent": world.central.pk,
                     "school_type": "primary", "facts": {"canteen": True}}}


def _new_grade_in_a(world):
    return {"data": {"name": "Grade 9", "kind": "grade", "parent": world.school_a.pk}}


def _new_staff(world):
    return {"data": {"org_unit": world.school_a.pk, "name": "矩阵老师", "username": "matrix_teacher",
                     "roles": [{"role": "teacher", "org_unit": world.school_a.pk}]}}


def _holiday_in(world):
    return {"data": {"org_unit": world.central.pk, "name": "Matrix day", "start": "2026-11-11", "end": "2026-11-11"}}


def _year_in(world):
    return {"data": {"org_unit": world.central.pk, "name": "2030-2031", "start": "2030-09-01", "end": "2031-08-31",
                     "semesters": [{"kind": "autumn", "start": "2030-09-01", "end": "2031-01-20"}]}}


CASES = [
    # pages
    Case("org:tree", allowed=("central", "authority", "officer_a", "teacher_a")),
    Case("org:unit-new", allowed=("central", "authority", "principal_a"), forbidden=("teacher_a", "officer_a")),
    Case("org:unit-new", method="post", id="POST org:unit-new",
         setup=lambda w: {"data": {"parent": w.school_a.pk, "kind": "grade", "name": "Grade 8"}},
         allowed=("central", "principal_a"), forbidden=("teacher_a",)),
    Case("org:unit-edit", setup=_unit_b, allowed=("central", "authority", "principal_b"), forbidden=("officer_b",),
         hidden=("officer_a", "principal_a")),
    Case("org:unit-edit", method="post", id="POST org:unit-edit",
         setup=lambda w: {**_unit_b(w), "data": {"name": "School B renamed"}},
         allowed=("central", "authority"), forbidden=("principal_b", "officer_b"), hidden=("principal_a",)),
    Case("org:unit-close", setup=_class_a, allowed=("central", "principal_a"), forbidden=("teacher_a",),
         hidden=("principal_b",)),
    Case("org:unit-close", method="post", id="POST org:unit-close", setup=_class_a,
         allowed=("central", "principal_a"), forbidden=("teacher_a", "officer_a"), hidden=("principal_b",)),
    Case("org:staff-new", allowed=("central", "principal_a"), forbidden=("officer_a", "teacher_a")),
    Case("org:staff-created", setup=_staff_a, allowed=("central", "principal_a"), forbidden=("officer_a",),
         hidden=("principal_b",)),
    Case("org:staff-edit", setup=_staff_b, allowed=("central", "principal_b"), forbidden=("officer_b",),
         hidden=("principal_a",)),
    Case("org:student-new", allowed=("central", "principal_a"), forbidden=("teacher_a", "officer_a")),
    Case("org:student-edit", setup=_pupil_a, allowed=("central", "principal_a"), forbidden=("teacher_a",),
         hidden=("principal_b",)),
    Case("org:student-move", setup=_pupil_a, allowed=("central", "principal_a"), forbidden=("teacher_a",),
         hidden=("principal_b",)),
    Case("org:student-move", method="post", id="POST org:student-move", setup=_move_a,
         allowed=("central", "principal_a"), forbidden=("teacher_a",), hidden=("principal_b",)),
    Case("org:calendar", allowed=("central", "authority", "officer_a", "guard_a")),
    Case("org:holiday-new", allowed=("central", "authority"), forbidden=("principal_a", "officer_a")),
    Case("org:holiday-edit", setup=_holiday, allowed=("central", "authority"), hidden=("principal_a", "officer_b")),
    Case("org:holiday-remove", method="post", setup=_holiday, allowed=("central", "authority"),
         hidden=("principal_a",)),
    Case("org:school-year-edit", setup=_school_year, allowed=("central", "authority"),
         hidden=("principal_a", "officer_b")),
    Case("org:school-year-edit", method="post", id="POST org:school-year-edit",
         setup=lambda w: {**_school_year(w), "data": {"name": "x"}}, ok=(400,), allowed=("central",),
         hidden=("principal_a",)),
    Case("org:school-year-new", allowed=("central", "authority"), forbidden=("principal_a",)),
    Case("org:import-list", allowed=("central", "authority", "principal_a"), forbidden=("officer_a", "teacher_a")),
    Case("org:import-upload", method="post", allowed=("central", "principal_a"), ok=(400,),
         forbidden=("officer_a", "teacher_a")),
    Case("org:import-detail", setup=_job, allowed=("central", "authority"), hidden=("principal_a", "officer_b")),
    Case("org:import-progress", setup=_job, allowed=("central",), hidden=("principal_a",)),
    Case("org:import-confirm", method="post", setup=_job, allowed=("central", "authority"), hidden=("principal_a",)),
    Case("org:import-passwords", method="post", setup=_job, allowed=(), hidden=("central", "principal_a")),
    Case("org:import-template", setup=lambda w: {"kwargs": {"kind": "students"}},
         allowed=("central", "principal_a"), forbidden=("officer_a", "teacher_a")),
    Case("org:export", setup=lambda w: {"kwargs": {"kind": "students"}},
         allowed=("central", "officer_a", "teacher_a"), forbidden=("guard_a",)),
    Case("org:first-password", allowed=("central", "teacher_a")),
    # API
    Case("org-unit-list", method="post", id="POST org-unit-list", setup=_new_school,
         allowed=("central", "authority")),
    Case("org-unit-list", method="post", id="POST org-unit-list grade", setup=_new_grade_in_a,
         allowed=("central", "principal_a"), forbidden=("officer_a", "teacher_a")),
    Case("org-unit-detail", method="patch", id="PATCH org-unit-detail",
         setup=lambda w: {**_unit_b(w), "data": {"name": "B2"}},
         allowed=("central", "authority"), forbidden=("principal_b", "officer_b"), hidden=("officer_a",)),
    Case("org-unit-close", method="post", setup=_class_a, allowed=("central", "principal_a"),
         forbidden=("teacher_a",), hidden=("officer_b",)),
    Case("staff-list", method="post", id="POST staff-list", setup=_new_staff, allowed=("central", "principal_a"),
         forbidden=("officer_a", "teacher_a")),
    Case("staff-detail", method="patch", id="PATCH staff-detail",
         setup=lambda w: {**_staff_b(w), "data": {"phone": "13800000000"}},
         allowed=("central", "principal_b"), forbidden=("officer_b",), hidden=("principal_a",)),
    Case("student-list", method="post", id="POST student-list", setup=_new_student,
         allowed=("central", "principal_a"), forbidden=("officer_a", "teacher_a")),
    Case("student-detail", method="patch", id="PATCH student-detail",
         setup=lambda w: {**_pupil_a(w), "data": {"name": "改名"}},
         allowed=("central", "principal_a"), forbidden=("teacher_a", "officer_a"), hidden=("principal_b",)),
    Case("student-move", method="post", setup=_move_a, allowed=("central", "principal_a"),
         forbidden=("teacher_a",), hidden=("officer_b",)),
    Case("role-list", allowed=("central", "teacher_a", "guard_a")),
    Case("role-detail", setup=lambda w: {"kwargs": {"code": "teacher"}}, allowed=("central", "teacher_a")),
    Case("school-year-list", allowed=("central", "authority")),
    Case("school-year-list", id="GET school-year-list in force",
         setup=lambda w: {"query": f"?org_unit={w.school_a.pk}"}, allowed=("officer_a", "central")),
    Case("school-year-list", method="post", id="POST school-year-list", setup=_year_in,
         allowed=("central", "authority")),
    Case("school-year-detail", setup=_school_year, allowed=("central", "authority"), hidden=("officer_a",)),
    Case("holiday-list", allowed=("central", "authority")),
    Case("holiday-list", method="post", id="POST holiday-list", setup=_holiday_in,
         allowed=("central", "authority")),
    Case("holiday-detail", setup=_holiday, allowed=("central", "authority"), hidden=("officer_a",)),
    Case("import-list", allowed=("central", "principal_a"), forbidden=("officer_a", "teacher_a")),
    Case("import-list", method="post", id="POST import-list (no file)", allowed=("central", "principal_a"),
         ok=(400,), forbidden=("officer_a", "teacher_a")),
    Case("import-detail", setup=_job, allowed=("central", "authority"), hidden=("principal_a",)),
    Case("import-confirm", method="post", setup=_job, allowed=("central",), hidden=("principal_a", "officer_b")),
    Case("import-template", setup=lambda w: {"kwargs": {"kind": "staff"}}, allowed=("central", "principal_a"),
         forbidden=("officer_a",)),
]

test_matrix = matrix_test(CASES)
