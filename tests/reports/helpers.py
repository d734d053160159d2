"""Reading an archive back: the ZIP, its index and the files the index names."""

from __future__ import annotations

import hashlib
import io
import json
import zipfile

from django.utils import timezone


def current_semester(unit):
    from safecampus.org.calendar import semester_at

    return semester_at(unit, timezone.localdate())


def read_zip(data: bytes) -> tuple[zipfile.ZipFile, dict]:
    archive = zipfile.ZipFile(io.BytesIO(data))
    assert archive.testzip() is None
    return archive, json.loads(archive.read("index.json"))


def check_files(archive: zipfile.ZipFile, index: dict) -> None:
    """Every row's file is in the ZIP and its SHA-256 is the one the index gives."""
    names = set(archive.namelist())
    assert index["rows"]
    for row in index["rows"]:
        assert row["file"] in names, row
        assert hashlib.sha256(archive.read(row["file"])).hexdigest() == row["sha256"], row


def body(response) -> bytes:
    return b"".join(response.streaming_content) if getattr(response, "streaming", False) else response.content
