"""Reminders and escalations: once per (rule, unit, period, stage), whatever runs the sweep."""


import pytest
from django.core.management import call_command

from safecampus.compliance.models import Reminder
from safecampus.compliance.reminders import sweep
from safecampus.core.models import Notification
from safecampus.core.testing.concurrency import at_once

from .conftest import at


def _notes(kind):
    return Notification.objects.filter(kind=kind)


def test_due_soon_reminds_the_owners(world, make_rule):
    make_rule()
    sweep(at("2026-11-28 09:00"))
    notes = _notes("compliance.due_soon")
    assert {n.user.username for n in notes} >= {"officer_a", "officer_b", "officer_c"}
    assert "teacher_a" not in {n.user.username for n in notes}


def test_overdue_goes_to_the_unit_then_missed_to_the_central_school(world, make_rule):
    make_rule()
    sweep(at("2026-12-02 09:00"))   # November's duty is overdue
    overdue = {n.user.username for n in _notes("compliance.overdue")}
    assert {"officer_b", "principal_b"} <= overdue
    assert not _notes("compliance.escalated").exists()
    sweep(at("2026-12-09 09:00"))   # past the grace: missed, escalated above the school
    assert {n.user.username for n in _notes("compliance.escalated")} == {"central"}


def test_tick_twice_for_the_same_moment_sends_nothing_twice(world, make_rule):
    make_rule()
    call_command("tick", now="2026-12-02T09:00:00+08:00")
    first = Notification.objects.count()
    reminders = Reminder.objects.count()
    assert first > 0
    call_command("tick", now="2026-12-02T09:00:00+08:00")
    call_command("tick", now="2026-12-02T10:00:00+08:00")
    assert Notification.objects.count() == first
    assert Reminder.objects.count() == reminders


def test_tick_rejects_a_bad_moment(world):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="--now"):
        call_command("tick", now="yesterday")


def test_evidence_stops_the_reminders(world, make_rule):
    from freezegun import freeze_time

    from safecampus.compliance import services

    from .conftest import png

    rule = make_rule()
    with freeze_time(at("2026-11-26 09:00")):
        services.attest(actor=world.user("officer_b"), obligation=rule, org_unit=world.school_b, upload=png())
    sweep(at("2026-11-28 09:00"))
    assert not _notes("compliance.due_soon").filter(user__username="officer_b").exists()


def test_the_scheduled_task_runs_the_same_sweep(world, make_rule):
    from freezegun import freeze_time

    from safecampus.compliance.tasks import sweep_obligations

    make_rule()
    with freeze_time(at("2026-12-02 09:00")):
        result = sweep_obligations.enqueue()
    assert result.return_value["sent"] > 0


def test_two_concurrent_sweeps_send_once(pg_only, transactional_db):
    from safecampus.compliance.models import Obligation
    from safecampus.compliance.services import create_obligation
    from safecampus.org.models import OrgUnit

    Obligation.objects.filter(active=True).update(active=False)
    central = OrgUnit.objects.get(name="Demo Central School")
    create_obligation(actor=None, org_unit=central, data={
        "code": "race", "title": "Race", "title_zh": "并发", "period": "monthly",
        "evidence_kind": "compliance.attestation", "grace_days": 7})
    moment = at("2026-12-09 09:00")
    _results, errors = at_once(lambda: sweep(moment))
    assert not errors
    keys = list(Notification.objects.filter(kind__startswith="compliance.").values_list("dedupe_key", flat=True))
    assert keys and len(keys) == len(set(keys))
    assert Reminder.objects.filter(claimed_at__isnull=False).count() == Reminder.objects.count()
    # three schools x (overdue, escalated) for November
    assert Reminder.objects.count() == 6


def test_tick_runs_every_apps_sweeps_and_survives_a_broken_one(world, monkeypatch):
    from safecampus.core import sweeps

    seen = []

    def broken(now):
        raise RuntimeError("boom")

    monkeypatch.setattr(sweeps, "HOOKS", [broken, seen.append])
    result = sweep(at("2026-11-28 09:00"))
    assert seen == [at("2026-11-28 09:00")] and result.hooks == 1
