"""INC-4 with the hazard ledger: an investigation names hazard records by id, checked for scope and school."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from django.db import DatabaseError, connection, transaction

from safecampus.core.errors import InvalidInput
from safecampus.core.models import AuditEvent
from safecampus.incidents import hazard_links, services
from safecampus.incidents.models import Investigation

from .helpers import file

pytestmark = pytest.mark.django_db

FINDINGS = {"findings": "The rail was loose.", "responsible": "Caretaker", "measures": "Weekly rail check."}


def _hazard(world, username="officer_a", unit=None, title="Loose stair rail"):
    from safecampus.hazards.services import report_hazard

    return report_hazard(actor=world.user(username), org_unit=unit or world.school_a, title=title,
                         category="building", level="general", location="Stairs")


def _investigate(world, incident, **data):
    return world.api("central").post(f"/api/v1/incidents/{incident.pk}/investigation", {**FINDINGS, **data},
                                     format="json")


def test_investigation_links_hazards_of_the_school_and_the_api_returns_them(world):
    incident = file(world, severity="serious")
    first, second = _hazard(world), _hazard(world, title="Wet floor")
    r = _investigate(world, incident, hazards=[second.pk, first.pk, second.pk], hazards_opened="Lighting on B stairs")
    assert r.status_code == 201, r.content
    investigation = r.json()["investigation"]
    assert investigation["hazards"] == [second.pk, first.pk]
    assert investigation["hazards_opened"] == "Lighting on B stairs"
    assert investigation["investigator"] == world.user("central").pk
    assert Investigation.objects.get(incident=incident).hazard_ids == [second.pk, first.pk]
    event = AuditEvent.objects.get(action="incidents.investigated", object_id=str(incident.pk))
    assert event.changes["hazards"] == [second.pk, first.pk]
    read = world.api("officer_a").get(f"/api/v1/incidents/{incident.pk}").json()
    assert read["investigated"] is True and read["investigation"]["hazards"] == [second.pk, first.pk]
    listed = world.api("central").get("/api/v1/incidents?page_size=200").json()["results"]
    row = next(i for i in listed if i["id"] == incident.pk)
    assert row["investigated"] is True and "investigation" not in row  # the links are the detail's


def test_an_incident_without_investigation_says_so(world):
    incident = file(world)
    body = world.api("central").get(f"/api/v1/incidents/{incident.pk}").json()
    assert body["investigated"] is False and body["investigation"] is None


@pytest.mark.parametrize("bad", ["other_school", "missing", "text", "list_of_text", "zero", "too_many"])
def test_bad_hazard_links_are_400_naming_hazards_and_record_nothing(world, bad):
    incident = file(world, severity="serious")
    value = {
        "other_school": lambda: [_hazard(world, "officer_b", world.school_b).pk],
        "missing": lambda: [999999],
        "text": lambda: "#12",
        "list_of_text": lambda: ["twelve"],
        "zero": lambda: [0],
        "too_many": lambda: list(range(1, 60)),
    }[bad]()
    r = _investigate(world, incident, hazards=value)
    assert r.status_code == 400, r.content
    # The list itself or one of its items ("hazards.0"), named either way.
    assert any(name.split(".")[0] == "hazards" for name in r.json()["fields"]), r.json()
    assert not Investigation.objects.filter(incident=incident).exists()


def test_hazards_out_of_the_actors_scope_are_refused_like_missing_ones(world):
    hazard = _hazard(world)
    with pytest.raises(InvalidInput) as exc:
        hazard_links.clean_hazard_ids(actor=world.user("officer_b"), school=world.school_a, raw=[hazard.pk])
    assert "hazards" in exc.value.fields
    assert hazard_links.clean_hazard_ids(actor=world.user("central"), school=world.school_a,
                                         raw=[str(hazard.pk), f"#{hazard.pk}"]) == [hazard.pk]
    assert hazard_links.clean_hazard_ids(actor=world.user("central"), school=world.school_a, raw=None) == []


def test_a_class_incident_links_hazards_of_its_school(world):
    from safecampus.org.models import OrgUnit

    klass = OrgUnit.objects.filter(path__startswith=world.school_a.path, kind="class").first()
    incident = file(world, unit=klass, severity="serious")
    hazard = _hazard(world)
    assert _investigate(world, incident, hazards=[hazard.pk]).status_code == 201


def test_the_incident_page_links_the_hazards_the_reader_sees(world):
    incident = file(world, severity="serious")
    hazard = _hazard(world)
    services.record_investigation(incident, actor=world.user("central"), hazards=[hazard.pk], **FINDINGS)
    page = world.web("officer_a").get(incident.get_absolute_url()).content.decode()
    assert f'href="{hazard.get_absolute_url()}"' in page and "Loose stair rail" in page
    # Someone who cannot see that hazard gets its number, not its title.
    shown = hazard_links.links(world.user("officer_b"), [hazard.pk])
    assert shown == [hazard_links.HazardLink(hazard.pk)]
    pdf = world.web("central").get(f"/incidents/{incident.pk}/pdf/")
    assert pdf.status_code == 200


def test_the_investigation_form_offers_the_schools_hazards(world):
    incident = file(world, severity="serious")
    mine, other = _hazard(world), _hazard(world, "officer_b", world.school_b, title="Cracked wall")
    web = world.web("central")
    form = web.get(f"/incidents/{incident.pk}/investigate/").content.decode()
    assert f'value="{mine.pk}"' in form and f'value="{other.pk}"' not in form
    bad = web.post(f"/incidents/{incident.pk}/investigate/", {**FINDINGS, "hazards": [other.pk]})
    assert bad.status_code == 400 and not Investigation.objects.filter(incident=incident).exists()
    r = web.post(f"/incidents/{incident.pk}/investigate/", {**FINDINGS, "hazards": [mine.pk],
                                                            "hazards_opened": "B stairs lighting"})
    assert r.status_code == 302
    assert Investigation.objects.get(incident=incident).hazard_ids == [mine.pk]


def test_without_the_hazards_app_the_note_is_all_there_is(world, monkeypatch):
    incident = file(world, severity="serious")
    hazard = _hazard(world)
    monkeypatch.setattr(hazard_links, "hazard_reader", lambda: None)
    web = world.web("central")
    form = web.get(f"/incidents/{incident.pk}/investigate/").content.decode()
    assert 'name="hazards_opened"' in form and 'name="hazards"' not in form
    r = _investigate(world, incident, hazards=[hazard.pk])
    assert r.status_code == 400 and "hazards" in r.json()["fields"]
    r = _investigate(world, incident, hazards_opened="Loose stair rail")
    assert r.status_code == 201 and r.json()["investigation"]["hazards"] == []
    assert hazard_links.links(world.user("central"), [hazard.pk]) == [hazard_links.HazardLink(hazard.pk)]
    assert world.web("central").get(incident.get_absolute_url()).status_code == 200


def test_the_incidents_app_reads_hazards_only_through_their_public_read_functions():
    """Only ``hazard_links`` touches the hazards app, and only its ``selectors`` (lazily, so the
    incidents app still works without it)."""
    root = Path(hazard_links.__file__).resolve().parent
    offenders = []
    for path in root.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                names = [f"{'.' * node.level}{node.module or ''}.{alias.name}" for alias in node.names]
            for name in names:
                if "hazards" in name.split(".") and (path.name, name) != ("hazard_links.py",
                                                                          "safecampus.hazards.selectors"):
                    offenders.append(f"{path.relative_to(root)}:{node.lineno} {name}")
        if "get_model" in path.read_text(encoding="utf-8") and "hazards" in path.read_text(encoding="utf-8"):
            offenders.append(f"{path.relative_to(root)}: looks the hazard model up by name")
    assert not offenders, offenders


def test_linked_investigations_stay_append_only(world):
    incident = file(world, severity="serious")
    hazard = _hazard(world)
    investigation = services.record_investigation(incident, actor=world.user("central"),
                                                  hazards=[hazard.pk], **FINDINGS)
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE incidents_investigation SET hazard_ids = '[]' WHERE incident_id = %s",
                       [investigation.incident_id])
    assert Investigation.objects.get(pk=investigation.pk).hazard_ids == [hazard.pk]
