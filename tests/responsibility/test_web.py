"""The HTML doors call the same services: forms, uploads, errors shown on the form."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from safecampus.core.files import attachments_of
from safecampus.core.testing.concurrency import at_once
from safecampus.responsibility.models import Meeting, MeetingAction, ResponsibilityLetter

from .helpers import letter_of

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.mark.django_db
def test_record_a_meeting_with_actions_and_a_document(world):
    client = world.web("officer_a")
    data = {"org_unit": world.school_a.pk, "kind": "start_of_year", "title": "开学安全工作会议",
            "held_at": "2026-09-01T08:30", "minutes": "部署开学安全工作",
            "attendees": [world.user("teacher_a").pk, world.user("guard_a").pk],
            "actions": "检查校门监控 | guard_a | 2026-09-10\n上好开学第一课 | teacher_a | 2026-09-05",
            "documents": SimpleUploadedFile("notice.pdf", PDF, content_type="application/pdf")}
    response = client.post(reverse("responsibility:meeting-create"), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    meeting = Meeting.objects.get(title="开学安全工作会议")
    assert meeting.attendees.count() == 2
    assert sorted(MeetingAction.objects.filter(meeting=meeting).values_list("owner__username", flat=True)) == [
        "guard_a", "teacher_a"]
    assert [a.mime_type for a in attachments_of(meeting)] == ["application/pdf"]
    page = client.get(meeting.get_absolute_url())
    assert "检查校门监控" in page.content.decode()


@pytest.mark.django_db
def test_meeting_form_errors_are_400_and_write_nothing(world):
    before = Meeting.objects.count()
    data = {"org_unit": world.school_a.pk, "kind": "special", "title": "会议", "held_at": "2026-09-01T08:30",
            "actions": "没有负责人的任务"}
    response = world.web("officer_a").post(reverse("responsibility:meeting-create"), data)
    assert response.status_code == 400
    data["actions"] = "任务 | teacher_a | 2026-08-01"  # due before the meeting
    response = world.web("officer_a").post(reverse("responsibility:meeting-create"), data)
    assert response.status_code == 400
    assert Meeting.objects.count() == before


@pytest.mark.django_db
def test_sign_form_needs_the_confirmation(world):
    letter = letter_of(world, "teacher_a")
    url = reverse("responsibility:letter-sign", args=[letter.pk])
    response = world.web("teacher_a").post(url, {"signed_name": "周老师"})
    assert response.status_code == 400
    letter.refresh_from_db()
    assert letter.status == "issued"


@pytest.mark.django_db
def test_openapi_describes_the_responsibility_endpoints(world):
    schema = world.api("officer_a").get("/api/v1/openapi.json")
    assert schema.status_code == 200
    paths = schema.json()["paths"]
    for path in ("/api/v1/posts", "/api/v1/responsibility-letters", "/api/v1/responsibility-letters/{id}/sign",
                 "/api/v1/meetings", "/api/v1/rules", "/api/v1/rules/{id}/acknowledge"):
        assert path in paths, path


def test_concurrent_batches_issue_each_letter_once(pg_only, transactional_db):
    from safecampus.core.testing.personas import World
    from safecampus.responsibility import services
    from safecampus.responsibility.choices import BatchKind

    world = World()

    _results, errors = at_once(lambda: services.issue_batch(
        actor=world.user("principal_a"), org_unit=world.school_a, kind=BatchKind.STAFF, year=2040))
    assert not errors
    letters = ResponsibilityLetter.objects.filter(year=2040)
    assert letters.count() == letters.values("recipient", "level").distinct().count() >= 4


GARBAGE = {"org_unit": "x", "kind": "??", "year": "two thousand", "title": "", "duties": "", "recipient": "-1",
           "language": "klingon", "from_year": "1", "held_at": "soon", "actions": "a | b", "codes": ["nope"],
           "unit": "abc", "user_account": "zz", "team_role": "boss", "duties_en": "", "body": "", "version": "x",
           "note": "", "signed_name": "", "confirm": "maybe", "signature": "data:text/html,<b>"}


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["team-create", "letter-issue", "letter-batch", "letter-renew", "meeting-create",
                                  "rule-adopt", "letter-remind"])
def test_garbage_to_forms_is_never_a_500(world, name):
    response = world.web("central").post(reverse(f"responsibility:{name}"), GARBAGE)
    assert response.status_code in (302, 400, 404), response.status_code


@pytest.mark.django_db
def test_garbage_to_object_forms_is_never_a_500(world):
    from safecampus.org.models import Post
    from safecampus.responsibility.models import LetterTemplate, SafetyTeam, SchoolRule

    client = world.web("central")
    urls = [reverse("responsibility:member-add", args=[SafetyTeam.objects.filter(org_unit=world.school_a).first().pk]),
            reverse("responsibility:template-edit", args=[LetterTemplate.objects.first().pk]),
            reverse("responsibility:rule-revise", args=[SchoolRule.objects.filter(org_unit=world.school_a).first().pk]),
            reverse("responsibility:post-edit", args=[Post.objects.first().pk])]
    for url in urls:
        assert client.post(url, GARBAGE).status_code == 400, url
    letter = letter_of(world, "teacher_a")
    assert world.web("teacher_a").post(reverse("responsibility:letter-sign", args=[letter.pk]),
                                       GARBAGE).status_code == 400
    assert client.get(reverse("responsibility:letter-unsigned") + "?year=abc").status_code == 200
    assert client.get(reverse("responsibility:letter-list") + "?year=abc&status=zz").status_code == 200


def test_a_member_reads_the_team_of_the_unit_above_from_my_duties(world):
    page = world.web("principal_a").get("/responsibility/").content.decode()
    from safecampus.responsibility.models import SafetyTeam

    central = SafetyTeam.objects.filter(org_unit=world.central, members__user=world.user("principal_a")).first()
    assert central is not None and central.get_absolute_url() in page
    assert world.web("principal_a").get(central.get_absolute_url()).status_code == 200
    assert world.web("officer_b").get(central.get_absolute_url()).status_code == 404
