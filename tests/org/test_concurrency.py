"""Two confirms of the same import at the same moment write it once; two edits of one unit from
the same version: one wins, the other is a stale version (PostgreSQL, real transactions)."""

from __future__ import annotations

from safecampus.core.errors import StaleVersion
from safecampus.core.testing.concurrency import at_once
from safecampus.core.testing.personas import World

from .xlsx import STUDENT_KEYS, pupils, workbook


def test_a_double_confirm_imports_once(pg_only, transactional_db):
    from safecampus.org import services
    from safecampus.org.models import ImportJob, Student

    world = World()
    central = world.user("central")
    job = services.preview_import(actor=central, org_unit=world.central, kind="students", file_name="c.xlsx",
                                  content=workbook(STUDENT_KEYS, pupils(world.class_a.pk, 4, prefix="C")))
    results, errors = at_once(lambda: services.confirm_import(ImportJob.objects.get(pk=job.pk), actor=central).status)
    assert not errors, errors
    assert results == ["done", "done"]
    assert Student.objects.filter(student_no__startswith="C0").count() == 4


def test_two_renames_from_one_version_one_wins(pg_only, transactional_db):
    from safecampus.org import services
    from safecampus.org.models import OrgUnit

    world = World()
    unit = world.school_b
    results, errors = at_once(lambda: services.change_unit(OrgUnit.objects.get(pk=unit.pk),
                                                           actor=world.user("central"),
                                                           expected_version=unit.version, name="Renamed").name)
    assert results == ["Renamed"] and len(errors) == 1 and isinstance(errors[0], StaleVersion)
