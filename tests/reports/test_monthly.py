"""Monthly reports: read back as PDF (Chinese, with an SVG chart) and XLSX; the numbers move with the
records; bad input named; the first-of-month sweep makes last month's reports once."""

from __future__ import annotations

import io
import subprocess
import tempfile
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from openpyxl import load_workbook

from safecampus.reports import monthly
from safecampus.reports.models import MonthlyReport
from safecampus.reports.sweep import generate_due, last_month

pytestmark = pytest.mark.django_db
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _pdf_text(data: bytes) -> str:
    with tempfile.NamedTemporaryFile(suffix=".pdf") as pdf:
        pdf.write(data)
        pdf.flush()
        return subprocess.run(["pdftotext", "-enc", "UTF-8", pdf.name, "-"], capture_output=True, check=True,
                              ).stdout.decode()


def _this_month() -> str:
    from django.utils import timezone

    return timezone.localdate().strftime("%Y-%m")


def test_central_summary_as_pdf_and_xlsx(world):
    api = world.api("central")
    query = {"org_unit": world.central.pk, "month": _this_month()}
    pdf = api.get("/api/v1/reports/monthly", {**query, "format": "pdf"}, HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    text = _pdf_text(pdf.content)
    assert "月度安全汇总" in text and "A小学" in text and "B小学" in text and "排查隐患数" in text
    sheet = api.get("/api/v1/reports/monthly", {**query, "format": "xlsx"}, HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert sheet.status_code == 200 and sheet["Content-Type"] == XLSX
    book = load_workbook(io.BytesIO(sheet.content), read_only=True)
    rows = list(book.worksheets[0].iter_rows(values_only=True))
    assert rows[0][0] == "学校" and "排查隐患数" in rows[0] and rows[-1][0] == "合计"
    names = [r[0] for r in rows[1:-1]]
    assert {"A小学", "B小学", "C幼儿园"} <= set(names)
    found = rows[0].index("排查隐患数")
    assert rows[-1][found] == sum(r[found] for r in rows[1:-1])
    assert [r[0] for r in book.worksheets[1].iter_rows(values_only=True)][1:][-1] == _this_month()


def test_the_numbers_come_from_the_records(world):
    """A hazard reported this month counts for its school and in the central summary."""
    from django.utils import timezone

    from safecampus.hazards import services as hazards

    month = timezone.localdate().replace(day=1)
    before = monthly.compute(world.central, month)
    hazards.report_hazard(actor=world.user("officer_a"), org_unit=world.school_a, title="楼梯扶手松动 月报",
                          category="building", level="general", location="教学楼")
    after = monthly.compute(world.central, month)
    a = next(s for s in after["schools"] if s["id"] == world.school_a.pk)
    a_before = next(s for s in before["schools"] if s["id"] == world.school_a.pk)
    assert a["values"]["hazards_found"] == a_before["values"]["hazards_found"] + 1
    assert after["totals"]["hazards_found"] == before["totals"]["hazards_found"] + 1
    assert after["trend"]["series"]["hazards_found"][-1] == after["totals"]["hazards_found"]


def test_a_school_report_and_its_svg_chart(world):
    from django.utils import translation

    with translation.override("zh-hans"):
        data = monthly.compute(world.school_a, date(2026, 11, 1))
        assert data["scope"] == "school" and [s["id"] for s in data["schools"]] == [world.school_a.pk]
        html = monthly.charts.bars(["排查隐患数"], [3])
        assert html.startswith("<svg") and "排查隐患数" in html
        text = _pdf_text(monthly.render_pdf(data))
    assert "月度安全报告" in text and "2026-11" in text


@pytest.mark.parametrize(("params", "field"), [
    ({"month": "2026-13", "format": "pdf"}, "month"),
    ({"month": "202611", "format": "pdf"}, "month"),
    ({"month": "november", "format": "pdf"}, "month"),
    ({"month": "2999-01", "format": "pdf"}, "month"),
    ({"month": "2026-11", "format": "docx"}, "format"),
    ({"month": "2026-11"}, "format"),
    ({"month": "2026-11", "format": "pdf", "org_unit": "abc"}, "org_unit"),
    ({"month": "2026-11", "format": "pdf", "org_unit": "99999999999999999999"}, "org_unit"),
    ({"month": "2026-11", "format": "pdf", "org_unit": "class"}, "org_unit"),
    ({"month": "2026-11", "format": "pdf", "org_unit": "authority"}, "org_unit"),
])
def test_bad_input_is_a_400_naming_the_field(world, params, field):
    units = {"class": world.unit("school_a:Class 1-1").pk, "authority": world.authority.pk}
    query = {"org_unit": world.central.pk, **params}
    query["org_unit"] = units.get(query["org_unit"], query["org_unit"])
    response = world.api("authority").get("/api/v1/reports/monthly", query)
    assert response.status_code == 400, response.content
    assert field in response.json()["fields"]


def test_scope_and_capability(world):
    query = {"month": "2026-11", "format": "xlsx"}
    assert world.api("officer_a").get("/api/v1/reports/monthly", {**query, "org_unit": world.school_b.pk}
                                      ).status_code == 404
    assert world.api("officer_a").get("/api/v1/reports/monthly", {**query, "org_unit": world.central.pk}
                                      ).status_code == 404
    assert world.api("teacher_a").get("/api/v1/reports/monthly", {**query, "org_unit": world.school_a.pk}
                                      ).status_code == 403
    assert world.api("officer_a").get("/api/v1/reports/monthly", {**query, "org_unit": world.school_a.pk}
                                      ).status_code == 200


def test_first_of_the_month_sweep_makes_last_months_reports_once(world, monkeypatch):
    from safecampus.org.models import OrgUnit
    from safecampus.reports import sweep

    monkeypatch.setattr(sweep, "PER_SWEEP", 2)
    now = datetime(2026, 12, 1, 0, 5, tzinfo=ZoneInfo("Asia/Shanghai"))
    month = last_month(now)
    assert month == date(2026, 11, 1)
    units = OrgUnit.objects.filter(kind__in=["school", "central_school"], closed_on__isnull=True).count()
    assert generate_due(now + timedelta(days=1)) == 0  # only on the first of the month
    made = 0
    for _minute in range(units):
        made += generate_due(now + timedelta(minutes=_minute))
    assert made == units == MonthlyReport.objects.filter(month=month).count()
    assert generate_due(now + timedelta(hours=1)) == 0  # twice makes nothing twice
    report = MonthlyReport.objects.get(month=month, org_unit=world.central)
    assert report.scope == "central" and bytes(report.pdf).startswith(b"%PDF") and report.generated_by is None
    # The page lists them, in Chinese, with both files.
    page = world.web("central").get("/reports/monthly/", HTTP_ACCEPT_LANGUAGE="zh-hans")
    html = page.content.decode()
    assert page.status_code == 200 and "2026-11" in html and "中心校汇总" in html
    assert f"/reports/monthly/{report.pk}/xlsx/" in html
    got = world.web("central").get(f"/reports/monthly/{report.pk}/xlsx/")
    assert got.status_code == 200 and got["Content-Type"] == XLSX
