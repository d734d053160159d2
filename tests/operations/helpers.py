"""Shared makers for operations tests."""

from __future__ import annotations

import itertools

from safecampus.operations.identity import check_digit

_serial = itertools.count(100)


def id_number(seed: int | None = None) -> str:
    """A valid identity number, different each call."""
    n = next(_serial) if seed is None else seed
    body = f"43112119850101{n % 1000:03d}"
    return body + check_digit(body)


def visitor(world, school="school_a", who="guard_a", **kw):
    from safecampus.operations.services.visitors import create_visitor

    data = {"name": "Test Visitor", "id_number": id_number(), "purpose": "Meeting", "phone": "13800000000"}
    data.update(kw)
    return create_visitor(actor=world.user(who), org_unit=getattr(world, school), **data)
