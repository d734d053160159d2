"""Background work of the org app: large Excel imports (django-tasks; the worker runs them)."""

from __future__ import annotations

from django.tasks import task


@task
def run_import(job_id: int, actor_id: int) -> str:
    from .services.imports import run_confirmed

    return run_confirmed(job_id, actor_id)
