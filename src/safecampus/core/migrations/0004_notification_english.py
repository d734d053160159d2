"""Notifications keep an English copy of their text, so each reader sees their own language."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("core", "0003_cache_table")]

    operations = [
        migrations.AddField(model_name="notification", name="title_en",
                            field=models.CharField(blank=True, max_length=255)),
        migrations.AddField(model_name="notification", name="body_en", field=models.TextField(blank=True)),
    ]
