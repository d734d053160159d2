"""Files left in storage by rolled-back uploads are pruned once they are past the grace period."""

import io
import os
import time
from datetime import timedelta
from io import StringIO
from pathlib import Path

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.db import transaction
from django.utils import timezone, translation
from PIL import Image

from safecampus.core.errors import InvalidInput
from safecampus.core.files import PRUNE_CACHE_KEY, find_orphans, prune_orphans, prune_orphans_hourly, store
from safecampus.core.labels import ACTION_LABELS
from safecampus.core.models import Attachment, AuditEvent
from safecampus.core.testing.queries import exact_queries

pytestmark = pytest.mark.django_db


@pytest.fixture
def media(settings, tmp_path) -> Path:
    """Real file storage in a temporary folder (the settings fixture resets default_storage)."""
    root = tmp_path / "media"
    settings.STORAGES = {**settings.STORAGES, "default": {
        "BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": str(root)}}}
    settings.MEDIA_ROOT = root
    return root


def _png(colour: str) -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", (8, 8), colour).save(buf, "PNG")
    return buf.getvalue()


@transaction.atomic
def _attest_then_fail(*, actor, target, data: bytes) -> None:
    """A service that stores its evidence and then refuses: its transaction rolls back."""
    store(SimpleUploadedFile("proof.png", data), target=target, actor=actor, purpose="evidence")
    raise InvalidInput.field("performed_on", "in the future")


def _orphan(world, colour: str) -> str:
    before = set(_files_in(_root()))
    with pytest.raises(InvalidInput):
        _attest_then_fail(actor=world.user("officer_a"), target=world.user("officer_a").staff, data=_png(colour))
    (name,) = set(_files_in(_root())) - before
    return name


def _committed(world, colour: str) -> Attachment:
    return store(SimpleUploadedFile("kept.png", _png(colour)), target=world.user("officer_a").staff,
                 actor=world.user("officer_a"))


def _root() -> Path:
    return Path(Attachment._meta.get_field("file").storage.location)


def _files_in(root: Path) -> list[str]:
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())


def _age(root: Path, name: str, hours: float) -> None:
    then = time.time() - hours * 3600
    os.utime(root / name, (then, then))


def _pruned_events():
    return AuditEvent.objects.filter(action="core.files_pruned")


def test_a_rolled_back_upload_leaves_its_file_behind(world, media):
    name = _orphan(world, "red")
    assert name.startswith("attachments/") and (media / name).is_file()
    assert not Attachment.objects.filter(file=name).exists()
    assert not AuditEvent.objects.filter(action="attachment.added", changes__name="proof.png").exists()


def test_prune_deletes_only_old_unreferenced_attachment_files(world, media):
    old_orphan = _orphan(world, "red")
    young_orphan = _orphan(world, "blue")
    kept = _committed(world, "green").file.name
    for name in (old_orphan, kept):
        _age(media, name, 2)
    # Not the attachments area: never touched, however old and unreferenced.
    for other in ("notes.txt", "exports/report.pdf"):
        (media / other).parent.mkdir(parents=True, exist_ok=True)
        (media / other).write_bytes(b"not an attachment")
        _age(media, other, 48)

    assert prune_orphans() == 1

    assert _files_in(media) == sorted([young_orphan, kept, "notes.txt", "exports/report.pdf"])
    (event,) = _pruned_events()
    assert event.actor is None and event.changes["files"] == 1 and event.changes["bytes"] > 0
    assert event.changes["older_than_hours"] == 1


def test_nothing_to_prune_writes_no_event(world, media):
    _age(media, _orphan(world, "red"), 2)
    assert prune_orphans() == 1
    assert prune_orphans() == 0
    assert _orphan(world, "blue")  # young: kept
    assert prune_orphans() == 0
    assert _pruned_events().count() == 1


def test_prune_with_an_empty_storage(world, media):
    assert not media.exists() and prune_orphans() == 0 and not _pruned_events().exists()


def test_references_are_read_in_one_query_whatever_the_number_of_files(world, media):
    names = [_orphan(world, colour) for colour in ("red", "blue", "yellow", "white")]
    names.append(_committed(world, "green").file.name)
    for name in names:
        _age(media, name, 2)
    with exact_queries(1):
        orphans = find_orphans()
    assert sorted(orphans) == sorted(names[:4])


def test_a_moment_in_the_future_prunes_young_files_only_when_asked(world, media):
    name = _orphan(world, "red")
    assert prune_orphans(older_than=timedelta(hours=3)) == 0
    assert prune_orphans(now=timezone.now() + timedelta(hours=2)) == 1
    assert not (media / name).exists()


def test_the_sweep_hook_prunes_at_most_once_an_hour(world, media):
    first = _orphan(world, "red")
    _age(media, first, 2)
    young = _orphan(world, "yellow")
    # The sweep's moment is ignored: `tick --now` in the future must not delete uncommitted uploads.
    assert prune_orphans_hourly(timezone.now() + timedelta(days=3)) == 1
    assert not (media / first).exists() and (media / young).exists()

    second = _orphan(world, "blue")
    _age(media, second, 2)
    assert prune_orphans_hourly(timezone.now()) == 0
    assert (media / second).exists()

    cache.delete(PRUNE_CACHE_KEY)  # the hour has passed
    assert prune_orphans_hourly(timezone.now()) == 1
    assert not (media / second).exists()
    assert _pruned_events().count() == 2


def test_the_one_minute_sweep_runs_the_hook(world, media):
    from safecampus.compliance.reminders import sweep
    from safecampus.core import sweeps

    assert prune_orphans_hourly in sweeps.hooks()
    first = _orphan(world, "red")
    _age(media, first, 2)
    sweep()
    assert not (media / first).exists()
    second = _orphan(world, "blue")
    _age(media, second, 2)
    sweep()
    assert (media / second).exists()
    assert _pruned_events().count() == 1


def test_the_command_prunes_and_can_dry_run(world, media):
    name = _orphan(world, "red")
    _age(media, name, 2)
    out = StringIO()
    call_command("files", "prune", "--dry-run", stdout=out)
    assert out.getvalue().splitlines() == [name, "files: 1 orphaned files would be deleted"]
    assert (media / name).exists() and not _pruned_events().exists()

    out = StringIO()
    call_command("files", "prune", "--older-than", "3", stdout=out)
    assert out.getvalue().strip() == "files: pruned 0 orphaned files" and (media / name).exists()

    out = StringIO()
    call_command("files", "prune", stdout=out)
    assert out.getvalue().strip() == "files: pruned 1 orphaned files"
    assert not (media / name).exists() and _pruned_events().count() == 1

    with pytest.raises(CommandError):
        call_command("files", "prune", "--older-than", "0")


def test_the_event_has_a_translated_label():
    with translation.override("zh-hans"):
        assert str(ACTION_LABELS["core.files_pruned"]) == "删除孤立文件"
    assert str(ACTION_LABELS["core.files_pruned"]) == "Orphaned files deleted"
