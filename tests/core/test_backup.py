"""The restore drill: a backup restores into an empty data folder (or database) with the same rows,
a trail that passes `audit verify`, and the same files."""

import io
import json
import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from safecampus.core import audit
from safecampus.core.backup import MANIFEST, current_state, sha256_of
from safecampus.core.testing.personas import World


def _safecampus(args: list[str], data_dir: Path, **env) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("SAFECAMPUS_")}
    return subprocess.run([sys.executable, "-m", "safecampus.manage", *args],
                          env={**clean, "SAFECAMPUS_DEBUG": "true", "SAFECAMPUS_DATA_DIR": str(data_dir), **env},
                          capture_output=True, text=True, timeout=300)


def _photo(world):
    from io import BytesIO

    from PIL import Image

    from safecampus.core.files import store

    buf = BytesIO()
    Image.new("RGB", (8, 8), "blue").save(buf, "PNG")
    buf.seek(0)
    buf.name = "drill.png"
    return store(buf, target=world.user("officer_a").staff, actor=world.user("officer_a"))


def _media_checksums(root: Path) -> dict[str, str]:
    return {p.relative_to(root).as_posix(): sha256_of(p) for p in root.rglob("*") if p.is_file()}


def _backup(tmp_path) -> Path:
    target = tmp_path / "backup"
    out = io.StringIO()
    call_command("backup", "--to", str(target), stdout=out)
    assert out.getvalue().startswith("backup: OK ")
    return target


def _drill(world, tmp_path, **env):
    attachment = _photo(world)
    audit.record("test.before_backup", obj=world.school_a)
    expected = current_state()
    files = _media_checksums(Path(settings.MEDIA_ROOT))
    assert attachment.file.name in files
    target = _backup(tmp_path)
    manifest = json.loads((target / MANIFEST).read_text())
    assert manifest["database"]["row_counts"] == expected["row_counts"]
    assert manifest["database"]["chains"] == expected["chains"]
    assert manifest["files"] == files
    text = (target / MANIFEST).read_text()
    assert settings.FIELD_KEY not in text and settings.AUDIT_KEY not in text and settings.SECRET_KEY not in text

    fresh = tmp_path / "fresh"
    restored = _safecampus(["restore", str(target)], fresh, **env)
    assert restored.returncode == 0, restored.stderr
    assert restored.stdout.startswith("restore: OK ")
    verified = _safecampus(["audit", "verify"], fresh, **env)
    assert verified.returncode == 0, verified.stdout + verified.stderr
    events = sum(c["length"] for c in expected["chains"].values())
    assert verified.stdout.strip().splitlines()[-1] == f"audit: OK {events} events in {len(expected['chains'])} chains"
    assert _media_checksums(fresh / "media") == files
    # A second restore into the now full folder is refused and changes nothing.
    again = _safecampus(["restore", str(target)], fresh, **env)
    assert again.returncode != 0 and "not empty" in again.stderr
    return fresh, expected


@pytest.mark.django_db
def test_restore_drill_on_sqlite(world, tmp_path):
    if connection.vendor != "sqlite":
        pytest.skip("the PostgreSQL drill is below")
    fresh, expected = _drill(world, tmp_path)
    import sqlite3

    restored = sqlite3.connect(fresh / "safecampus.sqlite3")
    try:
        for table, count in expected["row_counts"].items():
            assert restored.execute(f'SELECT COUNT(*) FROM "{table}"').fetchone()[0] == count, table
    finally:
        restored.close()


def test_restore_drill_on_postgresql(pg_only, transactional_db, tmp_path):
    import psycopg

    db = connection.settings_dict
    name = f"{db['NAME']}_restore_{uuid.uuid4().hex[:8]}"
    server = f"postgres://{db.get('USER') or 'postgres'}@{db.get('HOST') or '127.0.0.1'}:{db.get('PORT') or 5432}"
    with psycopg.connect(f"{server}/postgres", autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        fresh, expected = _drill(World(), tmp_path, SAFECAMPUS_DATABASE_URL=f"{server}/{name}")
        with psycopg.connect(f"{server}/{name}") as restored:
            for table, count in expected["row_counts"].items():
                assert restored.execute(f'SELECT COUNT(*) FROM "{table}"').fetchone()[0] == count, table
    finally:
        with psycopg.connect(f"{server}/postgres", autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.mark.django_db
def test_backup_refuses_a_folder_that_is_not_empty(tmp_path):
    (tmp_path / "old.txt").write_text("x")
    with pytest.raises(CommandError, match="not empty"):
        call_command("backup", "--to", str(tmp_path), stdout=io.StringIO())


@pytest.mark.django_db
def test_restore_refuses_a_damaged_backup(world, tmp_path):
    target = _backup(tmp_path)
    manifest = json.loads((target / MANIFEST).read_text())
    victim = target / manifest["database"]["file"]
    with victim.open("r+b") as handle:
        handle.seek(200)
        handle.write(b"\xff\xfe")
    result = _safecampus(["restore", str(target)], tmp_path / "fresh")
    assert result.returncode != 0
    assert "does not match its checksum" in result.stderr
    assert not (tmp_path / "fresh" / "safecampus.sqlite3").exists() or \
        (tmp_path / "fresh" / "safecampus.sqlite3").stat().st_size == 0


def test_restore_refuses_a_folder_without_a_manifest(tmp_path):
    result = _safecampus(["restore", str(tmp_path)], tmp_path / "fresh")
    assert result.returncode != 0 and "manifest.json" in result.stderr


def test_backup_of_a_running_data_folder_uses_the_online_backup_api(tmp_path):
    """Outside a test's transaction: a migrated folder with a trail, backed up and restored elsewhere."""
    live, fresh, target = tmp_path / "live", tmp_path / "fresh", tmp_path / "backup"
    for args in (["migrate", "-v0"], ["shell", "-c", "from safecampus.core import audit; "
                                      "[audit.record('test.drill', changes={'i': i}) for i in range(3)]"]):
        assert _safecampus(args, live).returncode == 0
    media = live / "media" / "attachments"
    media.mkdir(parents=True)
    (media / "a.pdf").write_bytes(b"%PDF-1.4 drill")
    made = _safecampus(["backup", "--to", str(target)], live)
    assert made.returncode == 0, made.stderr
    chains = json.loads((target / MANIFEST).read_text())["database"]["chains"]
    events = sum(c["length"] for c in chains.values())
    assert chains["system"]["length"] >= 3
    restored = _safecampus(["restore", str(target)], fresh)
    assert restored.returncode == 0, restored.stderr
    verified = _safecampus(["audit", "verify"], fresh)
    assert verified.stdout.strip().endswith(f"audit: OK {events} events in {len(chains)} chains"), \
        verified.stdout + verified.stderr
    assert (fresh / "media" / "attachments" / "a.pdf").read_bytes() == b"%PDF-1.4 drill"
