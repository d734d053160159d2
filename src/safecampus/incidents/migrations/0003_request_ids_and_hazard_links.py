"""Idempotency keys for notices and reward/punishment records; hazard record ids on an investigation.

The investigations table is append-only: the new column is nullable so SQLite adds it in place, and
the triggers are installed again afterwards (and before, when going back) in case a backend rebuilt
the table and dropped them.
"""

from django.conf import settings
from django.db import migrations, models

from safecampus.core.db import make_append_only

_install = make_append_only("incidents_investigation")[0]


class Migration(migrations.Migration):

    dependencies = [
        ('incidents', '0002_append_only'),
        ('org', '0001_initial'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RunPython(migrations.RunPython.noop, _install),
        migrations.AddField(
            model_name='accountabilityrecord',
            name='request_id',
            field=models.CharField(blank=True, default='', editable=False, max_length=64),
        ),
        migrations.AddField(
            model_name='investigation',
            name='hazard_ids',
            field=models.JSONField(blank=True, null=True, verbose_name='hazard records'),
        ),
        migrations.AddField(
            model_name='notice',
            name='request_id',
            field=models.CharField(blank=True, default='', editable=False, max_length=64),
        ),
        migrations.AddConstraint(
            model_name='accountabilityrecord',
            constraint=models.UniqueConstraint(condition=models.Q(('request_id', ''), _negated=True), fields=('recorded_by', 'request_id'), name='accountability_request_once'),
        ),
        migrations.AddConstraint(
            model_name='notice',
            constraint=models.UniqueConstraint(condition=models.Q(('request_id', ''), _negated=True), fields=('published_by', 'request_id'), name='notice_request_once'),
        ),
        migrations.RunPython(_install, migrations.RunPython.noop),
    ]
