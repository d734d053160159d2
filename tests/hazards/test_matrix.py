"""Who may open each hazard page and endpoint: 401/login, 404 out of scope, 403 without the right."""

from __future__ import annotations

from safecampus.core.testing.matrix import Case, matrix_test

from .helpers import NUMBERS, make, make_policy


def _hazard(state="reported", school="school_a", **kw):
    def setup(world):
        return {"kwargs": {"pk": make(world, state, school=school, **kw).pk}}
    return setup


def _action(action, state, data=None, **kw):
    def setup(world):
        hazard = make(world, state, **kw)
        made = {"kwargs": {"pk": hazard.pk, "action": action}} if action else {"kwargs": {"pk": hazard.pk}}
        if data is not None:
            made["data"] = data(world) if callable(data) else data
        return made
    return setup


def _api(state, data=None, **kw):
    def setup(world):
        hazard = make(world, state, **kw)
        return {"kwargs": {"pk": hazard.pk}, "data": data(world) if callable(data) else data}
    return setup


def _new_hazard(world):
    return {"data": {"org_unit": world.school_a.pk, "title": "Wet floor", "category": "building",
                     "level": "general", "location": "Hall", "description": ""}}


def _assignee(world):
    return {"assignee": world.user("principal_a").pk, "deadline": "2099-01-01"}


def _central_policy(world):
    from safecampus.hazards.models import HazardPolicy

    return HazardPolicy.objects.filter(org_unit=world.central).first() or make_policy(world, unit="central")


def _policy(data=None):
    def setup(world):
        made = {"kwargs": {"pk": make_policy(world).pk}}
        if data is not None:
            made["data"] = data
        return made
    return setup


def _new_policy(world):
    return {"data": {"org_unit": world.school_a.pk, **NUMBERS, "source": "local rule"}}


SUPERVISION = {"note": "Report progress every Friday"}
COMMITMENTS = {"measures": "m", "person": "p", "funds": "f", "deadline": "2099-01-01", "contingency": "c"}
CONTACT = {"department": "Traffic police", "summary": "Agreed to patrol", "method": "phone"}

CASES = [
    # API
    Case("hazard-list", allowed=("teacher_a", "guard_a", "officer_a", "central", "authority"), ok=(200,)),
    Case("hazard-list", method="post", id="POST hazard-list", setup=_new_hazard,
         allowed=("teacher_a", "guard_a", "officer_a", "central"), forbidden=("authority",), ok=(201,)),
    Case("hazard-detail", setup=_hazard(school="school_b"), allowed=("teacher_b", "officer_b", "central", "authority"),
         hidden=("officer_a", "teacher_a", "officer_c"), ok=(200,)),
    Case("hazard-assign", method="post", setup=_api("reported", _assignee),
         allowed=("officer_a", "principal_a", "central"), forbidden=("teacher_a", "guard_a", "authority"),
         hidden=("officer_b", "teacher_b"), ok=(200,)),
    Case("hazard-rectify", method="post", setup=_api("assigned", {"note": "done"}), allowed=("principal_a",),
         forbidden=("teacher_a", "officer_a", "authority"), hidden=("officer_b",), ok=(200,)),
    Case("hazard-verify", method="post", setup=_api("awaiting_verification", {"note": "ok"}),
         allowed=("officer_a", "central"), forbidden=("principal_a", "teacher_a", "authority"),
         hidden=("officer_b",), ok=(200,)),
    Case("hazard-reject", method="post", setup=_api("awaiting_verification", {"note": "not yet"}),
         allowed=("officer_a", "central"), forbidden=("principal_a", "teacher_a", "authority"),
         hidden=("officer_b",), ok=(200,)),
    Case("hazard-commitments", method="post", setup=_api("reported", COMMITMENTS, level="major"),
         allowed=("officer_a", "principal_a", "central"), forbidden=("teacher_a", "authority"),
         hidden=("officer_b",), ok=(200,)),
    Case("hazard-contacts", setup=_api("reported", category="surroundings"),
         allowed=("teacher_a", "officer_a", "central", "authority"), hidden=("officer_b",), ok=(200,)),
    Case("hazard-contacts", method="post", id="POST hazard-contacts",
         setup=_api("reported", CONTACT, category="surroundings"),
         allowed=("officer_a", "central"), forbidden=("teacher_a", "authority"), hidden=("officer_b",), ok=(201,)),
    Case("hazard-supervise", method="post", setup=_api("reported", SUPERVISION, level="major"),
         allowed=("central", "authority"), forbidden=("officer_a", "principal_a", "teacher_a"),
         hidden=("officer_b", "teacher_b"), ok=(200,)),
    Case("hazard-policy-list", allowed=("teacher_a", "guard_a", "officer_a", "central", "authority"), ok=(200,)),
    Case("hazard-policy-list", method="post", id="POST hazard-policy-list", setup=_new_policy,
         allowed=("central", "authority"), forbidden=("officer_a", "principal_a", "teacher_a"), ok=(201,)),
    Case("hazard-policy-detail", setup=_policy(), allowed=("teacher_a", "officer_a", "central", "authority"),
         hidden=("officer_b", "teacher_b"), ok=(200,)),
    Case("hazard-policy-change", method="post", setup=_policy({**NUMBERS, "general_days": 6}),
         allowed=("central", "authority"), forbidden=("officer_a", "principal_a", "teacher_a"),
         hidden=("officer_b",), ok=(200,)),
    # The central school's policy governs school B: officer_b reads it, and may not change it (403, not 404).
    Case("hazard-policy-detail", setup=lambda w: {"kwargs": {"pk": _central_policy(w).pk}},
         allowed=("officer_b", "teacher_b", "central"), ok=(200,), id="central policy read below"),
    Case("hazard-policy-change", method="post", setup=lambda w: {
        "kwargs": {"pk": _central_policy(w).pk}, "data": {**NUMBERS, "general_days": 6}},
        allowed=("central", "authority"), forbidden=("officer_b", "principal_b", "teacher_b"), ok=(200,),
        id="central policy changed from above only"),
    # Pages
    Case("hazards:list", allowed=("teacher_a", "guard_a", "officer_a", "central", "authority"), ok=(200,)),
    Case("hazards:report", allowed=("teacher_a", "guard_a", "officer_a", "central"), forbidden=("authority",),
         ok=(200,)),
    Case("hazards:report", method="post", id="POST hazards:report",
         setup=lambda w: {"data": {"org_unit": w.school_a.pk, "title": "Wet floor", "category": "building",
                                   "level": "general", "request_id": "m-1"}},
         allowed=("teacher_a", "officer_a"), forbidden=("authority",), ok=(302,)),
    Case("hazards:analytics", allowed=("officer_a", "principal_a", "central", "authority"),
         forbidden=("teacher_a", "guard_a"), ok=(200,)),
    Case("hazards:detail", setup=_hazard(school="school_b"), allowed=("teacher_b", "officer_b", "central", "authority"),
         hidden=("officer_a", "teacher_a"), ok=(200,)),
    Case("hazards:action", setup=_action("assign", "reported"), allowed=("officer_a", "central"),
         forbidden=("teacher_a", "authority"), hidden=("officer_b",), ok=(200,)),
    Case("hazards:action", id="GET hazards:action rectify", setup=_action("rectify", "assigned"),
         allowed=("principal_a",), forbidden=("teacher_a", "officer_a", "authority"), hidden=("officer_b",),
         ok=(200,)),
    Case("hazards:action", method="post", id="POST hazards:action assign",
         setup=_action("assign", "reported", _assignee), allowed=("officer_a", "principal_a"),
         forbidden=("teacher_a", "authority"), hidden=("officer_b",), ok=(302,)),
    Case("hazards:action", method="post", id="POST hazards:action verify",
         setup=_action("verify", "awaiting_verification", {"note": "ok"}), allowed=("officer_a", "central"),
         forbidden=("principal_a", "teacher_a"), hidden=("officer_b",), ok=(302,)),
    Case("hazards:commitments", setup=_action(None, "reported", level="major"), allowed=("officer_a", "central"),
         forbidden=("teacher_a", "authority"), hidden=("officer_b",), ok=(200,)),
    Case("hazards:commitments", method="post", id="POST hazards:commitments",
         setup=_action(None, "reported", COMMITMENTS, level="major"), allowed=("officer_a",),
         forbidden=("teacher_a",), hidden=("officer_b",), ok=(302,)),
    Case("hazards:contact", setup=_action(None, "reported", category="surroundings"), allowed=("officer_a", "central"),
         forbidden=("teacher_a", "authority"), hidden=("officer_b",), ok=(200,)),
    Case("hazards:supervise", setup=_action(None, "reported", level="major"), allowed=("central", "authority"),
         forbidden=("officer_a", "teacher_a"), hidden=("officer_b",), ok=(200,)),
    Case("hazards:supervise", method="post", id="POST hazards:supervise",
         setup=_action(None, "assigned", SUPERVISION, level="major"), allowed=("central", "authority"),
         forbidden=("officer_a", "principal_a"), hidden=("officer_b",), ok=(302,)),
    Case("hazards:policies", allowed=("central", "authority"), forbidden=("officer_a", "principal_a", "teacher_a"),
         ok=(200,)),
    Case("hazards:policy-new", allowed=("central", "authority"), forbidden=("officer_a", "teacher_a"), ok=(200,)),
    Case("hazards:policy-new", method="post", id="POST hazards:policy-new", setup=_new_policy,
         allowed=("central", "authority"), forbidden=("officer_a",), ok=(302,)),
    Case("hazards:policy-edit", setup=_policy(), allowed=("central", "authority"),
         forbidden=("officer_a", "principal_a"), hidden=("officer_b",), ok=(200,)),
    Case("hazards:policy-edit", method="post", id="POST hazards:policy-edit",
         setup=_policy({**NUMBERS, "major_days": 25}), allowed=("central", "authority"), forbidden=("officer_a",),
         hidden=("officer_b",), ok=(302,)),
    Case("hazards:contact", method="post", id="POST hazards:contact",
         setup=_action(None, "reported", CONTACT, category="surroundings"), allowed=("officer_a",),
         forbidden=("teacher_a",), hidden=("officer_b",), ok=(302,)),
]

test_matrix = matrix_test(CASES)
