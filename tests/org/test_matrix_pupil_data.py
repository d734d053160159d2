from datetime import timedelta

from django.utils import timezone

from safecampus.core.testing.matrix import Case, matrix_test


def _pupil_a(world):
    from safecampus.org.models import Student

    return {"kwargs": {"pk": Student.objects.filter(org_unit=world.class_a).first().pk}}


def _left_long_ago(world):
    """A pupil of School A who left five years ago: past the retention period, so erasable."""
    from safecampus.org.models import Student

    made = _pupil_a(world)
    Student.objects.filter(pk=made["kwargs"]["pk"]).update(is_active=False,
                                                           updated_at=timezone.now() - timedelta(days=5 * 366))
    return made


CASES = [
    Case("org:student-export", method="post", setup=_pupil_a, allowed=("principal_a",),
         forbidden=("officer_a", "teacher_a", "central"), hidden=("officer_b", "principal_b")),
    Case("org:student-erase", setup=_pupil_a, allowed=("principal_a",), forbidden=("officer_a", "teacher_a"),
         hidden=("principal_b",)),
    Case("org:student-erase", method="post", setup=_left_long_ago, allowed=("principal_a",),
         forbidden=("officer_a", "central"), hidden=("principal_b",)),
    Case("student-export", setup=_pupil_a, allowed=("principal_a",), forbidden=("officer_a", "teacher_a"),
         hidden=("officer_b", "principal_b")),
    Case("student-erase", method="post", setup=_left_long_ago, data={}, allowed=("principal_a",),
         forbidden=("officer_a", "teacher_a"), hidden=("principal_b",)),
]

test_matrix = matrix_test(CASES)
