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


def evidence_done(world, school, code: str, day=None) -> int:
    """How many records the obligations engine counts for ``code`` at ``school`` in the period of ``day``."""
    from safecampus.compliance.engine import evaluate
    from safecampus.compliance.models import Obligation

    rules = list(Obligation.objects.filter(org_unit=world.central, code=code))
    rows = [r for r in evaluate(roots=[school.path], day=day, rules=rules) if r.unit_id == school.pk]
    assert rows, f"{code} is not owed by {school}"
    return rows[0].done


def duty_log(world, school="school_a", who="officer_a", **kw):
    from safecampus.operations.people import local_today
    from safecampus.operations.services.duty import create_duty_log

    unit = getattr(world, school)
    data = {"date": local_today(unit), "shift": "night", "leader": world.user(who), "summary": "All quiet"}
    data.update(kw)
    return create_duty_log(actor=world.user(who), org_unit=unit, **data)


def route(world, school="school_a", who="officer_a", kind="fire", names=("Boiler room", "Library", "Lab")):
    from safecampus.operations.services.patrols import create_route

    return create_route(actor=world.user(who), org_unit=getattr(world, school), name=f"{kind} route", kind=kind,
                        checkpoints=[{"name": n} for n in names])
