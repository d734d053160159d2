"""Semester archives: built from every app's archive kinds, read back whole; any subset of apps;
bad input named; one archive for a double click; the download checked like the record."""

from __future__ import annotations

import io
import re
import subprocess
import tempfile

import pytest
from openpyxl import load_workbook

from safecampus.core import archive as registry
from safecampus.reports import services
from safecampus.reports.models import Archive, ArchiveStatus

from .helpers import body, check_files, current_semester, read_zip

pytestmark = pytest.mark.django_db


def _start(world, username: str, unit, semester, capture):
    with capture(execute=True):
        response = world.api(username).post("/api/v1/archives", {"org_unit": unit.pk, "semester": semester.pk},
                                            format="json", HTTP_ACCEPT_LANGUAGE="zh-hans")
    return response


def test_central_school_exports_a_semester_and_reads_it_back_whole(world, django_capture_on_commit_callbacks):
    school, semester = world.school_a, current_semester(world.school_a)
    response = _start(world, "central", school, semester, django_capture_on_commit_callbacks)
    assert response.status_code == 202, response.content
    assert set(response.json()) >= {"id", "status"}
    state = world.api("central").get(f"/api/v1/archives/{response.json()['id']}").json()
    assert state["status"] == "done" and state["progress"] == 100 and state["download"]
    got = world.api("central").get(state["download"].split("testserver", 1)[-1])
    assert got.status_code == 200 and got["Content-Type"] == "application/zip"
    zipped, index = read_zip(body(got))
    check_files(zipped, index)
    # Every record of the semester, of every kind the installed apps declare, is listed.
    listed = {(row["kind"], row["id"]) for row in index["rows"] if row["file"].endswith(".pdf")}
    expected = set()
    for kind in registry.kinds():
        expected |= {(kind.code, pk) for pk in kind.records(school, semester.start, semester.end)
                     .values_list("pk", flat=True)}
    assert expected and listed == expected
    assert {"hazards.hazard", "incidents.incident", "readiness.drill", "education.lesson", "canteen.sample",
            "operations.duty_log", "responsibility.letter", "org.semester"} <= {k for k, _pk in listed}
    assert index["skipped"] == [] and index["missing"] == []
    # Records with files carry them: the hazards' photos are in the ZIP beside the PDF.
    assert any(row["file"].startswith("files/") for row in index["rows"])
    # The spreadsheet index holds the same rows.
    sheet = load_workbook(io.BytesIO(zipped.read("index.xlsx")), read_only=True).active
    lines = list(sheet.iter_rows(values_only=True))
    assert lines[0] == ("类别", "类型", "ID", "标题", "日期", "文件", "SHA-256")
    assert len(lines) - 1 == len(index["rows"])
    assert {line[6] for line in lines[1:]} == {row["sha256"] for row in index["rows"]}
    # A record kind's PDF holds its records in Chinese.
    hazards = next(row for row in index["rows"] if row["kind"] == "hazards.hazard")
    from django.utils import translation

    from safecampus.core.nav import SECTIONS

    with translation.override("zh-hans"):
        assert hazards["category"] == str(dict(SECTIONS)["inspections"]) != "Inspections & hazards"
    with tempfile.NamedTemporaryFile(suffix=".pdf") as pdf:
        pdf.write(zipped.read(hazards["file"]))
        pdf.flush()
        text = subprocess.run(["pdftotext", "-enc", "UTF-8", pdf.name, "-"], capture_output=True, check=True,
                              ).stdout.decode()
    assert "A小学" in text and hazards["title"].split(" · ")[0][:8] in text
    archive = Archive.objects.get(pk=state["id"])
    assert archive.records == len(expected) and archive.sha256


def test_works_with_any_subset_of_apps(world, monkeypatch):
    """Only the kinds registered are read; a kind whose app or table is missing is skipped by name."""
    keep = {code: registry.KINDS[code] for code in ("hazards.hazard", "org.holiday")}
    broken = registry.model_kind("gone.thing", "operations", "gone.Thing", "at", label="Gone")  # no such app
    monkeypatch.setattr(registry, "KINDS", {**keep, "gone.thing": broken})
    school, semester = world.school_a, current_semester(world.school_a)
    archive = services.create_archive(actor=world.user("officer_a"), org_unit=school, semester=semester)
    archive = services.build_archive(archive)
    assert archive.status == ArchiveStatus.DONE
    zipped, index = read_zip(_zip(archive).read_bytes())
    check_files(zipped, index)
    assert {row["kind"] for row in index["rows"]} <= {"hazards.hazard", "org.holiday"}
    assert index["skipped"] == ["gone.thing"]
    # No app at all: an index with no rows, still a valid ZIP.
    monkeypatch.setattr(registry, "KINDS", {})
    empty = services.build_archive(services.create_archive(actor=None, org_unit=school, semester=semester))
    zipped, index = read_zip(_zip(empty).read_bytes())
    assert empty.status == ArchiveStatus.DONE and index["rows"] == [] and empty.records == 0


def _zip(archive):
    from safecampus.reports.archives import zip_path

    return zip_path(archive.pk)


def test_a_double_click_builds_one_archive(world):
    school, semester = world.school_a, current_semester(world.school_a)
    api = world.api("officer_a")
    first = api.post("/api/v1/archives", {"org_unit": school.pk, "semester": semester.pk}, format="json")
    second = api.post("/api/v1/archives", {"org_unit": school.pk, "semester": semester.pk}, format="json")
    assert first.status_code == second.status_code == 202
    assert first.json()["id"] == second.json()["id"] and first.json()["status"] == "queued"
    # Not built yet: no download address, and the ZIP's URL answers 409.
    state = api.get(f"/api/v1/archives/{first.json()['id']}").json()
    assert state["download"] is None and state["progress"] == 0
    assert api.get(f"/api/v1/archives/{first.json()['id']}/download").status_code == 409


@pytest.mark.parametrize(("payload", "field"), [
    ({"org_unit": "school", "semester": ""}, "semester"),
    ({"semester": 1}, "org_unit"),
    ({"org_unit": "abc", "semester": 1}, "org_unit"),
    ({"org_unit": "-1", "semester": 1}, "org_unit"),
    ({"org_unit": "school", "semester": 99999999}, "semester"),
    ({"org_unit": "school", "semester": "abc"}, "semester"),
    ({"org_unit": "school", "semester": "99999999999999999999999"}, "semester"),
    ({"org_unit": "class", "semester": "current"}, "org_unit"),
    ({"org_unit": "central", "semester": "current"}, "org_unit"),
    ({"org_unit": "school", "semester": "current", "extra": 1}, "extra"),
])
def test_bad_input_is_a_400_naming_the_field(world, payload, field):
    units = {"school": world.school_a.pk, "class": world.unit("school_a:Class 1-1").pk, "central": world.central.pk}
    data = {k: units.get(v, v) if k == "org_unit" else v for k, v in payload.items()}
    if data.get("semester") == "current":
        data["semester"] = current_semester(world.school_a).pk
    response = world.api("central").post("/api/v1/archives", data, format="json")
    assert response.status_code == 400, response.content
    assert field in response.json()["fields"]
    assert Archive.objects.count() == 0


def test_a_semester_of_another_calendar_is_unknown(world):
    """A semester the school does not follow (another county's calendar) is named, not used."""
    from safecampus.org.models import SchoolYear, Semester

    year = SchoolYear.objects.create(org_unit=world.school_b, name="1999-2000", start="1999-09-01", end="2000-07-10")
    alien = Semester.objects.create(org_unit=world.school_b, school_year=year, kind="autumn", start="1999-09-01",
                                    end="2000-01-20")
    response = world.api("central").post("/api/v1/archives", {"org_unit": world.school_a.pk, "semester": alien.pk},
                                         format="json")
    assert response.status_code == 400 and "semester" in response.json()["fields"]


def test_scope_and_capability(world):
    semester = current_semester(world.school_a).pk
    data = {"org_unit": world.school_b.pk, "semester": semester}
    assert world.api("officer_a").post("/api/v1/archives", data, format="json").status_code == 404
    assert world.api("teacher_b").post("/api/v1/archives", data, format="json").status_code == 403
    assert world.api("authority").post("/api/v1/archives", data, format="json").status_code == 202
    made = Archive.objects.get()
    assert world.api("officer_a").get(f"/api/v1/archives/{made.pk}").status_code == 404
    assert world.api("officer_b").get(f"/api/v1/archives/{made.pk}").status_code == 200
    assert world.web("officer_a").get(f"/reports/archives/{made.pk}/zip/").status_code == 404


def test_a_failed_build_leaves_no_zip_and_says_so(world, monkeypatch):
    from safecampus.reports import archives

    def explode(self, progress_for):
        raise RuntimeError("disk full")

    monkeypatch.setattr(archives.Builder, "run", explode)
    archive = services.create_archive(actor=None, org_unit=world.school_a, semester=current_semester(world.school_a))
    archive = services.build_archive(archive)
    assert archive.status == ArchiveStatus.FAILED and archive.message == "disk full"
    assert not archives.zip_path(archive.pk).exists()
    assert not archives.zip_path(archive.pk).with_suffix(".part").exists()
    page = world.web("officer_a").get(f"/reports/archives/{archive.pk}/", HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert "无法生成" in page.content.decode()


def test_pages_read_in_chinese(world):
    """The archive list, its start form and an archive's page in zh-Hans: no raw field name or code."""
    archive = services.create_archive(actor=world.user("central"), org_unit=world.school_a,
                                      semester=current_semester(world.school_a))
    web = world.web("central")
    listing = web.get("/reports/archives/", HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    for word in ("学期档案", "导出档案", "排队中", "A小学", "学期"):
        assert word in listing, word
    page = web.get(f"/reports/archives/{archive.pk}/", HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert "申请导出学期档案" in page and "已完成 0%" in page
    shown = re.sub(r"<[^>]+>", " ", page.split("<main", 1)[-1])  # what a person reads
    for raw in ("org_unit", "queued", "reports.archive", "semester_id", "status"):
        assert raw not in shown, raw
    # A form left empty names its fields in Chinese.
    bad = web.post("/reports/archives/start/", {}, HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert bad.status_code == 400 and "必填" in bad.content.decode() and "This field" not in bad.content.decode()
