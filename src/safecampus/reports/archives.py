"""Building a semester archive: a ZIP written to disk entry by entry, so memory stays flat.

Layout of the ZIP::

    index.json                       every record and file: category, type, id, title, date, file, sha256
    index.xlsx                       the same rows as a spreadsheet
    records/<chapter>/<kind>.pdf     one PDF per record kind (``-2``, ``-3``... past PDF_ROWS records)
    files/<kind>/<record id>/<name>  the files stored on each record

Every app's records are read through the archive registry (``core.archive``); an app that is not
installed, or whose table cannot be read, is left out and named in ``index.json``'s ``skipped``.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
import time
import zipfile
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import DatabaseError
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from safecampus.core import archive as registry
from safecampus.core.nav import SECTIONS

log = logging.getLogger(__name__)
PDF_ROWS = 250          # records per PDF part: WeasyPrint's memory grows with a document's length
CHUNK = 1 << 20         # copy files a megabyte at a time
PROGRESS_SECONDS = 1.0  # write progress at most this often
TZ = "Asia/Shanghai"


def folder() -> Path:
    path = Path(settings.DATA_DIR) / "archives"
    path.mkdir(parents=True, exist_ok=True)
    return path


def zip_path(archive_id: int) -> Path:
    return folder() / f"{archive_id}.zip"


def _safe(name: str) -> str:
    cleaned = re.sub(r"[\\/:*?\"<>|\x00-\x1f]+", "_", name).strip(" .") or "file"
    return cleaned[-120:]


def _when(value) -> str:
    if isinstance(value, datetime):
        return timezone.localtime(value, ZoneInfo(TZ)).isoformat() if timezone.is_aware(value) \
            else value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return ""


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, date | datetime):
        return _when(value)[:16].replace("T", " ")
    return str(value)


class Progress:
    """Writes the share done to the archive's row, outside any transaction, at most once a second."""

    def __init__(self, archive_id: int, total: int):
        self.archive_id, self.total, self.done, self.last = archive_id, max(total, 1), 0, 0.0

    def step(self, n: int = 1) -> None:
        from .models import Archive

        self.done += n
        now = time.monotonic()
        if now - self.last >= PROGRESS_SECONDS:
            self.last = now
            percent = min(99, int(100 * self.done / self.total))
            Archive.objects.filter(pk=self.archive_id).update(progress=percent)


class Builder:
    def __init__(self, archive, out: zipfile.ZipFile):
        self.archive, self.out = archive, out
        self.unit, self.semester = archive.org_unit, archive.semester
        self.rows: list[dict] = []
        self.skipped: list[str] = []
        self.missing: list[str] = []
        self.files = 0
        self.chapters = {key: str(title) for key, title in SECTIONS}
        self.font = ""

    def plan(self) -> list[tuple[registry.ArchiveKind, object, int]]:
        found = []
        for kind in registry.kinds():
            try:
                qs = kind.records(self.unit, self.semester.start, self.semester.end)
                found.append((kind, qs, qs.count()))
            except (LookupError, DatabaseError):  # an app not migrated must not sink the archive
                log.warning("archive kind %s not readable", kind.code)
                self.skipped.append(kind.code)
        return found

    def run(self, progress_for) -> None:
        from .fonts import archive_font

        self.font = archive_font()
        planned = self.plan()
        progress = progress_for(sum(n for _k, _q, n in planned))
        for kind, qs, count in planned:
            if not count:
                continue
            batch: list = []
            part = 1
            for obj in qs.iterator(chunk_size=500):
                batch.append(obj)
                if len(batch) >= PDF_ROWS:
                    self.flush(kind, batch, part, count > PDF_ROWS)
                    progress.step(len(batch))
                    batch, part = [], part + 1
            if batch:
                self.flush(kind, batch, part, count > PDF_ROWS)
                progress.step(len(batch))
        self.write_index()

    def flush(self, kind: registry.ArchiveKind, batch: list, part: int, parted: bool) -> None:
        chapter = self.chapters.get(kind.category, kind.category)
        label = str(kind.label)
        name = f"records/{kind.category}/{kind.code}{f'-{part}' if parted else ''}.pdf"
        lines = []
        for obj in batch:
            when = _when(kind.date(obj))
            lines.append({"id": obj.pk, "title": str(kind.title(obj)), "date": when,
                          "shown": when[:16].replace("T", " "), "cells": [_cell(fn(obj)) for _h, fn in kind.columns]})
        pdf = self.render(kind, label, chapter, lines, part if parted else None)
        digest = hashlib.sha256(pdf).hexdigest()
        self.out.writestr(zipfile.ZipInfo(name, date_time=self.stamp()), pdf, compress_type=zipfile.ZIP_STORED)
        self.files += 1
        for line in lines:
            self.rows.append({"category": chapter, "type": label, "kind": kind.code, "id": line["id"],
                              "title": line["title"], "date": line["date"], "file": name, "sha256": digest})
        attachments = registry.files_of(kind, batch)
        for obj, line in zip(batch, lines, strict=True):
            for att in attachments.get(obj.pk, ()):
                self.attach(kind, chapter, label, obj, line, att)

    def attach(self, kind, chapter: str, label: str, obj, line: dict, att) -> None:
        name = f"files/{kind.code}/{obj.pk}/{att.pk}-{_safe(att.original_name)}"
        digest = hashlib.sha256()
        info = zipfile.ZipInfo(name, date_time=self.stamp())
        info.compress_type = zipfile.ZIP_STORED  # photos and scans are compressed already
        try:
            with att.file.open("rb") as source, self.out.open(info, "w", force_zip64=True) as target:
                while chunk := source.read(CHUNK):
                    digest.update(chunk)
                    target.write(chunk)
        except OSError:
            log.warning("attachment %s missing from storage", att.pk)
            self.missing.append(name)
            return
        self.files += 1
        self.rows.append({"category": chapter, "type": label, "kind": kind.code, "id": obj.pk,
                          "title": att.original_name, "date": line["date"], "file": name,
                          "sha256": digest.hexdigest()})

    def render(self, kind, label: str, chapter: str, lines: list[dict], part: int | None) -> bytes:
        from safecampus.core.pdf import render_pdf

        return render_pdf("reports/archive_kind_pdf.html", {
            "school": self.unit, "semester": self.semester, "label": label, "chapter": chapter, "part": part,
            "headings": [str(h) for h, _fn in kind.columns], "lines": lines, "generated": timezone.now(),
            "font": self.font})

    def stamp(self) -> tuple:
        return timezone.localtime(timezone.now(), ZoneInfo(TZ)).timetuple()[:6]

    def write_index(self) -> None:
        from safecampus.core.exports import xlsx_bytes

        header = {"school": self.unit.pk, "school_name": str(self.unit), "semester": self.semester.pk,
                  "semester_name": str(self.semester), "start": self.semester.start.isoformat(),
                  "end": self.semester.end.isoformat(), "generated_at": timezone.now().isoformat(),
                  "skipped": self.skipped, "missing": self.missing, "rows": self.rows}
        with self.out.open("index.json", "w") as target:
            target.write(json.dumps(header, ensure_ascii=False, indent=1).encode())
        columns = ["category", "type", "id", "title", "date", "file", "sha256"]
        headings = [_("Category"), pgettext("archive", "Type"), "ID", _("Title"), _("Date"), _("File"), "SHA-256"]
        sheet = xlsx_bytes([(_("Index"), headings, ([row[c] for c in columns] for row in self.rows))])
        self.out.writestr("index.xlsx", sheet)


def build(archive, progress_for=None) -> dict:
    """Write the archive's ZIP to disk (a ``.part`` file renamed when complete); returns its summary."""
    from .models import Archive

    target = zip_path(archive.pk)
    partial = target.with_suffix(".part")
    with (translation.override(archive.language or settings.LANGUAGE_CODE),
          zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED, allowZip64=True) as out):
        builder = Builder(archive, out)
        builder.run(progress_for or (lambda total: Progress(archive.pk, total)))
    partial.replace(target)
    digest = hashlib.sha256()
    with target.open("rb") as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
    records = sum(1 for row in builder.rows if row["file"].startswith("records/"))
    Archive.objects.filter(pk=archive.pk).update(progress=100)
    return {"records": records, "files": builder.files, "size": target.stat().st_size,
            "sha256": digest.hexdigest(), "skipped": builder.skipped, "missing": builder.missing}
