"""Identity numbers of minors: encrypted at rest, searchable by keyed hash, masked, reveals audited."""

import pytest
from django.db import connection

from safecampus.core.errors import Forbidden
from safecampus.core.models import AuditEvent
from safecampus.org import services
from safecampus.org.models import Student

pytestmark = pytest.mark.django_db

ID = "431121201901011233"


@pytest.fixture
def pupil(world):
    return services.create_student(actor=None, org_unit=world.class_a, name="测试学生", id_number=ID,
                                   health_notes="peanut allergy")


def test_stored_encrypted_not_in_plain_text(pupil):
    with connection.cursor() as cursor:
        cursor.execute("SELECT id_number, health_notes FROM org_student WHERE id = %s", [pupil.pk])
        raw_id, raw_health = cursor.fetchone()
    assert ID not in raw_id and "peanut" not in raw_health
    assert raw_id.startswith("gAAAA")  # Fernet token


def test_reads_back_masked_and_searchable_by_keyed_hash(pupil):
    again = Student.objects.get(pk=pupil.pk)
    assert str(again.id_number) == "431" + "*" * 11 + "1233"
    assert ID not in str(again.id_number) and ID not in repr(again.id_number)
    assert again.id_number_masked == "4311**********1233"
    assert list(services.find_by_identity(Student.objects.all(), ID.lower())) == [again]


def test_masked_in_pages_exports_and_api(pupil, world):
    page = world.web("officer_a").get("/org/students/?q=测试学生")
    assert ID not in page.content.decode() and "4311**********1233" in page.content.decode()
    export = world.web("officer_a").get("/org/students/?export=xlsx")
    from io import BytesIO

    from openpyxl import load_workbook

    rows = list(load_workbook(BytesIO(export.content), read_only=True).active.iter_rows(values_only=True))
    assert list(rows[0]) == ["Name", "Class", "Gender", "Date of birth", "Identity number"]
    assert all(ID not in " ".join(str(c) for c in r) for r in rows)
    assert any("4311**********1233" in str(r) for r in rows)
    body = world.api("officer_a").get(f"/api/v1/students/{pupil.pk}").json()
    assert body["id_number"] == "4311**********1233"


def test_reveal_needs_the_capability_and_is_audited(pupil, world):
    response = world.api("officer_a").post(f"/api/v1/students/{pupil.pk}/reveal")
    assert response.status_code == 200 and response.json()["id_number"] == ID
    assert "no-store" in response["Cache-Control"]
    event = AuditEvent.objects.filter(action="org.identity_revealed", object_id=str(pupil.pk)).get()
    assert event.actor_name == "officer_a" and ID not in str(event.changes)
    with pytest.raises(Forbidden):
        services.reveal_identity(pupil, actor=world.user("teacher_a"))


def test_reveal_in_the_page_shows_once_and_is_kept_nowhere(pupil, world):
    from django.contrib.sessions.models import Session

    client = world.web("officer_a")
    response = client.post(f"/org/students/{pupil.pk}/reveal/")
    # The number is in the reveal's own answer; nothing waits in the session for a next page.
    assert response.status_code == 200 and ID in response.content.decode()
    assert "no-store" in response["Cache-Control"]
    assert all(ID not in str(s.get_decoded()) for s in Session.objects.all())
    assert all(ID not in str(v) for v in client.session.values())
    assert ID not in client.get(f"/org/students/{pupil.pk}/").content.decode()


def test_identity_number_is_validated(world):
    from safecampus.core.errors import InvalidInput

    with pytest.raises(InvalidInput) as exc:
        services.create_student(actor=None, org_unit=world.class_a, name="x", id_number="12345")
    assert "id_number" in exc.value.fields
    assert not Student.objects.filter(name="x").exists()
