from datetime import date

import pytest

from safecampus.core.errors import Forbidden, InvalidInput
from safecampus.core.models import AuditEvent
from safecampus.org import services
from safecampus.org.calendar import holidays_between, school_year_at, semester_at
from safecampus.org.models import OrgUnit, Staff

pytestmark = pytest.mark.django_db


def test_paths_make_subtrees_one_prefix(world):
    klass = world.class_a
    assert klass.path.startswith(world.school_a.path) and klass.depth == 4
    assert [u.kind for u in klass.ancestors()] == ["authority", "central_school", "school", "grade"]
    assert klass.school == world.school_a


def test_the_tree_keeps_its_shape(world):
    with pytest.raises(InvalidInput) as exc:
        services.create_unit(actor=None, kind="class", name="Stray", org_unit=world.school_a)
    assert "kind" in exc.value.fields
    with pytest.raises(InvalidInput):
        services.create_unit(actor=None, kind="school", name="No type", org_unit=world.central)


def test_a_principal_cannot_write_into_another_school(world):
    before = Staff.objects.count()
    with pytest.raises(Forbidden):
        services.create_staff(actor=world.user("principal_a"), org_unit=world.school_b, name="Intruder")
    with pytest.raises(Forbidden):
        services.create_unit(actor=world.user("principal_a"), kind="grade", name="G9", org_unit=world.school_b)
    assert Staff.objects.count() == before
    assert not OrgUnit.objects.filter(name="G9").exists()


def test_a_principal_manages_their_own_school(world):
    grade = services.create_unit(actor=world.user("principal_a"), kind="grade", name="Grade 6",
                                 org_unit=world.school_a)
    assert grade.path.startswith(world.school_a.path)
    assert AuditEvent.objects.filter(action="org.unit_created", object_id=str(grade.pk), actor_name="principal_a")


def test_calendar_is_read_from_the_central_school(world):
    assert school_year_at(world.class_a, date(2026, 11, 29)).name == "2026-2027"
    autumn = semester_at(world.school_b, date(2026, 11, 29))
    assert autumn.kind == "autumn" and autumn.start == date(2026, 9, 1)
    assert semester_at(world.school_a, date(2027, 2, 1)) is None  # winter holiday
    names = [h.name for h in holidays_between(world.kinder_c, date(2026, 9, 1), date(2027, 1, 31))]
    assert names == ["National Day", "Winter holiday"]


def test_calendar_needs_the_capability_and_sane_dates(world):
    with pytest.raises(Forbidden):
        services.create_school_year(actor=world.user("officer_a"), org_unit=world.central, name="2027-2028",
                                    start=date(2027, 9, 1), end=date(2028, 8, 31), semesters=[])
    with pytest.raises(InvalidInput) as exc:
        services.create_school_year(actor=world.user("central"), org_unit=world.central, name="2027-2028",
                                    start=date(2027, 9, 1), end=date(2028, 8, 31),
                                    semesters=[{"kind": "autumn", "start": date(2027, 8, 1), "end": date(2028, 1, 1)}])
    assert "semesters" in exc.value.fields
