"""The central dashboard: what it shows, to whom, and at a fixed number of queries."""

import json
import re

import pytest
from django.core.cache import cache
from freezegun import freeze_time

from safecampus.core.testing.queries import exact_queries
from tests.compliance.conftest import at


def _data(page: str) -> dict:
    found = re.search(r'<script id="dash-data" type="application/json">(.*?)</script>', page, re.S)
    return json.loads(found.group(1))


def test_the_heat_map_lists_every_school_worst_first(world):
    with freeze_time(at("2026-11-28 09:00")):
        page = world.web("central").get("/reports/dashboard/").content.decode()
    for name in ("School A", "School B", "Kindergarten C"):
        assert name in page
    assert f'/reports/dashboard/schools/{world.school_b.pk}/' in page
    data = _data(page)
    assert set(data) == {"trends", "status", "hazards"}
    assert len(data["trends"]["labels"]) == 6
    assert "<script>" not in page.split('id="dash-data"')[0].rsplit("</head>", 1)[-1]   # no inline script


@pytest.fixture
def own_evidence_only(monkeypatch):
    """Pin the dashboard's own queries: only the engine's evidence kind, no metrics from other apps."""
    from safecampus.compliance import registry

    monkeypatch.setattr(registry, "EVIDENCE", {"compliance.attestation": registry.EVIDENCE["compliance.attestation"]})
    monkeypatch.setattr(registry, "METRICS", {})
    cache.clear()


# 1 session, 2 user, 3 grants, 4 rules in force, 5 schools, 6-8 calendar (years, semesters,
# holidays), 9 the ids of the units in scope (a few schools' evidence is read by unit), then one
# grouped evidence query per attested rule in force (none: the duty log, drills, food samples, the school-bus
# inspection and vaccination checks are proven by other apps' records, unmeasured here, and so are the
# trends), 10 the unread count (the navigation names the units from the grants).
DASHBOARD_QUERIES = 10
# Within the minute the summary and the trends are cached: session, user, grants, the unread count.
WARM_QUERIES = 4


def test_query_count_is_pinned(world, own_evidence_only):
    client = world.web("central")
    with freeze_time(at("2026-11-28 09:00")), exact_queries(DASHBOARD_QUERIES):
        assert client.get("/reports/dashboard/").status_code == 200
    with freeze_time(at("2026-11-28 09:00")), exact_queries(WARM_QUERIES):
        assert client.get("/reports/dashboard/").status_code == 200


def test_a_signed_duty_shows_at_once(world, own_evidence_only, django_capture_on_commit_callbacks):
    django_capture_on_commit = lambda: django_capture_on_commit_callbacks(execute=True)  # noqa: E731
    from safecampus.compliance import services
    from tests.compliance.conftest import attested_rule, png

    rule = attested_rule(world)
    client = world.web("central")
    with freeze_time(at("2026-11-28 09:00")):
        before = _data(client.get("/reports/dashboard/").content.decode())["status"]["data"][0]
        with django_capture_on_commit():
            services.attest(actor=world.user("officer_b"), obligation=rule, org_unit=world.school_b, upload=png())
        after = _data(client.get("/reports/dashboard/").content.decode())["status"]["data"][0]
    assert after == before + 1


def test_query_count_does_not_grow_with_schools(world, own_evidence_only):
    from safecampus.org import services

    for i in range(5):
        services.create_unit(actor=None, kind="school", name=f"Extra {i}", name_zh="", org_unit=world.central,
                             school_type="primary", has_canteen=True)
    client = world.web("central")
    with freeze_time(at("2026-11-28 09:00")), exact_queries(DASHBOARD_QUERIES):
        page = client.get("/reports/dashboard/")
    assert "Extra 4" in page.content.decode()


def test_drill_down_to_a_school(world):
    with freeze_time(at("2026-11-28 09:00")):
        page = world.web("authority").get(f"/reports/dashboard/schools/{world.school_a.pk}/").content.decode()
    assert "School A" in page and "Monthly fire-equipment check" in page
    assert "School B" not in page


def test_the_dashboard_survives_apps_that_are_not_there(world, monkeypatch):
    from safecampus.compliance import registry

    monkeypatch.setattr(registry, "METRICS", {})
    monkeypatch.setitem(registry.EVIDENCE, "incidents.filed",
                        registry.EvidenceKind("incidents.filed", "x", "nosuch.Model", "at"))
    page = world.web("central").get("/reports/dashboard/")
    assert page.status_code == 200


def test_schools_are_sorted_worst_first():
    from types import SimpleNamespace

    from django.utils import timezone

    from safecampus.reports.summary import summarise

    rule = SimpleNamespace(pk=1, sort=1, code="r", title="R", title_zh="")

    def row(uid, status):
        return SimpleNamespace(unit={"id": uid, "kind": "school", "name": f"S{uid}", "name_zh": "",
                                     "path": f"/1/{uid}/", "parent_id": 1}, obligation=rule, status=status)

    data = summarise([row(1, "met"), row(2, "missed"), row(3, "due_soon")], timezone.now())
    assert [s["id"] for s in data["schools"]] == [2, 3, 1]
    assert data["by_rule"] == {1: {"overdue": 0, "missed": 1}}


def test_home_of_the_central_school_shows_who_is_behind(world):
    with freeze_time(at("2026-11-28 09:00")):
        page = world.web("central").get("/").content.decode()
        officer = world.web("officer_a").get("/").content.decode()
    assert "Schools behind" in page and "/reports/dashboard/schools/" in page
    assert "Schools behind" not in officer
    assert page.index("my-tasks") < page.index("schools-behind")


def test_the_export_is_named_once_xlsx(world):
    response = world.web("central").get("/reports/dashboard/?export=xlsx")
    name = response["Content-Disposition"]
    assert name.count(".xlsx") == 1 and "duties-" in name
