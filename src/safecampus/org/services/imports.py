"""Excel imports: preview (nothing written but the import's own record), confirm (one
transaction, all or nothing, one audit event per record). Large files are confirmed by the
background worker, which reports progress the page polls."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from safecampus.core import audit, inputs
from safecampus.core.concurrency import lock
from safecampus.core.crypto import decrypt_bytes, encrypt_bytes
from safecampus.core.errors import Conflict, InvalidInput
from safecampus.core.permissions import require

from ..imports import staff as staff_plan
from ..imports import students as students_plan
from ..imports import units as units_plan
from ..imports.plan import Plan
from ..imports.reader import Sheet
from ..models import OrgUnit
from ..models_onboarding import ImportJob, ImportKind, ImportStatus

PLANNERS = {"units": units_plan.plan, "staff": staff_plan.plan, "students": students_plan.plan}
# Above this many rows the page hands the confirmed import to the background worker.
BACKGROUND_ROWS = 500
PROGRESS_EVERY = 200
BATCH = 1000


def build_plan(actor, kind: str, content: bytes) -> Plan:
    plan = PLANNERS[kind](actor, Sheet(kind, content))
    if not plan.rows:
        raise InvalidInput.field("file", _("The sheet has no records below row 1."))
    return plan


@transaction.atomic
def preview_import(*, actor, org_unit: OrgUnit, kind: str, file_name: str, content: bytes) -> ImportJob:
    """Read and check the workbook; keep it with its plan so it can be confirmed as it was seen."""
    kind = inputs.choice(kind, "kind", ImportKind)
    require(actor, "org.import", org_unit)
    file_name = inputs.text(file_name, "file", max_length=200)
    plan = build_plan(actor, kind, content)
    # The workbook holds identity numbers: kept encrypted until it is imported, then dropped.
    job = ImportJob.objects.create(
        org_unit=org_unit, kind=kind, file_name=file_name, content=encrypt_bytes(content),
        sha256=hashlib.sha256(content).hexdigest(), uploaded_by=actor, rows=len(plan.rows),
        creates=plan.count("create"), updates=plan.count("update"), errors=plan.errors, lines=plan.lines())
    audit.record("org.import_previewed", actor=actor, obj=job,
                 changes={"kind": kind, "file": file_name, "sha256": job.sha256, "rows": job.rows,
                          "creates": job.creates, "updates": job.updates, "errors": len(job.errors)})
    return job


def progress_path(job_id: int) -> Path:
    folder = Path(settings.DATA_DIR) / "imports"
    folder.mkdir(parents=True, exist_ok=True)
    return folder / f"{job_id}.json"


def read_progress(job: ImportJob) -> dict:
    """Progress of a running import: written by the worker outside its (still open) transaction."""
    try:
        return json.loads(progress_path(job.pk).read_text())
    except (OSError, ValueError):
        return {"done": 0, "total": job.rows}


def _report(job_id: int, done: int, total: int) -> None:
    path = progress_path(job_id)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps({"done": done, "total": total}))
    tmp.replace(path)


def _apply(job: ImportJob, actor) -> ImportJob:
    """Plan again inside the transaction (the data may have moved since the preview), then write."""
    plan = build_plan(actor, job.kind, decrypt_bytes(job.content))
    if plan.errors:
        raise Conflict(_("The file has problems; correct them and upload it again."),
                       fields={"errors": [f"{e['row']} {e['column']}: {e['message']}" for e in plan.errors[:20]]})
    made: dict = {}
    created = updated = 0
    total = len(plan.rows)
    batch: list = []
    for i, row in enumerate(plan.rows, start=1):
        if row.action == "create" and plan.apply_batch is not None:
            batch.append(row)
            if len(batch) >= BATCH:
                plan.apply_batch(actor, batch)
                batch = []
            created += 1
        elif row.action == "create":
            plan.apply_row(actor, row, made)
            created += 1
        elif row.action == "update":
            plan.apply_row(actor, row, made)
            updated += 1
        if i % PROGRESS_EVERY == 0:
            _report(job.pk, i, total)
    if batch:
        plan.apply_batch(actor, batch)
    handover = made.get("_handover")
    ImportJob.objects.filter(pk=job.pk).update(
        status=ImportStatus.DONE, created=created, updated=updated, progress=total, finished_at=timezone.now(),
        content=b"",
        handover=json.dumps(handover) if handover else "", message="")
    audit.record("org.import_done", actor=actor, obj=job,
                 changes={"kind": job.kind, "file": job.file_name, "sha256": job.sha256,
                          "created": created, "updated": updated})
    _report(job.pk, total, total)
    job.refresh_from_db()
    return job


def confirm_import(job: ImportJob, *, actor, background: bool = False) -> ImportJob:
    """Write what the preview showed, all or nothing. ``background``: hand it to the worker.

    The import's row stays locked from the status check to the last write, so a second confirm
    of the same import waits, then finds it done and writes nothing."""
    with transaction.atomic():
        job = lock(ImportJob, job.pk)
        require(actor, "org.import", job.org_unit)
        if job.status == ImportStatus.DONE:
            return job  # confirming twice writes nothing twice
        if job.status == ImportStatus.RUNNING:
            raise Conflict(_("This import is already running."))
        if job.errors:
            raise Conflict(_("The file has problems; correct them and upload it again."))
        if not background:
            return _apply(job, actor)
        ImportJob.objects.filter(pk=job.pk).update(status=ImportStatus.RUNNING, message="")
        _report(job.pk, 0, job.rows)
        from ..tasks import run_import

        transaction.on_commit(lambda: run_import.enqueue(job.pk, actor.pk))
    job.refresh_from_db()
    return job


def run_confirmed(job_id: int, actor_id: int) -> str:
    """The worker's half of a background confirm: one transaction; a failure leaves nothing."""
    from django.contrib.auth import get_user_model

    job = ImportJob.objects.get(pk=job_id)
    actor = get_user_model().objects.get(pk=actor_id)
    try:
        with transaction.atomic():
            _apply(job, actor)
    except Exception as exc:
        message = getattr(exc, "message", "") or _("The import failed; nothing was written.")
        ImportJob.objects.filter(pk=job_id).update(status=ImportStatus.FAILED, message=str(message)[:500],
                                                   finished_at=timezone.now())
        return "failed"
    return "done"
