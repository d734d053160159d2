"""Who may open and use every inspections page and endpoint (see core.testing.matrix)."""

from safecampus.core.testing.matrix import Case, matrix_test

from .helpers import FAR, all_pass, form_data, library, scheduled


def _insp_b(world):
    return {"kwargs": {"pk": scheduled(world).pk}}


def _complete_b_web(world):
    inspection = scheduled(world)
    return {"kwargs": {"pk": inspection.pk}, "data": form_data(inspection)}


def _complete_b_api(world):
    inspection = scheduled(world)
    return {"kwargs": {"pk": inspection.pk}, "data": {"results": all_pass(inspection)}}


def _schedule_web(world):
    return {"data": {"template": library().pk, "target": f"unit:{world.school_a.pk}",
                     "scheduled_for": FAR.isoformat(), "assignee": ""}}


def _schedule_api(world):
    return {"data": {"org_unit": world.school_a.pk, "template": library().pk, "scheduled_for": FAR.isoformat()}}


def _draw_web(world):
    return {"data": {"central": world.central.pk, "template": library("spot-key-items").pk, "count": 1,
                     "scheduled_for": FAR.isoformat(), "assignee": ""}}


def _draw(world):
    from safecampus.inspections import services

    draw = services.draw_spot_check(actor=world.user("central"), org_unit=world.central,
                                    template=library("spot-key-items"), count=2, scheduled_for=FAR)
    return {"kwargs": {"pk": draw.pk}}


def _draw_api(world):
    return {"data": {"org_unit": world.central.pk, "template": library("spot-key-items").pk, "count": 2,
                     "scheduled_for": FAR.isoformat()}}


def _library_template(world):
    return {"kwargs": {"pk": library().pk}}


def _custom_template(world):
    from safecampus.inspections import services

    template = services.create_template(actor=world.user("central"), org_unit=world.central, kind="special",
                                        topic="other", name="Lab check", name_zh="实验室检查",
                                        items=[{"text": "Reagents locked", "text_zh": "药品上锁"}])
    return {"kwargs": {"pk": template.pk}}


def _template_post(world):
    return {"data": {"owner": world.central.pk, "kind": "special", "topic": "other", "name_zh": "实验室检查",
                     "name": "", "items": "药品上锁 | Reagents locked | 2 | major"}}


CASES = [
    Case("inspections:inspection-list", allowed=("officer_a", "principal_a", "central", "authority"),
         forbidden=("teacher_a", "guard_a")),
    Case("inspections:mine", allowed=("officer_a", "central"), forbidden=("teacher_a", "authority")),
    Case("inspections:schedule", allowed=("officer_a", "principal_a", "central"), forbidden=("teacher_a", "authority")),
    Case("inspections:schedule", method="post", setup=_schedule_web, allowed=("officer_a", "central"),
         forbidden=("teacher_a", "authority"), ok=(302,), id="POST schedule"),
    Case("inspections:inspection-detail", setup=_insp_b, allowed=("officer_b", "principal_b", "central", "authority"),
         forbidden=("teacher_b",), hidden=("officer_a", "officer_c")),
    Case("inspections:inspection-complete", setup=_insp_b, allowed=("officer_b", "central"),
         forbidden=("teacher_b", "authority"), hidden=("officer_a",)),
    Case("inspections:inspection-complete", method="post", setup=_complete_b_web, allowed=("officer_b", "central"),
         forbidden=("teacher_b", "authority"), hidden=("officer_a", "officer_c"), ok=(302,), id="POST complete"),
    Case("inspections:inspection-cancel", setup=lambda w: {**_insp_b(w), "kwargs": {**_insp_b(w)["kwargs"]}},
         allowed=("officer_b", "central"), forbidden=("teacher_b", "authority"), hidden=("officer_a",)),
    Case("inspections:inspection-cancel", method="post", setup=lambda w: {**_insp_b(w), "data": {"reason": "雨天"}},
         allowed=("officer_b", "central"), forbidden=("teacher_b", "authority"), hidden=("officer_a",), ok=(302,),
         id="POST cancel"),
    Case("inspections:inspection-assign", setup=_insp_b, allowed=("officer_b", "principal_b", "central"),
         forbidden=("teacher_b", "authority"), hidden=("officer_a",)),
    Case("inspections:inspection-assign", method="post",
         setup=lambda w: {**_insp_b(w), "data": {"assignee": w.user("principal_b").pk}},
         allowed=("officer_b", "central"), forbidden=("teacher_b", "authority"), hidden=("officer_a",), ok=(302,),
         id="POST inspection-assign"),
    Case("inspections:inspection-pdf", setup=_insp_b, allowed=("officer_b", "authority"), forbidden=("teacher_b",),
         hidden=("officer_a",)),
    Case("inspections:draw-list", allowed=("central",), forbidden=("officer_a", "authority", "teacher_a")),
    Case("inspections:draw-create", allowed=("central",), forbidden=("officer_a", "authority")),
    Case("inspections:draw-create", method="post", setup=_draw_web, allowed=("central",),
         forbidden=("officer_a", "authority"), ok=(302,), id="POST draw"),
    Case("inspections:draw-detail", setup=_draw, allowed=("central", "authority"), hidden=("officer_a", "teacher_b")),
    Case("inspections:template-list", allowed=("officer_a", "central", "authority"), forbidden=("teacher_a",)),
    Case("inspections:template-detail", setup=_library_template, allowed=("officer_a", "central", "authority"),
         forbidden=("teacher_a", "guard_a")),
    Case("inspections:template-create", allowed=("central",), forbidden=("officer_a", "authority", "teacher_a")),
    Case("inspections:template-create", method="post", setup=_template_post, allowed=("central",),
         forbidden=("officer_a", "authority"), ok=(302,), id="POST template-create"),
    Case("inspections:template-edit", setup=_custom_template, allowed=("central",),
         forbidden=("officer_a", "authority", "teacher_a")),
    Case("inspections:template-edit", setup=_library_template, allowed=(), forbidden=("central", "officer_a"),
         id="GET template-edit library"),
    # API
    Case("checklist-template-list", allowed=("officer_a", "central", "authority"), forbidden=("teacher_a",)),
    Case("checklist-template-detail", setup=_library_template, allowed=("officer_a", "authority"),
         forbidden=("teacher_a",)),
    Case("inspection-list", allowed=("officer_a", "central", "authority"), forbidden=("teacher_a", "guard_a")),
    Case("inspection-list", method="post", setup=_schedule_api, allowed=("officer_a", "principal_a", "central"),
         forbidden=("teacher_a", "authority"), ok=(201,), id="POST inspection-list"),
    Case("inspection-detail", setup=_insp_b, allowed=("officer_b", "central", "authority"), forbidden=("teacher_b",),
         hidden=("officer_a", "officer_c")),
    Case("inspection-assign", method="post",
         setup=lambda w: {**_insp_b(w), "data": {"assignee": w.user("principal_b").pk}},
         allowed=("officer_b", "central"), forbidden=("teacher_b", "authority"), hidden=("officer_a",), ok=(200,)),
    Case("inspection-draw-list", allowed=("central", "authority"), ok=(200,)),
    Case("inspection-draw-list", method="post", setup=_draw_api, allowed=("central",),
         forbidden=("officer_a", "authority"), ok=(201,), id="POST inspection-draw-list"),
    Case("inspection-draw-detail", setup=_draw, allowed=("central", "authority"), hidden=("officer_a",)),
    Case("inspection-complete", method="post", setup=_complete_b_api, allowed=("officer_b", "central"),
         forbidden=("teacher_b", "authority"), hidden=("officer_a", "officer_c"), ok=(200,)),
]

test_matrix = matrix_test(CASES)
