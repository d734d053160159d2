"""Every kind of audit event reads in Chinese: no raw field name, code, id, ``{`` or English word."""

from __future__ import annotations

import re
from pathlib import Path

import polib
import pytest
from django.db import models
from django.utils import translation

from safecampus.compliance.reminders import sweep
from safecampus.core.history import _field, _model, change_items
from safecampus.core.models import AuditEvent

SRC = Path(__file__).resolve().parents[2] / "src" / "safecampus"
# Keys whose value is a count or a number, not the id of a record.
NUMBERS = {"reminders", "notifications", "attendees", "created", "existing", "rules", "count", "item_count",
           "version", "template_version", "year", "supervisions", "injured", "deaths", "incidents", "score",
           "general_days", "major_days", "general_remind_days", "major_remind_days", "period_days", "sort",
           "due_offset_days", "remind_days", "grace_days", "due_after_start_days", "letters", "sent",
           "student_no", "quantity", "hours", "problems", "visitors"}
# Words that may stay as they are in Chinese text (N: "the Nth day" in a label).
ALLOWED_WORDS = {"IP", "PDF", "XLSX", "N"}
# Keys whose value is a person's own text or a login name: English there is what was typed.
CODE = re.compile(r"[a-z][a-z0-9]*([_.:\-][a-z0-9]+)+|[a-z]+")


def _english_msgids() -> set[str]:
    words = set()
    for po in SRC.rglob("zh_Hans/LC_MESSAGES/django.po"):
        for entry in polib.pofile(str(po)):
            if entry.msgstr and re.fullmatch(r"[A-Za-z][A-Za-z ()'-]{2,}", entry.msgid):
                words.add(entry.msgid.strip())
    return words


@pytest.fixture
def every_kind(world):
    sweep()
    kinds = {}
    for event in AuditEvent.objects.select_related("actor").order_by("-seq"):
        kinds.setdefault(event.action, [])
        if len(kinds[event.action]) < 5:
            kinds[event.action].append(event)
    return kinds


def test_every_audit_event_kind_reads_in_chinese(world, every_kind):
    catalogue = _english_msgids()
    problems = []
    with translation.override("zh-hans"):
        for action, events in sorted(every_kind.items()):
            for event in events:
                model = _model(event.object_type)
                for key, label, text in change_items(event):
                    field = _field(model, key)
                    where = f"{action} {key!r}: {label}: {text}"
                    if set(re.findall(r"[A-Za-z]+", label)) - ALLOWED_WORDS:
                        problems.append(f"untranslated label — {where}")
                    if "{" in text or "Asia/Shanghai" in text:
                        problems.append(f"raw structure — {where}")
                    numeric = isinstance(field, models.Field) and not field.is_relation and \
                        isinstance(field, (models.IntegerField, models.DecimalField, models.FloatField))
                    if re.fullmatch(r"[\d、 ]+", text) and not numeric and key not in NUMBERS:
                        problems.append(f"bare id — {where}")
                    for piece in re.split(r" → |、|；|; ", text):
                        piece = piece.strip()
                        if piece in catalogue:
                            problems.append(f"English word of the catalogue '{piece}' — {where}")
                        elif CODE.fullmatch(piece) and key not in ("username", "name"):
                            problems.append(f"raw code '{piece}' — {where}")
    assert not problems, "\n".join(sorted(set(problems)))


def test_the_orphan_file_sweep_reads_in_chinese(world):
    """It writes only when an upload was left behind for an hour, so the walk above rarely meets it."""
    from safecampus.core import audit
    from safecampus.core.history import change_rows

    event = audit.record("core.files_pruned", actor=None, changes={"files": 30, "bytes": 20353,
                                                                   "older_than_hours": 1.0})
    with translation.override("zh-hans"):
        rows = {str(k): str(v) for k, v in change_rows(event)}
    assert rows == {"删除的文件": "30 个文件", "大小": "19.9\xa0KB", "遗留超过": "1 小时"}
