"""The witness: signed checkpoints catch what the hash chain alone cannot (whoever holds the
database can recompute a chain and its head row)."""

import io
import json
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.models import F
from django.utils import timezone

from safecampus.core import audit, audit_witness
from safecampus.core.db import append_only_sql, drop_append_only_sql
from safecampus.core.models import AuditChain, AuditCheckpoint, AuditEvent

pytestmark = pytest.mark.django_db

TABLES = ("core_auditevent", "core_auditcheckpoint")


class Attacker:
    """Whoever holds the database file: drops the append-only triggers, writes, puts them back."""

    def __enter__(self):
        with connection.cursor() as cursor:
            for table in TABLES:
                for sql in drop_append_only_sql(connection.vendor, table):
                    cursor.execute(sql)
        return self

    def __exit__(self, *exc):
        with connection.cursor() as cursor:
            for table in TABLES:
                for sql in append_only_sql(connection.vendor, table):
                    cursor.execute(sql)

    @staticmethod
    def set_head(chain: str) -> None:
        last = AuditEvent.objects.filter(chain=chain).order_by("-position").first()
        AuditChain.objects.filter(key=chain).update(length=last.position if last else 0,
                                                    head_hash=last.hash if last else "")

    @staticmethod
    def forget_stored_checkpoints() -> None:
        AuditCheckpoint.objects.all().delete()


def run(*args) -> tuple[int, list[str]]:
    out = io.StringIO()
    try:
        call_command("audit", *args, stdout=out)
        code = 0
    except SystemExit as exc:
        code = exc.code
    return code, out.getvalue().strip().splitlines()


@pytest.fixture
def witnessed(world, tmp_path):
    """A chain with a few events of its own, witnessed and exported to a file."""
    for i in range(5):
        audit.record(f"test.{i}", obj=world.school_a, changes={"i": i})
    chain = f"cs{world.central.pk}"
    path = tmp_path / "checkpoints.json"
    code, lines = run("checkpoint", "--out", str(path))
    assert code == 0 and lines[-1].startswith("audit: ") and "checkpoints signed" in lines[-1]
    entry = next(e for e in json.loads(path.read_text())["checkpoints"] if e["chain"] == chain)
    return chain, path, f"{chain}@{entry['position']} of {entry['made_at']}"


def test_checkpoint_signs_every_chain_head_and_names_the_authority(world, witnessed):
    chain, path, _ = witnessed
    data = json.loads(path.read_text())
    assert data["format"] == "safecampus.audit-checkpoints"
    heads = {c.key: c for c in AuditChain.objects.exclude(length=0)}
    assert {e["chain"] for e in data["checkpoints"]} == set(heads)
    entry = next(e for e in data["checkpoints"] if e["chain"] == chain)
    head_event = AuditEvent.objects.get(chain=chain, position=heads[chain].length)
    assert (entry["position"], entry["seq"], entry["hash"]) == (head_event.position, head_event.seq, head_event.hash)
    assert entry["authority"] == world.authority.pk
    assert audit_witness.signature_ok(entry)
    assert AuditCheckpoint.objects.filter(chain=chain).count() == 1
    code, lines = run("verify", "--checkpoints", str(path))
    assert code == 0, lines
    assert lines[-1].startswith("audit: OK ")


def test_a_grown_chain_still_matches_its_checkpoint(world, witnessed):
    chain, path, _ = witnessed
    audit.record("test.later", obj=world.school_a)
    code, lines = run("verify", "--checkpoints", str(path))
    assert code == 0, lines


def _delete_chain(chain):
    AuditEvent.objects.filter(chain=chain).delete()
    AuditChain.objects.filter(key=chain).delete()


def _truncate(chain):
    for event in AuditEvent.objects.filter(chain=chain).order_by("-position")[:3]:
        event.delete()
    Attacker.set_head(chain)


def _rewrite(chain):
    """Alter an old event and recompute every later hash and the head: the chain verifies alone."""
    events = list(AuditEvent.objects.filter(chain=chain).order_by("position"))
    victim = events[-4]
    victim.changes = {"i": "forged"}
    prev = victim.prev_hash
    for event in events[events.index(victim):]:
        event.prev_hash = prev
        event.hash = audit.compute_hash(prev, event)
        AuditEvent.objects.filter(pk=event.pk).update(changes=event.changes, prev_hash=event.prev_hash,
                                                      hash=event.hash)
        prev = event.hash
    Attacker.set_head(chain)


def _renumber(chain):
    AuditEvent.objects.filter(chain=chain).update(seq=F("seq") + 10_000_000)


TAMPERING = {
    "delete the chain and its head": (_delete_chain, "the chain is missing"),
    "truncate the chain with its head": (_truncate, "fewer than the"),
    "rewrite an event and recompute later hashes": (_rewrite, "history was rewritten"),
    "renumber seq": (_renumber, "events were renumbered"),
}


@pytest.mark.parametrize("case", list(TAMPERING))
def test_every_tampering_passes_the_chain_alone_but_not_the_witness(case, witnessed):
    chain, path, checkpoint = witnessed
    tamper, problem = TAMPERING[case]
    with Attacker():
        tamper(chain)
    # The chain and its head were made consistent again: without a witness nothing shows.
    assert audit.verify().ok
    # The checkpoints stored for the authority catch it...
    code, lines = run("verify")
    assert code == 1
    assert f"audit: BROKEN chain {chain} against checkpoint {checkpoint}: " in lines[-1]
    assert problem in lines[-1]
    # ... and so does the exported file after the attacker deleted the stored copies too.
    with Attacker():
        Attacker.forget_stored_checkpoints()
    assert run("verify")[0] == 0
    code, lines = run("verify", "--checkpoints", str(path))
    assert code == 1
    assert any(line.startswith(f"audit: BROKEN chain {chain} against checkpoint {checkpoint}: ") and problem in line
               for line in lines), lines


def test_a_forged_checkpoint_file_is_reported(witnessed):
    chain, path, _ = witnessed
    data = json.loads(path.read_text())
    entry = next(e for e in data["checkpoints"] if e["chain"] == chain)
    entry["position"] -= 2  # an attacker shortening the witness to fit a truncated chain
    path.write_text(json.dumps(data))
    code, lines = run("verify", "--checkpoints", str(path))
    assert code == 1
    assert any(f"chain {chain} against checkpoint" in line and "signature does not match" in line for line in lines)


def test_checkpoints_signed_with_another_key_do_not_verify(witnessed, settings):
    settings.AUDIT_KEY = "another-key"
    code, lines = run("verify")
    assert code == 1
    assert "signature does not match" in lines[-1]


def test_an_unreadable_checkpoint_file_is_a_clear_error(tmp_path):
    from django.core.management.base import CommandError

    bad = tmp_path / "x.json"
    bad.write_text("{}")
    with pytest.raises(CommandError, match="not a SafeCampus checkpoint file"):
        call_command("audit", "verify", "--checkpoints", str(bad), stdout=io.StringIO())


def test_the_sweep_publishes_once_a_day(world):
    audit.record("test.x", obj=world.school_a)
    before = AuditCheckpoint.objects.count()
    made = audit_witness.publish_daily()
    assert made == AuditChain.objects.exclude(length=0).count() > 0
    assert audit_witness.publish_daily() == 0
    assert AuditCheckpoint.objects.count() == before + made
    # A day later the next one is due.
    with Attacker():
        AuditCheckpoint.objects.update(made_at=timezone.now() - timedelta(hours=25))
    assert audit_witness.publish_daily() == made


def test_the_sweep_hook_is_registered():
    from safecampus.core import sweeps

    assert audit_witness.publish_daily in sweeps.HOOKS


def test_checkpoints_are_append_only(witnessed):
    from django.db import DatabaseError, transaction

    cp = AuditCheckpoint.objects.first()
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditCheckpoint.objects.filter(pk=cp.pk).update(position=1)
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditCheckpoint.objects.filter(pk=cp.pk).delete()


def test_the_authority_sees_the_last_witnessed_head_of_every_central_school(world, witnessed):
    chain, _, _ = witnessed
    cp = AuditCheckpoint.objects.filter(chain=chain).latest("made_at")
    audit.record("test.after", obj=world.school_a)
    page = world.web("authority").get("/audit/witness/").content.decode()
    assert "Demo Central School" in page
    assert f"Witnessed: {cp.position} events" in page
    assert f"now {cp.position + 1}" in page
    assert cp.hash[:12] in page
    assert "Signature does not match" not in page
    home = world.web("authority").get("/").content.decode()
    assert "Witnessed audit trail" in home and f"{cp.position} events witnessed" in home
    assert "Witnessed audit trail" not in world.web("officer_a").get("/").content.decode()


def test_the_page_flags_a_checkpoint_whose_signature_fails(world, witnessed, settings):
    settings.AUDIT_KEY = "another-key"
    assert "Signature does not match" in world.web("central").get("/audit/witness/").content.decode()


def test_a_central_school_not_yet_witnessed_says_so(world):
    page = world.web("authority").get("/audit/witness/").content.decode()
    assert "Not witnessed yet." in page


def test_the_witness_page_in_chinese(world, witnessed):
    page = world.web("authority", language="zh-hans").get("/audit/witness/").content.decode()
    assert "审计记录见证" in page and "已见证" in page
    assert "Witnessed" not in page and "events" not in page


def test_the_authority_downloads_the_signed_checkpoints_and_verify_reads_them(world, witnessed, tmp_path):
    chain, _, checkpoint = witnessed
    response = world.web("authority").get("/audit/witness/checkpoints.json")
    assert response["Content-Disposition"] == 'attachment; filename="audit-checkpoints.json"'
    path = tmp_path / "downloaded.json"
    path.write_bytes(response.content)
    entries = json.loads(path.read_text())["checkpoints"]
    assert {e["chain"] for e in entries} == {chain}  # the central schools only, not the system's chain
    with Attacker():
        _truncate(chain)
        Attacker.forget_stored_checkpoints()
    code, lines = run("verify", "--checkpoints", str(path))
    assert code == 1 and f"chain {chain} against checkpoint {checkpoint}" in lines[-1]


def test_audit_verify_without_keys_says_why_without_a_traceback(tmp_path):
    import os
    import subprocess
    import sys

    clean = {k: v for k, v in os.environ.items() if not k.startswith("SAFECAMPUS_")}
    result = subprocess.run([sys.executable, "-m", "safecampus.manage", "audit", "verify"],
                            env={**clean, "SAFECAMPUS_DATA_DIR": str(tmp_path)}, capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr and "KeyError" not in result.stderr
    assert "must be set outside debug mode" in result.stderr and "SAFECAMPUS_DEBUG=true" in result.stderr
