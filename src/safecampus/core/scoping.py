"""Every query starts from the reader's scope: ``Model.objects.visible_to(user, action)``."""

from __future__ import annotations

from django.db import models
from django.db.models import Q

from .errors import NotFound
from .permissions import scope_paths


def path_q(lookup: str, roots: list[str]) -> Q:
    q = Q()
    for root in roots:
        q |= Q(**{f"{lookup}__startswith": root})
    return q


class ScopedQuerySet(models.QuerySet):
    def _path_lookup(self) -> str:
        return getattr(self.model, "scope_path_lookup", "org_unit__path")

    def visible_to(self, user, action: str) -> ScopedQuerySet:
        """Rows owned by a unit at or below one where ``user`` holds ``action``. One query."""
        if user is None or not getattr(user, "is_authenticated", False):
            return self.none()
        roots = scope_paths(user, action)
        if not roots:
            return self.none()
        return self.filter(path_q(self._path_lookup(), roots))

    def get_visible(self, user, action: str, **lookup):
        """The row, or NotFound when it is missing or outside the reader's scope alike."""
        try:
            return self.visible_to(user, action).get(**lookup)
        except (self.model.DoesNotExist, ValueError, TypeError) as exc:
            raise NotFound() from exc
