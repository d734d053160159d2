"""Who may open each education page and endpoint: sign-in / 401, 404 out of scope, 403 without the right.

The parent's link needs no sign-in: it is covered here by its own cases (a live token is 200 to anyone,
anything else 404) and in test_notices.py."""

from __future__ import annotations

import pytest
from django.test import Client

from safecampus.core.testing.matrix import Case, matrix_test
from safecampus.education.models import Campaign, NoticeReceipt, TrainingProgramme
from safecampus.education.services.common import local_today

from .helpers import lesson, notice, training


def _lesson(school="a"):
    def setup(world):
        if school == "a":
            return {"kwargs": {"pk": lesson(world).pk}}
        return {"kwargs": {"pk": lesson(world, who="teacher_b", unit=world.unit("school_b:Class 1-1")).pk}}
    return setup


def _class(key):
    def setup(world):
        return {"kwargs": {"pk": world.unit(key).pk}}
    return setup


def _notice(school="a", extra=None):
    def setup(world):
        sent = notice(world) if school == "a" else notice(world, who="officer_b", unit=world.school_b)
        kwargs = {"pk": sent.pk}
        if extra == "qr":
            kwargs["klass"] = (world.class_a if school == "a" else world.unit("school_b:Class 1-1")).pk
        return {"kwargs": kwargs}
    return setup


def _training(school="a"):
    def setup(world):
        made = training(world) if school == "a" else training(world, who="officer_b", unit=world.school_b,
                                                              attendees=[world.user("teacher_b")])
        return {"kwargs": {"pk": made.pk}}
    return setup


def _programme(world):
    return {"kwargs": {"pk": TrainingProgramme.objects.get(org_unit=world.central).pk}}


def _campaign(world):
    return {"kwargs": {"pk": Campaign.objects.get(org_unit=world.central).pk}}


def _school_campaign(world):
    from safecampus.education import services

    made = services.create_campaign(actor=world.user("officer_b"), org_unit=world.school_b, kind="fire_day",
                                    title="B fire day", starts_on="2026-11-09", ends_on="2026-11-09")
    return {"kwargs": {"pk": made.pk}}


def _new_lesson(world):
    return {"data": {"org_unit": world.class_a.pk, "topic": "traffic", "kind": "regular",
                     "held_on": local_today(world.class_a).isoformat()}}


def _new_notice(world):
    return {"data": {"org_unit": world.class_a.pk, "title": "Letter", "body": "Text"}}


def _new_training(world):
    return {"data": {"org_unit": world.school_a.pk, "title": "Fire", "held_on": local_today(world.school_a).isoformat(),
                     "hours": 2, "attendees": [world.user("guard_a").pk]}}


def _coverage(unit):
    def setup(world):
        return {"query": f"?org_unit={getattr(world, unit).pk}"}
    return setup


SCHOOL_A = ("teacher_a", "guard_a", "officer_a", "principal_a", "central", "authority")

CASES = [
    # Lessons
    Case("education:lessons", allowed=SCHOOL_A),
    Case("education:lesson-new", allowed=("teacher_a", "officer_a", "central"), forbidden=("guard_a", "authority")),
    Case("education:lesson-detail", setup=_lesson("b"), allowed=("teacher_b", "officer_b", "central", "authority"),
         hidden=("teacher_a", "officer_a", "officer_c")),
    Case("education:class-topics", setup=_class("school_a:Class 1-1"), allowed=SCHOOL_A,
         hidden=("officer_b", "teacher_b")),
    Case("education:topics", allowed=SCHOOL_A),
    Case("education:before-holiday", allowed=SCHOOL_A),
    Case("education:before-holiday", id="another school's", query="?school=999999", allowed=("officer_b",)),
    Case("education:topic-new", allowed=("central", "authority"), forbidden=("officer_a", "teacher_a")),
    Case("lesson-list", allowed=SCHOOL_A, ok=(200,)),
    Case("lesson-list", method="post", id="POST lesson-list", setup=_new_lesson,
         allowed=("teacher_a", "officer_a", "central"), forbidden=("guard_a", "authority"), ok=(201,)),
    Case("lesson-detail", setup=_lesson("b"), allowed=("teacher_b", "central", "authority"),
         hidden=("teacher_a", "officer_c"), ok=(200,)),
    # Notices
    Case("education:notices", allowed=("teacher_a", "officer_a", "central", "authority"), forbidden=("guard_a",)),
    Case("education:notice-new", allowed=("teacher_a", "officer_a", "central"), forbidden=("guard_a", "authority")),
    Case("education:notice-detail", setup=_notice("b"), allowed=("officer_b", "central", "authority"),
         hidden=("officer_a", "teacher_a"), forbidden=("teacher_b",)),
    Case("education:notice-links", setup=_notice("a"), allowed=("officer_a", "central"),
         forbidden=("guard_a", "teacher_a"), hidden=("officer_b",)),
    Case("education:notice-qr", setup=_notice("a", "qr"), allowed=("officer_a", "central"),
         forbidden=("guard_a",), hidden=("officer_b",), ok=(200,)),
    Case("parent-notice-list", allowed=("teacher_a", "officer_a", "central", "authority"), forbidden=("guard_a",),
         ok=(200,)),
    Case("parent-notice-list", method="post", id="POST parent-notice-list", setup=_new_notice,
         allowed=("teacher_a", "officer_a", "central"), forbidden=("guard_a", "authority"), ok=(201,)),
    Case("parent-notice-detail", setup=_notice("b"), allowed=("officer_b", "central", "authority"),
         hidden=("officer_a",), forbidden=("teacher_b",), ok=(200,)),
    Case("parent-notice-receipts", setup=_notice("b"), allowed=("officer_b", "central", "authority"),
         hidden=("officer_a",), forbidden=("teacher_b",), ok=(200,)),
    # Training
    Case("education:trainings", allowed=SCHOOL_A),
    Case("education:training-new", allowed=("officer_a", "central", "authority"), forbidden=("teacher_a", "guard_a")),
    Case("education:training-detail", setup=_training("b"), allowed=("officer_b", "teacher_b", "central"),
         hidden=("officer_a", "teacher_a")),
    Case("education:training-certificate", method="post", setup=_training("b"), allowed=("officer_b", "central"),
         forbidden=("teacher_b",), hidden=("officer_a",)),
    Case("education:training-coverage-page", allowed=SCHOOL_A),
    Case("education:programmes", allowed=SCHOOL_A),
    Case("education:programme-new", allowed=("officer_a", "central", "authority"), forbidden=("teacher_a",)),
    Case("education:programme-detail", setup=_programme, allowed=("central", "authority"), hidden=("officer_a",)),
    Case("training-list", allowed=SCHOOL_A, ok=(200,)),
    Case("training-list", method="post", id="POST training-list", setup=_new_training,
         allowed=("officer_a", "central"), forbidden=("teacher_a", "guard_a"), ok=(201,)),
    Case("training-detail", setup=_training("b"), allowed=("officer_b", "central"), hidden=("officer_a",),
         ok=(200,)),
    Case("training-coverage-list", setup=_coverage("school_b"), allowed=("officer_b", "teacher_b", "central",
                                                                         "authority"),
         hidden=("officer_a", "teacher_a"), ok=(200,)),
    # Culture
    Case("education:campaigns", allowed=SCHOOL_A),
    Case("education:campaign-new", allowed=("officer_a", "central", "authority"), forbidden=("teacher_a",)),
    Case("education:campaign-detail", setup=_campaign, allowed=SCHOOL_A),
    Case("education:campaign-detail", id="school campaign", setup=_school_campaign,
         allowed=("officer_b", "central"), hidden=("officer_a", "teacher_a")),
    Case("education:story-new", setup=_campaign, allowed=("officer_a", "central"), forbidden=("teacher_a",)),
    Case("education:story-new", id="school campaign story", setup=_school_campaign, allowed=("officer_b",),
         forbidden=("teacher_b",), hidden=("officer_a",)),
    # The parent's pages have no sign-in; these names are proven below, not by the matrix.
    Case("education:parent-notice", allowed=(), id="parent page (see below)",
         setup=lambda world: {"kwargs": {"token": "x" * 43}}),
    Case("education:parent-attachment", allowed=(), id="parent file (see below)",
         setup=lambda world: {"kwargs": {"token": "x" * 43, "attachment": 1}}),
]

_matrix = matrix_test([c for c in CASES if not c.url_name.startswith("education:parent-")])
test_matrix = _matrix
test_matrix.matrix_cases = CASES


@pytest.mark.django_db
def test_parent_pages_need_a_live_token_not_a_login(world):
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", (30, 20), "green").save(buf, "PNG")
    sent = notice(world, unit=world.class_a,
                  attachment=SimpleUploadedFile("a.png", buf.getvalue(), content_type="image/png"))
    receipt = NoticeReceipt.objects.filter(notice=sent).first()
    from safecampus.core.files import attachments_of

    att = attachments_of(sent).get()
    anonymous = Client()
    assert anonymous.get(receipt.link_path).status_code == 200
    assert anonymous.get(f"/education/n/{receipt.token}/files/{att.pk}/").status_code == 200
    other = notice(world, unit=world.unit("school_a:Class 1-2"))
    other_receipt = NoticeReceipt.objects.filter(notice=other).first()
    # Another notice's file is not reachable through this family's link.
    assert anonymous.get(f"/education/n/{other_receipt.token}/files/{att.pk}/").status_code == 404
    assert anonymous.get(f"/education/n/{'x' * 43}/files/{att.pk}/").status_code == 404
    # Signed-in staff get nothing more from a link than a parent.
    assert world.web("officer_b").get(receipt.link_path).status_code == 200


