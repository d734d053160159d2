"""A pupil's data rights: the principal's copy of everything held (read back from the ZIP) and
erasure after the retention period, each audited; other apps plug in through the registry."""

import io
import json
import zipfile
from datetime import timedelta

import pytest
from django.core.files.storage import default_storage
from django.utils import timezone

from safecampus.core.errors import Forbidden, InvalidInput, StaleVersion
from safecampus.core.models import AuditEvent
from safecampus.org import pupil_data
from safecampus.org.models import Guardian, GuardianLink, Student
from safecampus.org.services import erase_pupil_data, export_pupil_data, reveal_identity

pytestmark = pytest.mark.django_db


def _pupil(world) -> Student:
    return Student.objects.filter(org_unit=world.class_a, guardianlink__isnull=False).exclude(id_number="").first()


def _photo(world, pupil):
    from io import BytesIO

    from PIL import Image

    from safecampus.core.files import store

    buf = BytesIO()
    Image.new("RGB", (6, 6), "green").save(buf, "PNG")
    buf.seek(0)
    buf.name = "consent.png"
    return store(buf, target=pupil, actor=world.user("principal_a"), purpose="consent")


def _left(pupil, years_ago: float) -> None:
    Student.objects.filter(pk=pupil.pk).update(is_active=False,
                                               updated_at=timezone.now() - timedelta(days=int(years_ago * 365.25)))


def _read(data: bytes) -> tuple[zipfile.ZipFile, dict]:
    archive = zipfile.ZipFile(io.BytesIO(data))
    return archive, json.loads(archive.read("manifest.json"))


def test_the_principal_exports_everything_and_the_zip_reads_back(world):
    pupil = _pupil(world)
    plain_id = pupil.id_number.reveal()
    attachment = _photo(world, pupil)
    reveal_identity(actor=world.user("officer_a"), obj=pupil)

    response = world.web("principal_a").post(f"/org/students/{pupil.pk}/export/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert response["Content-Disposition"] == f'attachment; filename="pupil-{pupil.pk}.zip"'
    assert response["Cache-Control"] == "no-store"
    archive, manifest = _read(response.content)

    assert manifest["pupil"] == pupil.pk and manifest["exported_by"] == "principal_a"
    codes = {s["code"] for s in manifest["sections"]}
    assert {"org.student", "org.guardians", "core.attachments", "core.audit"} <= codes
    record = json.loads(archive.read("org.student.json"))[0]
    assert record["name"] == pupil.name and record["id_number"] == plain_id
    guardians = json.loads(archive.read("org.guardians.json"))
    assert {g["name"] for g in guardians} == {link.guardian.name for link in pupil.guardianlink_set.all()}
    files = json.loads(archive.read("core.attachments.json"))
    assert [f["sha256"] for f in files] == [attachment.sha256]
    assert archive.read(files[0]["file"]) == attachment.file.open("rb").read()
    assert files[0]["file"] in manifest["files"]
    reads = json.loads(archive.read("core.audit.json"))
    assert any(e["action"] == "org.identity_revealed" and e["actor"] == "officer_a" for e in reads)
    assert next(s for s in manifest["sections"] if s["code"] == "core.audit")["kept_on_erasure"] is True

    exported = AuditEvent.objects.filter(action="org.pupil_data_exported", object_id=str(pupil.pk)).get()
    assert exported.actor_name == "principal_a"
    assert exported.changes["sections"]["core.attachments"] == 1


def test_a_new_app_plugs_its_records_into_the_export_and_the_erasure(world, monkeypatch):
    pupil = _pupil(world)
    erased = []
    section = pupil_data.PupilData("pickups.log", "Pick-ups", lambda p: [{"pupil": p.pk, "by": "grandmother"}],
                                   erase=lambda p: erased.append(p.pk) or 1)
    monkeypatch.setitem(pupil_data.SECTIONS, section.code, section)
    archive, manifest = _read(export_pupil_data(pupil, actor=world.user("principal_a")))
    assert json.loads(archive.read("pickups.log.json")) == [{"pupil": pupil.pk, "by": "grandmother"}]
    _left(pupil, 4)
    erase_pupil_data(pupil, actor=world.user("principal_a"))
    assert erased == [pupil.pk]


def test_only_the_principal_of_the_pupils_school(world):
    pupil = _pupil(world)
    for who in ("officer_a", "teacher_a", "central"):
        with pytest.raises(Forbidden):
            export_pupil_data(pupil, actor=world.user(who))
        with pytest.raises(Forbidden):
            erase_pupil_data(pupil, actor=world.user(who))
    assert not AuditEvent.objects.filter(action__startswith="org.pupil_data", object_id=str(pupil.pk)).exists()


def test_erasure_waits_for_the_pupil_to_leave_and_the_retention_period(world):
    pupil = _pupil(world)
    principal = world.user("principal_a")
    with pytest.raises(InvalidInput) as enrolled:
        erase_pupil_data(pupil, actor=principal)
    assert "retention" in enrolled.value.fields
    _left(pupil, 2)
    with pytest.raises(InvalidInput) as early:
        erase_pupil_data(pupil, actor=principal)
    assert "The retention period ends on " in early.value.fields["retention"][0]
    # The number is a policy row: an authority that keeps pupils' data one year lets it go now.
    from safecampus.compliance.policies import set_policy

    set_policy(world.authority, "org.pupil_retention", {"years_after_leaving": 1}, actor=None, source="test")
    erase_pupil_data(Student.objects.get(pk=pupil.pk), actor=principal)
    assert Student.objects.get(pk=pupil.pk).id_number == ""


def test_erasure_removes_what_the_law_allows_and_keeps_the_audit(world, django_capture_on_commit_callbacks):
    pupil = _pupil(world)
    attachment = _photo(world, pupil)
    guardian_ids = list(pupil.guardianlink_set.values_list("guardian_id", flat=True))
    _left(pupil, 4)
    with django_capture_on_commit_callbacks(execute=True):
        erased = erase_pupil_data(Student.objects.get(pk=pupil.pk), actor=world.user("principal_a"),
                                  expected_version=pupil.version)
    assert erased.name == f"#{pupil.pk}"
    assert (erased.id_number, erased.id_number_hash, erased.health_notes, erased.birth_date) == ("", "", "", None)
    assert erased.version == pupil.version + 1
    assert not GuardianLink.objects.filter(student=pupil).exists()
    for guardian in Guardian.objects.filter(pk__in=guardian_ids):
        if not guardian.guardianlink_set.exists():
            assert (guardian.name, guardian.phone, guardian.id_number) == (f"#{guardian.pk}", "", "")
    assert not type(attachment).objects.filter(pk=attachment.pk).exists()
    assert not default_storage.exists(attachment.file.name)
    event = AuditEvent.objects.get(action="org.pupil_data_erased", object_id=str(pupil.pk))
    assert event.changes["kept"] == ["core.audit"]
    assert event.changes["erased"]["core.attachments"] == 1
    # The audit of the pupil survives the erasure, and a second request erases nothing twice.
    erase_pupil_data(erased, actor=world.user("principal_a"))
    assert AuditEvent.objects.filter(action="org.pupil_data_erased", object_id=str(pupil.pk)).count() == 1


def test_erasure_with_a_stale_version_is_refused(world):
    pupil = _pupil(world)
    _left(pupil, 4)
    with pytest.raises(StaleVersion):
        erase_pupil_data(pupil, actor=world.user("principal_a"), expected_version=pupil.version + 5)
    assert Student.objects.get(pk=pupil.pk).name == pupil.name


def test_the_api_exports_and_erases(world):
    pupil = _pupil(world)
    client = world.api("principal_a")
    response = client.get(f"/api/v1/students/{pupil.pk}/export")
    assert response.status_code == 200 and response["Content-Type"] == "application/zip"
    archive, manifest = _read(b"".join(response.streaming_content) if response.streaming else response.content)
    assert json.loads(archive.read("org.student.json"))[0]["id"] == pupil.pk
    refused = client.post(f"/api/v1/students/{pupil.pk}/erase", {}, format="json")
    assert refused.status_code == 400 and "retention" in refused.json()["fields"]
    bad = client.post(f"/api/v1/students/{pupil.pk}/erase", {"expected_version": "x"}, format="json")
    assert bad.status_code == 400 and "expected_version" in bad.json()["fields"]
    _left(pupil, 4)
    stale = client.post(f"/api/v1/students/{pupil.pk}/erase", {"expected_version": 999}, format="json")
    assert stale.status_code == 409
    done = client.post(f"/api/v1/students/{pupil.pk}/erase", {}, format="json")
    assert done.status_code == 200 and done.json()["name"] == f"#{pupil.pk}"


def test_the_pupils_page_offers_the_buttons_to_the_principal_only(world):
    pupil = _pupil(world)
    page = world.web("principal_a").get(f"/org/students/{pupil.pk}/").content.decode()
    assert f"/org/students/{pupil.pk}/export/" in page and f"/org/students/{pupil.pk}/erase/" in page
    other = world.web("officer_a").get(f"/org/students/{pupil.pk}/").content.decode()
    assert "/export/" not in other and "/erase/" not in other


def test_the_erase_page_says_what_is_kept_and_why_and_refuses_early(world):
    pupil = _pupil(world)
    client = world.web("principal_a")
    page = client.get(f"/org/students/{pupil.pk}/erase/").content.decode()
    assert "The pupil is still enrolled" in page and "PIPL art. 54" in page
    assert "Pupil record</span>: erased" in " ".join(page.split()) and "()" not in page
    assert 'type="submit">Erase<' not in page
    refused = client.post(f"/org/students/{pupil.pk}/erase/", {"version": pupil.version})
    assert refused.status_code == 400 and "still enrolled" in refused.content.decode()
    _left(pupil, 4)
    pupil.refresh_from_db()
    assert 'type="submit">Erase<' in client.get(f"/org/students/{pupil.pk}/erase/").content.decode()
    done = client.post(f"/org/students/{pupil.pk}/erase/", {"version": pupil.version})
    assert done.status_code == 302 and done["Location"] == f"/org/students/{pupil.pk}/"
    assert Student.objects.get(pk=pupil.pk).name == f"#{pupil.pk}"


def test_the_erase_page_in_chinese_shows_no_codes(world):
    pupil = _pupil(world)
    page = world.web("principal_a", language="zh-hans").get(f"/org/students/{pupil.pk}/erase/").content.decode()
    assert "删除" in page
    for raw in ("org.student", "core.audit", "Pupil record", "Erase the pupil"):
        assert raw not in page
