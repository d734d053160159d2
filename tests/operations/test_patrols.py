"""Patrol routes, the QR sheet, check-ins by code, hazards from a wrong checkpoint, missed checkpoints."""

from __future__ import annotations

import json
import shutil
import subprocess
from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone

from safecampus.core.models import Notification
from safecampus.hazards.models import Hazard
from safecampus.operations.models import PatrolCheckin, PatrolRound
from safecampus.operations.people import at_local, local_today
from safecampus.operations.services import patrols as services

from .helpers import evidence_done, route

pytestmark = pytest.mark.django_db
JSQR = Path(__file__).resolve().parents[2] / "src/safecampus/operations/static/vendor/jsqr/jsQR.js"


def test_a_route_through_the_api_gives_each_checkpoint_a_code(world):
    response = world.api("officer_a").post("/api/v1/patrol-routes", {
        "org_unit": world.school_a.pk, "name": "夜间防火", "kind": "fire",
        "checkpoints": [{"name": "配电室"}, {"name": "厨房"}]}, format="json")
    assert response.status_code == 201, response.content
    body = response.json()
    assert [c["name"] for c in body["checkpoints"]] == ["配电室", "厨房"]
    assert all(len(c["code"]) == 8 for c in body["checkpoints"])
    bad = world.api("officer_a").post("/api/v1/patrol-routes", {
        "org_unit": world.school_a.pk, "name": "x", "kind": "fire", "checkpoints": []}, format="json")
    assert bad.status_code == 400 and "checkpoints" in bad.json()["fields"]


def _decode_qr(png: bytes) -> str | None:
    """The vendored jsQR, run by node on the rendered page: what a phone would read."""
    from io import BytesIO

    from PIL import Image

    if not shutil.which("node"):
        return None
    image = Image.open(BytesIO(png)).convert("RGBA")
    script = (f"const jsQR=require({json.dumps(str(JSQR))});let d=[];process.stdin.on('data',c=>d.push(c));"
              "process.stdin.on('end',()=>{const b=Buffer.concat(d);"
              f"const r=jsQR(new Uint8ClampedArray(b),{image.width},{image.height});"
              "process.stdout.write(r?r.data:'');});")
    out = subprocess.run(["node", "-e", script], input=image.tobytes(), capture_output=True, timeout=60)
    return out.stdout.decode()


def test_the_qr_sheet_pdf_reads_back(world, tmp_path):
    r = route(world, names=("配电室",))
    code = r.checkpoints.get().code
    response = world.api("teacher_a").get(f"/api/v1/patrol-routes/{r.pk}/sheet.pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    pdf = tmp_path / "sheet.pdf"
    pdf.write_bytes(b"".join(response.streaming_content) if response.streaming else response.content)
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert code in text and "配电室" in text
    subprocess.run(["pdftoppm", "-r", "150", "-png", "-f", "1", "-l", "1", str(pdf), str(tmp_path / "page")],
                   check=True)
    decoded = _decode_qr(next(tmp_path.glob("page*.png")).read_bytes())
    if decoded is not None:
        assert decoded == code
    page = world.web("officer_a").get(f"/operations/patrols/routes/{r.pk}/sheet.pdf")
    assert page.status_code == 200 and page.content.startswith(b"%PDF")


def test_check_in_by_code_and_a_second_scan_within_a_minute_is_the_same(world):
    r = route(world)
    code = r.checkpoints.first().code
    api = world.api("guard_a")
    first = api.post("/api/v1/patrol-checkins", {"code": code.lower(), "note": "正常"}, format="json")
    assert first.status_code == 201, first.content
    body = first.json()
    assert body["route"] == r.pk and body["by"] == world.user("guard_a").pk and body["at"]
    again = api.post("/api/v1/patrol-checkins", {"code": code, "note": "again"}, format="json")
    assert again.status_code == 201 and again.json()["id"] == body["id"]
    assert PatrolCheckin.objects.filter(checkpoint__code=code).count() == 1


def test_unknown_and_foreign_codes_are_404_and_record_nothing(world):
    foreign = route(world, school="school_b", who="officer_b").checkpoints.first().code
    count = PatrolCheckin.objects.count()
    api = world.api("guard_a")
    assert api.post("/api/v1/patrol-checkins", {"code": "NOSUCH99"}, format="json").status_code == 404
    assert api.post("/api/v1/patrol-checkins", {"code": foreign}, format="json").status_code == 404
    assert api.post("/api/v1/patrol-checkins", {"code": ""}, format="json").status_code == 400
    assert PatrolCheckin.objects.count() == count


def test_a_wrong_checkpoint_opens_a_hazard(world):
    r = route(world, kind="safety")
    code = r.checkpoints.first().code
    response = world.api("guard_a").post("/api/v1/patrol-checkins", {
        "code": code, "note": "围墙有裂缝", "result": "wrong"}, format="json")
    assert response.status_code == 201
    hazard = Hazard.objects.get(pk=response.json()["hazard"])
    assert hazard.source == "patrol" and hazard.org_unit == world.school_a and hazard.description == "围墙有裂缝"


def test_a_complete_fire_round_is_the_fire_patrol_evidence(world):
    day = local_today(world.school_b)
    r = route(world, school="school_b", who="officer_b")
    before = evidence_done(world, world.school_b, "fire-patrol", day)
    for checkpoint in list(r.checkpoints.all())[:-1]:
        services.check_in(actor=world.user("officer_b"), code=checkpoint.code)
    assert evidence_done(world, world.school_b, "fire-patrol", day) == before
    services.check_in(actor=world.user("officer_b"), code=r.checkpoints.last().code)
    assert evidence_done(world, world.school_b, "fire-patrol", day) == before + 1
    days = world.api("officer_b").get(f"/api/v1/patrols?date={day}&org_unit={world.school_b.pk}").json()
    mine = next(d for d in days if d["route"] == r.pk)
    assert mine == {**mine, "checked": 3, "total": 3, "complete": True, "date": day.isoformat()}


def test_missed_checkpoints_at_the_end_of_the_round_alert_the_safety_officer_once(world):
    r = route(world, kind="safety", names=("A", "B"))
    services.check_in(actor=world.user("guard_a"), code=r.checkpoints.first().code)
    late = at_local(world.school_a, local_today(world.school_a), 19)
    if late < timezone.now():
        late = timezone.now() + timedelta(minutes=1)
    assert services.sweep_missed_checkpoints(at_local(world.school_a, local_today(world.school_a), 9)) == 0
    assert services.sweep_missed_checkpoints(late) >= 1
    note = Notification.objects.filter(user=world.user("officer_a"), kind="operations.patrol_missed",
                                       url=r.get_absolute_url()).get()
    assert note.body == "B"
    assert services.sweep_missed_checkpoints(late) == 0
    assert PatrolRound.objects.get(route=r, date=local_today(world.school_a)).missed_alerted_at is not None


def test_scan_page_checks_in_by_typed_code(world):
    r = route(world)
    checkpoint = r.checkpoints.first()
    web = world.web("guard_a", "zh-hans")
    page = web.get("/operations/patrols/scan/").content.decode()
    assert "扫描巡查点二维码" in page and "jsQR.js" in page
    done = web.post("/operations/patrols/scan/", {"code": checkpoint.code, "result": "ok", "note": ""})
    assert done.status_code == 302
    assert PatrolCheckin.objects.filter(checkpoint=checkpoint).exists()
    unknown = web.post("/operations/patrols/scan/", {"code": "ZZZZZZZZ", "result": "ok"})
    assert unknown.status_code == 404
