"""Each step of the closed loop, its actors and its records (HAZ-3, HAZ-4, HAZ-5, HAZ-6)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from safecampus.core.errors import Conflict, Forbidden, InvalidInput, StaleVersion
from safecampus.core.files import attachments_of
from safecampus.core.models import AuditEvent, Notification
from safecampus.hazards import services
from safecampus.hazards.models import Hazard

from .helpers import make, png

pytestmark = pytest.mark.django_db


def actions_of(hazard):
    return list(AuditEvent.objects.filter(object_type="hazards.hazard", object_id=str(hazard.pk))
                .order_by("seq").values_list("action", flat=True))


def test_a_teacher_reports_with_photos_and_the_school_leaders_are_told(world):
    hazard = services.report_hazard(actor=world.user("teacher_a"), org_unit=world.class_a, title="Loose socket",
                                    category="electrical", level="general", photos=[png("a.png"), png("b.png")])
    assert hazard.org_unit == world.school_a  # reported from a class, owned by the school
    assert hazard.status == "reported" and not hazard.escalated
    assert [a.purpose for a in attachments_of(hazard)] == ["report", "report"]
    assert actions_of(hazard) == ["hazards.reported", "attachment.added", "attachment.added"]
    told = set(Notification.objects.filter(kind="hazard.reported", url=hazard.get_absolute_url())
               .values_list("user__username", flat=True))
    assert told == {"officer_a", "principal_a"}


def test_report_api_signature_for_other_apps(world):
    hazard = services.report_hazard(actor=world.user("officer_a"), org_unit=world.school_a, title="Item 4 failed",
                                    category="fire", level="general", location="Gym", description="d",
                                    source="inspection", source_ref="inspection:7:item:4",
                                    responsible_unit=world.class_a, photos=())
    assert (hazard.source, hazard.source_ref, hazard.responsible_unit) == ("inspection", "inspection:7:item:4",
                                                                           world.class_a)


def test_a_major_hazard_is_escalated_to_the_authority(world):
    hazard = make(world, level="major")
    assert hazard.escalated and hazard.escalated_at is not None
    assert actions_of(hazard) == ["hazards.reported", "hazards.escalated"]
    told = set(Notification.objects.filter(kind="hazard.escalated").filter(url=hazard.get_absolute_url())
               .values_list("user__username", flat=True))
    assert {"authority", "central"} <= told
    assert Hazard.objects.visible_to(world.user("authority"), "hazards.view").filter(pk=hazard.pk).exists()


@pytest.mark.parametrize(("field", "kwargs"), [
    ("title", {"title": "  "}),
    ("category", {"category": "volcano"}),
    ("level", {"level": "huge"}),
    ("source", {"source": "rumour"}),
    ("org_unit", {"org_unit": "central"}),
    ("responsible_unit", {"responsible_unit": "school_b"}),
])
def test_bad_report_names_the_field_and_writes_nothing(world, field, kwargs):
    before = Hazard.objects.count()
    args = {"actor": world.user("officer_a"), "org_unit": world.school_a, "title": "x", "category": "fire",
            "level": "general"}
    for key, value in kwargs.items():
        args[key] = getattr(world, value) if key in ("org_unit", "responsible_unit") else value
    with pytest.raises(InvalidInput) as exc:
        services.report_hazard(**args)
    assert field in exc.value.fields
    assert Hazard.objects.count() == before


def test_a_bad_photo_rolls_the_whole_report_back(world):
    from django.core.files.uploadedfile import SimpleUploadedFile

    before = Hazard.objects.count()
    with pytest.raises(InvalidInput) as exc:
        services.report_hazard(actor=world.user("teacher_a"), org_unit=world.school_a, title="x", category="fire",
                               level="general", photos=[SimpleUploadedFile("x.png", b"not an image")])
    assert "photos" in exc.value.fields
    assert Hazard.objects.count() == before


def test_outside_scope_cannot_report(world):
    with pytest.raises(Forbidden):
        services.report_hazard(actor=world.user("teacher_b"), org_unit=world.school_a, title="x", category="fire",
                               level="general")


def test_same_request_id_reports_once(world):
    kw = {"actor": world.user("teacher_a"), "org_unit": world.school_a, "title": "x", "category": "fire",
          "level": "general", "request_id": "r-1"}
    first = services.report_hazard(**kw)
    second = services.report_hazard(**kw)
    assert first.pk == second.pk
    assert Hazard.objects.filter(request_id="r-1").count() == 1


def test_the_loop_step_by_step(world):
    hazard = make(world)
    officer, principal = world.user("officer_a"), world.user("principal_a")
    with pytest.raises(Conflict):
        services.rectify(hazard, actor=principal, note="too early")
    with pytest.raises(Forbidden):
        services.assign(hazard, actor=world.user("teacher_a"), assignee=principal)
    with pytest.raises(InvalidInput) as exc:
        services.assign(hazard, actor=officer, assignee=world.user("officer_b"))
    assert "assignee" in exc.value.fields
    with pytest.raises(InvalidInput) as exc:
        services.assign(hazard, actor=officer, assignee=principal,
                        deadline=timezone.localdate() - timedelta(days=2))
    assert "deadline" in exc.value.fields
    hazard = services.assign(hazard, actor=officer, assignee=principal, expected_version=hazard.version)
    assert hazard.status == "assigned" and hazard.deadline == timezone.localdate() + timedelta(days=7)
    assert not hazard.overdue
    assert Notification.objects.filter(user=principal, kind="hazard.assigned").exists()
    with pytest.raises(Forbidden):  # only the assignee rectifies
        services.rectify(hazard, actor=world.user("teacher_a"), note="done")
    with pytest.raises(InvalidInput) as exc:
        services.rectify(hazard, actor=principal, note=" ")
    assert "note" in exc.value.fields
    hazard = services.rectify(hazard, actor=principal, note="Fixed", photos=[png()])
    assert hazard.status == "awaiting_verification"
    with pytest.raises(Forbidden):  # the assignee and rectifier cannot verify
        services.verify(hazard, actor=principal)
    hazard = services.reject(hazard, actor=officer, note="Still blocked")
    assert (hazard.status, hazard.rejections, hazard.rectification_note) == ("assigned", 1, "")
    hazard = services.rectify(hazard, actor=principal, note="Really fixed")
    hazard = services.verify(hazard, actor=officer, note="OK")
    assert hazard.status == "closed" and hazard.closed_at and hazard.verified_by == officer
    assert actions_of(hazard) == ["hazards.reported", "hazards.assigned", "hazards.rectified",
                                  "attachment.added", "hazards.rejected", "hazards.rectified", "hazards.verified"]
    for action in (services.verify, services.reject):
        with pytest.raises(Conflict):
            action(hazard, actor=world.user("central"), note="again")


def test_stale_version_is_refused(world):
    hazard = make(world)
    old = hazard.version
    services.assign(hazard, actor=world.user("officer_a"), assignee=world.user("principal_a"))
    with pytest.raises(StaleVersion):
        services.rectify(hazard, actor=world.user("principal_a"), note="x", expected_version=old)


def test_a_major_hazard_needs_five_commitments_and_central_sign_off(world):
    hazard = services.report_hazard(actor=world.user("teacher_a"), org_unit=world.school_a, title="Cracked wall",
                                    category="building", level="major")
    officer, principal = world.user("officer_a"), world.user("principal_a")
    hazard = services.assign(hazard, actor=officer, assignee=principal)
    with pytest.raises(Conflict):
        services.rectify(hazard, actor=principal, note="done")
    with pytest.raises(InvalidInput) as exc:
        services.record_commitments(hazard, actor=officer, measures="", person="p", funds="f",
                                    deadline="2099-01-01", contingency="c")
    assert "measures" in exc.value.fields
    with pytest.raises(Forbidden):
        services.record_commitments(hazard, actor=world.user("teacher_a"), measures="m",
                                    person="p", funds="f", deadline="2099-01-01", contingency="c")
    services.record_commitments(hazard, actor=officer, measures="m", person="p", funds="f",
                                deadline="2099-01-01", contingency="c")
    hazard = services.rectify(hazard, actor=principal, note="done")
    with pytest.raises(Forbidden):  # the school cannot close a major hazard alone
        services.verify(hazard, actor=officer)
    hazard = services.verify(hazard, actor=world.user("central"), note="signed off")
    assert hazard.status == "closed" and hazard.signed_off
    assert Notification.objects.filter(user=world.user("authority"), kind="hazard.closed").exists()


def test_surroundings_contact_log(world):
    hazard = make(world, category="surroundings", title="Stalls at the gate")
    contact = services.add_contact(hazard, actor=world.user("officer_a"), department="Traffic police",
                                   summary="Will send officers at 16:30", contact_person="Wang")
    hazard.refresh_from_db()
    assert hazard.outside_department == "Traffic police"
    assert contact.org_unit == world.school_a
    assert "hazards.contact_logged" in actions_of(hazard)
    with pytest.raises(InvalidInput) as exc:
        services.add_contact(hazard, actor=world.user("officer_a"), department="", summary="x")
    assert "department" in exc.value.fields
    with pytest.raises(Forbidden):
        services.add_contact(hazard, actor=world.user("teacher_a"), department="d", summary="s")
    plain = make(world, title="Not outside")
    with pytest.raises(Conflict):
        services.add_contact(plain, actor=world.user("officer_a"), department="d", summary="s")


def test_recurrence_links_a_new_hazard_to_a_closed_one(world):
    closed = make(world, "closed")
    again = services.report_hazard(actor=world.user("teacher_a"), org_unit=world.school_a, title="Blocked again",
                                   category="fire", level="general", recurrence_of=closed)
    assert again.recurrence_of == closed and again.status == "reported"
    with pytest.raises(InvalidInput):
        services.report_hazard(actor=world.user("teacher_a"), org_unit=world.school_a, title="x",
                               category="fire", level="general", recurrence_of=again)


def test_sweep_reminds_then_escalates_exactly_once(world):
    hazard = make(world, "assigned")
    due = hazard.due_at
    before_due = due - timedelta(hours=12)
    mine = Notification.objects.filter(url=hazard.get_absolute_url())
    services.sweep_deadlines(due - timedelta(days=3))
    assert not mine.filter(kind="hazard.due_soon").exists()
    assert services.sweep_deadlines(before_due)["reminders"] >= 1
    assert services.sweep_deadlines(before_due) == {"reminders": 0, "escalations": 0}
    assert mine.filter(kind="hazard.due_soon").count() == 1
    after = due + timedelta(hours=1)
    assert services.sweep_deadlines(after)["escalations"] >= 1
    assert services.sweep_deadlines(after)["escalations"] == 0
    assert mine.filter(kind="hazard.due_soon").count() == 1
    told = set(Notification.objects.filter(kind="hazard.overdue", url=hazard.get_absolute_url())
               .values_list("user__username", flat=True))
    assert {"principal_a", "officer_a", "central"} <= told
    hazard.refresh_from_db()
    assert hazard.version == 2  # bookkeeping does not make a person's form stale


def test_overdue_flag(world):
    hazard = make(world, "assigned")
    Hazard.objects.filter(pk=hazard.pk).update(due_at=timezone.now() - timedelta(minutes=1))
    hazard.refresh_from_db()
    assert hazard.overdue
    closed = make(world, "closed")
    closed.due_at = timezone.now() - timedelta(minutes=1)  # in memory: a closed row cannot be changed
    assert not closed.overdue


def test_registry_evidence_tasks_and_sweeps(world):
    from safecampus.compliance.registry import EVIDENCE, TASK_SOURCES
    from safecampus.core.sweeps import hooks

    assert EVIDENCE["hazards.reported"].date_field == "reported_at"
    assert EVIDENCE["hazards.closed"].base_filter == {"status": "closed"}
    assert services.sweep_deadlines in hooks()
    reported = make(world, title="to assign")
    assigned = make(world, "assigned", title="to rectify")
    waiting = make(world, "awaiting_verification", title="to verify")
    collect = TASK_SOURCES["hazards"].collect
    officer = {t.object_id: t.kind for t in collect(world.user("officer_a"))}
    assert officer[str(reported.pk)] == "hazard.assign"
    assert officer[str(waiting.pk)] == "hazard.verify"
    principal = {t.object_id: t.kind for t in collect(world.user("principal_a"))}
    assert principal[str(assigned.pk)] == "hazard.rectify"
    assert str(waiting.pk) not in principal  # the rectifier does not verify their own work
    assert not any(t.object_id == str(reported.pk) for t in collect(world.user("officer_b")))


def test_demo_is_idempotent_and_covers_every_state(world):
    from safecampus.core.demo import DemoContext
    from safecampus.hazards import demo

    ctx = DemoContext(now=timezone.now())
    ctx.units.update(school_a=world.school_a, school_b=world.school_b, kinder_c=world.kinder_c)
    for name in ("teacher_a", "guard_a", "officer_a", "canteen_a", "officer_b", "principal_b", "teacher_b",
                 "officer_c", "principal_c"):
        ctx.users[name] = world.user(name)
    before = Hazard.objects.count()
    demo.load(ctx)
    assert Hazard.objects.count() == before
    demo_rows = Hazard.objects.filter(request_id="")
    assert set(demo_rows.values_list("status", flat=True)) == {"reported", "assigned", "awaiting_verification",
                                                               "closed"}
    assert demo_rows.filter(level="major", escalated=True).exists()
    assert demo_rows.filter(category="surroundings").exclude(outside_department="").exists()
    assert any(h.overdue for h in demo_rows)
    assert len(set(demo_rows.values_list("org_unit", flat=True))) == 3
    closed = demo_rows.filter(status="closed").first()
    assert attachments_of(closed).filter(purpose="rectification").exists()


def test_a_closed_hazard_is_final_in_the_database(world):
    from django.db import DatabaseError, transaction

    closed = make(world, "closed")
    with pytest.raises(DatabaseError), transaction.atomic():
        Hazard.objects.filter(pk=closed.pk).update(title="rewritten")
    with pytest.raises(DatabaseError), transaction.atomic():
        Hazard.objects.filter(pk=closed.pk).delete()
    closed.refresh_from_db()
    assert closed.title == "Blocked fire exit"
