"""Backups that restore: the database as the database itself copies it, the media files, a manifest.

``dumpdata``/``loaddata`` cannot restore this system (the append-only triggers refuse the load, as
they should), so a backup is the engine's own copy: SQLite's online backup API, or ``pg_dump`` in
custom format taken in one snapshot with the manifest's row counts. The manifest holds the row
count of every table, every audit chain's head and the SHA-256 of every file; never a key. A
restore goes only into an empty data folder or database, checks every checksum first, and
compares the restored counts and chain heads with the manifest.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import connection
from django.utils import timezone

MANIFEST = "manifest.json"
FORMAT = "safecampus.backup"
VERSION = 1
SQLITE_FILE = "database.sqlite3"
PG_FILE = "database.pgdump"
MEDIA = "media"


class BackupError(Exception):
    pass


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _files_under(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.is_dir() else []


def _media_root() -> Path:
    return Path(settings.MEDIA_ROOT)


# --- counting (the same for the live database, a copy, and a restored database) -------------------

def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _count_tables(cursor, tables: list[str]) -> dict[str, int]:
    counts = {}
    for table in sorted(tables):
        # Table names come from the database's own catalogue, quoted as identifiers.
        cursor.execute(f"SELECT COUNT(*) FROM {_quote(table)}")  # noqa: S608
        counts[table] = cursor.fetchone()[0]
    return counts


def _chains(cursor) -> dict[str, dict[str, Any]]:
    cursor.execute("SELECT key, length, head_hash FROM core_auditchain ORDER BY key")
    return {key: {"length": length, "head_hash": head} for key, length, head in cursor.fetchall()}


def _sqlite_tables(cursor) -> list[str]:
    cursor.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
    return [row[0] for row in cursor.fetchall()]


def _pg_tables(cursor) -> list[str]:
    cursor.execute("SELECT tablename FROM pg_tables WHERE schemaname = current_schema()")
    return [row[0] for row in cursor.fetchall()]


# --- backup --------------------------------------------------------------------------------------

def backup(target: Path) -> dict[str, Any]:
    target = Path(target)
    if target.exists() and any(target.iterdir()):
        raise BackupError(f"{target} is not empty: a backup goes into a new folder")
    target.mkdir(parents=True, exist_ok=True)
    if connection.vendor == "sqlite":
        database = _backup_sqlite(target)
    elif connection.vendor == "postgresql":
        database = _backup_postgresql(target)
    else:
        raise BackupError(f"no backup for {connection.vendor}")
    files = {}
    media = _media_root()
    for path in _files_under(media):
        rel = path.relative_to(media).as_posix()
        dest = target / MEDIA / rel
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(path, dest)
        files[rel] = sha256_of(dest)
    manifest = {
        "format": FORMAT, "version": VERSION,
        "made_at": timezone.now().isoformat(timespec="seconds"),
        "database": database,
        "files": files,
    }
    (target / MANIFEST).write_text(json.dumps(manifest, indent=1, sort_keys=True) + "\n")
    return manifest


def _backup_sqlite(target: Path) -> dict[str, Any]:
    connection.ensure_connection()
    dest_path = target / SQLITE_FILE
    dest = sqlite3.connect(dest_path)
    try:
        if connection.in_atomic_block:
            # Called inside a transaction (a test, a caller's atomic block), the online backup API
            # would wait forever for it to end: the same content through an SQL dump instead.
            dest.executescript("\n".join(connection.connection.iterdump()))
        else:
            # The online backup API copies a consistent snapshot while the site keeps running.
            connection.connection.backup(dest)
        cursor = dest.cursor()
        counts = _count_tables(cursor, _sqlite_tables(cursor))
        chains = _chains(cursor)
    finally:
        dest.close()
    return {"vendor": "sqlite", "file": SQLITE_FILE, "sha256": sha256_of(dest_path),
            "row_counts": counts, "chains": chains}


def _tool(name: str) -> str:
    path = shutil.which(name)
    if not path:
        raise BackupError(f"{name} is not installed (Debian: apt-get install postgresql-client)")
    return path


def _pg_env() -> tuple[list[str], dict[str, str]]:
    db = connection.settings_dict
    args = ["-h", db["HOST"]] if db.get("HOST") else []  # none: the local socket, as Django connects
    args += ["-p", str(db.get("PORT") or 5432), "-U", db.get("USER") or "postgres"]
    env = {**os.environ}
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = str(db["PASSWORD"])
    return args, env


def _backup_postgresql(target: Path) -> dict[str, Any]:
    import psycopg

    dest_path = target / PG_FILE
    args, env = _pg_env()
    db = connection.settings_dict
    # One snapshot for the dump and the counts: pg_dump joins the snapshot this transaction exports.
    with psycopg.connect(host=db.get("HOST") or None, port=db.get("PORT") or 5432,
                         user=db.get("USER") or "postgres", password=db.get("PASSWORD") or None,
                         dbname=db["NAME"], autocommit=False) as conn:
        conn.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        snapshot = conn.execute("SELECT pg_export_snapshot()").fetchone()[0]
        with conn.cursor() as cursor:
            counts = _count_tables(cursor, _pg_tables(cursor))
            chains = _chains(cursor)
        command = [_tool("pg_dump"), *args, "-Fc", "--no-owner", "--no-privileges", f"--snapshot={snapshot}",
                   "-f", str(dest_path), db["NAME"]]
        result = subprocess.run(command, env=env, capture_output=True, text=True)  # noqa: S603 (our settings)
        conn.rollback()
    if result.returncode != 0:
        raise BackupError(f"pg_dump failed: {result.stderr.strip()}")
    return {"vendor": "postgresql", "file": PG_FILE, "sha256": sha256_of(dest_path),
            "row_counts": counts, "chains": chains}


# --- restore -------------------------------------------------------------------------------------

def read_manifest(source: Path) -> dict[str, Any]:
    try:
        manifest = json.loads((Path(source) / MANIFEST).read_text())
    except (OSError, ValueError) as exc:
        raise BackupError(f"{source} holds no readable {MANIFEST}: {exc}") from exc
    if manifest.get("format") != FORMAT:
        raise BackupError(f"{source} is not a SafeCampus backup")
    return manifest


def check_files(source: Path, manifest: dict[str, Any]) -> None:
    """Every byte of the backup as it was written, before anything is restored."""
    source = Path(source)
    database = manifest["database"]
    if sha256_of(source / database["file"]) != database["sha256"]:
        raise BackupError(f"{database['file']} does not match its checksum in the manifest")
    for rel, digest in manifest["files"].items():
        path = source / MEDIA / rel
        if not path.is_file() or sha256_of(path) != digest:
            raise BackupError(f"{MEDIA}/{rel} is missing or does not match its checksum in the manifest")


def restore(source: Path) -> dict[str, Any]:
    source = Path(source)
    manifest = read_manifest(source)
    check_files(source, manifest)
    vendor = manifest["database"]["vendor"]
    if vendor != connection.vendor:
        raise BackupError(f"the backup is of {vendor}; this installation uses {connection.vendor}")
    media = _media_root()
    if _files_under(media):
        raise BackupError(f"the media folder {media} is not empty: restore goes into an empty data folder")
    if vendor == "sqlite":
        _restore_sqlite(source / manifest["database"]["file"])
    else:
        _restore_postgresql(source / manifest["database"]["file"])
    for rel in manifest["files"]:
        dest = media / rel
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source / MEDIA / rel, dest)
    return compare(manifest)


def _restore_sqlite(dump: Path) -> None:
    target = Path(connection.settings_dict["NAME"])
    connection.close()
    if target.exists() and target.stat().st_size:
        existing = sqlite3.connect(target)
        try:
            tables = _sqlite_tables(existing.cursor())
        finally:
            existing.close()
        if tables:
            raise BackupError(f"the database {target} is not empty: restore goes into an empty data folder")
    source = sqlite3.connect(dump)
    dest = sqlite3.connect(target)
    try:
        source.backup(dest)
    finally:
        source.close()
        dest.close()


def _restore_postgresql(dump: Path) -> None:
    with connection.cursor() as cursor:
        if _pg_tables(cursor):
            raise BackupError(f"the database {connection.settings_dict['NAME']} is not empty: "
                              "restore goes into an empty database")
    connection.close()
    args, env = _pg_env()
    command = [_tool("pg_restore"), *args, "--no-owner", "--no-privileges", "--exit-on-error",
               "-d", connection.settings_dict["NAME"], str(dump)]
    result = subprocess.run(command, env=env, capture_output=True, text=True)  # noqa: S603 (our settings)
    if result.returncode != 0:
        raise BackupError(f"pg_restore failed: {result.stderr.strip()}")


def current_state() -> dict[str, Any]:
    with connection.cursor() as cursor:
        tables = _sqlite_tables(cursor) if connection.vendor == "sqlite" else _pg_tables(cursor)
        return {"row_counts": _count_tables(cursor, tables), "chains": _chains(cursor)}


def compare(manifest: dict[str, Any]) -> dict[str, Any]:
    """The restored database against the manifest: every table's count and every chain's head."""
    now = current_state()
    expected = manifest["database"]
    differences = [f"{table}: {count} rows, the backup had {expected['row_counts'].get(table)}"
                   for table, count in now["row_counts"].items() if expected["row_counts"].get(table) != count]
    differences += [f"table {table} is missing" for table in expected["row_counts"] if table not in now["row_counts"]]
    if now["chains"] != expected["chains"]:
        differences.append("the audit chains' heads differ from the backup's")
    media = _media_root()
    for rel, digest in manifest["files"].items():
        path = media / rel
        if not path.is_file() or sha256_of(path) != digest:
            differences.append(f"media/{rel} differs from the backup")
    if differences:
        raise BackupError("the restored copy differs from the backup: " + "; ".join(differences))
    return {"tables": len(now["row_counts"]), "rows": sum(now["row_counts"].values()),
            "chains": len(now["chains"]), "files": len(manifest["files"])}
