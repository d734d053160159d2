"""Authorization matrix of the archive and monthly report pages and endpoints."""

from safecampus.core.testing.matrix import Case, matrix_test


def _semester(world):
    from django.utils import timezone

    from safecampus.org.calendar import semester_at

    return semester_at(world.school_a, timezone.localdate())


def _archive(world, status="queued"):
    from safecampus.reports.models import Archive

    return Archive.objects.create(org_unit=world.school_a, semester=_semester(world), status=status)


def _ready(world):
    """A built archive of School A (a small ZIP on disk, as the builder leaves it)."""
    from safecampus.reports.archives import zip_path

    archive = _archive(world, "done")
    zip_path(archive.pk).write_bytes(b"PK\x05\x06" + b"\x00" * 18)
    return {"kwargs": {"pk": archive.pk}}


def _report(world):
    from django.utils import timezone

    from safecampus.reports.models import MonthlyReport

    report = MonthlyReport.objects.create(org_unit=world.school_a, month="2026-11-01", scope="school",
                                          pdf=b"%PDF-1.7", xlsx=b"PK", generated_at=timezone.now())
    return {"kwargs": {"pk": report.pk, "kind": "xlsx"}}


SCHOOL_A_READERS = ("central", "authority", "principal_a", "officer_a")

CASES = [
    Case("reports:archives", allowed=SCHOOL_A_READERS + ("officer_b",), forbidden=("teacher_a", "guard_a")),
    Case("reports:archive-start", method="post", allowed=("central", "officer_a"),
         forbidden=("teacher_a", "canteen_a"),
         setup=lambda w: {"data": {"org_unit": w.school_a.pk, "semester": _semester(w).pk}}),
    Case("reports:archive", setup=lambda w: {"kwargs": {"pk": _archive(w).pk}}, allowed=SCHOOL_A_READERS,
         forbidden=("teacher_a", "guard_a"), hidden=("officer_b", "principal_b", "officer_c")),
    Case("reports:archive-progress", setup=lambda w: {"kwargs": {"pk": _archive(w).pk}}, allowed=SCHOOL_A_READERS,
         forbidden=("teacher_a",), hidden=("officer_b",)),
    Case("reports:archive-zip", setup=_ready, allowed=SCHOOL_A_READERS, forbidden=("teacher_a", "canteen_a"),
         hidden=("officer_b", "officer_c")),
    Case("archive-list", allowed=SCHOOL_A_READERS + ("officer_b",), forbidden=("teacher_a",)),
    Case("archive-list", method="post", id="POST archive-list",
         setup=lambda w: {"data": {"org_unit": w.school_a.pk, "semester": _semester(w).pk}},
         allowed=("central", "authority", "principal_a", "officer_a"), forbidden=("teacher_a", "guard_a"),
         hidden=("officer_b", "principal_b"), ok=(202,)),
    Case("archive-detail", setup=lambda w: {"kwargs": {"pk": _archive(w).pk}}, allowed=SCHOOL_A_READERS,
         forbidden=("teacher_a",), hidden=("officer_b", "officer_c")),
    Case("archive-download", setup=_ready, allowed=SCHOOL_A_READERS, forbidden=("teacher_a",),
         hidden=("officer_b",)),
    Case("reports:monthly", allowed=SCHOOL_A_READERS + ("officer_b",), forbidden=("teacher_a", "guard_a")),
    Case("reports:monthly-generate", method="post", allowed=("central", "officer_a"), forbidden=("teacher_a",),
         setup=lambda w: {"data": {"org_unit": w.school_a.pk, "month": "2026-11"}}),
    Case("reports:monthly-file", setup=_report, allowed=SCHOOL_A_READERS, forbidden=("teacher_a", "guard_a"),
         hidden=("officer_b", "principal_b")),
    Case("monthly-report-list", allowed=("officer_a", "principal_a"),
         forbidden=("teacher_a",), setup=lambda w: {"query": f"?org_unit={w.school_a.pk}&month=2026-11&format=xlsx"}),
    Case("monthly-report-list", id="monthly-report-list-other-school", allowed=(), forbidden=("teacher_b",),
         hidden=("officer_a", "principal_a"),
         setup=lambda w: {"query": f"?org_unit={w.school_b.pk}&month=2026-11&format=xlsx"}),
]

test_matrix = matrix_test(CASES)
