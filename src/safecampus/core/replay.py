"""Double submits: a create that carries a ``request_id`` is done once per person and id.

The same id again with the same content answers with the record the first request made (the
API answers 200, not 201: nothing was created); the same id with different content is a 409,
never a silent answer about another record::

    existing = replay.earlier(Hazard, request_id, same={"title": title, "org_unit": school},
                              reported_by=actor)
    if existing is not None:
        return existing
"""

from __future__ import annotations

from typing import Any

from django.db import models
from django.utils.translation import gettext as _

from .errors import Conflict


def _plain(value: Any) -> Any:
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, str):
        return value.strip()
    return "" if value is None else value


def earlier(model: type[models.Model], request_id: str | None, *, same: dict[str, Any],
            **owner: Any) -> models.Model | None:
    """The record ``owner`` created earlier with ``request_id``, if any (see the module).

    ``same`` names the fields this request sets (a relation by its field name, e.g. ``org_unit``);
    one that differs from the earlier record means the id was reused for another request: 409.
    """
    if not request_id:
        return None
    found = model._default_manager.filter(request_id=request_id, **owner).first()
    if found is None:
        return None
    for name, value in same.items():
        field = model._meta.get_field(name)
        stored = getattr(found, field.attname) if field.is_relation else getattr(found, name)
        if _plain(stored) != _plain(value):
            raise Conflict(_("This request_id was already used for a different request (%(field)s differs).")
                           % {"field": name}, fields={"request_id": [_("Already used for a different request.")]})
    found._replayed = True
    return found


def was_replayed(obj: models.Model) -> bool:
    """True when ``obj`` is the answer to a repeated request (nothing was created now)."""
    return getattr(obj, "_replayed", False)
