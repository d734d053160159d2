"""A request_id repeated with the same content answers the first record (200); with other content 409."""

import pytest

pytestmark = pytest.mark.django_db


def test_a_request_id_reused_for_another_incident_notice_or_record_is_409(world):
    from django.utils import timezone

    api = world.api("officer_a")
    incident = {"org_unit": world.school_a.pk, "kind": "fire", "severity": "general", "summary": "Smoke",
                "occurred_at": timezone.now().isoformat(), "request_id": "reuse-2"}
    assert api.post("/api/v1/incidents", incident, format="json").status_code == 201
    assert api.post("/api/v1/incidents", incident, format="json").status_code == 200
    assert api.post("/api/v1/incidents", {**incident, "summary": "Flood"}, format="json").status_code == 409
    record = {"org_unit": world.school_a.pk, "kind": "reward", "person": "Li", "measure": "Praise",
              "reason": "Calm", "decided_on": timezone.localdate().isoformat(), "request_id": "reuse-3"}
    central = world.api("central")  # rewards and punishments are decided by the central school
    assert central.post("/api/v1/accountability-records", record, format="json").status_code == 201
    assert central.post("/api/v1/accountability-records", {**record, "person": "Wang"},
                    format="json").status_code == 409
