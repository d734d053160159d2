"""Reading an uploaded workbook safely: size, format, sheet, columns, cell sizes and formulas are
checked before anything is planned. Problems of the file as a whole raise ``InvalidInput``
(400 / a message on the page); problems of a row are the planner's."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from datetime import date, datetime

from django.utils.translation import gettext as _
from openpyxl import load_workbook

from safecampus.core.errors import InvalidInput

from .columns import COLUMNS, header_key

MAX_FILE_BYTES = 20 * 1024 * 1024          # a 10,000-pupil class list is under 1 MB
MAX_UNZIPPED_BYTES = 200 * 1024 * 1024     # what the XML inside may expand to (zip bombs)
MAX_CELL_CHARS = 1000
MAX_ROWS = 50_000


def _file_error(message: str) -> InvalidInput:
    return InvalidInput.field("file", message)


def column_letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def check_container(content: bytes) -> None:
    if not content:
        raise _file_error(_("The file is empty."))
    if len(content) > MAX_FILE_BYTES:
        raise _file_error(_("The file is larger than %(mb)d MB; split it into several files.")
                          % {"mb": MAX_FILE_BYTES // (1024 * 1024)})
    if not zipfile.is_zipfile(io.BytesIO(content)):
        raise _file_error(_("This is not an Excel workbook (.xlsx). Save it as .xlsx and upload it again."))
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            names = archive.namelist()
            unzipped = sum(info.file_size for info in archive.infolist())
    except zipfile.BadZipFile:
        raise _file_error(_("This is not an Excel workbook (.xlsx). Save it as .xlsx and upload it again.")) from None
    if "xl/workbook.xml" not in names:
        raise _file_error(_("This is not an Excel workbook (.xlsx). Save it as .xlsx and upload it again."))
    if unzipped > MAX_UNZIPPED_BYTES:
        raise _file_error(_("The workbook is too large once opened; split it into several files."))


def _cell(value):
    if isinstance(value, datetime):
        return value.date() if (value.hour, value.minute, value.second) == (0, 0, 0) else value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str):
        return value.strip()
    return value


class Sheet:
    """The first sheet of a workbook: ``columns`` (key -> index) and ``rows()`` of dicts with
    their Excel row numbers. Opened in openpyxl's read-only mode (streamed, constant memory)."""

    def __init__(self, kind: str, content: bytes):
        check_container(content)
        self.kind = kind
        try:
            self.workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=False)
        except Exception:
            raise _file_error(_("The workbook cannot be read; it may be damaged. Save it again as .xlsx.")) from None
        self.sheet = self.workbook.worksheets[0] if self.workbook.worksheets else None
        if self.sheet is None:
            raise _file_error(_("The workbook has no sheet."))
        # Values only: no cell objects (a third of the reading time); a formula reads as its "=..." text.
        self._iter = self.sheet.iter_rows(values_only=True)
        header = next(self._iter, None)
        if header is None:
            raise _file_error(_("The sheet is empty: row 1 holds the column names, then one row per record."))
        self.columns: dict[str, int] = {}
        for index, value in enumerate(header):
            key = header_key(kind, value)
            if key and key not in self.columns:
                self.columns[key] = index
        missing = [str(c.label) for c in COLUMNS[kind] if c.required and c.key not in self.columns]
        if missing:
            raise _file_error(_("Columns missing in row 1: %(names)s. Start from the template.")
                              % {"names": ", ".join(missing)})
        self.labels = {c.key: str(c.label) for c in COLUMNS[kind]}

    def rows(self) -> Iterator[tuple[int, dict]]:
        count = 0
        for number, row in enumerate(self._iter, start=2):
            values = {}
            for key, index in self.columns.items():
                if index >= len(row):
                    values[key] = None
                    continue
                raw = row[index]
                if isinstance(raw, str) and raw.startswith("="):
                    raise _file_error(_("Row %(row)d, column %(col)s holds a formula; paste the values only.")
                                      % {"row": number, "col": self.labels[key]})
                value = _cell(raw)
                if isinstance(value, str) and len(value) > MAX_CELL_CHARS:
                    raise _file_error(_("Row %(row)d, column %(col)s holds more than %(n)d characters.")
                                      % {"row": number, "col": self.labels[key], "n": MAX_CELL_CHARS})
                values[key] = value
            if all(v in (None, "") for v in values.values()):
                continue
            count += 1
            if count > MAX_ROWS:
                raise _file_error(_("More than %(n)d rows; split the file.") % {"n": MAX_ROWS})
            yield number, values
        self.workbook.close()


def as_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return str(value).strip()
