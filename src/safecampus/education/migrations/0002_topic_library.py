from django.db import migrations


def seed(apps, schema_editor):
    from safecampus.education.topics import LIBRARY

    Topic = apps.get_model("education", "Topic")
    for sort, (code, name, name_zh) in enumerate(LIBRARY, start=1):
        Topic.objects.update_or_create(owner=None, code=code,
                                       defaults={"name": name, "name_zh": name_zh, "sort": sort * 10})


class Migration(migrations.Migration):
    dependencies = [("education", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
