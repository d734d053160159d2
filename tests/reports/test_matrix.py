from safecampus.core.testing.matrix import Case, matrix_test

CASES = [
    Case("reports:dashboard", allowed=("central", "authority"), forbidden=("officer_a", "teacher_a", "principal_b")),
    Case("reports:school", setup=lambda w: {"kwargs": {"pk": w.school_b.pk}}, allowed=("central", "authority"),
         forbidden=("officer_b", "principal_b"), hidden=("officer_a", "teacher_a", "officer_c")),
]

test_matrix = matrix_test(CASES)
