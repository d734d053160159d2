"""The school-bus inspection duty is proven by the buses' inspections from now on, no longer by a signed
attestation (a rule already loaded in a database is moved over; one someone changed to other evidence is
left as it is)."""

from django.db import migrations

CODE, KIND = "school-bus-inspection", "transport.inspection"


def forwards(apps, schema_editor):
    Obligation = apps.get_model("compliance", "Obligation")
    Obligation.objects.filter(code=CODE, evidence_kind="compliance.attestation").update(
        evidence_kind=KIND, evidence_params={})


def backwards(apps, schema_editor):
    Obligation = apps.get_model("compliance", "Obligation")
    Obligation.objects.filter(code=CODE, evidence_kind=KIND).update(
        evidence_kind="compliance.attestation", evidence_params={})


class Migration(migrations.Migration):
    dependencies = [("transport", "0001_initial"), ("compliance", "0001_initial")]
    operations = [migrations.RunPython(forwards, backwards)]
