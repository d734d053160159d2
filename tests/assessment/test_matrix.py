from safecampus.core.testing.matrix import Case, matrix_test


def _school_a(world):
    return {"kwargs": {"pk": world.school_a.pk}}


def _own_scheme(world):
    from safecampus.assessment.models import Scheme

    return {"kwargs": {"pk": Scheme.objects.filter(org_unit=world.central).first().pk}}


def _item(world):
    from safecampus.assessment.models import Scheme

    item = Scheme.objects.filter(org_unit=world.central).first().items.first()
    return {"kwargs": {"pk": item.pk}}


def _start(world):
    from safecampus.assessment.selectors import pick_period

    return {"data": {"school_year": pick_period(world.authority).school_year.pk}}


def _mark_body(world):
    from safecampus.assessment.selectors import pick_period

    year = pick_period(world.central).school_year
    return {"data": {"org_unit": world.school_a.pk, "school_year": year.pk, "indicator": "marked.site_inspection",
                     "score": 70, "note": "看过"}}


def _mark_page(world):
    return {"kwargs": {"pk": world.school_a.pk},
            "data": {"indicator": "marked.site_inspection", "score": "70", "note": "看过"}}


HEADS = ("officer_a", "principal_a", "central", "authority")
CASES = [
    Case("assessment:board", allowed=HEADS, forbidden=("teacher_a", "guard_a")),
    Case("assessment:school", setup=_school_a, allowed=HEADS, forbidden=("teacher_a",), hidden=("officer_b",)),
    Case("assessment:mark", setup=_school_a, allowed=("central", "authority"), forbidden=("officer_a", "principal_a"),
         hidden=("officer_b",)),
    Case("assessment:mark", method="post", setup=_mark_page, allowed=("central",), forbidden=("principal_a",),
         hidden=("officer_b",), id="POST assessment:mark"),
    Case("assessment:self-assess", setup=_school_a, allowed=("officer_a", "principal_a"),
         forbidden=("teacher_a", "central"), hidden=("officer_b",)),
    Case("assessment:schemes", allowed=("central", "authority"), forbidden=("officer_a", "principal_a")),
    Case("assessment:scheme-start", method="post", setup=_start, allowed=("authority",),
         forbidden=("officer_a",)),
    Case("assessment:scheme", setup=_own_scheme, allowed=("central", "authority"), forbidden=("officer_a",)),
    Case("assessment:item-add", setup=_own_scheme, allowed=("central", "authority"), forbidden=("officer_a",)),
    Case("assessment:item-edit", setup=_item, allowed=("central",), forbidden=("principal_a",)),
    Case("assessment:commendations", allowed=HEADS, forbidden=("teacher_a",)),
    Case("assessment:commend", allowed=("central", "authority"), forbidden=("officer_a", "principal_a")),
    # API
    Case("assessment-list", allowed=HEADS, forbidden=("teacher_a", "guard_a")),
    Case("assessment-marks", method="post", setup=_mark_body, allowed=("central", "authority"),
         forbidden=("principal_a", "officer_a", "teacher_a"), ok=(200, 201)),
]

test_matrix = matrix_test(CASES)
