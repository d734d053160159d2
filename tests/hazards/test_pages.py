"""The hazard pages: report with photos, the ledger and its XLSX, detail, actions, analytics, home."""

from __future__ import annotations

import io
import json
import re

import pytest
from openpyxl import load_workbook

from safecampus.core.files import attachments_of
from safecampus.core.testing.queries import exact_queries
from safecampus.hazards.models import Hazard

from .helpers import make, png

pytestmark = pytest.mark.django_db


def test_a_teacher_reports_with_a_photo_once_even_when_submitted_twice(world):
    web = world.web("teacher_a")
    page = web.get("/hazards/report/")
    assert page.status_code == 200
    request_id = re.search(rb'name="request_id" value="([0-9a-f]+)"', page.content).group(1).decode()
    data = {"org_unit": world.school_a.pk, "title": "Stair rail loose", "category": "building",
            "level": "general", "location": "Stairs B", "request_id": request_id}
    r = web.post("/hazards/report/", {**data, "photos": png()})
    assert r.status_code == 302
    again = web.post("/hazards/report/", {**data, "photos": png()})
    assert again["Location"] == r["Location"]
    hazard = Hazard.objects.get(request_id=request_id)
    assert [a.purpose for a in attachments_of(hazard)] == ["report"]
    detail = web.get(r["Location"])
    assert b"Stair rail loose" in detail.content and b"thumb" in detail.content


def test_report_form_errors_are_shown_not_500(world):
    web = world.web("teacher_a")
    r = web.post("/hazards/report/", {"org_unit": world.school_b.pk, "title": "", "category": "x", "level": "y"})
    assert r.status_code == 400
    form = r.context["form"]
    assert {"org_unit", "title", "category", "level"} <= set(form.errors)
    from django.core.files.uploadedfile import SimpleUploadedFile

    r = web.post("/hazards/report/", {"org_unit": world.school_a.pk, "title": "t", "category": "fire",
                                      "level": "general", "photos": SimpleUploadedFile("a.png", b"nope")})
    assert r.status_code == 400 and "photos" in r.context["form"].errors


def test_ui_loop_with_rectification_photo_and_stale_form(world):
    hazard = make(world)
    officer, principal = world.web("officer_a"), world.web("principal_a")
    url = hazard.get_absolute_url()
    assert b'/assign/"' in officer.get(url).content
    r = officer.post(f"{url}assign/", {"assignee": world.user("principal_a").pk, "deadline": "2099-01-01",
                                       "version": hazard.version})
    assert r.status_code == 302
    r = principal.post(f"{url}rectify/", {"note": "done", "version": hazard.version})  # stale and no photo
    assert r.status_code == 400 and "photos" in r.context["form"].errors
    r = principal.post(f"{url}rectify/", {"note": "done", "photos": png(), "version": hazard.version})
    assert r.status_code == 409
    r = principal.post(f"{url}rectify/", {"note": "done", "photos": png()})
    assert r.status_code == 302
    assert principal.post(f"{url}verify/", {"note": "self"}).status_code == 403
    assert officer.post(f"{url}verify/", {"note": "ok"}).status_code == 302
    hazard.refresh_from_db()
    assert hazard.status == "closed"
    assert [a.purpose for a in attachments_of(hazard)] == ["rectification"]
    page = officer.get(url)
    assert b"report a recurrence" in page.content.lower()


def test_ledger_filters_and_xlsx(world):
    overdue = make(world, "assigned", title="Overdue railing")
    Hazard.objects.filter(pk=overdue.pk).update(due_at="2000-01-01T00:00:00Z", deadline="1999-12-31")
    make(world, school="school_b", title="B only")
    web = world.web("central")
    page = web.get("/hazards/?overdue=true")
    assert b"Overdue railing" in page.content and b"B only" not in page.content
    page = web.get(f"/hazards/?unit={world.school_b.pk}")
    assert b"B only" in page.content and b"Overdue railing" not in page.content
    r = web.get(f"/hazards/?unit={world.school_a.pk}&export=xlsx")
    assert r["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(r.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    header = rows[0]
    assert header[:3] == ("No.", "Hazard", "School")
    titles = [row[1] for row in rows[1:]]
    assert "Overdue railing" in titles and "B only" not in titles
    status = {row[1]: row[5] for row in rows[1:]}
    assert status["Overdue railing"] == "Assigned · Overdue"  # plain words in the sheet, no HTML
    assert world.web("officer_a").get(f"/hazards/?unit={world.school_b.pk}").status_code == 200


def test_ledger_page_query_count_is_fixed(world):
    web = world.web("central")
    web.get("/hazards/")
    with exact_queries(6):
        web.get("/hazards/")
    for i in range(4):
        make(world, "assigned", title=f"extra {i}")
    with exact_queries(6):
        web.get("/hazards/")


def test_analytics_page_has_chart_data_and_no_inline_script(world):
    make(world, level="major", title="Major for charts")
    page = world.web("central").get("/hazards/analytics/")
    assert page.status_code == 200
    html = page.content.decode()
    data = json.loads(re.search(r'<script id="hazard-chart-data" type="application/json">(.*?)</script>',
                                html, re.S).group(1))
    assert "School A" in data["schools"] and len(data["months"]) == 12
    assert sum(data["major"]) >= 1
    assert "chart.umd.min.js" in html and "hazards/analytics.js" in html


def test_home_shows_the_shortcut_and_the_work_panel(world):
    make(world, title="Needs assigning")
    home = world.web("officer_a").get("/")
    assert b"Report a hazard" in home.content and b"Needs assigning" in home.content
    assert b"Needs assigning" not in world.web("officer_b").get("/").content


def test_major_hazard_pages(world):
    hazard = make(world, level="major", title="Wall")
    officer = world.web("officer_a")
    page = officer.get(hazard.get_absolute_url())
    assert b"/commitments/" in page.content and b"Escalated to the authority" in page.content
    r = officer.post(f"{hazard.get_absolute_url()}commitments/", {"measures": "m"})
    assert r.status_code == 400 and "person" in r.context["form"].errors


def test_chinese_pages(world):
    from django.utils import translation

    hazard = make(world, "assigned")
    web = world.web("officer_a")
    web.cookies["django_language"] = "zh-hans"
    with translation.override("zh-hans"):
        page = web.get("/hazards/", HTTP_ACCEPT_LANGUAGE="zh-hans")
        assert "隐患台账" in page.content.decode()
        detail = web.get(hazard.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
        assert "一般隐患" in detail and "等级" in detail and "发现途径" in detail
        fresh = make(world, title="新隐患")
        page = web.get(fresh.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
        assert ">交办</a>" in page


def test_supervisors_see_open_major_hazards_first(world):
    make(world, level="major", school="school_b", title="Major at B")
    for who in ("authority", "central"):
        assert b"Major at B" in world.web(who).get("/").content
    assert b"Open major hazards" not in world.web("teacher_b").get("/").content


def test_report_form_offers_a_responsible_unit_from_the_reporters_scope(world):
    web = world.web("teacher_a")
    field = web.get("/hazards/report/").context["form"].fields["responsible_unit"]
    offered = list(field.queryset)
    assert world.school_a in offered and world.class_a in offered
    assert world.school_b not in offered and world.central not in offered
    assert all(u.path.startswith(world.school_a.path) for u in offered)
    assert field.label_from_instance(world.class_a) == "School A · Class 1-1"
    data = {"org_unit": world.school_a.pk, "title": "Broken window", "category": "building", "level": "general",
            "responsible_unit": world.class_a.pk, "request_id": "ru-1"}
    r = web.post("/hazards/report/", data)
    assert r.status_code == 302
    assert Hazard.objects.get(request_id="ru-1").responsible_unit == world.class_a
    r = web.post("/hazards/report/", {**data, "responsible_unit": world.unit("school_b:Class 1-1").pk,
                                      "request_id": "ru-2"})
    assert r.status_code == 400 and "responsible_unit" in r.context["form"].errors


def test_report_form_refuses_a_responsible_unit_of_another_school(world):
    # The central school sees both schools' units; the unit must still belong to the school reported at.
    r = world.web("central").post("/hazards/report/", {
        "org_unit": world.school_a.pk, "title": "Loose tile", "category": "building", "level": "general",
        "responsible_unit": world.school_b.pk, "request_id": "ru-3"})
    assert r.status_code == 400 and "responsible_unit" in r.context["form"].errors
    assert not Hazard.objects.filter(request_id="ru-3").exists()


def test_the_deadline_filter_finds_hazards_closed_late_or_open_past_it(world):
    from datetime import timedelta

    from django.utils import timezone
    from freezegun import freeze_time

    from safecampus.hazards import services

    now = timezone.now()
    open_late = make(world, "assigned", title="Loose handrail")
    open_fresh = make(world, "assigned", title="Cracked window")
    closing_late = make(world, "assigned", title="Broken lock")
    Hazard.objects.filter(pk__in=[open_late.pk, closing_late.pk]).update(due_at=now - timedelta(days=1))
    Hazard.objects.filter(pk=open_fresh.pk).update(due_at=now + timedelta(days=3))
    closing_late.refresh_from_db()
    with freeze_time(now + timedelta(minutes=5)):
        closed = services.verify(services.rectify(closing_late, actor=world.user("principal_a"), note="Fixed"),
                                 actor=world.user("officer_a"), note="Checked")
    assert closed.status == "closed" and closed.closed_at > closed.due_at
    web = world.web("officer_a")
    missed = web.get("/hazards/?deadline=missed&q=").content.decode()
    assert "Loose handrail" in missed and "Broken lock" in missed and "Cracked window" not in missed
    met = web.get("/hazards/?deadline=met").content.decode()
    assert "Cracked window" in met and "Loose handrail" not in met and "Broken lock" not in met
    today = timezone.localdate(closed.closed_at)
    closed_today = web.get(f"/hazards/?closed_from={today}&closed_to={today}&deadline=missed").content.decode()
    assert "Broken lock" in closed_today and "Loose handrail" not in closed_today
    api = world.api("officer_a")
    rows = api.get("/api/v1/hazards?deadline=missed&page_size=200").json()["results"]
    titles = {r["title"] for r in rows}
    assert {"Loose handrail", "Broken lock"} <= titles and "Cracked window" not in titles
    assert api.get("/api/v1/hazards?deadline=sometime").status_code == 400
    assert api.get("/api/v1/hazards?closed_from=yesterday").status_code == 400
    zh = world.web("officer_a", language="zh-hans").get("/hazards/").content.decode()
    assert "销号日期自" in zh and "按期或未到期" in zh and "已超期" in zh
