"""Optimistic concurrency: a write names the version it read; a stale one is a 409."""

from __future__ import annotations

from django.db.models import F, Model

from .errors import StaleVersion


def lock(model_cls: type[Model], pk, expected_version: int | None = None):
    """Lock the row for this transaction and compare versions; raise StaleVersion on mismatch."""
    return check_version(model_cls._default_manager.select_for_update().get(pk=pk), expected_version)


def check_version(obj, expected_version: int | None):
    """``obj`` (already locked by the caller's own query) when it is still the version the caller read."""
    if expected_version is not None and int(expected_version) != obj.version:
        raise StaleVersion()
    return obj


def bump(obj: Model, *fields: str) -> None:
    """Save ``fields`` and raise the version in one UPDATE guarded by the version read."""
    model_cls = type(obj)
    values = {f: getattr(obj, f) for f in fields}
    if hasattr(obj, "updated_at"):
        from django.utils import timezone

        obj.updated_at = timezone.now()
        values["updated_at"] = obj.updated_at
    updated = model_cls._default_manager.filter(pk=obj.pk, version=obj.version).update(
        version=F("version") + 1, **values
    )
    if updated != 1:
        raise StaleVersion()
    obj.version += 1
