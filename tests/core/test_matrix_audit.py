from safecampus.core.testing.matrix import Case, matrix_test

CASES = [
    # The witness page: those who read a whole district's trail; a school's officer has none to witness.
    Case("audit-witness", allowed=("authority", "central"), forbidden=("officer_a", "principal_a", "teacher_a")),
    Case("audit-witness-file", allowed=("authority", "central"), forbidden=("officer_a", "teacher_a")),
]

test_matrix = matrix_test(CASES)
