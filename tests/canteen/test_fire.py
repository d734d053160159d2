"""Fire equipment: register, labels, checks (a fault opens a hazard), repairs, exits, the month's evidence."""

from __future__ import annotations

import subprocess
import tempfile

import pytest
from freezegun import freeze_time

from safecampus.canteen import selectors
from safecampus.canteen.models import FireEquipment, FireMonth
from safecampus.canteen.services import fire as services
from safecampus.compliance.engine import evaluate
from safecampus.compliance.models import Obligation
from safecampus.compliance.policies import set_policy
from safecampus.hazards.models import Hazard

from .helpers import at

pytestmark = pytest.mark.django_db


def _item(world, kind="extinguisher", building="Teaching block", school=None, **kw):
    return services.create_equipment(actor=world.user("officer_a"), org_unit=school or world.school_a, kind=kind,
                                     building=building, location=kw.pop("location", "1F east"), **kw)


def test_new_equipment_answers_its_id_and_code(world):
    r = world.api("officer_a").post("/api/v1/fire-equipment", {"org_unit": world.school_a.pk, "kind": "extinguisher",
                                                                "location": "Canteen", "expires": "2030-01-01"},
                                    format="json")
    assert r.status_code == 201, r.content
    assert set(r.json()) >= {"id", "code"} and r.json()["code"].startswith("FE-")


def test_a_fault_opens_a_hazard_and_says_which(world):
    item = _item(world)
    r = world.api("officer_a").post(f"/api/v1/fire-equipment/{item.pk}/checks",
                                    {"result": "fault", "note": "Pressure gauge in the red"}, format="json")
    assert r.status_code == 201, r.content
    hazard = Hazard.objects.get(pk=r.json()["hazard"])
    assert hazard.category == "fire" and hazard.org_unit == world.school_a and "Pressure" in hazard.description
    ok = world.api("officer_a").post(f"/api/v1/fire-equipment/{item.pk}/checks", {"result": "ok"}, format="json")
    assert ok.status_code == 201 and ok.json()["hazard"] is None


def test_a_check_of_another_schools_equipment_is_404(world):
    item = _item(world)
    r = world.api("officer_b").post(f"/api/v1/fire-equipment/{item.pk}/checks", {"result": "ok"}, format="json")
    assert r.status_code == 404
    r = world.api("officer_b").post("/api/v1/fire-checks", {"code": item.code, "result": "ok"}, format="json")
    assert r.status_code == 404
    r = world.api("officer_a").post("/api/v1/fire-checks", {"code": item.code.lower(), "result": "ok"}, format="json")
    assert r.status_code == 201


@pytest.mark.parametrize(("body", "field"), [({"result": "fine"}, "result"), ({}, "result")])
def test_bad_checks_are_400(world, body, field):
    item = _item(world)
    r = world.api("officer_a").post(f"/api/v1/fire-equipment/{item.pk}/checks", body, format="json")
    assert r.status_code == 400 and field in r.json()["fields"]


def test_a_month_with_every_item_checked_is_the_evidence(world):
    with freeze_time(at("2026-11-03 09:00")):
        first, second = _item(world), _item(world, kind="emergency_light", location="Stairs")
        services.check_equipment(first, actor=world.user("officer_a"), result="ok")
    rule = Obligation.objects.get(org_unit=world.central, code="fire-equipment-check")

    def status():
        rows = [r for r in evaluate(roots=[world.central.path], now=at("2026-11-20 09:00"))
                if r.unit_id == world.school_a.pk and r.obligation.pk == rule.pk]
        return rows[0].status

    assert status() != "met"
    with freeze_time(at("2026-11-10 09:00")):
        services.check_equipment(second, actor=world.user("officer_a"), result="fault", note="Bulb out")
    assert FireMonth.objects.get(org_unit=world.school_a, month="2026-11-01").complete
    assert status() == "met"


def test_more_than_a_quarter_of_a_buildings_extinguishers_away_is_flagged(world):
    items = [_item(world, location=f"Room {i}") for i in range(4)]
    actor = world.user("officer_a")
    services.send_for_repair(items[0], actor=actor)
    assert not services.over_limit(world.school_a, "Teaching block")  # 1 of 4 is a quarter: allowed
    r = world.api("officer_a").post(f"/api/v1/fire-equipment/{items[1].pk}/repair", {}, format="json")
    assert r.status_code == 200 and r.json()["over_repair_limit"] is True  # flagged, not refused
    assert selectors.buildings_over_limit(world.school_a)[0]["away"] == 2
    from safecampus.core.models import Notification

    assert Notification.objects.filter(user__username="officer_a", kind="canteen.repair_limit").exists()
    page = world.web("officer_a").get("/canteen/fire/").content.decode()
    assert "more than 25% at once" in page
    services.return_from_repair(FireEquipment.objects.get(pk=items[1].pk), actor=actor)
    assert not services.over_limit(world.school_a, "Teaching block")


def test_half_monthly_checks_where_the_policy_says_so(world):
    with freeze_time(at("2026-11-05 09:00")):
        item = _item(world)
        services.check_equipment(item, actor=world.user("officer_a"), result="ok")
    with freeze_time(at("2026-11-20 09:00")):
        assert item not in selectors.due_equipment(world.user("officer_a"), world.school_a)
        set_policy(world.school_a, "fire.equipment", {"checks_per_month": 2}, actor=world.user("central"),
                   source="人员密集场所：每半月检查一次")
        assert item in selectors.due_equipment(world.user("officer_a"), world.school_a)
        home = world.web("officer_a").get("/").content.decode()
    assert "Fire equipment due for its check" in home


def test_a_blocked_exit_opens_a_hazard(world):
    r = world.api("officer_a").post("/api/v1/exit-checks", {"org_unit": world.school_a.pk, "place": "North exit",
                                                             "clear": False, "note": "Desks stacked"}, format="json")
    assert r.status_code == 201 and r.json()["hazard"]
    r = world.api("officer_a").post("/api/v1/exit-checks", {"org_unit": world.school_a.pk, "place": "South exit",
                                                             "clear": True}, format="json")
    assert r.status_code == 201 and r.json()["hazard"] is None


def test_qr_labels_are_a_pdf_that_names_each_item(world):
    items = [_item(world, location=f"Corridor {i}") for i in range(3)]
    r = world.web("officer_a").get(f"/canteen/fire/labels.pdf?unit={world.school_a.pk}")
    assert r.status_code == 200 and r["Content-Type"] == "application/pdf"
    with tempfile.NamedTemporaryFile(suffix=".pdf") as pdf:
        pdf.write(r.content)
        pdf.flush()
        text = subprocess.run(["pdftotext", "-enc", "UTF-8", pdf.name, "-"], capture_output=True, check=True,
                              text=True).stdout
    for item in items:
        assert item.code in text


def test_the_label_scan_page_records_a_check_on_a_phone(world):
    item = _item(world)
    client = world.web("officer_a")
    page = client.get(f"/canteen/fire/scan/{item.code}/")
    assert page.status_code == 200 and "Record a check" in page.content.decode()
    r = client.post(f"/canteen/fire/{item.pk}/check/", {"result": "ok"})
    assert r.status_code == 302
    assert FireEquipment.objects.get(pk=item.pk).last_result == "ok"
