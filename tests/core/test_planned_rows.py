"""core.api.rows: a row written from the plan is DRF's own representation, nested fields included."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from rest_framework import serializers

from safecampus.core.api.rows import PlannedRepresentation
from safecampus.incidents import services
from safecampus.incidents.api import IncidentOut, IncidentViewSet
from tests.incidents.helpers import file

pytestmark = pytest.mark.django_db


def test_nested_fields_bound_alone_write_what_drf_writes_with_every_field_built(world):
    officer = world.user("officer_a")
    incident = file(world)
    services.add_followup(incident, actor=officer, summary="Parents called")
    services.amend(incident, actor=officer, reason="Wrong place", changes={"location": "Gym"})
    row = IncidentViewSet.queryset.get(pk=incident.pk)
    context = {"request": SimpleNamespace(user=officer)}
    assert IncidentOut(row, context=context).data["id"] == row.pk  # the plan is made once per class, from every field
    planned = IncidentOut(row, context=context)
    ours = PlannedRepresentation.to_representation(planned, row)
    # Only the nested fields were copied and bound: the model's fields were never built for one record.
    assert "fields" not in planned.__dict__
    assert set(planned.__dict__["_planned_fields"]) == {"amendments", "followups"}
    theirs = serializers.ModelSerializer.to_representation(IncidentOut(row, context=context), row)
    assert ours == theirs
    assert ours["followups"][0]["summary"] == "Parents called"
    assert ours["amendments"][0]["changes"] == {"location": {"replaced": "", "new": "Gym"}}
