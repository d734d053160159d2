"""Operations endpoints under /api/v1/, one module per sub-domain."""

from __future__ import annotations


def register(router) -> None:
    from . import defences, duty, patrols, pickup, visitors

    for part in (visitors, duty, patrols, pickup, defences):
        part.register(router)
