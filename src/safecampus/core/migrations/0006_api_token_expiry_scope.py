"""API tokens expire, carry a scope and remember where they were last used."""

from datetime import timedelta

from django.conf import settings
from django.db import migrations, models


def expire_old_tokens(apps, schema_editor):
    """Tokens issued before expiry existed end as a sign-in token issued then would."""
    ApiToken = apps.get_model("core", "ApiToken")
    hours = getattr(settings, "API_TOKEN_HOURS", 12)
    for token in ApiToken.objects.filter(expires_at=None).only("pk", "created_at").iterator(chunk_size=1000):
        ApiToken.objects.filter(pk=token.pk).update(expires_at=token.created_at + timedelta(hours=hours))


class Migration(migrations.Migration):

    dependencies = [
        ('core', '0005_attachment_uid'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name='apitoken',
            name='expires_at',
            field=models.DateTimeField(blank=True, null=True, verbose_name='expires'),
        ),
        migrations.AddField(
            model_name='apitoken',
            name='kind',
            field=models.CharField(choices=[('sign_in', 'Sign-in'), ('integration', 'Integration')], default='sign_in', max_length=16, verbose_name='kind'),
        ),
        migrations.AddField(
            model_name='apitoken',
            name='last_used_ip',
            field=models.GenericIPAddressField(blank=True, null=True, verbose_name='last used from'),
        ),
        migrations.AddField(
            model_name='apitoken',
            name='scope',
            field=models.CharField(choices=[('read', 'Read only'), ('read_write', 'Read and write')], default='read_write', max_length=16, verbose_name='access'),
        ),
        migrations.AlterField(
            model_name='apitoken',
            name='last_used_at',
            field=models.DateTimeField(blank=True, null=True, verbose_name='last used'),
        ),
        migrations.AlterField(
            model_name='apitoken',
            name='name',
            field=models.CharField(blank=True, max_length=100, verbose_name='name'),
        ),
        migrations.AddIndex(
            model_name='apitoken',
            index=models.Index(fields=['user', 'revoked_at'], name='core_apitok_user_id_567ad5_idx'),
        ),
        migrations.RunPython(expire_old_tokens, migrations.RunPython.noop),
    ]
