"""Excel import: preview on a real workbook, confirm all or nothing, re-import idempotent."""

from __future__ import annotations

import json

import pytest

from safecampus.core.errors import Conflict, InvalidInput
from safecampus.core.models import AuditEvent
from safecampus.org import services
from safecampus.org.models import Guardian, Student, StudentMove

from .xlsx import STUDENT_KEYS, id_number, pupils, workbook

pytestmark = pytest.mark.django_db


def _preview(world, content, who="central", kind="students"):
    return services.preview_import(actor=world.user(who), org_unit=world.central, kind=kind, file_name="x.xlsx",
                                   content=content)


def test_preview_writes_nothing_and_confirm_writes_every_row_once(world):
    before = Student.objects.count()
    job = _preview(world, workbook(STUDENT_KEYS, pupils(world.class_a.pk, 5)))
    assert (job.rows, job.creates, job.updates, job.errors) == (5, 5, 0, [])
    assert Student.objects.count() == before
    assert not bytes(job.content).startswith(b"PK")  # the workbook (a ZIP) is kept encrypted
    job = services.confirm_import(job, actor=world.user("central"))
    assert (job.status, job.created, job.updated) == ("done", 5, 0)
    assert bytes(job.content) == b""  # and dropped once imported
    made = Student.objects.filter(student_no__startswith="T")
    assert made.count() == 5 and Guardian.objects.filter(name__startswith="家长").count() == 5
    assert made.get(student_no="T00001").id_number_masked.endswith(id_number(1)[-4:])
    assert AuditEvent.objects.filter(action="org.student_created", actor_name="central").count() >= 5
    # the same file again: nothing to create or update, and confirming writes nothing
    again = _preview(world, workbook(STUDENT_KEYS, pupils(world.class_a.pk, 5)))
    assert (again.creates, again.updates) == (0, 0)
    last = AuditEvent.objects.order_by("-seq").first().seq
    services.confirm_import(again, actor=world.user("central"))
    assert Student.objects.count() == before + 5
    assert AuditEvent.objects.filter(action__startswith="org.student").count() == \
        AuditEvent.objects.filter(action__startswith="org.student", seq__lte=last).count()


def test_a_changed_row_updates_its_pupil_and_the_audit_shows_the_change(world):
    services.confirm_import(_preview(world, workbook(STUDENT_KEYS, pupils(world.class_a.pk, 3))),
                            actor=world.user("central"))
    rows = pupils(world.class_a.pk, 3)
    rows[1][1] = "改名学生"
    other = world.unit("school_a:Class 1-2")
    rows[2][0] = other.pk
    job = _preview(world, workbook(STUDENT_KEYS, rows))
    assert (job.creates, job.updates) == (0, 2)
    services.confirm_import(job, actor=world.user("central"))
    renamed = Student.objects.get(student_no="T00002")
    assert renamed.name == "改名学生"
    event = AuditEvent.objects.filter(action="org.student_changed", object_id=str(renamed.pk)).latest("seq")
    assert event.changes["name"] == ["学生2", "改名学生"]
    moved = Student.objects.get(student_no="T00003")
    assert moved.org_unit == other and StudentMove.objects.filter(student=moved, from_unit=world.class_a).exists()


def test_one_bad_row_blocks_the_commit_and_names_the_row(world):
    rows = pupils(world.class_a.pk, 4)
    rows[2][5] = rows[2][5][:-1] + ("0" if rows[2][5][-1] != "0" else "1")  # wrong check digit: row 4
    rows[3][0] = 999999                                                      # unknown class: row 5
    rows[1][4] = rows[0][4]                                                  # duplicate number: row 3
    rows[0][1] = ""                                                          # missing name: row 2
    job = _preview(world, workbook(STUDENT_KEYS, rows))
    found = {(e["row"], e["column"]) for e in job.errors}
    assert {(4, "Identity number"), (5, "Class id"), (3, "Student number"), (2, "Name")} <= found
    before = Student.objects.count()
    with pytest.raises(Conflict):
        services.confirm_import(job, actor=world.user("central"))
    assert Student.objects.count() == before


@pytest.mark.parametrize(("content", "words"), [
    (b"not a workbook at all", "not an Excel"),
    (b"", "empty"),
])
def test_a_file_that_is_not_xlsx_is_refused(world, content, words):
    with pytest.raises(InvalidInput) as exc:
        _preview(world, content)
    assert words in exc.value.fields["file"][0]


def test_bad_sheets_are_refused_with_a_clear_message(world):
    with pytest.raises(InvalidInput) as exc:
        _preview(world, workbook(["name", "gender"], [["a", "m"]]))
    assert "Class id" in exc.value.fields["file"][0]
    with pytest.raises(InvalidInput) as exc:
        _preview(world, workbook(STUDENT_KEYS, []))
    assert "no records" in exc.value.fields["file"][0]
    huge = pupils(world.class_a.pk, 1)
    huge[0][1] = "x" * (1024 * 1024)
    with pytest.raises(InvalidInput) as exc:
        _preview(world, workbook(STUDENT_KEYS, huge))
    assert "Row 2" in exc.value.fields["file"][0]
    formula = pupils(world.class_a.pk, 1)
    formula[0][1] = "=1+1"
    with pytest.raises(InvalidInput) as exc:
        _preview(world, workbook(STUDENT_KEYS, formula))
    assert "formula" in exc.value.fields["file"][0]
    with pytest.raises(InvalidInput) as exc:
        _preview(world, b"PK" + b"\0" * (50 * 1024 * 1024))
    assert "larger" in exc.value.fields["file"][0]


def test_a_batch_import_keeps_the_audit_chain_whole(world):
    from safecampus.core.audit import verify

    job = _preview(world, workbook(STUDENT_KEYS, pupils(world.class_a.pk, 30, prefix="V")))
    services.confirm_import(job, actor=world.user("central"))
    events = AuditEvent.objects.filter(action="org.student_created", actor_name="central")
    assert events.count() == 30
    assert len(set(events.values_list("object_id", flat=True))) == 30
    result = verify()
    assert result.ok, result.reason


def test_a_large_file_is_confirmed_in_the_background_with_progress(world, django_capture_on_commit_callbacks,
                                                                    monkeypatch):
    from safecampus.org.services import imports

    monkeypatch.setattr(imports, "PROGRESS_EVERY", 5)
    job = _preview(world, workbook(STUDENT_KEYS, pupils(world.class_a.pk, 12, prefix="B")))
    with django_capture_on_commit_callbacks(execute=True):
        running = services.confirm_import(job, actor=world.user("central"), background=True)
    assert running.status == "running"
    job.refresh_from_db()
    assert (job.status, job.created) == ("done", 12)
    assert imports.read_progress(job) == {"done": 12, "total": 12}
    page = world.web("central").get(f"/org/imports/{job.pk}/progress/", HTTP_HX_REQUEST="true")
    assert page.status_code == 200 and page["HX-Refresh"] == "true"


def test_units_and_staff_import(world):
    from safecampus.org.models import OrgUnit, PendingPassword, Staff

    units = workbook(["parent_id", "kind", "name", "name_zh", "school_type", "canteen", "boarding"], [
        [world.central.pk, "学校", "School F", "F小学", "小学", "是", "否"],
        ["School F", "grade", "F Grade 1", "一年级", "", "", ""],
        ["F Grade 1", "class", "F Class 1-1", "一(1)班", "", "", ""],
    ])
    job = _preview(world, units, kind="units")
    assert (job.creates, job.errors) == (3, [])
    services.confirm_import(job, actor=world.user("central"))
    klass = OrgUnit.objects.get(name="F Class 1-1")
    assert klass.school.name == "School F" and klass.school.has_canteen
    assert _preview(world, units, kind="units").creates == 0
    staff = workbook(["单位编号", "姓名", "登录名", "角色"], [
        [klass.school.pk, "F老师", "f_teacher", "teacher, 教职工"],
        [klass.school.pk, "F门卫", "", ""],
    ])
    job = _preview(world, staff, kind="staff")
    assert (job.creates, job.errors) == (2, [])
    job = services.confirm_import(job, actor=world.user("central"))
    assert PendingPassword.objects.filter(user__username="f_teacher").exists()
    assert json.loads(job.handover.reveal())[0][0] == "f_teacher"
    assert Staff.objects.get(name="F门卫").user is None
