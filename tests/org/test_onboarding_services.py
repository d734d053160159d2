"""Onboarding services per role: the tree's shape, moves, closing, head teachers, staff roles,
identity numbers, the calendar override, concurrency, and pinned query counts of the new lists."""

from __future__ import annotations

from datetime import date

import pytest

from safecampus.core.errors import Conflict, Forbidden, InvalidInput, StaleVersion
from safecampus.core.testing.queries import exact_queries
from safecampus.org import services
from safecampus.org.calendar import holidays_between
from safecampus.org.models import OrgUnit, RoleAssignment, Student
from safecampus.org.services.identity import id_number

from .xlsx import STUDENT_KEYS, pupils, workbook
from .xlsx import id_number as valid_id

pytestmark = pytest.mark.django_db


def test_identity_numbers_follow_gb_11643():
    assert id_number("11010519491231002x") == "11010519491231002X"   # the standard's own example
    for bad, words in [("11010519491231002", "18"), ("110105194913310021", "date"),
                       ("110105194912310021", "check digit"), ("11010520991231002X", "not possible")]:
        with pytest.raises(InvalidInput) as exc:
            id_number(bad)
        assert words in exc.value.fields["id_number"][0], bad


def test_who_shapes_the_tree(world):
    with pytest.raises(Forbidden):
        services.create_unit(actor=world.user("principal_a"), org_unit=world.central, kind="school", name="X",
                             school_type="primary")
    with pytest.raises(Forbidden):
        services.create_unit(actor=world.user("officer_a"), org_unit=world.school_a, kind="grade", name="X")
    school = services.create_unit(actor=world.user("authority"), org_unit=world.central, kind="school",
                                  name="County school", school_type="middle", facts={"dormitory": True}, floors=4)
    assert school.has_dormitory and school.floors == 4 and school.path.startswith(world.central.path)
    with pytest.raises(InvalidInput) as exc:
        services.create_unit(actor=world.user("central"), org_unit=world.central, kind="school",
                             name="County school", school_type="primary")
    assert "name" in exc.value.fields


def test_a_unit_cannot_move_below_itself_and_a_stale_version_loses(world):
    grade = OrgUnit.objects.filter(parent=world.school_a).first()
    klass = OrgUnit.objects.filter(parent=grade).first()
    with pytest.raises(InvalidInput):
        services.change_unit(grade, actor=world.user("central"), parent=klass)
    with pytest.raises(StaleVersion):
        services.change_unit(grade, actor=world.user("central"), expected_version=grade.version + 5, name="x")


def test_closing_keeps_records_and_refuses_new_pupils(world):
    klass = world.unit("school_a:Class 1-2")
    kept = Student.objects.filter(org_unit=klass).count()
    services.close_unit(klass, actor=world.user("principal_a"), reason="merged")
    assert Student.objects.filter(org_unit=klass).count() == kept
    with pytest.raises(InvalidInput):
        services.create_student(actor=world.user("principal_a"), org_unit=OrgUnit.objects.get(pk=klass.pk),
                                name="late")
    with pytest.raises(Conflict):
        services.close_unit(OrgUnit.objects.get(pk=klass.pk), actor=world.user("principal_a"))


def test_head_teacher_is_the_role_at_the_class(world):
    klass = world.unit("school_a:Class 1-2")
    officer = world.user("officer_a")
    services.set_head_teacher(klass, actor=world.user("principal_a"), user=officer)
    assert RoleAssignment.objects.filter(role__code="head_teacher", org_unit=klass, user=officer).exists()
    with pytest.raises(InvalidInput):
        services.set_head_teacher(klass, actor=world.user("central"), user=world.user("officer_b"))


def test_staff_roles_are_replaced_and_audited(world):
    staff = world.user("guard_a").staff
    services.change_staff(staff, actor=world.user("principal_a"),
                          roles=[{"role": "door_guard", "org_unit": world.school_a},
                                 {"role": "duty_staff", "org_unit": world.school_a}])
    codes = set(RoleAssignment.objects.filter(user=staff.user).values_list("role__code", flat=True))
    assert codes == {"door_guard", "duty_staff"}
    with pytest.raises(Forbidden):
        services.change_staff(staff, actor=world.user("principal_b"), name="x")


def test_a_pupil_number_is_unique_in_its_school(world):
    taken = Student.objects.filter(org_unit=world.class_a).first().student_no
    with pytest.raises(InvalidInput) as exc:
        services.create_student(actor=world.user("central"), org_unit=world.class_a, name="x", student_no=taken)
    assert "student_no" in exc.value.fields
    services.create_student(actor=world.user("central"), org_unit=world.unit("school_b:Class 1-1"), name="y",
                            student_no=taken, id_number=valid_id(5))


def test_a_central_holiday_replaces_the_county_one_of_the_same_name(world):
    services.add_holiday(actor=world.user("authority"), org_unit=world.authority, name="National Day",
                         start=date(2026, 10, 1), end=date(2026, 10, 3))
    services.add_holiday(actor=world.user("authority"), org_unit=world.authority, name="County fair",
                         start=date(2026, 10, 15), end=date(2026, 10, 15))
    names = [(h.name, h.org_unit_id) for h in holidays_between(world.school_a, date(2026, 9, 1), date(2026, 10, 31))]
    assert ("National Day", world.central.pk) in names and ("National Day", world.authority.pk) not in names
    assert ("County fair", world.authority.pk) in names
    with pytest.raises(Forbidden):
        services.add_holiday(actor=world.user("central"), org_unit=world.authority, name="x",
                             start=date(2026, 10, 1), end=date(2026, 10, 1))


def test_list_pages_run_a_fixed_number_of_queries(world):
    web = world.web("central")
    web.get("/org/tree/")
    with exact_queries(5):  # session, user, grants (they name the units), count, notifications
        web.get("/org/imports/")
    for name in ("a.xlsx", "b.xlsx"):
        services.preview_import(actor=world.user("central"), org_unit=world.central, kind="students",
                                file_name=name, content=workbook(STUDENT_KEYS, pupils(world.class_a.pk, 2)))
        with exact_queries(6):  # + the page's rows, whatever their number
            page = web.get("/org/imports/")
        assert name in page.content.decode()
