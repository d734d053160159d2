"""Append-only rows: the ORM refuses what the database trigger would refuse anyway, with a clearer error."""

from __future__ import annotations

from django.db import models

from safecampus.core.scoping import ScopedQuerySet


class AppendOnlyError(Exception):
    """A filed record was about to be changed or deleted; corrections are amendments."""


class AppendOnlyQuerySet(ScopedQuerySet):
    def update(self, **kwargs):
        raise AppendOnlyError(f"{self.model._meta.db_table} is append-only")

    def delete(self):
        raise AppendOnlyError(f"{self.model._meta.db_table} is append-only")

    def bulk_update(self, objs, fields, batch_size=None):
        # Refused before Django opens its savepoint-less atomic block, so the caller's transaction survives.
        raise AppendOnlyError(f"{self.model._meta.db_table} is append-only")

    # _raw_delete is what the deletion Collector uses for fast deletes.
    def _raw_delete(self, using):
        raise AppendOnlyError(f"{self.model._meta.db_table} is append-only")


class AppendOnlyModel(models.Model):
    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise AppendOnlyError(f"{self._meta.db_table} is append-only")
        kwargs["force_insert"] = True
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError(f"{self._meta.db_table} is append-only")
