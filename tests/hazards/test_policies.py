"""Rectification policy as data: the nearest unit's policy sets default deadlines and reminder lead times."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from safecampus.core.errors import Forbidden, InvalidInput, StaleVersion
from safecampus.core.models import AuditEvent, Notification
from safecampus.core.testing.queries import exact_queries
from safecampus.hazards import people, services
from safecampus.hazards.models import Hazard, HazardPolicy
from safecampus.hazards.policies import PolicyBook, defaults, ensure_builtin, policy_for

from .helpers import NUMBERS, make, make_policy

pytestmark = pytest.mark.django_db


def _today(world):
    return people.local_today(world.school_a)


def test_builtin_row_holds_the_default_numbers_with_their_source(world):
    builtin = HazardPolicy.objects.get(org_unit__isnull=True)
    assert (builtin.general_days, builtin.major_days, builtin.general_remind_days, builtin.major_remind_days) == (
        7, 30, 1, 3)
    assert builtin.source and builtin.is_builtin
    assert ensure_builtin() == builtin  # idempotent
    assert {k: getattr(builtin, k) for k in defaults()} == defaults()


def test_the_nearest_unit_with_a_policy_decides(world):
    central = HazardPolicy.objects.get(org_unit=world.central)  # demo: the central school's own rule
    assert policy_for(world.school_a) == central
    assert policy_for(world.class_a) == central
    assert policy_for(world.kinder_c).org_unit == world.kinder_c  # demo: the kindergarten's stricter one
    own = make_policy(world)
    assert policy_for(world.school_a) == own and policy_for(world.class_a) == own
    assert policy_for(world.school_b) == central
    HazardPolicy.objects.filter(org_unit__isnull=False).delete()
    assert policy_for(world.school_a).is_builtin


def test_policy_book_reads_many_schools_in_one_query(world):
    make_policy(world)
    paths = [world.school_a.path, world.school_b.path, world.kinder_c.path, world.class_a.path]
    with exact_queries(1):
        book = PolicyBook(paths)
        found = [book.for_path(p).org_unit_id for p in paths]
    assert found == [world.school_a.pk, world.central.pk, world.kinder_c.pk, world.school_a.pk]


def test_assign_without_a_deadline_takes_the_policy_period(world):
    make_policy(world, general_days=5, major_days=12)
    general = make(world, "assigned", title="General")
    assert general.deadline == _today(world) + timedelta(days=5)
    major = make(world, "assigned", level="major", title="Major")
    assert major.deadline == _today(world) + timedelta(days=12)
    kinder = make(world, "assigned", school="kinder_c", title="Kindergarten")
    assert kinder.deadline == people.local_today(world.kinder_c) + timedelta(days=3)


def test_changing_a_policy_keeps_deadlines_already_given(world):
    policy = make_policy(world, general_days=5)
    hazard = make(world, "assigned")
    services.change_policy(policy, actor=world.user("central"), general_days=10, general_remind_days=2,
                           major_days=20, major_remind_days=4)
    hazard.refresh_from_db()
    assert hazard.deadline == _today(world) + timedelta(days=5)
    assert make(world, "assigned", title="Later").deadline == _today(world) + timedelta(days=10)


def test_the_sweep_reminds_by_the_policy_of_the_hazards_school(world):
    make_policy(world, general_remind_days=3)
    early = make(world, "assigned", title="Reminded three days ahead")
    mine = Notification.objects.filter(url=early.get_absolute_url(), kind="hazard.due_soon")
    services.sweep_deadlines(early.due_at - timedelta(days=3, hours=1))
    assert not mine.exists()
    services.sweep_deadlines(early.due_at - timedelta(days=2, hours=23))
    assert mine.count() == 1
    # Elsewhere the central school's one day still holds.
    b = make(world, "assigned", school="school_b", title="B keeps one day")
    services.sweep_deadlines(b.due_at - timedelta(days=2))
    assert not Notification.objects.filter(url=b.get_absolute_url(), kind="hazard.due_soon").exists()


def test_no_reminder_when_the_policy_says_zero(world):
    make_policy(world, general_remind_days=0)
    hazard = make(world, "assigned")
    services.sweep_deadlines(hazard.due_at - timedelta(minutes=1))
    hazard.refresh_from_db()
    assert hazard.reminded_at is None


def test_the_sweep_reads_policies_twice_however_many_hazards_are_due(world):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    services.sweep_deadlines()  # whatever the demo left pending
    for i in range(6):
        h = make(world, "assigned", school=("school_a", "school_b", "kinder_c")[i % 3], title=f"due {i}")
        Hazard.objects.filter(pk=h.pk).update(due_at=timezone.now() + timedelta(hours=12))
    with CaptureQueriesContext(connection) as ran:
        sent = services.sweep_deadlines()
    assert sent["reminders"] == 6
    # The widest reminder of any policy, then the policies above the schools due soon: not one per hazard.
    assert sum('FROM "hazards_hazardpolicy"' in q["sql"] for q in ran.captured_queries) == 2


def test_audit_and_permissions_of_policy_changes(world):
    policy = make_policy(world)
    events = AuditEvent.objects.filter(object_type="hazards.hazardpolicy", object_id=str(policy.pk))
    assert list(events.values_list("action", flat=True)) == ["hazards.policy_created"]
    with pytest.raises(Forbidden):
        services.change_policy(policy, actor=world.user("officer_a"), **NUMBERS)
    with pytest.raises(Forbidden):
        make_policy(world, unit="school_b", actor="principal_b")
    changed = services.change_policy(policy, actor=world.user("authority"),
                                     **{**NUMBERS, "major_days": 21}, expected_version=policy.version)
    assert changed.version == policy.version + 1 and changed.changed_by == world.user("authority")
    assert events.last().action == "hazards.policy_changed" and events.last().changes == {"major_days": [20, 21]}
    with pytest.raises(StaleVersion):
        services.change_policy(policy, actor=world.user("central"), **NUMBERS, expected_version=policy.version)
    with pytest.raises(Forbidden):  # the built-in row is overridden, not edited
        services.change_policy(ensure_builtin(), actor=world.user("central"), **NUMBERS)


@pytest.mark.parametrize(("field", "numbers"), [
    ("general_days", {"general_days": 0}),
    ("major_days", {"major_days": 400}),
    ("general_remind_days", {"general_days": 5, "general_remind_days": 5}),
    ("major_remind_days", {"major_remind_days": -1}),
    ("general_days", {"general_days": "soon"}),
])
def test_bad_policy_numbers_name_the_field(world, field, numbers):
    with pytest.raises(InvalidInput) as exc:
        make_policy(world, **numbers)
    assert field in exc.value.fields


def test_a_policy_belongs_to_a_school_or_a_unit_above_once(world):
    with pytest.raises(InvalidInput) as exc:
        make_policy(world, unit="class_a")
    assert "org_unit" in exc.value.fields
    with pytest.raises(InvalidInput) as exc:
        make_policy(world, unit="central")  # the demo already set one there
    assert "org_unit" in exc.value.fields


# --- API --------------------------------------------------------------------------------------

def test_api_lists_the_policies_that_govern_the_reader(world):
    make_policy(world, unit="school_b")
    mine = make_policy(world)
    listed = world.api("teacher_a").get("/api/v1/hazard-policies").json()["results"]
    units = [row["org_unit"] for row in listed]
    assert units[0] is None and listed[0]["builtin"] is True
    assert world.central.pk in units and world.school_a.pk in units
    assert world.school_b.pk not in units and world.kinder_c.pk not in units
    assert world.api("teacher_a").get(f"/api/v1/hazard-policies/{listed[1]['id']}").status_code == 200
    everything = [r["org_unit"] for r in world.api("central").get("/api/v1/hazard-policies").json()["results"]]
    assert {world.school_b.pk, world.kinder_c.pk, mine.org_unit_id} <= set(everything)


def test_api_creates_and_changes_with_a_version_check(world):
    central = world.api("central")
    r = central.post("/api/v1/hazard-policies", {"org_unit": world.school_a.pk, **NUMBERS, "source": "rule 7"},
                     format="json")
    assert r.status_code == 201, r.content
    body = r.json()
    assert body["general_days"] == 5 and body["version"] == 1 and body["builtin"] is False
    url = f"/api/v1/hazard-policies/{body['id']}/change"
    r = central.post(url, {**NUMBERS, "general_days": 9, "version": 1}, format="json")
    assert r.status_code == 200 and r.json()["general_days"] == 9 and r.json()["source"] == "rule 7"
    r = central.post(url, {**NUMBERS, "general_days": 8, "version": 1}, format="json")
    assert r.status_code == 409
    builtin = ensure_builtin()
    # Everyone reads the built-in policy; no one changes it (403: it is seen, not missing).
    assert central.post(f"/api/v1/hazard-policies/{builtin.pk}/change", NUMBERS, format="json").status_code == 403
    for method in ("put", "patch", "delete"):
        assert getattr(central, method)(f"/api/v1/hazard-policies/{body['id']}", {}, format="json").status_code == 405


@pytest.mark.parametrize(("body", "field"), [
    ({"general_days": "x"}, "general_days"),
    ({"general_remind_days": 9}, "general_remind_days"),
    ({"major_days": None}, "major_days"),
    ({"grace_days": 2}, "grace_days"),
    ({"org_unit": 999999}, "org_unit"),
])
def test_api_bad_policy_input_is_400_naming_the_field(world, body, field):
    data = {"org_unit": world.school_a.pk, **NUMBERS, **body}
    r = world.api("central").post("/api/v1/hazard-policies", data, format="json")
    assert r.status_code == 400, r.content
    assert field in r.json()["fields"]
    assert not HazardPolicy.objects.filter(org_unit=world.school_a).exists()


# --- pages ------------------------------------------------------------------------------------

def test_policy_page_shows_what_is_in_force_at_each_school(world):
    page = world.web("central").get("/hazards/policies/")
    html = page.content.decode()
    assert page.status_code == 200
    assert "Built-in default" in html and "In force at each school" in html and "Kindergarten C" in html
    assert f"/hazards/policies/{HazardPolicy.objects.get(org_unit=world.central).pk}/" in html
    assert f"/hazards/policies/{ensure_builtin().pk}/" not in html  # the built-in is not edited


def test_policy_page_query_count_is_fixed(world):
    web = world.web("authority")
    web.get("/hazards/policies/")
    with exact_queries(6):
        web.get("/hazards/policies/")
    make_policy(world)
    make_policy(world, unit="school_b")
    with exact_queries(6):
        web.get("/hazards/policies/")


def test_policy_edit_page_explains_errors_and_refuses_a_stale_form(world):
    policy = make_policy(world)
    web = world.web("central")
    url = f"/hazards/policies/{policy.pk}/"
    page = web.get(url)
    assert page.status_code == 200 and b'name="version"' in page.content
    r = web.post(url, {**NUMBERS, "general_remind_days": 5, "version": policy.version})
    assert r.status_code == 400 and "general_remind_days" in r.context["form"].errors
    r = web.post(url, {**NUMBERS, "general_days": "", "version": policy.version})
    assert r.status_code == 400 and "general_days" in r.context["form"].errors
    services.change_policy(policy, actor=world.user("authority"), **{**NUMBERS, "major_days": 22})
    r = web.post(url, {**NUMBERS, "general_days": 6, "version": policy.version})
    assert r.status_code == 409 and r.context["form"].non_field_errors()
    policy.refresh_from_db()
    r = web.post(url, {**NUMBERS, "general_days": 6, "version": policy.version, "source": "new rule"})
    assert r.status_code == 302
    policy.refresh_from_db()
    assert (policy.general_days, policy.major_days, policy.source) == (6, 20, "new rule")


def test_new_policy_page_starts_from_the_defaults_and_offers_free_units_only(world):
    web = world.web("central")
    page = web.get(f"/hazards/policies/new/?org_unit={world.school_a.pk}")
    form = page.context["form"]
    assert form.initial["general_days"] == 7 and form.initial["org_unit"] == world.school_a.pk
    offered = set(form.fields["org_unit"].queryset)
    assert world.school_a in offered and world.central not in offered and world.kinder_c not in offered
    r = web.post("/hazards/policies/new/", {"org_unit": world.school_a.pk, **NUMBERS, "major_remind_days": 30})
    assert r.status_code == 400 and "major_remind_days" in r.context["form"].errors
    r = web.post("/hazards/policies/new/", {"org_unit": world.school_a.pk, **NUMBERS})
    assert r.status_code == 302 and HazardPolicy.objects.get(org_unit=world.school_a).major_days == 20


def test_assign_form_names_the_period_in_force(world):
    make_policy(world, general_days=4)
    hazard = make(world)
    page = world.web("officer_a").get(f"{hazard.get_absolute_url()}assign/")
    assert "4 days" in page.context["form"].fields["deadline"].help_text
