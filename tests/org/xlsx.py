"""Real workbooks for the import tests (written with openpyxl, read back by the importer)."""

from __future__ import annotations

import io

from openpyxl import Workbook

WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)


def id_number(seq: int, born: str = "20190305") -> str:
    body = f"431121{born}{seq % 1000:03d}"
    return body + "10X98765432"[sum(int(d) * w for d, w in zip(body, WEIGHTS, strict=True)) % 11]


def workbook(header: list[str], rows: list[list]) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.append(header)
    for row in rows:
        ws.append(row)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


STUDENT_KEYS = ["class_id", "name", "gender", "birth_date", "student_no", "id_number", "guardian_name",
                "guardian_relation", "guardian_phone"]


def pupils(class_id: int, n: int, *, start: int = 1, prefix: str = "T") -> list[list]:
    return [[class_id, f"学生{i}", "女" if i % 2 else "男", "2019-03-05", f"{prefix}{i:05d}", id_number(i),
             f"家长{i}", "母亲", f"1390000{i:04d}"] for i in range(start, start + n)]
