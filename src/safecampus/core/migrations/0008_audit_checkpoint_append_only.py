from django.db import migrations

from safecampus.core.db import make_append_only

forward, backward = make_append_only("core_auditcheckpoint")


class Migration(migrations.Migration):
    dependencies = [("core", "0007_audit_checkpoint")]
    operations = [migrations.RunPython(forward, backward)]
