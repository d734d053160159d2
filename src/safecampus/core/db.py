"""The few things SQLite and PostgreSQL do differently, behind one small adapter.

Append-only tables (audit events, filed incident reports) refuse UPDATE and DELETE in the
database itself, so neither the ORM, ``QuerySet.update`` nor raw SQL can rewrite history.
"""

from __future__ import annotations

from django.db import connection


def _names(table: str) -> tuple[str, str]:
    return f"{table}_no_update", f"{table}_no_delete"


def append_only_sql(vendor: str, table: str, *, allow_update_of: tuple[str, ...] = ()) -> list[str]:
    upd, dele = _names(table)
    message = f"{table} is append-only"
    if vendor == "sqlite":
        cols = ""
        when = ""
        if allow_update_of:
            # Only the listed bookkeeping columns may change; anything else aborts.
            when = " WHEN " + " OR ".join(f"NEW.{c} IS NOT OLD.{c}" for c in _other_columns(table, allow_update_of))
        return [
            f"CREATE TRIGGER IF NOT EXISTS {upd} BEFORE UPDATE{cols} ON {table} FOR EACH ROW{when} "
            f"BEGIN SELECT RAISE(ABORT, '{message}'); END;",
            f"CREATE TRIGGER IF NOT EXISTS {dele} BEFORE DELETE ON {table} FOR EACH ROW "
            f"BEGIN SELECT RAISE(ABORT, '{message}'); END;",
        ]
    if vendor == "postgresql":
        func = f"{table}_append_only"
        cond = ""
        if allow_update_of:
            cond = "IF TG_OP = 'UPDATE' AND (" + " AND ".join(
                f"NEW.{c} IS NOT DISTINCT FROM OLD.{c}" for c in _other_columns(table, allow_update_of)
            ) + ") THEN RETURN NEW; END IF; "
        return [
            f"CREATE OR REPLACE FUNCTION {func}() RETURNS trigger AS $$ BEGIN {cond}"
            f"RAISE EXCEPTION '{message}'; END; $$ LANGUAGE plpgsql;",
            f"DROP TRIGGER IF EXISTS {upd} ON {table};",
            f"CREATE TRIGGER {upd} BEFORE UPDATE ON {table} FOR EACH ROW EXECUTE FUNCTION {func}();",
            f"DROP TRIGGER IF EXISTS {dele} ON {table};",
            f"CREATE TRIGGER {dele} BEFORE DELETE ON {table} FOR EACH ROW EXECUTE FUNCTION {func}();",
        ]
    raise ValueError(f"append-only triggers are written for SQLite and PostgreSQL, not {vendor}")


def drop_append_only_sql(vendor: str, table: str) -> list[str]:
    upd, dele = _names(table)
    if vendor == "sqlite":
        return [f"DROP TRIGGER IF EXISTS {upd};", f"DROP TRIGGER IF EXISTS {dele};"]
    return [f"DROP TRIGGER IF EXISTS {upd} ON {table};", f"DROP TRIGGER IF EXISTS {dele} ON {table};"]


def _other_columns(table: str, allowed: tuple[str, ...]) -> list[str]:
    with connection.cursor() as cursor:
        columns = [c.name for c in connection.introspection.get_table_description(cursor, table)]
    return [c for c in columns if c not in allowed]


def make_append_only(table: str, *, allow_update_of: tuple[str, ...] = ()):
    """A RunPython pair for a migration: install the triggers on whichever database this is."""

    def forward(apps, schema_editor):
        for sql in append_only_sql(schema_editor.connection.vendor, table, allow_update_of=allow_update_of):
            schema_editor.execute(sql)

    def backward(apps, schema_editor):
        for sql in drop_append_only_sql(schema_editor.connection.vendor, table):
            schema_editor.execute(sql)

    return forward, backward
