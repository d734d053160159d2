"""What inspections do: the library, scheduling, draws, versions, scoring, hazards from failures."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

import pytest

from safecampus.core.errors import Conflict, Forbidden, InvalidInput
from safecampus.core.models import AuditEvent
from safecampus.hazards.models import Hazard
from safecampus.inspections import services
from safecampus.inspections.choices import InspectionStatus, TemplateKind, Topic
from safecampus.inspections.library import LIBRARY
from safecampus.inspections.models import ChecklistTemplate, Inspection, InspectionResult

from .helpers import FAR, all_pass, library, scheduled

pytestmark = pytest.mark.django_db


def _custom(world, items=None):
    return services.create_template(
        actor=world.user("central"), org_unit=world.central, kind="special", topic="fire", name="Lab", name_zh="实验室",
        items=items or [{"text": "Reagents locked", "text_zh": "药品上锁", "weight": 3, "hazard_level": "major"},
                        {"text": "Eye wash works", "text_zh": "洗眼器可用", "weight": 1}])


def test_the_library_ships_every_checklist_of_the_plan_in_both_languages(world):
    shipped = ChecklistTemplate.objects.filter(owner=None)
    topics = set(shipped.filter(kind=TemplateKind.SPECIAL).values_list("topic", flat=True))
    assert topics == {"fire", "canteen", "dormitory", "door_guard", "duty_patrol", "transport", "archives",
                      "surroundings"}
    assert shipped.filter(kind=TemplateKind.COMPREHENSIVE).exists()
    assert shipped.filter(kind=TemplateKind.SPOT).exists()
    for template in shipped:
        items = list(template.current_version.items.all())
        assert 8 <= len(items) <= 15, template.code
        assert all(i.text and i.text_zh for i in items), template.code
        assert template.name and template.name_zh
    assert len(LIBRARY) == shipped.count()


def test_loading_the_library_twice_adds_nothing(world):
    assert services.sync_library() == 0


def test_scheduling_one_school_is_audited_and_a_double_submit_makes_one(world):
    first = scheduled(world, "school_a", "officer_a")
    again = scheduled(world, "school_a", "officer_a")
    assert first.pk == again.pk
    assert first.status == InspectionStatus.SCHEDULED
    assert first.template_version == library().current_version
    assert AuditEvent.objects.filter(action="inspections.scheduled", object_id=str(first.pk)).count() == 1


def test_the_monthly_special_inspection_is_scheduled_for_every_school_in_one_action(world):
    made = services.schedule_for_all_schools(actor=world.user("central"), org_unit=world.central,
                                             template=library("special-dormitory"), scheduled_for=FAR)
    assert {i.org_unit for i in made} == {world.school_a, world.school_b, world.kinder_c}
    again = services.schedule_for_all_schools(actor=world.user("central"), org_unit=world.central,
                                              template=library("special-dormitory"), scheduled_for=FAR)
    assert sorted(i.pk for i in again) == sorted(i.pk for i in made)


def test_a_school_officer_schedules_only_at_their_own_school(world):
    with pytest.raises(Forbidden):
        services.schedule_inspection(actor=world.user("officer_a"), org_unit=world.school_b, template=library(),
                                     scheduled_for=FAR)
    with pytest.raises(Forbidden):
        services.schedule_for_all_schools(actor=world.user("officer_a"), org_unit=world.central, template=library(),
                                          scheduled_for=FAR)
    with pytest.raises(InvalidInput) as exc:
        services.schedule_inspection(actor=world.user("central"), org_unit=world.central, template=library(),
                                     scheduled_for=FAR)
    assert "org_unit" in exc.value.fields


def test_an_inspector_must_be_able_to_carry_out_at_that_school(world):
    with pytest.raises(InvalidInput) as exc:
        scheduled(world, "school_b", "officer_a")
    assert "assignee" in exc.value.fields


def test_the_spot_check_draw_is_recorded_and_can_be_replayed_from_its_seed(world):
    draw = services.draw_spot_check(actor=world.user("central"), org_unit=world.central,
                                    template=library("spot-key-items"), count=2, scheduled_for=FAR)
    assert len(draw.chosen) == 2 and set(draw.chosen) <= set(draw.candidates)
    assert draw.seed
    assert services.replay_draw(draw.candidates, draw.count, draw.seed) == draw.chosen
    assert sorted(draw.inspections.values_list("org_unit_id", flat=True)) == sorted(draw.chosen)
    event = AuditEvent.objects.get(action="inspections.drawn", object_id=str(draw.pk))
    assert event.changes["seed"] == draw.seed and event.changes["chosen"] == draw.chosen


def test_the_same_seed_always_draws_the_same_schools():
    assert services.replay_draw([5, 3, 4], 2, "abc") == services.replay_draw([3, 4, 5], 2, "abc")


def test_a_draw_cannot_pick_more_schools_than_there_are(world):
    with pytest.raises(InvalidInput) as exc:
        services.draw_spot_check(actor=world.user("central"), org_unit=world.central,
                                 template=library("spot-key-items"), count=9, scheduled_for=FAR)
    assert "count" in exc.value.fields
    with pytest.raises(Forbidden):
        services.draw_spot_check(actor=world.user("officer_a"), org_unit=world.central,
                                 template=library("spot-key-items"), count=1, scheduled_for=FAR)


def test_editing_a_checklist_makes_a_new_version_and_a_done_inspection_keeps_its_own(world):
    template = _custom(world)
    old = scheduled_custom = services.schedule_inspection(
        actor=world.user("central"), org_unit=world.school_a, template=template, scheduled_for=FAR)[0]
    services.complete_inspection(old, actor=world.user("officer_a"), results=all_pass(old))
    v2 = services.revise_template(template, actor=world.user("central"), name="Lab", name_zh="实验室",
                                  items=[{"text": "Only this now", "text_zh": "只剩这一项"}])
    template.refresh_from_db()
    assert template.current_version == v2 and v2.number == 2
    old.refresh_from_db()
    assert old.template_version.number == 1
    assert [r.item.text for r in old.results.all()] == ["Reagents locked", "Eye wash works"]
    new = services.schedule_inspection(actor=world.user("central"), org_unit=world.school_b, template=template,
                                       scheduled_for=FAR)[0]
    assert [i.text for i in new.template_version.items.all()] == ["Only this now"]
    assert scheduled_custom.pk == old.pk


def test_the_shared_library_is_copied_not_edited(world):
    with pytest.raises(Forbidden):
        services.revise_template(library(), actor=world.user("central"), name="x",
                                 items=[{"text": "x"}])


def test_only_the_central_school_writes_checklists(world):
    with pytest.raises(Forbidden):
        services.create_template(actor=world.user("officer_a"), org_unit=world.central, kind="special",
                                 topic="fire", name="x", items=[{"text": "x"}])
    with pytest.raises(InvalidInput) as exc:
        _custom(world, items=[{"text": "", "text_zh": ""}])
    assert "items[0].text" in exc.value.fields


def test_the_score_is_weighted_and_ignores_not_applicable_items():
    assert services.compute_score([(3, "pass"), (1, "fail"), (5, "na")]) == Decimal("75.0")
    assert services.compute_score([(2, "pass"), (1, "fail")]) == Decimal("66.7")
    assert services.compute_score([(1, "na")]) is None


def test_a_failed_item_opens_a_hazard_linked_to_the_inspection(world):
    inspection = scheduled(world, "school_b", "officer_b")
    results = all_pass(inspection, p1="fail", p2="na")
    results[0]["note"] = "二楼灭火器压力不足"
    done = services.complete_inspection(inspection, actor=world.user("officer_b"), results=results)
    assert done.status == InspectionStatus.COMPLETED and done.completed_at is not None
    failed = InspectionResult.objects.get(inspection=done, outcome="fail")
    hazard = Hazard.objects.get(pk=failed.hazard_id)
    assert hazard.org_unit == world.school_b
    assert hazard.source == "inspection" and hazard.source_ref == f"inspection:{done.pk}:item:{failed.item_id}"
    assert hazard.title == "二楼灭火器压力不足"
    assert hazard.category == "fire" and hazard.level == failed.item.hazard_level
    assert InspectionResult.objects.filter(inspection=done).exclude(hazard=None).count() == 1
    items = list(done.template_version.items.all())
    expected = services.compute_score((i.weight, r["outcome"]) for i, r in zip(items, results, strict=True))
    assert done.score == expected


def test_completing_twice_is_a_conflict_and_changes_nothing(world):
    inspection = scheduled(world)
    services.complete_inspection(inspection, actor=world.user("officer_b"),
                                 results=all_pass(inspection, p1="fail"))
    hazards = Hazard.objects.count()
    with pytest.raises(Conflict):
        services.complete_inspection(inspection, actor=world.user("officer_b"),
                                     results=all_pass(inspection, p2="fail"))
    assert Hazard.objects.count() == hazards
    assert InspectionResult.objects.filter(inspection=inspection).count() == inspection.template_version.items.count()


def test_results_must_answer_exactly_this_inspections_items(world):
    inspection = scheduled(world)
    other = scheduled(world, code="special-canteen")
    foreign = all_pass(inspection)
    foreign[0]["item"] = other.template_version.items.first().pk
    with pytest.raises(InvalidInput) as exc:
        services.complete_inspection(inspection, actor=world.user("officer_b"), results=foreign)
    assert "results[0].item" in exc.value.fields
    with pytest.raises(InvalidInput) as exc:
        services.complete_inspection(inspection, actor=world.user("officer_b"),
                                     results=all_pass(inspection)[1:])
    assert "results" in exc.value.fields
    bad = all_pass(inspection)
    bad[2]["outcome"] = "maybe"
    with pytest.raises(InvalidInput) as exc:
        services.complete_inspection(inspection, actor=world.user("officer_b"), results=bad)
    assert "results[2].outcome" in exc.value.fields
    inspection.refresh_from_db()
    assert inspection.status == InspectionStatus.SCHEDULED and not inspection.results.exists()


def test_a_cancelled_inspection_cannot_be_carried_out_and_frees_the_day(world):
    inspection = scheduled(world)
    services.cancel_inspection(inspection, actor=world.user("central"), reason="暴雨停课")
    with pytest.raises(Conflict):
        services.complete_inspection(inspection, actor=world.user("officer_b"),
                                     results=all_pass(inspection))
    again = scheduled(world)
    assert again.pk != inspection.pk


def test_an_inspector_sees_their_open_inspections_as_tasks(world):
    from safecampus.compliance.registry import TASK_SOURCES

    inspection = scheduled(world, "school_a", "officer_a")
    tasks = list(TASK_SOURCES["inspections"].collect(world.user("officer_a")))
    assert inspection.get_absolute_url() in [t.url for t in tasks]
    assert all(t.kind == "inspection.carry_out" for t in tasks)
    assert not list(TASK_SOURCES["inspections"].collect(world.user("teacher_a")))


def test_completed_inspections_count_as_evidence_by_kind_and_topic(world):
    from safecampus.compliance.registry import EVIDENCE

    kind = EVIDENCE["inspections.completed"]
    assert kind.model == "inspections.Inspection" and kind.date_field == "completed_at"
    lookups = {kind.params["kind"]: "comprehensive", kind.params["topic"]: Topic.GENERAL, **kind.base_filter,
               f"{kind.date_field}__gte": datetime(2025, 1, 1, tzinfo=UTC)}
    assert Inspection.objects.filter(**lookups).count() == 3  # the demo's comprehensive inspections


def test_the_home_panel_lists_inspections_due(world, rf):
    from safecampus.inspections.panels import inspections_due

    request = rf.get("/")
    request.user = world.user("officer_a")
    panel = inspections_due(request)
    assert panel and panel["rows"]
    request.user = world.user("teacher_a")
    assert inspections_due(request) is None


def _png(name: str = "finding.png"):
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", (8, 8), (200, 30, 30)).save(buf, format="PNG")
    return SimpleUploadedFile(name, buf.getvalue(), content_type="image/png")


def test_a_photo_of_a_failed_item_is_kept_with_the_inspection_and_its_hazard(world):
    from safecampus.core.files import attachments_of

    inspection = scheduled(world)
    first = inspection.template_version.items.first()
    done = services.complete_inspection(inspection, actor=world.user("officer_b"),
                                        results=all_pass(inspection, p1="fail"), photos={first.pk: [_png()]})
    assert [a.purpose for a in attachments_of(done)] == [f"item:{first.pk}"]
    hazard = InspectionResult.objects.get(inspection=done, item=first).hazard
    assert len(attachments_of(hazard)) == 1


def test_editing_a_checklist_in_the_browser_saves_a_new_version(world):
    template = _custom(world)
    client = world.web("central")
    response = client.post(f"/inspections/checklists/{template.pk}/edit/", {
        "name_zh": "实验室检查", "name": "Lab check", "items": "药品上锁 | Reagents locked | 3 | major\n新增一项"})
    assert response.status_code == 302
    template.refresh_from_db()
    assert template.current_version.number == 2
    assert [i.display_text for i in template.current_version.items.all()] == ["Reagents locked", "新增一项"]
    bad = client.post(f"/inspections/checklists/{template.pk}/edit/", {"name_zh": "x", "items": "a | b | heavy"})
    assert bad.status_code == 400 and "items" in bad.context["form"].errors


def test_the_carry_out_page_shows_errors_and_writes_nothing_when_a_row_is_unanswered(world):
    from .helpers import form_data

    inspection = scheduled(world)
    data = form_data(inspection)
    first = inspection.template_version.items.first()
    del data[f"outcome_{first.pk}"]
    response = world.web("officer_b").post(f"/inspections/{inspection.pk}/complete/", data)
    assert response.status_code == 400
    assert f"outcome_{first.pk}" in response.context["form"].errors
    inspection.refresh_from_db()
    assert inspection.status == "scheduled"


def test_a_double_submit_of_the_carry_out_page_completes_once(world):
    from .helpers import form_data

    inspection = scheduled(world)
    client = world.web("officer_b")
    data = form_data(inspection, fail_position=2)
    assert client.post(f"/inspections/{inspection.pk}/complete/", data).status_code == 302
    second = client.post(f"/inspections/{inspection.pk}/complete/", data)
    assert second.status_code == 409
    assert Hazard.objects.filter(source_ref__startswith=f"inspection:{inspection.pk}:").count() == 1


def test_scheduling_all_schools_from_the_page(world):
    response = world.web("central").post("/inspections/schedule/", {
        "template": library("special-archives").pk, "target": f"all:{world.central.pk}",
        "scheduled_for": FAR.isoformat(), "assignee": ""})
    assert response.status_code == 302
    assert Inspection.objects.filter(template=library("special-archives"), scheduled_for=FAR).count() == 3


def test_dashboards_read_inspection_numbers_through_the_metrics_registry(world):
    from safecampus.compliance.registry import METRICS

    central = METRICS["inspections.by_state"].compute(world.user("central"), None)
    school_b = METRICS["inspections.by_state"].compute(world.user("officer_b"), None)
    assert central["completed"] >= 3 and school_b["completed"] == central["completed"] - 2
    failed = METRICS["inspections.failed_by_topic"].compute(world.user("central"), None)
    assert failed["general"] == 5  # the demo's failed items of the comprehensive inspections
    assert METRICS["inspections.by_state"].compute(world.user("teacher_a"), None)["completed"] == 0


def test_a_checklist_of_another_district_is_neither_seen_nor_used(world):
    from safecampus.core.errors import NotFound
    from safecampus.org import services as org

    other = org.create_unit(actor=None, kind="central_school", name="Other Central School", org_unit=world.authority)
    theirs = services.create_template(actor=None, org_unit=other, kind="special", topic="fire", name="Theirs",
                                      items=[{"text": "x"}])
    for who in ("central", "officer_a"):
        assert not ChecklistTemplate.objects.visible_to(world.user(who), "inspections.view").filter(
            pk=theirs.pk).exists()
        with pytest.raises(NotFound):
            ChecklistTemplate.objects.get_visible(world.user(who), "inspections.view", pk=theirs.pk)
        assert world.web(who).get(f"/inspections/checklists/{theirs.pk}/").status_code == 404
    assert ChecklistTemplate.objects.visible_to(world.user("authority"), "inspections.view").filter(
        pk=theirs.pk).exists()
    with pytest.raises(InvalidInput) as exc:
        services.schedule_inspection(actor=world.user("central"), org_unit=world.school_a, template=theirs,
                                     scheduled_for=FAR)
    assert "template" in exc.value.fields
    response = world.api("officer_a").post("/api/v1/inspections", {
        "org_unit": world.school_a.pk, "template": theirs.pk, "scheduled_for": FAR.isoformat()}, format="json")
    assert response.status_code == 400 and "template" in response.json()["fields"]


def test_drawing_again_for_the_same_day_returns_the_first_draw(world):
    args = {"actor": world.user("central"), "org_unit": world.central, "template": library("spot-key-items"),
            "scheduled_for": FAR}
    first = services.draw_spot_check(count=1, **args)
    again = services.draw_spot_check(count=2, **args)
    assert again.pk == first.pk and again.chosen == first.chosen


def test_the_inspector_or_else_the_school_leaders_are_told(world):
    from safecampus.core.models import Notification

    named = scheduled(world, "school_a", "officer_a")
    assert Notification.objects.filter(user=world.user("officer_a"), url=named.get_absolute_url()).exists()
    open_one = scheduled(world, "school_b", None, code="special-archives")
    told = set(Notification.objects.filter(url=open_one.get_absolute_url()).values_list("user__username", flat=True))
    assert told == {"officer_b", "principal_b"}
