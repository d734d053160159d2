"""The drill duties and the yearly plan review are proven by drills and reviews from now on, no longer by
signed attestations (rules already loaded in a database are moved over; a rule someone changed to
other evidence is left as it is)."""

from django.db import migrations

MOVED = {
    "emergency-drill-semester": ("readiness.drill", {}),
    "emergency-drill-monthly": ("readiness.drill", {}),
    "emergency-drill-quarterly-kg": ("readiness.drill", {}),
    "bus-evacuation-drill": ("readiness.drill", {"kind": "school_bus"}),
    "emergency-plan-review": ("readiness.plan_review", {}),
}


def forwards(apps, schema_editor):
    Obligation = apps.get_model("compliance", "Obligation")
    for code, (kind, params) in MOVED.items():
        Obligation.objects.filter(code=code, evidence_kind="compliance.attestation").update(
            evidence_kind=kind, evidence_params=params)


def backwards(apps, schema_editor):
    Obligation = apps.get_model("compliance", "Obligation")
    for code, (kind, _params) in MOVED.items():
        Obligation.objects.filter(code=code, evidence_kind=kind).update(
            evidence_kind="compliance.attestation", evidence_params={})


class Migration(migrations.Migration):
    dependencies = [("readiness", "0001_initial"), ("compliance", "0001_initial")]
    operations = [migrations.RunPython(forwards, backwards)]
