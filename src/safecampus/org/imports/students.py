"""Pupils with their guardians. A row matches a pupil of the same school by pupil number, else
any pupil in the importer's scope by the identity number's keyed hash."""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _

from safecampus.core.crypto import blind_index

from .. import services
from ..choices import UnitKind
from ..models import GuardianLink, OrgUnit, Student
from ..services.identity import id_number as check_id_number
from .columns import GENDER_WORDS
from .plan import Plan, RowChecker, RowPlan


def school_prefix(path: str) -> str:
    """'/1/2/3/' of a class '/1/2/3/4/5/': the school's path (authority/central/school)."""
    return "/".join(path.split("/")[:4]) + "/"


def _guardians(check: RowChecker, values: dict) -> list[dict[str, Any]] | None:
    out = []
    seen_any = False
    for prefix in ("guardian", "guardian2"):
        name = check.text(values, f"{prefix}_name")
        relation = check.text(values, f"{prefix}_relation", max_length=32)
        phone = check.text(values, f"{prefix}_phone", max_length=32)
        may = check.flag(values, f"{prefix}_may_pick_up", default=True)
        if name or relation or phone:
            seen_any = True
            if not name:
                check.problem(f"{prefix}_name", _("Missing."))
                continue
            if phone and not all(c.isdigit() or c in "+- " for c in phone):
                check.problem(f"{prefix}_phone", _("A phone number has digits only."))
            out.append({"name": name, "relation": relation, "phone": phone, "may_pick_up": bool(may)})
    return out if seen_any else None


def plan(actor, sheet) -> Plan:
    result = Plan("students", apply_row=apply_row, apply_batch=apply_batch)
    classes = {u.pk: u for u in OrgUnit.objects.visible_to(actor, "org.manage")
               .filter(kind=UnitKind.CLASS, is_active=True)}
    links = Prefetch("guardianlink_set", queryset=GuardianLink.objects.select_related("guardian").order_by("pk"))
    by_no: dict[tuple[str, str], Student] = {}
    by_hash: dict[str, Student] = {}
    for pupil in Student.objects.visible_to(actor, "org.manage").select_related("org_unit").prefetch_related(links):
        if pupil.student_no:
            by_no[(school_prefix(pupil.org_unit.path), pupil.student_no)] = pupil
        if pupil.id_number_hash:
            by_hash[pupil.id_number_hash] = pupil
    seen_no: dict[tuple[str, str], int] = {}
    seen_hash: dict[str, int] = {}
    today = timezone.localdate()
    for number, values in sheet.rows():
        row = RowPlan(number, as_label(values))
        check = RowChecker(row, sheet.labels)
        class_id = check.number(values, "class_id", required=True)
        klass = classes.get(class_id) if class_id is not None else None
        if class_id is not None and klass is None:
            check.problem("class_id", _("Unknown class (%(id)s).") % {"id": class_id})
        name = check.text(values, "name", required=True)
        gender = check.word(values, "gender", GENDER_WORDS)
        birth = check.day(values, "birth_date")
        if birth and (birth > today or birth.year < 1990):
            check.problem("birth_date", _("This date of birth is not possible."))
        student_no = check.text(values, "student_no", required=True, max_length=32)
        raw_id = values.get("id_number")
        # A masked number (an export read back) keeps what is recorded.
        id_number = "" if "*" in str(raw_id or "") else \
            check.check("id_number", lambda v=raw_id: check_id_number(v))
        guardians = _guardians(check, values)
        id_hash = blind_index(id_number) if id_number else ""
        if id_number and not birth:
            birth = date_in(id_number)
        if id_number and not gender:
            gender = "m" if int(id_number[16]) % 2 else "f"
        key = (school_prefix(klass.path), student_no) if klass and student_no else None
        if key and key in seen_no:
            check.problem("student_no", _("Duplicate pupil number (also in row %(row)d).") % {"row": seen_no[key]})
        if id_hash and id_hash in seen_hash:
            check.problem("id_number", _("Duplicate identity number (also in row %(row)d).")
                          % {"row": seen_hash[id_hash]})
        if key:
            seen_no[key] = number
        if id_hash:
            seen_hash[id_hash] = number
        pupil = (by_no.get(key) if key else None) or (by_hash.get(id_hash) if id_hash else None)
        if pupil is not None and id_hash and by_hash.get(id_hash) not in (None, pupil):
            check.problem("id_number", _("This identity number belongs to another pupil."))
        data = {"org_unit": klass, "name": name, "gender": gender, "birth_date": birth, "student_no": student_no,
                "id_number": id_number, "guardians": guardians}
        if pupil is None:
            row.data = {**data, "guardians": guardians or []}
        else:
            row.target = pupil
            row.data, row.changed = _changes(pupil, data, id_hash)
            row.action = "update" if row.changed else "unchanged"
        result.rows.append(row)
    return result


def date_in(id_number: str):
    from datetime import date

    return date(int(id_number[6:10]), int(id_number[10:12]), int(id_number[12:14]))


def as_label(values: dict) -> str:
    from .reader import as_text

    return " ".join(filter(None, [as_text(values.get("student_no")), as_text(values.get("name"))]))[:80]


def _changes(pupil: Student, data: dict[str, Any], id_hash: str) -> tuple[dict[str, Any], list[str]]:
    """Only what the row says and differs; blank cells keep what is recorded."""
    out: dict[str, Any] = {}
    if data["org_unit"] is not None and data["org_unit"].pk != pupil.org_unit_id:
        out["org_unit"] = data["org_unit"]
    for key in ("name", "gender", "birth_date", "student_no"):
        if data[key] not in (None, "") and data[key] != getattr(pupil, key):
            out[key] = data[key]
    if id_hash and id_hash != pupil.id_number_hash:
        out["id_number"] = data["id_number"]
    if data["guardians"] is not None:
        now = [[link.guardian.name, link.relation, link.guardian.phone, link.may_pick_up]
               for link in pupil.guardianlink_set.all()]
        wanted = [[g["name"], g["relation"], g["phone"], g["may_pick_up"]] for g in data["guardians"]]
        if now != wanted:
            out["guardians"] = data["guardians"]
    return out, sorted(out)


def apply_row(actor, row: RowPlan, made: dict) -> Student:
    if row.action == "create":
        data = dict(row.data)
        return services.create_student(actor=actor, **data)
    return services.change_student(row.target, actor=actor, **row.data)


def apply_batch(actor, rows: list[RowPlan]) -> list[Student]:
    return services.create_students(actor=actor, rows=[row.data for row in rows])
