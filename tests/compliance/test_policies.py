"""Policies as data: registered defaults, a unit's own numbers, the nearest unit above wins."""

from __future__ import annotations

import pytest
from django.urls import reverse

from safecampus.compliance import policies
from safecampus.compliance.models import Policy
from safecampus.core.errors import Forbidden, InvalidInput, StaleVersion
from safecampus.core.models import AuditEvent
from safecampus.core.testing.queries import exact_queries

from .policy_helpers import CODE, sample_spec

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def spec():
    return sample_spec()


def _set(world, unit, who="central", **values):
    return policies.set_policy(unit, CODE, values, actor=world.user(who), source="County decision 12")


def test_defaults_answer_where_no_unit_has_numbers(world):
    assert policies.policy_for(world.school_a, CODE) == {"min_weight_g": 125, "keep_hours": 48}
    found = policies.in_force(world.class_a, CODE)
    assert found.row is None and found.source.startswith("RULE-DEFAULTS")


def test_the_nearest_unit_wins_field_by_field(world):
    _set(world, world.central, min_weight_g=200)
    assert policies.policy_for(world.school_a, CODE) == {"min_weight_g": 200, "keep_hours": 48}
    assert policies.policy_for(world.class_a, CODE)["min_weight_g"] == 200
    _set(world, world.school_a, keep_hours=72)
    assert policies.policy_for(world.school_a, CODE) == {"min_weight_g": 125, "keep_hours": 72}
    assert policies.policy_for(world.school_b, CODE) == {"min_weight_g": 200, "keep_hours": 48}
    assert policies.in_force(world.school_a, CODE).source == "County decision 12"


def test_authority_numbers_reach_every_school_below(world):
    _set(world, world.unit("authority"), who="authority", min_weight_g=150)
    assert policies.policy_for(world.kinder_c, CODE)["min_weight_g"] == 150


def test_book_reads_many_units_in_one_query(world):
    _set(world, world.central, min_weight_g=200)
    _set(world, world.school_a, min_weight_g=250)
    paths = [world.school_a.path, world.school_b.path, world.class_a.path]
    with exact_queries(1):
        book = policies.PolicyBook(paths, [CODE])
        found = [book.values(p, CODE)["min_weight_g"] for p in paths]
    assert found == [250, 200, 250]


def test_setting_is_audited_and_changing_records_the_change(world):
    row = _set(world, world.central, min_weight_g=200)
    assert AuditEvent.objects.filter(action="compliance.policy_set", object_id=str(row.pk)).exists()
    row = _set(world, world.central, min_weight_g=180)
    event = AuditEvent.objects.filter(action="compliance.policy_changed", object_id=str(row.pk)).get()
    assert event.changes["min_weight_g"] == [200, 180]
    assert row.version == 2 and row.values == {"min_weight_g": 180}


def test_a_stale_version_is_refused(world):
    row = _set(world, world.central, min_weight_g=200)
    _set(world, world.central, min_weight_g=190)
    with pytest.raises(StaleVersion):
        policies.set_policy(world.central, CODE, {"min_weight_g": 170}, actor=world.user("central"),
                            expected_version=row.version)


def test_only_policy_managers_at_the_unit_set_numbers(world):
    with pytest.raises(Forbidden):
        _set(world, world.school_a, who="officer_a", min_weight_g=200)
    with pytest.raises(Forbidden):
        _set(world, world.unit("authority"), who="central", min_weight_g=200)


@pytest.mark.parametrize(("values", "field"), [
    ({"min_weight_g": 0}, "min_weight_g"), ({"keep_hours": "many"}, "keep_hours"),
    ({"keep_hours": 10**9}, "keep_hours"), ({"colour": 3}, "colour"), ({}, "values")])
def test_bad_numbers_name_the_field_and_write_nothing(world, values, field):
    with pytest.raises(InvalidInput) as caught:
        policies.set_policy(world.central, CODE, values, actor=world.user("central"))
    assert field in caught.value.fields
    assert not Policy.objects.exists()


def test_a_class_holds_no_policy(world):
    with pytest.raises(InvalidInput) as caught:
        _set(world, world.class_a, min_weight_g=200)
    assert "org_unit" in caught.value.fields


def test_clearing_falls_back_to_the_unit_above(world):
    _set(world, world.central, min_weight_g=200)
    row = _set(world, world.school_a, min_weight_g=300)
    policies.clear_policy(row, actor=world.user("central"))
    assert policies.policy_for(world.school_a, CODE)["min_weight_g"] == 200
    assert AuditEvent.objects.filter(action="compliance.policy_cleared").exists()


# ------------------------------------------------------------------ API


def test_api_lists_specs_with_defaults_sources_and_rows(world):
    _set(world, world.central, min_weight_g=200)
    body = world.api("officer_a").get("/api/v1/policies?page_size=200").json()
    item = next(i for i in body["results"] if i["code"] == CODE)
    assert item["fields"][0] == {"name": "min_weight_g", "label": "Least weight", "default": 125, "minimum": 1,
                                 "maximum": 2000, "unit": "g"}
    assert [r["values"] for r in item["rows"]] == [{"min_weight_g": 200}]


def test_api_in_force_at_a_unit(world):
    _set(world, world.central, min_weight_g=200)
    body = world.api("officer_a").get(f"/api/v1/policies/{CODE}?org_unit={world.school_a.pk}").json()
    assert body["values"] == {"min_weight_g": 200, "keep_hours": 48} and body["set_at"] == world.central.pk
    assert world.api("officer_a").get(f"/api/v1/policies/{CODE}?org_unit={world.school_b.pk}").status_code == 404
    assert world.api("officer_a").get(f"/api/v1/policies/{CODE}?org_unit=99999999999999999999").status_code == 400
    assert world.api("officer_a").get("/api/v1/policies/nothing.here?org_unit=1").status_code == 404


def test_api_sets_changes_and_clears(world):
    api = world.api("central")
    url = f"/api/v1/policies/{CODE}/set"
    made = api.post(url, {"org_unit": world.school_a.pk, "values": {"keep_hours": 72}}, format="json")
    assert made.status_code == 200, made.content
    stale = api.post(url, {"org_unit": world.school_a.pk, "values": {"keep_hours": 60}, "version": 7}, format="json")
    assert stale.status_code == 409
    bad = api.post(url, {"org_unit": world.school_a.pk, "values": {"keep_hours": -1}}, format="json")
    assert bad.status_code == 400 and "keep_hours" in bad.json()["fields"]
    assert api.post(url, {"org_unit": world.school_a.pk, "values": {}, "extra": 1}, format="json").status_code == 400
    assert policies.policy_for(world.school_a, CODE)["keep_hours"] == 72
    gone = api.post(f"/api/v1/policies/{CODE}/clear", {"org_unit": world.school_a.pk}, format="json")
    assert gone.status_code == 204
    assert policies.policy_for(world.school_a, CODE)["keep_hours"] == 48


# ------------------------------------------------------------------ pages


def test_page_shows_defaults_and_overrides_in_chinese(world):
    _set(world, world.central, min_weight_g=200)
    html = world.web("central", "zh-hans").get(reverse("compliance:policies")).content.decode()
    assert "Food samples (test)" in html and "200 g" in html and "County decision 12" in html
    assert "规定" in html or "政策" in html


def test_form_opens_on_numbers_in_force_and_sets_them(world):
    _set(world, world.central, min_weight_g=200)
    web = world.web("central")
    url = reverse("compliance:policy-set", kwargs={"code": CODE})
    page = web.get(url + f"?org_unit={world.school_a.pk}")
    assert page.status_code == 200 and 'value="200"' in page.content.decode()
    bad = web.post(url, {"org_unit": world.school_a.pk, "min_weight_g": 0, "keep_hours": 48})
    assert bad.status_code == 400 and not Policy.objects.filter(org_unit=world.school_a).exists()
    done = web.post(url, {"org_unit": world.school_a.pk, "min_weight_g": 250, "keep_hours": 48, "source": "School"})
    assert done.status_code == 302
    assert policies.policy_for(world.school_a, CODE)["min_weight_g"] == 250
    assert web.get(reverse("compliance:policy-set", kwargs={"code": "no.such"})).status_code == 404
