"""A closed hazard is final: the database refuses to change or delete it (a recurrence is a new hazard)."""

from django.db import migrations

TABLE = "hazards_hazard"
MESSAGE = "a closed hazard is final"


def forward(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        for op in ("UPDATE", "DELETE"):
            schema_editor.execute(
                f"CREATE TRIGGER IF NOT EXISTS hazards_closed_no_{op.lower()} BEFORE {op} ON {TABLE} "
                f"FOR EACH ROW WHEN OLD.status = 'closed' BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END;")
    elif vendor == "postgresql":
        schema_editor.execute(
            "CREATE OR REPLACE FUNCTION hazards_closed_final() RETURNS trigger AS $$ BEGIN "
            f"IF OLD.status = 'closed' THEN RAISE EXCEPTION '{MESSAGE}'; END IF; "
            "IF TG_OP = 'DELETE' THEN RETURN OLD; END IF; RETURN NEW; END; $$ LANGUAGE plpgsql;")
        for op in ("UPDATE", "DELETE"):
            schema_editor.execute(f"DROP TRIGGER IF EXISTS hazards_closed_no_{op.lower()} ON {TABLE};")
            schema_editor.execute(
                f"CREATE TRIGGER hazards_closed_no_{op.lower()} BEFORE {op} ON {TABLE} "
                "FOR EACH ROW EXECUTE FUNCTION hazards_closed_final();")


def backward(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    for op in ("update", "delete"):
        if vendor == "sqlite":
            schema_editor.execute(f"DROP TRIGGER IF EXISTS hazards_closed_no_{op};")
        elif vendor == "postgresql":
            schema_editor.execute(f"DROP TRIGGER IF EXISTS hazards_closed_no_{op} ON {TABLE};")


class Migration(migrations.Migration):
    dependencies = [("hazards", "0001_initial")]

    operations = [migrations.RunPython(forward, backward)]
