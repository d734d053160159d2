"""The witness of the audit trail: signed checkpoints of every chain's head.

The hash chain alone proves nothing to someone who can write the database: he can delete a
chain with its head row, cut its end, or rewrite an event and recompute every later hash.
So once a day the sweep signs each chain's head (position, seq, hash, time) with
``SAFECAMPUS_AUDIT_KEY``, a key kept outside the database and its backups, and stores the
checkpoint for the authority above the chain's central school. The checkpoints can be exported
as a small signed file and kept elsewhere; ``audit verify --checkpoints FILE`` checks the chains
against them. A chain must still hold each witnessed event, unchanged and under the same seq.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.utils import timezone

from .audit import GENESIS, canonical_json
from .models import AuditChain, AuditCheckpoint, AuditEvent

FILE_FORMAT = "safecampus.audit-checkpoints"
FILE_VERSION = 1
DAILY = timedelta(hours=24)
PUBLISHING_KEY = "core:audit:checkpointing"


def _key() -> bytes:
    return settings.AUDIT_KEY.encode()


def _iso(moment: datetime | None) -> str | None:
    return moment.astimezone(timezone.UTC).isoformat(timespec="microseconds") if moment else None


def payload(cp: AuditCheckpoint) -> dict[str, Any]:
    """What the signature covers (and what the exported file carries besides the signature)."""
    return {
        "v": FILE_VERSION,
        "chain": cp.chain,
        "position": cp.position,
        "seq": cp.seq,
        "hash": cp.hash,
        "head_at": _iso(cp.head_at),
        "made_at": _iso(cp.made_at),
        "authority": cp.authority_id,
    }


def sign(data: dict[str, Any]) -> str:
    body = {k: v for k, v in data.items() if k != "signature"}
    return hmac.new(_key(), canonical_json(body).encode(), hashlib.sha256).hexdigest()


def signature_ok(data: dict[str, Any]) -> bool:
    return hmac.compare_digest(sign(data), str(data.get("signature", "")))


def witness_of(chain: str) -> int | None:
    """The authority above a chain: ``cs<central>`` -> the central school's parent; ``u<unit>``
    (events of the authority itself) -> that unit; the system chain has none."""
    from django.apps import apps

    OrgUnit = apps.get_model("org", "OrgUnit")
    if chain.startswith("cs") and chain[2:].isdigit():
        return OrgUnit.objects.filter(pk=int(chain[2:])).values_list("parent_id", flat=True).first()
    if chain.startswith("u") and chain[1:].isdigit():
        return int(chain[1:])
    return None


@transaction.atomic
def make_checkpoints(now: datetime | None = None) -> list[AuditCheckpoint]:
    """Sign every chain's head as it is now and store the checkpoints."""
    made_at = now or timezone.now()
    made = []
    for head in AuditChain.objects.order_by("key"):
        if not head.length:
            continue
        event = AuditEvent.objects.filter(chain=head.key, position=head.length).only("seq", "at", "hash").first()
        cp = AuditCheckpoint(chain=head.key, position=head.length, seq=event.seq if event else None,
                             hash=head.head_hash or GENESIS, head_at=event.at if event else None,
                             made_at=made_at, authority_id=witness_of(head.key))
        cp.signature = sign(payload(cp))
        cp.save(force_insert=True)
        made.append(cp)
    return made


def publish_daily(now: datetime | None = None) -> int:
    """The one-minute sweep's hook: checkpoints once a day. ``now`` is ignored on purpose:
    ``tick --now`` replays deadlines, but a witness says when it really saw the head."""
    latest = AuditCheckpoint.objects.order_by("-made_at").values_list("made_at", flat=True).first()
    real_now = timezone.now()
    if latest is not None and real_now - latest < DAILY:
        return 0
    # Two sweeps at once would sign the same heads twice: one of them does it.
    if not cache.add(PUBLISHING_KEY, 1, 600):
        return 0
    try:
        return len(make_checkpoints(real_now))
    finally:
        cache.delete(PUBLISHING_KEY)


def to_file_data(checkpoints) -> dict[str, Any]:
    return {"format": FILE_FORMAT, "version": FILE_VERSION,
            "checkpoints": [{**payload(cp), "signature": cp.signature} for cp in checkpoints]}


def write_file(path: Path | str, checkpoints) -> None:
    Path(path).write_text(json.dumps(to_file_data(checkpoints), indent=1, ensure_ascii=False) + "\n")


class CheckpointFileError(ValueError):
    pass


def read_file(path: Path | str) -> list[dict[str, Any]]:
    try:
        data = json.loads(Path(path).read_text())
    except (OSError, ValueError) as exc:
        raise CheckpointFileError(f"cannot read checkpoints from {path}: {exc}") from exc
    if not isinstance(data, dict) or data.get("format") != FILE_FORMAT or not isinstance(data.get("checkpoints"), list):
        raise CheckpointFileError(f"{path} is not a SafeCampus checkpoint file")
    return data["checkpoints"]


@dataclass
class Finding:
    chain: str
    checkpoint: str
    problem: str

    def __str__(self) -> str:
        return f"chain {self.chain} against checkpoint {self.checkpoint}: {self.problem}"


def label(entry: dict[str, Any]) -> str:
    return f"{entry.get('chain')}@{entry.get('position')} of {entry.get('made_at')}"


def stored() -> list[dict[str, Any]]:
    return [{**payload(cp), "signature": cp.signature} for cp in AuditCheckpoint.objects.order_by("made_at", "chain")]


def check(entries: list[dict[str, Any]]) -> list[Finding]:
    """Every chain against every checkpoint: a missing chain, a chain shorter than a checkpoint, a
    witnessed event that changed (a recomputed history) or moved to another seq (renumbered)."""
    findings: list[Finding] = []
    heads = {c.key: c for c in AuditChain.objects.all()}
    for entry in entries:
        name = label(entry)
        chain = str(entry.get("chain"))
        if not signature_ok(entry):
            findings.append(Finding(chain, name, "the checkpoint's signature does not match (forged, or another key)"))
            continue
        position = int(entry["position"])
        head = heads.get(chain)
        event = AuditEvent.objects.filter(chain=chain, position=position).only("seq", "hash").first()
        if head is None and event is None and not AuditEvent.objects.filter(chain=chain).exists():
            findings.append(Finding(chain, name, f"the chain is missing; {position} events were witnessed"))
        elif event is None or (head is not None and head.length < position):
            length = head.length if head else AuditEvent.objects.filter(chain=chain).count()
            findings.append(Finding(chain, name, f"the chain holds {length} events, fewer than the "
                                                 f"{position} witnessed"))
        elif event.hash != entry["hash"]:
            findings.append(Finding(chain, name, f"event {event.seq} at position {position} differs from the "
                                                 "witnessed one: history was rewritten"))
        elif entry.get("seq") is not None and event.seq != entry["seq"]:
            findings.append(Finding(chain, name, f"the event witnessed as seq {entry['seq']} now has seq "
                                                 f"{event.seq}: events were renumbered"))
    return findings


