"""The audit trail is hash-chained, append-only, and `audit verify` names the first broken link."""

import io

import pytest
from django.core.management import call_command
from django.db import DatabaseError, connection, transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from safecampus.core import audit
from safecampus.core.db import append_only_sql, drop_append_only_sql
from safecampus.core.models import AuditEvent

pytestmark = pytest.mark.django_db


def run_verify() -> tuple[int, str]:
    out = io.StringIO()
    try:
        call_command("audit", "verify", stdout=out)
        return 0, out.getvalue().strip().splitlines()[-1]
    except SystemExit as exc:
        return exc.code, out.getvalue().strip().splitlines()[-1]


class Unlocked:
    """Drop the append-only triggers for one test so it can play the attacker."""

    def __enter__(self):
        with connection.cursor() as cursor:
            for sql in drop_append_only_sql(connection.vendor, "core_auditevent"):
                cursor.execute(sql)

    def __exit__(self, *exc):
        with connection.cursor() as cursor:
            for sql in append_only_sql(connection.vendor, "core_auditevent"):
                cursor.execute(sql)


def test_verify_is_ok_on_the_demo_trail():
    code, line = run_verify()
    total = AuditEvent.objects.count()
    chains = AuditEvent.objects.values("chain").distinct().count()
    assert code == 0
    assert line == f"audit: OK {total} events in {chains} chains"


def test_one_chain_per_central_school(world):
    a = audit.record("test.a", obj=world.school_a)
    b = audit.record("test.b", obj=world.kinder_c)
    assert a.chain == b.chain == f"cs{world.central.pk}"
    assert b.prev_hash == a.hash


def test_the_database_refuses_update_and_delete():
    event = AuditEvent.objects.order_by("seq").first()
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEvent.objects.filter(pk=event.pk).update(action="forged")
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEvent.objects.filter(pk=event.pk).delete()
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE core_auditevent SET reason = 'x' WHERE seq = %s", [event.seq])


def _tamper(kind: str, victim: AuditEvent, other: AuditEvent) -> None:
    with Unlocked():
        if kind == "alter":
            AuditEvent.objects.filter(pk=victim.pk).update(changes={"forged": True})
        elif kind == "remove":
            AuditEvent.objects.filter(pk=victim.pk).delete()
        elif kind == "reorder":
            # Swap the contents of two events but keep their positions: the chain must notice.
            fields = ["action", "object_type", "object_id", "changes", "reason", "at"]
            a = {f: getattr(victim, f) for f in fields}
            b = {f: getattr(other, f) for f in fields}
            AuditEvent.objects.filter(pk=victim.pk).update(**b)
            AuditEvent.objects.filter(pk=other.pk).update(**a)
        elif kind == "truncate":
            last = AuditEvent.objects.filter(chain=victim.chain).order_by("-position").first()
            AuditEvent.objects.filter(pk=last.pk).delete()


@pytest.mark.parametrize("kind", ["alter", "remove", "reorder", "truncate"])
def test_verify_fails_and_names_the_event(kind, world):
    events = [audit.record(f"test.{i}", obj=world.school_a, changes={"i": i}) for i in range(4)]
    _tamper(kind, events[1], events[2])
    code, line = run_verify()
    assert code == 1
    assert line.startswith("audit: BROKEN at event ")
    if kind in ("alter", "reorder"):
        assert f"event {events[1].seq} " in line
    if kind == "remove":
        assert f"event {events[2].seq} " in line


# Text as people type it: no NUL and no lone surrogates (forms and the API refuse those).
text = st.text(alphabet=st.characters(exclude_categories=("Cs",), exclude_characters="\x00"), max_size=20)
operations = st.lists(
    st.tuples(st.sampled_from(["school_a", "school_b", "kinder_c", "central", "authority"]),
              text, st.dictionaries(text, st.integers(-10**9, 10**9) | text, max_size=3)),
    min_size=1, max_size=8)


class Rollback(Exception):
    pass


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(ops=operations, victim=st.integers(min_value=0, max_value=7), kind=st.sampled_from(["alter", "remove"]))
def test_random_operations_verify_and_any_single_tampering_is_caught(world, ops, victim, kind):
    try:
        with transaction.atomic():
            _play(world, ops, victim, kind)
            raise Rollback
    except Rollback:
        pass


def _play(world, ops, victim, kind):
    recorded = [audit.record("test.op", obj=getattr(world, unit), reason=reason, changes=changes)
                for unit, reason, changes in ops]
    assert audit.verify().ok
    target = recorded[victim % len(recorded)]
    with Unlocked():
        if kind == "alter":
            AuditEvent.objects.filter(pk=target.pk).update(reason=target.reason + "!")
        else:
            AuditEvent.objects.filter(pk=target.pk).delete()
    result = audit.verify()
    assert not result.ok
    assert result.broken_chain == target.chain


def test_a_chain_starts_on_its_first_event_and_an_event_then_costs_a_lock_an_insert_and_the_head():
    from django.test.utils import CaptureQueriesContext

    from safecampus.core.models import AuditChain

    first = audit.record("test.first", object_type="test.thing", object_id=1)
    assert AuditChain.objects.get(key=first.chain).length == first.position
    with CaptureQueriesContext(connection) as ran:
        second = audit.record("test.second", object_type="test.thing", object_id=2)
    assert second.prev_hash == first.hash and second.position == first.position + 1
    statements = [q["sql"].split()[0] for q in ran.captured_queries]
    # No savepoint of its own: the head read (locked on PostgreSQL), the event, the head written.
    assert [s for s in statements if s not in ("BEGIN", "COMMIT")] == ["SELECT", "INSERT", "UPDATE"]
    assert run_verify()[0] == 0
