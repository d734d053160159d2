"""`safecampus seed`: a district with a school year of every app's records, inserted in bulk."""

from collections import Counter

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from tests.compliance.conftest import at

NOW = at("2026-11-28 09:00")


@pytest.fixture
def district(db):
    from safecampus.compliance.seed import seed

    return seed(schools=3, pupils=12, staff=4, per_central=2, now=NOW, label="Tiny", done_rate=0.8)


def test_the_tree_is_whole(district):
    from safecampus.org.models import OrgUnit

    schools = OrgUnit.objects.filter(kind="school", path__startswith=district.authority.path)
    assert schools.count() == 3
    for school in schools.select_related("parent"):
        assert school.parent.kind == "central_school"
        assert school.path == f"{school.parent.path}{school.pk}/"
    classes = OrgUnit.objects.filter(kind="class", path__startswith=district.authority.path)
    assert all(c.parent.kind == "grade" and c.path.startswith(c.parent.path) for c in classes)


def test_people_have_posts_and_pupils_have_encrypted_identity_numbers(district):
    from safecampus.org.models import RoleAssignment, Staff, Student

    school = district.schools[0]
    pupils = Student.objects.filter(org_unit__path__startswith=school["path"])
    assert pupils.count() == 12
    pupil = pupils.first()
    plain = pupil.id_number.reveal()
    assert len(plain) == 18 and pupil.id_number_masked.count("*") >= 8
    with connection.cursor() as cursor:
        cursor.execute("SELECT id_number FROM org_student WHERE id = %s", [pupil.pk])
        stored = cursor.fetchone()[0]
    assert plain not in stored
    assert Student.objects.filter(id_number_hash=pupil.id_number_hash).count() == 1
    staff = Staff.objects.filter(org_unit_id=school["id"]).select_related("user")
    assert staff.count() == 4 and all(s.user and not s.user.has_usable_password() for s in staff)
    roles = Counter(RoleAssignment.objects.filter(org_unit_id=school["id"]).values_list("role__code", flat=True))
    assert roles["principal"] == 1 and roles["safety_officer"] == 1


def test_every_app_has_a_school_year_of_records(district):
    counts = district.counts
    assert counts["pupils"] == 36 and counts["staff"] == 12
    assert counts["letters"] == 3 * 4            # one to the principal, one to each other member of staff
    assert counts["inspections"] == 3 * 4        # the semester's comprehensive one and three monthly ones
    # No duty of the plan is proven by a signed attestation any more (each app counts its own records).
    for name in ("meetings", "hazards", "info_reports", "vaccination years"):
        assert counts[name] > 0, name


def test_the_district_owes_a_realistic_mix(district):
    from safecampus.compliance.engine import evaluate

    rows = evaluate(roots=[district.authority.path], now=NOW)
    statuses = Counter(r.status for r in rows)
    assert statuses["met"] > len(rows) // 2
    assert sum(statuses[s] for s in ("due_soon", "overdue", "missed", "pending")) > 0
    measured = {r.obligation.evidence_kind for r in rows if r.status == "met"}
    assert {"inspections.completed", "responsibility.letter_signed", "operations.vaccination_year"} <= measured


def test_the_command_checks_its_arguments(db):
    with pytest.raises(CommandError, match="--schools"):
        call_command("seed", schools=0)
    with pytest.raises(CommandError, match="--staff"):
        call_command("seed", schools=1, staff=1)
    with pytest.raises(CommandError, match="--now"):
        call_command("seed", schools=1, now="yesterday")


def test_insert_rows_fills_defaults(db, world):
    from safecampus.core.scale import insert_rows
    from safecampus.org.models import Staff

    assert insert_rows(Staff, [{"org_unit_id": world.school_a.pk, "name": "Bulk"}]) == 1
    made = Staff.objects.get(name="Bulk")
    assert made.is_active and made.version == 1 and made.created_at is not None and made.id_number_hash == ""


def test_schools_with_a_dormitory_board_pupils_and_check_them_every_school_night(district):
    from freezegun import freeze_time

    from safecampus.operations.models import BedCheck, BedCheckEntry, DormBed, DormBuilding, DormRoom, Resident
    from safecampus.operations.scale_dorms import top_up
    from safecampus.operations.services.dormitories import night_rows
    from safecampus.org.models import OrgUnit, RoleAssignment

    for model in (BedCheckEntry, BedCheck, Resident, DormBed, DormRoom, DormBuilding):
        model.objects.all().delete()
    OrgUnit.objects.filter(kind="school").update(has_dormitory=False)
    school = OrgUnit.objects.get(pk=district.schools[0]["id"])   # 12 pupils
    OrgUnit.objects.filter(pk=school.pk).update(has_dormitory=True)
    with freeze_time(NOW):
        counts = top_up()
        assert top_up() == {}   # once only
    assert counts["boarders"] == 12 == Resident.objects.filter(org_unit=school, active=True).count()
    nights = list(BedCheck.objects.filter(org_unit=school).order_by("date").values_list("date", flat=True))
    assert nights and all(n.weekday() in (6, 0, 1, 2, 3) for n in nights) and nights[-1] < NOW.date()
    assert counts["bed check entries"] == 12 * len(nights) == BedCheckEntry.objects.count()
    assert RoleAssignment.objects.filter(role__code="dormitory_manager", org_unit=school).count() == 1
    assert {r["status"] for r in night_rows(school, nights[-1])} <= {"present", "absent", "on_leave"}
