"""Background work of the reports app: building semester archives (django-tasks; the worker runs them)."""

from __future__ import annotations

from django.tasks import task


@task
def run_archive(archive_id: int) -> str:
    from .models import Archive
    from .services import build_archive

    archive = Archive.objects.filter(pk=archive_id).select_related("org_unit", "semester__school_year").first()
    if archive is None:
        return "missing"
    return build_archive(archive).status
