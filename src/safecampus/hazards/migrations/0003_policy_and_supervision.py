"""Rectification policy as data (HazardPolicy, with the built-in row), and supervision (督办) on hazards.

Adding columns with defaults rebuilds ``hazards_hazard`` on SQLite, which drops the closed-row
triggers of 0002: they are installed again at the end.
"""

import importlib
import json
from pathlib import Path

import django.db.models.deletion
import django.db.models.functions.comparison
from django.conf import settings
from django.db import migrations, models


def seed_builtin_policy(apps, schema_editor):
    HazardPolicy = apps.get_model("hazards", "HazardPolicy")
    if HazardPolicy.objects.filter(org_unit__isnull=True).exists():
        return
    data = json.loads((Path(__file__).resolve().parent.parent / "data" / "policy_defaults.json").read_text("utf-8"))
    HazardPolicy.objects.create(org_unit=None, **{k: data[k] for k in (
        "general_days", "major_days", "general_remind_days", "major_remind_days", "source")})


def closed_rows_final_again(apps, schema_editor):
    importlib.import_module("safecampus.hazards.migrations.0002_closed_hazards_are_final").forward(apps, schema_editor)


class Migration(migrations.Migration):

    dependencies = [
        ('hazards', '0002_closed_hazards_are_final'),
        ('org', '0001_initial'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        # Unapplying rebuilds the table too: the last step backwards puts the triggers back.
        migrations.RunPython(migrations.RunPython.noop, closed_rows_final_again),
        migrations.AddField(
            model_name='hazard',
            name='supervised_at',
            field=models.DateTimeField(blank=True, db_index=True, null=True, verbose_name='supervised at'),
        ),
        migrations.AddField(
            model_name='hazard',
            name='supervised_by',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='supervised by'),
        ),
        migrations.AddField(
            model_name='hazard',
            name='supervision_note',
            field=models.TextField(blank=True, verbose_name='supervision note'),
        ),
        migrations.AddField(
            model_name='hazard',
            name='supervisions',
            field=models.PositiveSmallIntegerField(default=0, verbose_name='supervision orders'),
        ),
        migrations.CreateModel(
            name='HazardPolicy',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created')),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='updated')),
                ('version', models.PositiveIntegerField(default=1, editable=False)),
                ('general_days', models.PositiveSmallIntegerField(verbose_name='general hazard: days to rectify')),
                ('major_days', models.PositiveSmallIntegerField(verbose_name='major hazard: days to rectify')),
                ('general_remind_days', models.PositiveSmallIntegerField(verbose_name='general hazard: reminder, days before the deadline')),
                ('major_remind_days', models.PositiveSmallIntegerField(verbose_name='major hazard: reminder, days before the deadline')),
                ('source', models.TextField(blank=True, verbose_name='source')),
                ('changed_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='changed by')),
                ('org_unit', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='org.orgunit', verbose_name='unit')),
            ],
            options={
                'verbose_name': 'rectification policy',
                'verbose_name_plural': 'rectification policies',
                'ordering': ['org_unit__path', 'id'],
                'constraints': [models.UniqueConstraint(django.db.models.functions.comparison.Coalesce('org_unit', models.Value(0)), name='hazard_policy_one_per_unit')],
            },
        ),
        migrations.RunPython(seed_builtin_policy, migrations.RunPython.noop),
        migrations.RunPython(closed_rows_final_again, migrations.RunPython.noop),
    ]
