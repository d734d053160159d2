"""Filed reports, amendments, follow-ups, investigations and monthly reports refuse UPDATE and DELETE
in the database itself, so no path (admin, ORM, raw SQL) can rewrite what was filed."""

from django.db import migrations

from safecampus.core.db import make_append_only

TABLES = ("incidents_incident", "incidents_amendment", "incidents_followup", "incidents_investigation",
          "incidents_inforeport")


class Migration(migrations.Migration):
    dependencies = [("incidents", "0001_initial")]

    operations = [migrations.RunPython(*make_append_only(table)) for table in TABLES]
