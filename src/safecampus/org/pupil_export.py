"""The ZIP of one pupil's data: a manifest, one JSON file per registered section, the files."""

from __future__ import annotations

import io
import json
import zipfile
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from .pupil_data import archive_name, sections


def _default(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.astimezone(timezone.UTC).isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return str(value)


def _json(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=1, default=_default) + "\n"


def build_zip(student, *, actor) -> tuple[bytes, dict[str, int]]:
    buffer = io.BytesIO()
    counts: dict[str, int] = {}
    listed = []
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        written: set[str] = set()
        for section in sections():
            rows = section.collect(student)
            counts[section.code] = len(rows)
            name = f"{section.code}.json"
            archive.writestr(name, _json(rows))
            listed.append({"code": section.code, "title": str(section.title), "file": name, "rows": len(rows),
                           "kept_on_erasure": section.erase is None, "kept_because": str(section.kept_because)})
            for att in (section.attachments(student) if section.attachments else ()):
                target = archive_name(att)
                if target in written:
                    continue
                with att.file.open("rb") as handle:
                    archive.writestr(target, handle.read())
                written.add(target)
        archive.writestr("manifest.json", _json({
            "pupil": student.pk, "name": student.name, "exported_at": timezone.now(),
            "exported_by": getattr(actor, "username", ""),
            "note": _("Everything SafeCampus holds about this pupil, as each part of the system keeps it."),
            "sections": listed, "files": sorted(written)}))
    return buffer.getvalue(), counts
