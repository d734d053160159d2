from django.db import migrations

from safecampus.core.db import make_append_only

forward, backward = make_append_only("core_auditevent")


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial")]
    operations = [migrations.RunPython(forward, backward)]
