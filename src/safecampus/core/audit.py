"""The tamper-evident audit trail.

Events are chained per central school: ``hash = sha256(prev_hash + canonical_json(event))``.
Writers lock their chain's head row, so districts never wait on each other.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.db import models, transaction
from django.utils import timezone

from .models import AuditChain, AuditEvent

GENESIS = "0" * 64
SYSTEM_CHAIN = "system"


def _default(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, models.Model):
        return value.pk
    return str(value)


def canonical_json(data: dict[str, Any]) -> str:
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=_default)


def normalise(changes: dict[str, Any] | None) -> dict[str, Any]:
    """JSON round trip so what is hashed equals what the database gives back."""
    return json.loads(canonical_json(changes or {}))


def chain_key_for_path(path: str) -> str:
    """One chain per central school: the second segment of the unit's path (authority/central/...)."""
    parts = [p for p in (path or "").split("/") if p]
    if len(parts) >= 2:
        return f"cs{parts[1]}"
    if parts:
        return f"u{parts[0]}"
    return SYSTEM_CHAIN


def event_payload(event: AuditEvent) -> dict[str, Any]:
    return {
        "chain": event.chain,
        "position": event.position,
        "at": event.at.astimezone(timezone.UTC).isoformat(timespec="microseconds"),
        "actor": event.actor_id,
        "actor_name": event.actor_name,
        "action": event.action,
        "object_type": event.object_type,
        "object_id": event.object_id,
        "org_unit": event.org_unit_id,
        "org_path": event.org_path,
        "changes": event.changes,
        "reason": event.reason,
    }


def compute_hash(prev_hash: str, event: AuditEvent) -> str:
    return hashlib.sha256((prev_hash + canonical_json(event_payload(event))).encode()).hexdigest()


def object_label(obj: models.Model) -> str:
    return f"{obj._meta.app_label}.{obj._meta.model_name}"


def _locked_head(key: str) -> AuditChain:
    """The chain's head row, locked until the transaction ends; made on the chain's first event.
    One query when the chain exists (every event but a chain's first)."""
    try:
        return AuditChain.objects.select_for_update().get(key=key)
    except AuditChain.DoesNotExist:
        AuditChain.objects.get_or_create(key=key)  # its own savepoint: two first writers may race
        return AuditChain.objects.select_for_update().get(key=key)


def record(
    action: str,
    *,
    actor=None,
    obj: models.Model | None = None,
    org_unit=None,
    changes: dict[str, Any] | None = None,
    reason: str = "",
    object_type: str = "",
    object_id: str | int = "",
) -> AuditEvent:
    """Append one event. Call inside the service's transaction; it joins it."""
    if obj is not None:
        object_type = object_type or object_label(obj)
        object_id = object_id or obj.pk
        if org_unit is None:
            org_unit = getattr(obj, "org_unit", None)
    path = getattr(org_unit, "path", "") or ""
    key = chain_key_for_path(path)
    # No savepoint of its own: a failure here fails the caller's change, which is what must happen.
    with transaction.atomic(savepoint=False):
        head = _locked_head(key)
        event = AuditEvent(
            chain=key,
            position=head.length + 1,
            at=timezone.now(),
            actor=actor if getattr(actor, "pk", None) else None,
            actor_name=getattr(actor, "username", "") or "",
            action=action,
            object_type=object_type,
            object_id=str(object_id or ""),
            org_unit=org_unit,
            org_path=path,
            changes=normalise(changes),
            reason=reason or "",
            prev_hash=head.head_hash or GENESIS,
        )
        event.hash = compute_hash(event.prev_hash, event)
        event.save(force_insert=True)
        AuditChain.objects.filter(key=key).update(length=event.position, head_hash=event.hash)
    return event


def record_many(action: str, items: list[tuple[models.Model, dict[str, Any]]], *, actor=None) -> int:
    """One event per record for a batch (a bulk import): the same events, positions and hashes as
    calling :func:`record` for each ``(obj, changes)`` in order, with one lock and one INSERT per
    chain instead of one round of each per record. Call inside the service's transaction."""
    by_chain: dict[str, list[tuple[models.Model, dict[str, Any]]]] = {}
    for obj, changes in items:
        path = getattr(getattr(obj, "org_unit", None), "path", "") or ""
        by_chain.setdefault(chain_key_for_path(path), []).append((obj, changes))
    with transaction.atomic():
        for key, entries in by_chain.items():
            head = _locked_head(key)
            position, prev = head.length, head.head_hash or GENESIS
            events = []
            for obj, changes in entries:
                position += 1
                unit = getattr(obj, "org_unit", None)
                event = AuditEvent(
                    chain=key, position=position, at=timezone.now(),
                    actor=actor if getattr(actor, "pk", None) else None,
                    actor_name=getattr(actor, "username", "") or "", action=action,
                    object_type=object_label(obj), object_id=str(obj.pk), org_unit=unit,
                    org_path=getattr(unit, "path", "") or "", changes=normalise(changes), reason="",
                    prev_hash=prev)
                event.hash = prev = compute_hash(event.prev_hash, event)
                events.append(event)
            AuditEvent.objects.bulk_create(events, batch_size=500)
            AuditChain.objects.filter(key=key).update(length=position, head_hash=prev)
    return len(items)


def diff(before: dict[str, Any], after: dict[str, Any]) -> dict[str, Any]:
    """``{field: [old, new]}`` for the fields that changed."""
    return {k: [before.get(k), after.get(k)] for k in after if before.get(k) != after.get(k)}


@dataclass
class VerifyResult:
    ok: bool
    events: int
    chains: int
    broken_seq: int | None = None
    broken_chain: str | None = None
    reason: str = ""


def verify() -> VerifyResult:
    """Recompute every chain; name the first broken link (altered, removed or reordered)."""
    total = 0
    heads = {c.key: c for c in AuditChain.objects.all()}
    keys = sorted(set(heads) | set(AuditEvent.objects.values_list("chain", flat=True).distinct()))
    for key in keys:
        prev = GENESIS
        expected_position = 1
        last_seq = 0
        for event in AuditEvent.objects.filter(chain=key).order_by("position").iterator(chunk_size=2000):
            total += 1
            if event.position != expected_position:
                return VerifyResult(False, total, len(keys), event.seq, key,
                                    f"event missing before position {event.position}")
            if event.seq <= last_seq:
                return VerifyResult(False, total, len(keys), event.seq, key, "events reordered")
            if event.prev_hash != prev:
                return VerifyResult(False, total, len(keys), event.seq, key, "link to previous event broken")
            if compute_hash(prev, event) != event.hash:
                return VerifyResult(False, total, len(keys), event.seq, key, "event content altered")
            prev = event.hash
            last_seq = event.seq
            expected_position += 1
        head = heads.get(key)
        if head is None or head.length != expected_position - 1 or (head.head_hash or GENESIS) != prev:
            return VerifyResult(False, total, len(keys), last_seq or None, key, "events removed from the end")
    return VerifyResult(True, total, len(keys))
