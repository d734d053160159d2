"""The readiness pages as people use them: in Chinese, on the records of the demo."""

from __future__ import annotations

import subprocess

import pytest
from django.urls import reverse

from safecampus.core.testing.queries import exact_queries
from safecampus.hazards.models import Hazard
from safecampus.readiness.models import Drill, EmergencyPlan

pytestmark = pytest.mark.django_db


def test_plan_board_shows_six_kinds_and_the_review_due(world):
    html = world.web("officer_a", "zh-hans").get(reverse("readiness:plans")).content.decode()
    for label in ("治安事件", "火灾", "食物中毒", "拥挤踩踏", "公共卫生事件", "自然灾害"):
        assert label in html
    assert html.count("待年度评审") == 1


def test_plan_pdf_reads_back_in_chinese(world, tmp_path):
    plan = EmergencyPlan.objects.get(org_unit=world.school_a, kind="fire", status="approved")
    answer = world.web("officer_a", "zh-hans").get(reverse("readiness:plan-pdf", args=[plan.pk]))
    assert answer["Content-Type"] == "application/pdf"
    pdf = tmp_path / "plan.pdf"
    pdf.write_bytes(answer.content)
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "火灾事故应急预案" in text and "拨打119" in text and "应急预案" in text


def test_recording_a_drill_on_the_page_opens_hazards(world):
    web = world.web("officer_a", "zh-hans")
    url = reverse("readiness:drill-record")
    bad = web.post(url, {"org_unit": world.school_a.pk, "kind": "fire", "participants": 9999,
                         "evacuation_seconds": 90})
    assert bad.status_code == 400 and "参加人数超过了学校师生总数" in bad.content.decode()
    done = web.post(url, {"org_unit": world.school_a.pk, "kind": "evacuation", "participants": 10,
                          "evacuation_seconds": 90, "problems": "楼梯口堆物\n\n集合点太远\n", "request_id": "r1"})
    assert done.status_code == 302
    drill = Drill.objects.get(request_id="r1")
    assert Hazard.objects.filter(source_ref=f"drill:{drill.pk}").count() == 2
    page = web.get(done["Location"]).content.decode()
    assert "楼梯口堆物" in page and "达标" in page


def test_drill_list_has_a_fixed_query_count(world):
    web = world.web("central")
    web.get(reverse("readiness:drills"))  # the session and the caches warmed
    with exact_queries(6):
        web.get(reverse("readiness:drills"))
    for n in range(5):
        Drill.objects.create(org_unit=world.school_b, kind="fire", status="planned", planned_for=f"2026-12-2{n}")
    with exact_queries(6):
        web.get(reverse("readiness:drills"))


def test_drill_list_exports_xlsx(world):
    from io import BytesIO

    from openpyxl import load_workbook

    answer = world.web("central", "zh-hans").get(reverse("readiness:drills") + "?export=xlsx")
    sheet = load_workbook(BytesIO(answer.content)).active
    header = [c.value for c in sheet[1]]
    assert header[0] == "演练" and sheet.max_row >= 3


def test_contact_page_has_tap_to_call(world):
    html = world.web("guard_a", "zh-hans").get(reverse("readiness:teams")).content.decode()
    assert "应急领导小组" in html and 'href="tel:13800000001"' in html


def test_funds_page_sums_per_school_and_central(world):
    html = world.web("central", "zh-hans").get(reverse("readiness:funds")).content.decode()
    assert "¥25000.00" in html and "¥10450.00" in html and "¥0.00" in html
