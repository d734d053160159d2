from django.db import migrations


def seed(apps, schema_editor):
    from safecampus.education.topics import ensure_library

    ensure_library(apps.get_model("education", "Topic"))


class Migration(migrations.Migration):
    dependencies = [("education", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
