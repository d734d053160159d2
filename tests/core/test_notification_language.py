"""Each reader sees a notification in their own language, whatever language it was sent in."""

from __future__ import annotations

import pytest
from django.core import mail
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from safecampus.compliance.reminders import sweep
from safecampus.core.models import Notification
from safecampus.core.notify import notify
from safecampus.hazards.services import report_hazard
from tests.compliance.conftest import at


def _api_title(world, username: str, language: str, pk: int) -> str:
    rows = world.api(username, language).get("/api/v1/notifications?page_size=500").json()["results"]
    return next(n["title"] for n in rows if n["id"] == pk)


def _report_in_chinese(world) -> Notification:
    with translation.override("zh-hans"):
        hazard = report_hazard(actor=world.user("teacher_a"), org_unit=world.school_a, title="Broken railing",
                               category="building", level="general")
    return Notification.objects.get(kind="hazard.reported", user=world.user("principal_a"),
                                    url=hazard.get_absolute_url())


def test_a_message_sent_in_chinese_reads_in_english_for_an_english_reader(world):
    note = _report_in_chinese(world)
    assert note.title == "A小学 新上报隐患：Broken railing"  # the default language, what e-mail carries
    assert note.title_en == "New hazard at School A: Broken railing"
    assert _api_title(world, "principal_a", "en", note.pk) == "New hazard at School A: Broken railing"
    assert _api_title(world, "principal_a", "zh-hans", note.pk) == "A小学 新上报隐患：Broken railing"
    inbox = world.web("principal_a").get("/notifications/").content.decode()
    assert "New hazard at School A: Broken railing" in inbox and "新上报隐患" not in inbox
    inbox_zh = world.web("principal_a", "zh-hans").get("/notifications/").content.decode()
    assert "A小学 新上报隐患：Broken railing" in inbox_zh
    home = world.web("principal_a").get("/").content.decode()
    assert "New hazard at School A: Broken railing" in home and "新上报隐患" not in home


def test_the_api_keeps_its_fields(world):
    note = _report_in_chinese(world)
    rows = world.api("principal_a").get("/api/v1/notifications?page_size=500").json()["results"]
    row = next(n for n in rows if n["id"] == note.pk)
    assert set(row) == {"id", "at", "kind", "title", "body", "url", "read"}
    assert world.api("principal_a").post(f"/api/v1/notifications/{note.pk}/read").json()["title"] \
        == "New hazard at School A: Broken railing"


@pytest.fixture
def rule(world):
    """A monthly duty of the central school, named in both languages; the only one in force."""
    from safecampus.compliance.models import Obligation
    from safecampus.compliance.services import create_obligation

    Obligation.objects.filter(active=True).update(active=False)
    return create_obligation(actor=None, org_unit=world.central, data={
        "code": "lang-rule", "title": "Test duty", "title_zh": "测试职责", "period": "monthly",
        "evidence_kind": "compliance.attestation", "remind_days": 3, "grace_days": 7})


def test_a_compliance_reminder_reads_in_both_languages(world, rule):
    sweep(at("2026-11-28 09:00"))
    note = Notification.objects.get(kind="compliance.due_soon", user=world.user("officer_a"))
    assert _api_title(world, "officer_a", "en", note.pk) == "Due soon: Test duty (School A, due Nov. 30, 2026)"
    assert _api_title(world, "officer_a", "zh-hans", note.pk) == "即将到期：测试职责（A小学，2026年11月30日截止）"
    assert (note.body, note.body_en) == ("截止日期 2026年11月30日。", "Due Nov. 30, 2026.")
    page = world.web("officer_a").get("/notifications/").content.decode()
    assert "Due soon: Test duty (School A, due Nov. 30, 2026)" in page and "Due Nov. 30, 2026." in page


def test_an_old_row_without_english_falls_back_to_the_default_language(world):
    old = Notification.objects.create(user=world.user("officer_a"), kind="test", title="旧的通知", body="旧的正文")
    assert _api_title(world, "officer_a", "en", old.pk) == "旧的通知"
    with translation.override("en"):
        assert (old.display_title, old.display_body) == ("旧的通知", "旧的正文")
    assert "旧的通知" in world.web("officer_a").get("/notifications/").content.decode()


def test_plain_and_lazy_texts(world):
    plain = notify([world.user("officer_a")], kind="test", title="Check the gate", body="Now")[0]
    assert (plain.title, plain.title_en, plain.body, plain.body_en) == ("Check the gate",) * 2 + ("Now",) * 2
    lazy = notify([world.user("officer_a")], kind="test", title=gettext_lazy("Notifications"))[0]
    assert (lazy.title, lazy.title_en) == ("通知", "Notifications")


def test_dedupe_still_sends_once_and_e_mail_carries_the_default_language(world, django_capture_on_commit_callbacks):
    calls = []

    def title() -> str:
        calls.append(translation.get_language())
        return _("Hazard closed: %(title)s") % {"title": "Gate"}

    sent_before = len(mail.outbox)
    with django_capture_on_commit_callbacks(execute=True):
        for _round in range(2):
            notify([world.user("officer_a")], kind="test", title=title, dedupe_key="lang-test:1")
    assert world.user("officer_a").notifications.filter(dedupe_key__startswith="lang-test:1:").count() == 1
    assert len(mail.outbox) == sent_before + 1
    assert mail.outbox[-1].subject == "隐患已销号：Gate"
    assert sorted(calls) == ["en", "en", "zh-hans", "zh-hans"]  # once per language per call


def test_many_recipients_are_one_insert_and_a_key_used_before_skips_only_its_reader(world):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    readers = [world.user(name) for name in ("officer_a", "principal_a", "teacher_a")]
    with CaptureQueriesContext(connection) as ran:
        sent = notify(readers, kind="test", title="Gate open")
    assert [q["sql"].split()[0] for q in ran.captured_queries].count("INSERT") == 1
    assert [n.user for n in sent] == readers and all(n.pk for n in sent)
    notify(readers[1:2], kind="test", title="Once", dedupe_key="batch-test")
    again = notify(readers, kind="test", title="Once", dedupe_key="batch-test")
    assert [n.user for n in again] == [readers[0], readers[2]]
    assert Notification.objects.filter(dedupe_key__startswith="batch-test:").count() == 3
