"""Attachments get a random address; existing rows are given one each."""

import uuid

from django.db import migrations, models


def give_uids(apps, schema_editor):
    Attachment = apps.get_model("core", "Attachment")
    for att in Attachment.objects.filter(uid=None).only("pk").iterator(chunk_size=1000):
        Attachment.objects.filter(pk=att.pk).update(uid=uuid.uuid4())


class Migration(migrations.Migration):
    dependencies = [("core", "0004_notification_english")]

    operations = [
        migrations.AddField("attachment", "uid", models.UUIDField(null=True, editable=False)),
        migrations.RunPython(give_uids, migrations.RunPython.noop),
        migrations.AlterField("attachment", "uid",
                              models.UUIDField(default=uuid.uuid4, unique=True, editable=False)),
    ]
