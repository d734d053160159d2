from django.db import migrations


def seed(apps, schema_editor):
    from safecampus.assessment.defaults import seed as seed_default

    seed_default(apps, schema_editor)


class Migration(migrations.Migration):
    dependencies = [("assessment", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
