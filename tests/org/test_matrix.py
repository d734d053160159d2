from safecampus.core.testing.matrix import Case, matrix_test


def _unit_b(world):
    return {"kwargs": {"pk": world.school_b.pk}}


def _student_a(world):
    from safecampus.org.models import Student

    return {"kwargs": {"pk": Student.objects.filter(org_unit=world.class_a).first().pk}}


CASES = [
    Case("org:unit-list", allowed=("officer_a", "teacher_a", "central", "authority")),
    Case("org:unit-detail", setup=_unit_b, allowed=("officer_b", "central", "authority"),
         hidden=("officer_a", "teacher_a", "officer_c")),
    Case("org:staff-list", allowed=("officer_a", "principal_a", "central"), forbidden=("teacher_a", "guard_a")),
    Case("org:student-list", allowed=("officer_a", "teacher_a", "central"), forbidden=("guard_a", "canteen_a")),
    Case("org:student-detail", setup=_student_a, allowed=("officer_a", "teacher_a", "central"),
         forbidden=("guard_a",), hidden=("officer_b",)),
    Case("org:student-reveal", method="post", setup=_student_a, allowed=("officer_a", "principal_a"),
         forbidden=("teacher_a", "central"), hidden=("officer_b",)),
    Case("org-unit-list", allowed=("officer_a", "teacher_a", "guard_a", "central", "authority")),
    Case("org-unit-detail", setup=_unit_b, allowed=("officer_b", "central", "authority"),
         hidden=("officer_a", "teacher_a", "officer_c")),
    Case("staff-list", allowed=("officer_a", "central"), ok=(200,)),
    Case("staff-detail", setup=lambda w: {"kwargs": {"pk": w.user("officer_b").staff.pk}},
         allowed=("officer_b", "central"), forbidden=("teacher_b",), hidden=("officer_a",)),
    Case("student-list", allowed=("officer_a", "teacher_a", "central")),
    Case("student-detail", setup=_student_a, allowed=("officer_a", "teacher_a"), forbidden=("guard_a",),
         hidden=("officer_b",)),
    Case("student-reveal", method="post", setup=_student_a, allowed=("officer_a",),
         forbidden=("teacher_a",), hidden=("officer_b",)),
]

test_matrix = matrix_test(CASES)
