"""INC-5 and INC-6, the central-school views, exports and the query budget."""

from __future__ import annotations

import io
from datetime import date, datetime, timedelta

import pytest
from django.utils import timezone
from freezegun import freeze_time
from openpyxl import load_workbook

from safecampus.core.errors import Conflict, Forbidden, InvalidInput
from safecampus.core.models import Notification
from safecampus.core.testing.queries import exact_queries
from safecampus.incidents import services
from safecampus.incidents.models import InfoReport, NoticeTarget

from .helpers import file, quiet_month

pytestmark = pytest.mark.django_db


def _month(text: str) -> date:
    return date.fromisoformat(text + "-01")


def test_zero_report_in_one_click_once_per_month(world):
    month = quiet_month()
    web = world.web("officer_a")
    r = web.post("/incidents/info-reports/zero/", {"org_unit": world.school_a.pk, "month": month})
    assert r.status_code == 302
    report = InfoReport.objects.get(org_unit=world.school_a, month=_month(month))
    assert report.zero and report.incidents_count == 0 and report.submitted_by == world.user("officer_a")
    web.post("/incidents/info-reports/zero/", {"org_unit": world.school_a.pk, "month": month})
    assert InfoReport.objects.filter(org_unit=world.school_a, month=_month(month)).count() == 1
    with pytest.raises(Conflict):
        services.submit_info_report(actor=world.user("officer_a"), org_unit=world.school_a, month=_month(month),
                                    zero=True)


def test_a_zero_report_is_refused_when_an_incident_is_on_file(world):
    file(world, occurred_at=timezone.now() - timedelta(minutes=5))
    this_month = timezone.localdate().replace(day=1)
    with pytest.raises(InvalidInput) as exc:
        services.submit_info_report(actor=world.user("officer_a"), org_unit=world.school_a, month=this_month,
                                    zero=True)
    assert "zero" in exc.value.fields
    with pytest.raises(InvalidInput):
        services.submit_info_report(actor=world.user("officer_a"), org_unit=world.school_a,
                                    month=this_month.replace(year=this_month.year + 1), summary="x")
    r = world.api("officer_a").post("/api/v1/info-reports", {"org_unit": world.school_a.pk, "month": "2026-13"},
                                    format="json")
    assert r.status_code == 400 and "month" in r.json()["fields"]


def test_a_missing_monthly_report_is_flagged_to_the_central_school_once(world):
    # The demo leaves Kindergarten C's report for last month missing.
    now = timezone.now()
    today = timezone.localdate()
    flag_day = datetime(today.year, today.month, 20, 4, 0, tzinfo=timezone.get_current_timezone())
    if flag_day < now - timedelta(days=40):
        flag_day = now
    with freeze_time(flag_day):
        services.sweep_deadlines()
        services.sweep_deadlines()
    flags = Notification.objects.filter(kind="incident.info_missing", user=world.user("central"))
    titles = list(flags.values_list("title", flat=True))
    assert sum("C幼儿园" in t for t in titles) == 1  # the project language, and English beside it
    assert sum("Kindergarten C" in t for t in flags.values_list("title_en", flat=True)) == 1
    assert not any("A小学" in t for t in titles)
    page = world.web("central").get("/incidents/info-reports/").content.decode()
    assert "Missing reports" in page and "Kindergarten C" in page


def test_notice_published_to_chosen_units_and_acknowledged_by_their_heads(world):
    central = world.user("central")
    notice = services.publish_notice(actor=central, org_unit=world.central, kind="commendation",
                                     title="Good drill", body="Well done", targets=[world.school_a, world.kinder_c])
    assert set(notice.targets.values_list("org_unit__name", flat=True)) == {"School A", "Kindergarten C"}
    assert Notification.objects.filter(user=world.user("principal_a"), kind="incident.notice").exists()
    assert not Notification.objects.filter(user=world.user("principal_b"), url=notice.get_absolute_url()).exists()
    target = NoticeTarget.objects.get(notice=notice, org_unit=world.school_a)
    with pytest.raises(Forbidden):
        services.acknowledge_notice(target, actor=world.user("officer_a"))
    services.acknowledge_notice(target, actor=world.user("principal_a"))
    with pytest.raises(Conflict):
        services.acknowledge_notice(target, actor=world.user("principal_a"))
    with pytest.raises(InvalidInput):
        services.publish_notice(actor=central, org_unit=world.central, kind="criticism", title="t", body="b",
                                targets=[])
    with pytest.raises(Forbidden):
        services.publish_notice(actor=world.user("officer_a"), org_unit=world.school_a, kind="criticism",
                                title="t", body="b", targets=[world.school_a])
    assert world.web("officer_b").get(notice.get_absolute_url()).status_code == 404


def test_reward_and_punishment_records_link_people_and_incidents(world):
    incident = file(world)
    record = services.record_accountability(
        actor=world.user("central"), org_unit=world.school_a, kind="punishment", person="李专干",
        measure="warning", reason="late report", decided_on=timezone.localdate(), incident=incident,
        staff=world.user("officer_a").staff)
    assert record.incident == incident and record.staff.user.username == "officer_a"
    with pytest.raises(InvalidInput):
        services.record_accountability(actor=world.user("central"), org_unit=world.school_b, kind="reward",
                                       person="x", measure="m", reason="r", decided_on=timezone.localdate(),
                                       incident=incident)
    page = world.web("officer_a").get("/incidents/accountability/").content.decode()
    assert "late report" in page


def test_incident_list_runs_a_fixed_number_of_queries(world):
    web = world.web("central")
    web.get("/incidents/")  # warm the session and caches
    with exact_queries(7) as few:
        assert web.get("/incidents/").status_code == 200
    for i in range(6):
        incident = file(world, severity="serious" if i % 2 else "general")
        services.amend(incident, actor=world.user("officer_a"), reason="r", changes={"injured": 2 + i})
    with exact_queries(len(few.captured_queries)):
        assert web.get("/incidents/").status_code == 200


def test_xlsx_exports_read_back(world):
    incident = file(world, kind="fire")
    services.amend(incident, actor=world.user("officer_a"), reason="r", changes={"kind": "traffic"})
    web = world.web("central")
    r = web.get("/incidents/?export=xlsx")
    sheet = load_workbook(io.BytesIO(r.content)).active
    rows = list(sheet.values)
    assert rows[0][:3] == ("Incident", "Unit", "Kind")
    mine = [row for row in rows if row[0] == str(incident)]
    assert mine and mine[0][2] == "Traffic" and mine[0][1] == "School A"
    r = web.get("/incidents/stats/?export=xlsx")
    book = load_workbook(io.BytesIO(r.content))
    assert book.sheetnames == ["By kind", "By severity", "By school", "By month"]
    by_school = {row[0]: row[1] for row in list(book["By school"].values)[1:]}
    assert by_school["School A"] >= 2
    stats = web.get("/incidents/stats/").content.decode()
    assert "Food poisoning" in stats and "School B" in stats


def test_the_incident_pdf_reads_back(world):
    import subprocess
    import tempfile

    incident = file(world, summary="操场滑梯断裂，学生摔伤")
    services.amend(incident, actor=world.user("officer_a"), reason="更正地点", changes={"location": "操场"})
    r = world.web("central").get(f"/incidents/{incident.pk}/pdf/")
    assert r.status_code == 200 and r["Content-Type"] == "application/pdf"
    with tempfile.NamedTemporaryFile(suffix=".pdf") as pdf:
        pdf.write(r.content)
        pdf.flush()
        text = subprocess.run(["pdftotext", "-enc", "UTF-8", pdf.name, "-"], capture_output=True, check=True,
                              text=True).stdout
    assert "操场滑梯断裂" in text and "更正地点" in text and str(incident) in text
    assert "王小明" not in text


def test_late_list_and_home_panel(world):
    late = file(world, occurred_at=timezone.now() - timedelta(hours=3))
    on_time = file(world)
    page = world.web("central").get("/incidents/late/").content.decode()
    assert f">{late}<" in page and f">{on_time}<" not in page
    home = world.web("central").get("/").content.decode()
    assert "Incidents of the last 30 days" in home and str(late) in home
    assert "Incidents of the last 30 days" not in world.web("officer_a").get("/").content.decode()
    assert "Report an incident" in world.web("teacher_a").get("/").content.decode()


def test_tasks_and_evidence_are_registered(world):
    from safecampus.compliance.registry import EVIDENCE, TASK_SOURCES

    assert EVIDENCE["incidents.filed"].date_field == "filed_at"
    assert EVIDENCE["incidents.info_report"].date_field == "submitted_at"
    incident = file(world)
    items = list(TASK_SOURCES["incidents"].collect(world.user("officer_a")))
    assert any(i.kind == "incident.written_report" and i.object_id == str(incident.pk) for i in items)
    services.publish_notice(actor=world.user("central"), org_unit=world.central, kind="warning", title="Ice",
                            body="b", targets=[world.school_a])
    items = list(TASK_SOURCES["incidents"].collect(world.user("principal_a")))
    assert any(i.kind == "incident.notice" for i in items)
    # Another school's officer is not asked for School A's written report.
    others = list(TASK_SOURCES["incidents"].collect(world.user("officer_b")))
    assert not any(i.object_id == str(incident.pk) for i in others)


def test_timeline_shows_filings_corrections_and_follow_ups_in_scope(world):
    incident = file(world, occurred_at=timezone.now() - timedelta(hours=4))
    services.amend(incident, actor=world.user("officer_a"), reason="Corrected the place",
                   changes={"location": "Hall"})
    services.add_followup(incident, actor=world.user("officer_a"), summary="Pupil home safe")
    page = world.web("central").get("/incidents/timeline/").content.decode()
    assert "Corrected the place" in page and "Pupil home safe" in page and "Late" in page
    other = world.web("officer_b").get("/incidents/timeline/").content.decode()
    assert "Corrected the place" not in other


def test_metrics_for_dashboards(world):
    from safecampus.compliance import registry

    file(world, severity="major", occurred_at=timezone.now() - timedelta(hours=3))
    by_severity = registry.METRICS["incidents.by_severity"].compute(world.user("central"), None)
    assert by_severity.get("major", 0) >= 1
    late = registry.METRICS["incidents.late"].compute(world.user("officer_b"), None)
    assert set(late) == {"late", "on_time"}


def test_openapi_describes_the_incident_endpoints(world):
    r = world.api("central").get("/api/v1/openapi.json")
    assert r.status_code == 200
    paths = r.json()["paths"]
    for path in ("/api/v1/incidents", "/api/v1/incidents/{id}", "/api/v1/incidents/{id}/amendments",
                 "/api/v1/incidents/{id}/followups", "/api/v1/incidents/{id}/close", "/api/v1/info-reports"):
        assert path in paths, path


def test_the_central_school_is_not_asked_for_written_reports(world):
    from safecampus.compliance.registry import TASK_SOURCES

    file(world)
    assert not [i for i in TASK_SOURCES["incidents"].collect(world.user("central")) if i.kind.startswith("incident.w")]


def test_forms_publish_a_notice_and_record_accountability(world):
    from safecampus.incidents.models import AccountabilityRecord, Notice

    incident = file(world)
    web = world.web("central")
    r = web.post("/incidents/notices/new/", {"org_unit": world.central.pk, "kind": "criticism", "title": "Late",
                                             "body": "Report at once.", "targets": [world.school_a.pk],
                                             "incident": incident.pk})
    assert r.status_code == 302
    notice = Notice.objects.get(title="Late")
    assert notice.incident == incident and list(notice.targets.values_list("org_unit", flat=True)) == [
        world.school_a.pk]
    bad = web.post("/incidents/notices/new/", {"org_unit": world.central.pk, "kind": "criticism", "title": "x",
                                               "body": "y", "targets": [world.school_a.pk], "incident": 999999})
    assert bad.status_code == 400 and Notice.objects.filter(title="x").count() == 0
    r = web.post("/incidents/accountability/new/", {"org_unit": world.school_a.pk, "kind": "reward",
                                                    "person": "周老师", "measure": "commendation",
                                                    "reason": "Calm evacuation", "decided_on": "2026-01-05"})
    assert r.status_code == 302 and AccountabilityRecord.objects.filter(reason="Calm evacuation").exists()
    page = world.web("principal_a").get(notice.get_absolute_url()).content.decode()
    assert "Acknowledge" in page


def test_full_monthly_report_through_the_form(world):
    month = quiet_month(8)
    web = world.web("officer_a")
    assert web.get("/incidents/info-reports/new/").status_code == 200
    r = web.post("/incidents/info-reports/new/", {"org_unit": world.school_a.pk, "month": month, "hazards_found": 3,
                                                  "summary": "Three hazards fixed."})
    assert r.status_code == 302
    report = InfoReport.objects.get(org_unit=world.school_a, month=_month(month))
    assert not report.zero and report.hazards_found == 3
    bad = web.post("/incidents/info-reports/new/", {"org_unit": world.school_a.pk, "month": "soon",
                                                    "hazards_found": 0, "summary": "x"})
    assert bad.status_code == 400


def test_statistics_and_filters_count_current_values(world):
    from safecampus.incidents.views.central import statistics

    incident = file(world, kind="fire", severity="general")
    before = statistics(world.user("central"))
    services.amend(incident, actor=world.user("officer_a"), reason="r",
                   changes={"kind": "traffic", "severity": "major"})
    services.amend(incident, actor=world.user("officer_a"), reason="r2", changes={"injured": 3})
    after = statistics(world.user("central"))
    assert dict(after["by_kind"])["Traffic"] == dict(before["by_kind"])["Traffic"] + 1
    assert dict(after["by_kind"])["Fire"] == dict(before["by_kind"])["Fire"] - 1
    assert dict(after["by_severity"])["Major"] == dict(before["by_severity"])["Major"] + 1
    link = f'href="/incidents/{incident.pk}/"'
    assert link in world.web("central").get("/incidents/?severity=major").content.decode()
    assert link in world.web("central").get("/incidents/?kind=traffic").content.decode()
    assert link not in world.web("central").get("/incidents/?kind=fire").content.decode()
    assert link not in world.web("central").get("/incidents/?severity=general").content.decode()


def test_api_list_filters_on_current_values(world):
    incident = file(world, kind="fire")
    services.amend(incident, actor=world.user("officer_a"), reason="r", changes={"severity": "serious"})
    api = world.api("central")
    ids = [r["id"] for r in api.get("/api/v1/incidents?severity=serious&page_size=200").json()["results"]]
    assert incident.pk in ids
    ids = [r["id"] for r in api.get("/api/v1/incidents?severity=general&page_size=200").json()["results"]]
    assert incident.pk not in ids
    assert api.get("/api/v1/incidents?severity=nope").status_code == 400


def test_api_incident_list_query_count_does_not_grow(world):
    api = world.api("central")
    api.get("/api/v1/incidents")
    # token, grants, count, page (with each report's state), the amendments, follow-ups and investigations
    with exact_queries(6) as few:
        assert api.get("/api/v1/incidents").status_code == 200
    for i in range(5):
        incident = file(world)
        services.amend(incident, actor=world.user("officer_a"), reason="r", changes={"injured": 2 + i})
        services.add_followup(incident, actor=world.user("officer_a"), summary="written")
    with exact_queries(len(few.captured_queries)):
        assert api.get("/api/v1/incidents").status_code == 200
