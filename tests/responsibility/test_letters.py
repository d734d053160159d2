"""Responsibility letters: signing, batches, verification, the PDF, bad input and query budgets."""

from __future__ import annotations

import subprocess

import pytest
from django.urls import reverse

from safecampus.core.errors import Forbidden, InvalidInput
from safecampus.core.testing.queries import exact_queries
from safecampus.responsibility import services
from safecampus.responsibility.choices import BatchKind
from safecampus.responsibility.models import ResponsibilityLetter

from .helpers import letter_of

pytestmark = pytest.mark.django_db


def _sign_url(letter) -> str:
    return f"/api/v1/responsibility-letters/{letter.pk}/sign"


def test_only_the_recipient_signs_and_only_once(world):
    letter = letter_of(world, "teacher_a")
    assert letter.status == "issued"
    for other in ("officer_a", "principal_a", "central", "guard_a"):
        assert world.api(other).post(_sign_url(letter), {}, format="json").status_code == 403
    assert world.api("officer_b").post(_sign_url(letter), {}, format="json").status_code == 404
    response = world.api("teacher_a").post(_sign_url(letter), {"signed_name": "周老师"}, format="json")
    assert response.status_code == 200, response.content
    assert response.json()["status"] == "signed" and response.json()["signed_at"]
    again = world.api("teacher_a").post(_sign_url(letter), {}, format="json")
    assert again.status_code == 409
    letter.refresh_from_db()
    assert letter.signed_name == "周老师"
    # A non-recipient still gets 403 on a signed letter: who may sign does not depend on state.
    assert world.api("officer_a").post(_sign_url(letter), {}, format="json").status_code == 403


def test_sign_service_refuses_others(world):
    letter = letter_of(world, "teacher_a")
    with pytest.raises(Forbidden):
        services.sign_letter(letter, actor=world.user("officer_a"))


def test_batch_issue_is_idempotent(world):
    principal, school = world.user("principal_a"), world.school_a
    first = services.issue_batch(actor=principal, org_unit=school, kind=BatchKind.STAFF, year=2031)
    recipients = {x.recipient_id for x in first.created}
    assert {world.user(u).pk for u in ("teacher_a", "officer_a", "guard_a", "canteen_a")} <= recipients
    assert world.user("principal_a").pk not in recipients
    second = services.issue_batch(actor=principal, org_unit=school, kind=BatchKind.STAFF, year=2031)
    assert second.created == [] and second.existing == len(first.created)
    letters = ResponsibilityLetter.objects.filter(year=2031)
    assert letters.count() == len(first.created)
    assert letters.values("recipient", "level").distinct().count() == letters.count()


def test_batch_submitted_twice_through_the_page(world):
    client = world.web("central")
    data = {"org_unit": world.central.pk, "kind": "principals", "year": 2032, "language": "zh-hans"}
    url = reverse("responsibility:letter-batch")
    assert client.post(url, data).status_code == 302
    assert client.post(url, data).status_code == 302
    letters = ResponsibilityLetter.objects.filter(year=2032)
    assert sorted(letters.values_list("recipient__username", flat=True)) == ["principal_a", "principal_b",
                                                                             "principal_c"]
    assert all("学校安全工作目标责任书" in t for t in letters.values_list("title", flat=True))


def test_batch_needs_the_right_level(world):
    with pytest.raises(InvalidInput) as exc:
        services.issue_batch(actor=world.user("principal_a"), org_unit=world.school_a,
                             kind=BatchKind.PRINCIPALS, year=2031)
    assert "org_unit" in exc.value.fields
    with pytest.raises(Forbidden):
        services.issue_batch(actor=world.user("teacher_a"), org_unit=world.school_a, kind=BatchKind.STAFF,
                             year=2031)


def test_renewal_reissues_for_the_next_year(world):
    year = letter_of(world, "teacher_a").year
    result = services.renew_letters(actor=world.user("principal_a"), org_unit=world.school_a,
                                    from_year=year, to_year=year + 1)
    assert {x.recipient.username for x in result.created} >= {"teacher_a", "guard_a", "officer_a"}
    assert all(x.year == year + 1 and x.status == "issued" for x in result.created)


def test_verification_accepts_the_genuine_letter_and_rejects_forgeries(world, client):
    letter = letter_of(world, "officer_a")
    assert letter.status == "signed"
    digest = services.letter_digest(letter)
    ok = client.get(reverse("responsibility:verify", args=[letter.pk, digest]))
    assert ok.status_code == 200 and b"verify-ok" in ok.content and letter.title.encode() in ok.content
    # A made-up code, a code moved to another letter, and an altered letter are all refused.
    forged = client.get(reverse("responsibility:verify", args=[letter.pk, "0" * 32]))
    assert forged.status_code == 404 and b"verify-bad" in forged.content and b"verify-ok" not in forged.content
    other = letter_of(world, "canteen_a")
    assert client.get(reverse("responsibility:verify", args=[other.pk, digest])).status_code == 404
    ResponsibilityLetter.objects.filter(pk=letter.pk).update(duties="改过的职责")
    assert client.get(reverse("responsibility:verify", args=[letter.pk, digest])).status_code == 404
    # An unsigned letter has no valid code at all.
    unsigned = letter_of(world, "teacher_a")
    assert services.verify_letter(unsigned.pk, services.letter_digest(unsigned)) is None


def test_signed_letter_pdf_has_chinese_text_and_the_verification_url(world, tmp_path):
    letter = letter_of(world, "officer_a")
    response = world.web("officer_a").get(reverse("responsibility:letter-pdf", args=[letter.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    pdf = tmp_path / "letter.pdf"
    pdf.write_bytes(response.content)
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, check=True,
                          text=True).stdout
    assert "岗位安全责任书" in text
    assert "李专干" in text
    assert services.letter_digest(letter) in text.replace("\n", "")


def test_meeting_minutes_pdf_renders(world, tmp_path):
    from safecampus.responsibility.models import Meeting

    meeting = Meeting.objects.filter(org_unit=world.school_a).first()
    response = world.web("officer_a").get(reverse("responsibility:meeting-pdf", args=[meeting.pk]))
    pdf = tmp_path / "m.pdf"
    pdf.write_bytes(response.content)
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, check=True,
                          text=True).stdout
    assert "消防安全专题会议" in text


@pytest.mark.parametrize(("data", "field"), [
    ({"year": 2030, "title": "", "duties": ["x"]}, "title"),
    ({"year": "abc", "title": "T", "duties": ["x"]}, "year"),
    ({"year": 1800, "title": "T", "duties": ["x"]}, "year"),
    ({"year": 2030, "title": "T", "duties": []}, "duties"),
    ({"year": 2030, "title": "T", "duties": {"a": 1}}, "duties"),
    ({"year": 2030, "title": "T", "duties": ["x"], "colour": "red"}, "colour"),
    ({"year": 2030, "title": "T", "duties": ["x"], "recipient": 999999}, "recipient"),
])
def test_issue_bad_input_is_400_naming_the_field(world, data, field):
    before = ResponsibilityLetter.objects.count()
    payload = {"org_unit": world.school_a.pk, "recipient": world.user("teacher_a").pk, **data}
    response = world.api("principal_a").post("/api/v1/responsibility-letters", payload, format="json")
    assert response.status_code == 400, response.content
    assert field in response.json()["fields"]
    assert ResponsibilityLetter.objects.count() == before


def test_issue_from_a_unit_below_the_recipient_is_400(world):
    # The central officer is above School A: a school cannot issue to someone who works above it.
    payload = {"org_unit": world.school_a.pk, "recipient": world.user("central").pk, "year": 2030,
               "title": "T", "duties": ["x"]}
    response = world.api("central").post("/api/v1/responsibility-letters", payload, format="json")
    assert response.status_code == 400 and "recipient" in response.json()["fields"]


def test_issue_one_letter(world):
    payload = {"org_unit": world.school_a.pk, "recipient": world.user("guard_a").pk, "year": 2030,
               "title": "门卫岗位补充责任书", "duties": "严格来访登记\n上课期间关闭校门"}
    response = world.api("officer_a").post("/api/v1/responsibility-letters", payload, format="json")
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["status"] == "issued" and body["duties"] == ["严格来访登记", "上课期间关闭校门"]
    listed = world.api("guard_a").get("/api/v1/responsibility-letters?status=issued&year=2030").json()
    assert [r["id"] for r in listed["results"]] == [body["id"]]


def test_signature_must_be_an_image(world):
    letter = letter_of(world, "teacher_a")
    response = world.api("teacher_a").post(_sign_url(letter), {"signature": "javascript:alert(1)"}, format="json")
    assert response.status_code == 400 and "signature" in response.json()["fields"]
    letter.refresh_from_db()
    assert letter.status == "issued"


def test_list_filters_and_bad_filter(world):
    api = world.api("central")
    signed = api.get("/api/v1/responsibility-letters?status=signed").json()["results"]
    assert signed and all(r["status"] == "signed" for r in signed)
    assert api.get("/api/v1/responsibility-letters?status=nope").status_code == 400
    assert api.get("/api/v1/responsibility-letters?year=x").status_code == 400
    own = world.api("teacher_a").get("/api/v1/responsibility-letters").json()["results"]
    assert {r["recipient"] for r in own} == {world.user("teacher_a").pk}


def test_letter_list_query_count_does_not_grow(world):
    api = world.api("central")
    url = "/api/v1/responsibility-letters?page_size=200"
    api.get(url)  # warm caches (content types, sessions)
    with exact_queries(4):
        first = api.get(url)
    services.issue_batch(actor=world.user("principal_a"), org_unit=world.school_a, kind=BatchKind.STAFF,
                         year=2033)
    with exact_queries(4):
        second = api.get(url)
    assert second.json()["count"] > first.json()["count"]


def test_letter_list_page_query_count_does_not_grow(world):
    client = world.web("central")
    url = reverse("responsibility:letter-list")
    client.get(url)
    with exact_queries(6) as ctx:
        client.get(url)
    services.issue_batch(actor=world.user("principal_a"), org_unit=world.school_a, kind=BatchKind.STAFF,
                         year=2033)
    with exact_queries(len(ctx.captured_queries)):
        client.get(url)


def test_reminders_are_sent_once_a_day(world):
    from safecampus.core.models import Notification

    year = letter_of(world, "teacher_a").year
    sent = services.remind_unsigned(actor=world.user("officer_a"), org_unit=world.school_a, year=year)
    assert sent == 2  # teacher_a and guard_a
    assert services.remind_unsigned(actor=world.user("officer_a"), org_unit=world.school_a, year=year) == 0
    assert Notification.objects.filter(user=world.user("teacher_a"), kind="responsibility.reminder").count() == 1


def test_signing_marks_the_request_to_sign_as_read(world):
    from safecampus.core.models import Notification

    letter = letter_of(world, "teacher_a")
    services.remind_unsigned(actor=world.user("officer_a"), org_unit=world.school_a, year=letter.year)
    unread = Notification.objects.filter(user=world.user("teacher_a"), read_at=None,
                                         kind__in=["responsibility.letter", "responsibility.reminder"])
    assert unread.count() == 2
    services.sign_letter(letter, actor=world.user("teacher_a"))
    assert unread.count() == 0


def test_a_school_words_its_own_letters(world):
    from safecampus.responsibility.models import LetterTemplate

    response = world.web("principal_a").post(reverse("responsibility:template-create"), {"unit": world.school_a.pk})
    assert response.status_code == 302
    tpl = LetterTemplate.objects.get(org_unit=world.school_a, level="class")
    services.update_template(tpl, actor=world.user("principal_a"), title="Class letter {year}",
                             title_zh="{year}学年A小学班级安全责任书", body="{recipient}",
                             body_zh="{unit}班主任{recipient}")
    result = services.issue_batch(actor=world.user("principal_a"), org_unit=world.school_a, kind=BatchKind.STAFF,
                                  year=2034)
    letter = next(x for x in result.created if x.level == "class")
    assert letter.title == "2034-2035学年A小学班级安全责任书" and letter.template_id == tpl.pk
    # School B still uses the central school's wording.
    other = services.issue_batch(actor=world.user("principal_b"), org_unit=world.school_b, kind=BatchKind.STAFF,
                                 year=2034)
    assert all("A小学" not in x.title for x in other.created)


def test_a_letter_is_signed_under_the_signers_own_name_only(world):
    letter = letter_of(world, "teacher_a")
    refused = world.api("teacher_a").post(_sign_url(letter), {"signed_name": "张三"}, format="json")
    assert refused.status_code == 400 and "signed_name" in refused.json()["fields"]
    letter.refresh_from_db()
    assert letter.status == "issued" and letter.signed_name == ""
    ok = world.api("teacher_a").post(_sign_url(letter), {"signed_name": " 周 老师 "}, format="json")
    assert ok.status_code == 200
    letter.refresh_from_db()
    assert letter.signed_name == "周老师"
