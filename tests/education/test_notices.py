"""Notices to parents: one receipt per guardian and pupil, a personal page that leaks nothing, one
acknowledgement however often it is pressed, and the holiday-notice evidence."""

from __future__ import annotations

import re
import subprocess
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.test import Client

from safecampus.compliance.engine import evaluate
from safecampus.compliance.models import Obligation
from safecampus.core.models import AuditEvent
from safecampus.core.testing.queries import exact_queries
from safecampus.education.models import NoticeReceipt, ParentNotice
from safecampus.education.services.common import local_today
from safecampus.org.models import GuardianLink, Student

from .helpers import lesson_day, notice

pytestmark = pytest.mark.django_db


def _pupils_under(unit):
    return GuardianLink.objects.filter(student__org_unit__path__startswith=unit.path).count()


def test_post_notice_makes_one_receipt_per_guardian_and_pupil(world):
    api = world.api("officer_a")
    response = api.post("/api/v1/parent-notices", {"org_unit": world.school_a.pk, "title": "Winter letter",
                                                   "body": "Stay safe"}, format="json")
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["recipients"] == _pupils_under(world.school_a) == 36
    detail = api.get(f"/api/v1/parent-notices/{body['id']}").json()
    assert (detail["recipients"], detail["acknowledged"]) == (36, 0)
    receipts = api.get(f"/api/v1/parent-notices/{body['id']}/receipts?page_size=200").json()["results"]
    assert len(receipts) == 36
    assert {"guardian", "student", "link", "acknowledged_at"} <= set(receipts[0])
    assert len({r["link"] for r in receipts}) == 36


def test_second_guardian_gets_a_receipt_of_their_own(world):
    from safecampus.org import services as org

    student = Student.objects.filter(org_unit=world.class_a).first()
    org.add_guardian(actor=None, student=student, name="Second parent", phone="13900001111")
    sent = notice(world, unit=world.class_a)
    assert sent.recipients == 13
    assert NoticeReceipt.objects.filter(notice=sent, student=student).count() == 2


def test_parent_page_shows_the_notice_and_nothing_else(world):
    sent = notice(world, unit=world.class_a, title="寒假告家长书", body="注意防溺水")
    receipt = NoticeReceipt.objects.filter(notice=sent).select_related("student", "guardian").first()
    response = Client(HTTP_ACCEPT_LANGUAGE="zh-hans").get(receipt.link_path)
    html = response.content.decode()
    assert response.status_code == 200 and "寒假告家长书" in html and "我已阅读" in html
    others = Student.objects.filter(org_unit__path__startswith=world.school_a.path).exclude(pk=receipt.student_id)
    assert not any(s.name in html for s in others)
    assert receipt.guardian.phone not in html and "id_number" not in html
    hrefs = re.findall(r'href="([^"]+)"', html)
    assert all(h.startswith("/static/") for h in hrefs), hrefs   # no way into the system
    assert response["Cache-Control"] == "no-store" and response["Referrer-Policy"] == "same-origin"
    receipt.refresh_from_db()
    assert receipt.opened_at is not None and receipt.acknowledged_at is None


def test_two_presses_one_acknowledgement(world):
    sent = notice(world, unit=world.class_a)
    receipt = NoticeReceipt.objects.filter(notice=sent).first()
    client = Client()
    first = client.post(receipt.link_path)
    receipt.refresh_from_db()
    at = receipt.acknowledged_at
    second = client.post(receipt.link_path)
    receipt.refresh_from_db()
    assert first.status_code == second.status_code == 200
    assert at is not None and receipt.acknowledged_at == at
    assert AuditEvent.objects.filter(action="education.notice_acknowledged", object_id=str(receipt.pk)).count() == 1
    assert world.api("officer_a").get(f"/api/v1/parent-notices/{sent.pk}").json()["acknowledged"] == 1


@pytest.mark.parametrize("token", ["", "abc", "x" * 43, "A" * 42, "../../admin"])
def test_wrong_or_forged_token_is_404(world, token):
    assert Client().get(f"/education/n/{token or 'z'}/").status_code == 404
    assert Client().post(f"/education/n/{token or 'z'}/").status_code == 404


def test_truncated_or_expired_token_is_404(world):
    sent = notice(world, unit=world.class_a)
    receipt = NoticeReceipt.objects.filter(notice=sent).first()
    assert Client().get(f"/education/n/{receipt.token[:-1]}/").status_code == 404
    ParentNotice.objects.filter(pk=sent.pk).update(expires_on=local_today(world.school_a) - timedelta(days=1))
    assert Client().get(receipt.link_path).status_code == 404
    assert Client().post(receipt.link_path).status_code == 404


def test_acknowledgements_are_rate_limited_per_token(world):
    cache.clear()
    sent = notice(world, unit=world.class_a)
    first, second = NoticeReceipt.objects.filter(notice=sent)[:2]
    statuses = [Client().post(first.link_path).status_code for _ in range(13)]
    # The first press acknowledges; the ten after it are answered, then the link is held back a while.
    assert statuses[:11] == [200] * 11 and statuses[-1] == 429
    assert Client().post(second.link_path).status_code == 200   # another family is not held up


def test_parent_page_queries_are_few(world):
    sent = notice(world, unit=world.class_a)
    receipt = NoticeReceipt.objects.filter(notice=sent).first()
    client = Client()
    client.get(receipt.link_path)
    with exact_queries(3):   # the receipt with its notice, the notice's attachments, the school
        client.get(receipt.link_path)


def test_school_sees_rates_per_class_and_masked_phones(world):
    sent = notice(world)
    receipts = list(NoticeReceipt.objects.filter(notice=sent, org_unit=world.class_a).select_related("guardian"))
    for r in receipts[:6]:
        Client().post(r.link_path)
    response = world.web("officer_a").get(f"/education/notices/{sent.pk}/")
    html = response.content.decode()
    rate = next(r for r in response.context["rates"] if r.unit.pk == world.class_a.pk)
    assert (rate.recipients, rate.acknowledged, rate.rate) == (12, 6, 50)
    waiting = receipts[6]
    assert waiting.guardian.phone not in html
    assert waiting.guardian.phone[:3] + "****" + waiting.guardian.phone[-4:] in html


def test_acknowledgement_page_has_a_fixed_query_count(world):
    small = notice(world, unit=world.class_a)
    big = notice(world)
    web = world.web("officer_a")
    web.get(f"/education/notices/{small.pk}/")
    counts = []
    for sent in (small, big):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as ctx:
            assert web.get(f"/education/notices/{sent.pk}/").status_code == 200
        counts.append(len(ctx.captured_queries))
    assert counts[0] == counts[1]
    with exact_queries(counts[1]):
        web.get(f"/education/notices/{big.pk}/?page=1")


def test_links_page_and_qr_sheet(world, tmp_path):
    sent = notice(world, unit=world.class_a)
    web = world.web("officer_a")
    links = web.get(f"/education/notices/{sent.pk}/links/").content.decode()
    receipt = NoticeReceipt.objects.filter(notice=sent).select_related("student").first()
    assert receipt.token in links
    pdf = web.get(f"/education/notices/{sent.pk}/qr/{world.class_a.pk}.pdf")
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    path = tmp_path / "qr.pdf"
    path.write_bytes(pdf.content)
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, check=True,
                          text=True).stdout
    assert receipt.student.name in text and sent.title in text
    other = world.unit("school_b:Class 1-1")
    assert web.get(f"/education/notices/{sent.pk}/qr/{other.pk}.pdf").status_code == 404


@pytest.mark.parametrize(("change", "field"), [({"title": ""}, "title"), ({"body": "x" * 5001}, "body"),
                                               ({"kind": "party"}, "kind"), ({"org_unit": 10**9}, "org_unit")])
def test_bad_notice_input_is_400(world, change, field):
    body = {"org_unit": world.school_a.pk, "title": "t", "body": "b", **change}
    response = world.api("officer_a").post("/api/v1/parent-notices", body, format="json")
    assert response.status_code == 400 and field in response.json()["fields"]
    assert not ParentNotice.objects.filter(title="t").exists()


def test_notice_to_a_central_school_is_refused(world):
    response = world.api("central").post("/api/v1/parent-notices", {"org_unit": world.central.pk, "title": "t",
                                                                   "body": "b"}, format="json")
    assert response.status_code == 400 and "org_unit" in response.json()["fields"]


def test_holiday_notice_to_every_class_meets_the_rule(world):
    school = world.school_b
    _day, holiday = lesson_day(school)
    eve = holiday.start - timedelta(days=1)
    rule = Obligation.objects.get(code="holiday-parent-notice", org_unit=world.central)

    def done():
        return next(r for r in evaluate(roots=[school.path], rules=[rule], day=eve) if r.unit_id == school.pk).done

    assert done() == 0
    grades = sorted({u.parent for u in (world.unit("school_b:Class 1-1"), world.unit("school_b:Class 3-1"))},
                    key=lambda g: g.path)
    notice(world, who="officer_b", unit=grades[0], kind="holiday")
    assert done() == 0
    notice(world, who="officer_b", unit=grades[1], kind="general")   # not a holiday notice
    assert done() == 0
    notice(world, who="officer_b", unit=grades[1], kind="holiday")
    assert done() == 1


def test_double_submit_of_the_form_sends_once(world):
    data = {"org_unit": world.class_a.pk, "kind": "holiday", "title": "Once", "body": "b", "request_id": "r-1"}
    web = world.web("teacher_a")
    assert web.post("/education/notices/new/", data).status_code == 302
    assert web.post("/education/notices/new/", data).status_code == 302
    assert ParentNotice.objects.filter(title="Once").count() == 1
