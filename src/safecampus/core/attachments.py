"""Who may read an attachment: whoever may read the record it belongs to, as its app says.

Core knows no app. Each app that attaches files to a model registers, in ``AppConfig.ready()``,
how a reader is checked for that model::

    from safecampus.core.attachments import register_owner
    register_owner(Hazard, "hazards.view")

The default check is the detail page's own: ``Model.objects.get_visible(user, capability,
pk=...)`` (404 outside scope, 403 in scope without the capability). A record whose page asks
more (or less) passes ``check(user, obj)``, called after the record was found in scope.
A file attached to a model nobody registered is served to nobody.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db import models

from .errors import Forbidden, NotFound
from .scoping import PRESENCE


@dataclass(frozen=True)
class Owner:
    model: type[models.Model]
    capability: str
    check: Callable[[Any, models.Model], bool] | None = None


_OWNERS: dict[str, Owner] = {}


def _key(model: type[models.Model]) -> str:
    return model._meta.label_lower


def register_owner(model: type[models.Model], capability: str,
                   check: Callable[[Any, models.Model], bool] | None = None) -> None:
    """Attachments of ``model`` are read by those who may read the record (see the module)."""
    _OWNERS[_key(model)] = Owner(model, capability, check)


def owner_of(model: type[models.Model]) -> Owner | None:
    return _OWNERS.get(_key(model))


def check_reader(user, attachment) -> models.Model:
    """The record ``attachment`` belongs to, if ``user`` may read it; else NotFound / Forbidden."""
    model = attachment.content_type.model_class()
    owner = owner_of(model) if model is not None else None
    if owner is None:
        raise NotFound()
    manager = owner.model._default_manager
    if owner.check is None:
        return manager.get_visible(user, owner.capability, pk=attachment.object_id)
    obj = manager.get_visible(user, PRESENCE, pk=attachment.object_id)
    if not owner.check(user, obj):
        raise Forbidden()
    return obj


def registered() -> dict[str, Owner]:
    return dict(_OWNERS)
