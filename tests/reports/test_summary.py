"""The dashboard's summaries: stored by the sweep, patched by a signed duty, filtered, exported."""

import io
from datetime import timedelta

import pytest
from django.core.cache import cache
from freezegun import freeze_time
from openpyxl import load_workbook

from tests.compliance.conftest import at, png
from tests.reports.test_dashboard import _data

NOW = "2026-11-28 09:00"


@pytest.fixture
def signed_duty(world):
    """A duty still signed for (made before the sweep, so the summary has its cells)."""
    from tests.compliance.conftest import attested_rule

    return attested_rule(world)


@pytest.fixture
def swept(world):
    """One sweep has run: every authority and central school has its summary in the cache.

    The clock stays at the sweep's moment for the whole test (cache expiry follows the clock)."""
    from safecampus.compliance.reminders import sweep

    with freeze_time(at(NOW)) as frozen:
        sweep()
        yield frozen


def test_the_sweep_stores_a_summary_per_dashboard_scope(world, swept):
    from safecampus.reports import summary

    for unit in (world.central, world.authority):
        stored = cache.get(summary.key([unit.path]))
        assert stored is not None
        assert {s["id"] for s in stored["schools"]} >= {world.school_a.pk, world.school_b.pk}


def test_a_dashboard_after_a_sweep_reads_the_summary_without_evaluating(world, swept):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = world.web("central")
    with freeze_time(at(NOW) + timedelta(seconds=30)), CaptureQueriesContext(connection) as queries:
        page = client.get("/reports/dashboard/")
    assert page.status_code == 200
    assert "Updated 09:00" in page.content.decode()
    # No rule, calendar or evidence is read: the page is the stored summary plus the live counters.
    read = " ".join(q["sql"] for q in queries.captured_queries)
    for table in ("compliance_obligation", "compliance_attestation", "org_semester", "responsibility_meeting"):
        assert table not in read


def test_a_stale_summary_is_evaluated_again(world, swept, monkeypatch):
    from safecampus.reports import summary

    calls = []
    real = summary.evaluate
    monkeypatch.setattr(summary, "evaluate", lambda **kw: calls.append(kw) or real(**kw))
    with freeze_time(at(NOW) + timedelta(seconds=summary.FRESH_SECONDS - 5)):
        world.web("central").get("/reports/dashboard/")
    assert calls == []
    with freeze_time(at(NOW) + timedelta(seconds=summary.FRESH_SECONDS + 5)):
        page = world.web("central").get("/reports/dashboard/").content.decode()
    assert len(calls) == 1 and "Updated 09:02" in page


def test_a_signed_duty_patches_the_stored_summary(world, signed_duty, swept, django_capture_on_commit_callbacks):
    from safecampus.compliance import services
    from safecampus.reports import summary

    rule = signed_duty
    with freeze_time(at(NOW) + timedelta(seconds=20)):
        before = {s["id"]: s for s in cache.get(summary.key([world.central.path]))["schools"]}
        assert before[world.school_b.pk]["cells"][rule.pk] != "met"
        with django_capture_on_commit_callbacks(execute=True):
            services.attest(actor=world.user("officer_b"), obligation=rule, org_unit=world.school_b, upload=png())
    for scope in (world.central, world.authority):
        after = {s["id"]: s for s in cache.get(summary.key([scope.path]))["schools"]}
        assert after[world.school_b.pk]["cells"][rule.pk] == "met"
        assert after[world.school_a.pk]["cells"] == before[world.school_a.pk]["cells"]


def test_heat_map_cells_link_to_the_duty_on_the_school_page(world, swept):
    with freeze_time(at(NOW)):
        page = world.web("central").get("/reports/dashboard/").content.decode()
        school = world.web("central").get(f"/reports/dashboard/schools/{world.school_b.pk}/").content.decode()
    assert f'href="/reports/dashboard/schools/{world.school_b.pk}/#duty-' in page
    anchor = page.split(f'/reports/dashboard/schools/{world.school_b.pk}/#duty-', 1)[1].split('"', 1)[0]
    assert f'id="duty-{anchor}"' in school


def test_filters_narrow_the_heat_map(world, swept):
    client = world.web("authority")
    with freeze_time(at(NOW)):
        everyone = client.get("/reports/dashboard/").content.decode()
        by_name = client.get("/reports/dashboard/", {"q": "School B"}).content.decode()
        by_central = client.get("/reports/dashboard/", {"central": world.central.pk}).content.decode()
    assert "School A" in everyone and "Kindergarten C" in everyone
    assert "School B" in by_name and "School A" not in by_name.split('id="heat-title"')[1]
    assert "School A" in by_central
    # The KPIs and charts stay the whole scope's.
    assert _data(by_name)["status"] == _data(everyone)["status"]


def test_schools_behind_only(world, swept):
    from safecampus.reports import summary

    stored = cache.get(summary.key([world.authority.path]))
    behind = {s["name"] for s in stored["schools"] if s["bad"]}
    on_time = {s["name"] for s in stored["schools"] if not s["bad"]}
    with freeze_time(at(NOW)):
        page = world.web("authority").get("/reports/dashboard/", {"late": "1"}).content.decode()
    table = page.split('id="heat-title"')[1]
    assert all(name in table for name in behind)
    assert not any(f">{name}</a>" in table for name in on_time)


@pytest.mark.parametrize("params, field", [({"central": "abc"}, "central"), ({"central": "999999"}, "central"),
                                           ({"late": "yes"}, "late")])
def test_bad_filters_are_a_400_naming_the_field(world, swept, params, field):
    with freeze_time(at(NOW)):
        response = world.web("authority").get("/reports/dashboard/", params)
    assert response.status_code == 400
    assert field in response.content.decode()


def test_a_central_school_cannot_filter_to_another_central_school(world, swept):
    from safecampus.compliance.reminders import sweep
    from safecampus.compliance.services import load_rules
    from safecampus.org.services import create_unit

    # The demo has one central school: a second one with a school, in the same authority, out of the
    # first's scope; the authority filters to it, the first central school cannot.
    other = create_unit(actor=None, kind="central_school", name="Central school 2", org_unit=world.authority)
    create_unit(actor=None, kind="school", name="School D", org_unit=other, school_type="primary")
    load_rules(actor=None, org_unit=other)
    sweep()
    assert world.web("authority").get("/reports/dashboard/", {"central": other.pk}).status_code == 200
    assert world.web("central").get("/reports/dashboard/", {"central": other.pk}).status_code == 400


def test_export_is_a_real_spreadsheet_of_the_filtered_schools(world, swept):
    with freeze_time(at(NOW)):
        response = world.web("authority").get("/reports/dashboard/", {"export": "xlsx", "q": "School"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:2] == ("School", "Done (%)")
    names = {r[0] for r in rows[1:]}
    assert {"School A", "School B"} <= names and "Kindergarten C" not in names
    words = {"Done", "Due soon", "To do", "Overdue", "Missed", "Not applicable"}
    assert all(cell in words for r in rows[1:] for cell in r[2:])
