"""Every query starts from the reader's scope: ``Model.objects.visible_to(user, action)``."""

from __future__ import annotations

from django.db import models
from django.db.models import Q

from .errors import Forbidden, NotFound
from .permissions import has_capability, scope_paths

# Seeing that a record exists needs a role at or above its unit; acting on it needs the capability.
PRESENCE = "org.view"


def unit_path_of(obj) -> str:
    lookup = getattr(type(obj), "scope_path_lookup", "org_unit__path")
    value = obj
    for part in lookup.split("__"):
        value = getattr(value, part)
    return value


def ancestor_paths(path: str) -> list[str]:
    """``/1/3/24/`` -> ``["/1/", "/1/3/", "/1/3/24/"]``: the unit and every unit above it."""
    parts = [p for p in path.strip("/").split("/") if p]
    return ["/" + "/".join(parts[: i + 1]) + "/" for i in range(len(parts))]


def path_q(lookup: str, roots: list[str]) -> Q:
    """Rows whose materialised path lies under any of ``roots``.

    SQLite's LIKE is case-insensitive and cannot use the path index, so there a prefix is the
    equivalent range ``root <= path < root-with-last-char-bumped`` (paths are ASCII digits and
    slashes). PostgreSQL keeps ``LIKE 'root%'``, served by the varchar_pattern_ops index Django
    adds for indexed text columns, which is also right under any collation.
    """
    from django.db import connection

    q = Q()
    for root in roots:
        if connection.vendor == "sqlite" and root:
            upper = root[:-1] + chr(ord(root[-1]) + 1)
            q |= Q(**{f"{lookup}__gte": root, f"{lookup}__lt": upper})
        else:
            q |= Q(**{f"{lookup}__startswith": root})
    return q


@models.CharField.register_lookup
class UnindexedRange(models.Lookup):
    """``lo <= value < hi`` that no index may serve (SQLite's unary ``+``; SQLite only, where paths
    compare as plain bytes).

    For a scope that is a whole tree, reading the newest rows through the time index and checking
    each row's unit is far cheaper than collecting every row of the tree through the unit index and
    sorting them; SQLite only takes that plan when the unit index is out of the question.
    """

    lookup_name = "unindexed_range"
    prepare_rhs = False

    def get_db_prep_lookup(self, value, connection):
        return "%s", list(value)

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        _rhs, rhs_params = self.process_rhs(compiler, connection)
        return f"+{lhs} >= %s AND +{lhs} < %s", [*lhs_params, *rhs_params]


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
        from django.db import connection

        lookup = self._path_lookup()
        if (connection.vendor == "sqlite" and getattr(self.model, "scope_newest_first", False)
                and all(r.count("/") == 2 for r in roots)):
            # Lists of this model are read newest first, and the reader sees whole trees (an
            # authority): see UnindexedRange.
            q = models.Q()
            for root in roots:
                q |= models.Q(**{f"{lookup}__unindexed_range": (root, root[:-1] + chr(ord(root[-1]) + 1))})
            return self.filter(q)
        return self.filter(path_q(lookup, roots))

    def get_visible(self, user, action: str, **lookup):
        """The row the reader may act on.

        Missing and out of scope are the same NotFound (404); in scope without ``action`` is
        Forbidden (403).
        """
        try:
            obj = self.visible_to(user, PRESENCE).get(**lookup)
        except (self.model.DoesNotExist, ValueError, TypeError) as exc:
            raise NotFound() from exc
        if not has_capability(user, action, unit_path_of(obj)):
            raise Forbidden()
        return obj


def ensure_in_scope(user, capability: str, obj) -> None:
    """The write-side re-check: after a change, the record must still lie where ``user`` may act.

    Call it inside the service's transaction, after saving; raising rolls the whole change back
    (moving a record to a unit you do not own fails).
    """
    if user is None:  # system work: demo loading, imports run by an operator
        return
    if not has_capability(user, capability, unit_path_of(obj)):
        raise Forbidden()
