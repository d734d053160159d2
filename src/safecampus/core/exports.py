"""XLSX exports in openpyxl's write-only mode: constant memory whatever the row count."""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from datetime import datetime

from django.http import HttpResponse
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font


def _cell_value(value):
    if isinstance(value, datetime):
        return timezone.localtime(value).replace(tzinfo=None) if timezone.is_aware(value) else value
    if value is None:
        return ""
    if isinstance(value, bool | int | float):
        return value
    if hasattr(value, "isoformat"):
        return value
    return str(value)


def xlsx_bytes(sheets: Iterable[tuple[str, Sequence[str], Iterable[Sequence]]]) -> bytes:
    wb = Workbook(write_only=True)
    for title, headers, rows in sheets:
        ws = wb.create_sheet(title=str(title)[:31])
        header_cells = []
        for h in headers:
            cell = WriteOnlyCell(ws, value=str(h))
            cell.font = Font(bold=True)
            header_cells.append(cell)
        ws.append(header_cells)
        for row in rows:
            ws.append([_cell_value(v) for v in row])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def xlsx_response(filename: str, headers: Sequence[str], rows: Iterable[Sequence], title: str = "Sheet1"):
    data = xlsx_bytes([(title, headers, rows)])
    response = HttpResponse(
        data, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = f'attachment; filename="{filename}.xlsx"'
    return response
