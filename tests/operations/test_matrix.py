"""Who may open each operations page and endpoint: 401/login, 404 out of scope, 403 without the right."""

from __future__ import annotations

from safecampus.core.testing.matrix import Case, matrix_test

from .helpers import id_number, visitor


def _visitor(school="school_a", who="guard_a", data=None):
    def setup(world):
        made = {"kwargs": {"pk": visitor(world, school=school, who=who).pk}}
        if data is not None:
            made["data"] = data
        return made
    return setup


def _new_visitor(world):
    return {"data": {"org_unit": world.school_a.pk, "name": "访客", "id_number": id_number(), "purpose": "开会"}}


def _new_watch(world):
    return {"data": {"org_unit": world.school_a.pk, "id_number": id_number(), "reason": "court order"}}


def _visitor_form(world):
    return {"data": {"org_unit": world.school_a.pk, "name": "访客", "id_number": id_number(), "purpose": "开会"}}


SCHOOL_A_STAFF = ("teacher_a", "canteen_a")

CASES = [
    # API
    Case("visitor-list", allowed=("guard_a", "officer_a", "principal_a", "central", "authority"),
         forbidden=SCHOOL_A_STAFF, ok=(200,)),
    Case("visitor-list", method="post", id="POST visitor-list", setup=_new_visitor,
         allowed=("guard_a", "officer_a", "principal_a"), forbidden=("teacher_a", "central", "authority"), ok=(201,)),
    Case("visitor-detail", setup=_visitor(), allowed=("guard_a", "officer_a", "central", "authority"),
         forbidden=SCHOOL_A_STAFF, hidden=("officer_b", "principal_c"), ok=(200,)),
    Case("visitor-leave", method="post", setup=_visitor(data={}), allowed=("guard_a", "officer_a"),
         forbidden=("teacher_a", "central", "authority"), hidden=("officer_b",), ok=(200,)),
    Case("visitor-watchlist-list", allowed=("officer_a", "principal_a", "central"),
         forbidden=("guard_a", "teacher_a", "authority"), ok=(200,)),
    Case("visitor-watchlist-list", method="post", id="POST visitor-watchlist-list", setup=_new_watch,
         allowed=("officer_a", "principal_a", "central"), forbidden=("guard_a", "teacher_a", "authority"), ok=(201,)),
    # Pages
    Case("operations:home", allowed=("guard_a", "teacher_a", "officer_a", "central", "authority"), ok=(200,)),
    Case("operations:visitors", allowed=("guard_a", "officer_a", "central", "authority"), forbidden=SCHOOL_A_STAFF,
         ok=(200,)),
    Case("operations:visitor-new", allowed=("guard_a", "officer_a"), forbidden=("teacher_a", "central"), ok=(200,)),
    Case("operations:visitor-new", method="post", id="POST operations:visitor-new", setup=_visitor_form,
         allowed=("guard_a", "officer_a"), forbidden=("teacher_a", "central"), ok=(302,)),
    Case("operations:inside", allowed=("guard_a", "officer_a", "central"), forbidden=SCHOOL_A_STAFF, ok=(200,)),
    Case("operations:visitor-detail", setup=_visitor(), allowed=("guard_a", "officer_a", "authority"),
         forbidden=SCHOOL_A_STAFF, hidden=("officer_b",), ok=(200,)),
    Case("operations:visitor-leave", method="post", setup=_visitor(data={}), allowed=("guard_a", "officer_a"),
         forbidden=("teacher_a", "central"), hidden=("officer_b",), ok=(302,)),
    Case("operations:watchlist", allowed=("officer_a", "central"), forbidden=("guard_a", "teacher_a"), ok=(200,)),
    Case("operations:watch-new", allowed=("officer_a", "central"), forbidden=("guard_a", "teacher_a"), ok=(200,)),
]

test_matrix = matrix_test(CASES)
