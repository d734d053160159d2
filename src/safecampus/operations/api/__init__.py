"""Operations endpoints under /api/v1/, one module per sub-domain."""

from __future__ import annotations


def register(router) -> None:
    from . import activities, defences, dormitories, duty, patrols, pickup, vaccination, visitors

    for part in (visitors, duty, patrols, pickup, defences, dormitories, activities, vaccination):
        part.register(router)
