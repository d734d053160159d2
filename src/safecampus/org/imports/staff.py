"""Staff: a row matches an account by username, else a staff member of the same name at the
same unit. New accounts get a first password, handed over once after the import."""

from __future__ import annotations

import re

from django.contrib.auth import get_user_model
from django.utils.translation import gettext as _

from .. import services
from ..models import OrgUnit, Post, Role, Staff
from .columns import GENDER_WORDS
from .plan import Plan, RowChecker, RowPlan
from .reader import as_text


def _codes(check: RowChecker, values: dict, key: str, known: dict[str, str]) -> list[str]:
    out = []
    for word in filter(None, (w.strip() for w in re.split(r"[,，、;；]", as_text(values.get(key))))):
        code = known.get(word.lower())
        if code is None:
            check.problem(key, _("Unknown value “%(value)s”.") % {"value": word})
        elif code not in out:
            out.append(code)
    return out


def plan(actor, sheet) -> Plan:
    result = Plan("staff", apply_row=apply_row)
    units = {u.pk: u for u in OrgUnit.objects.visible_to(actor, "org.manage").filter(is_active=True)}
    roles = {}
    for role in Role.objects.all():
        roles.update({role.code: role.code, role.name.lower(): role.code, role.name_zh: role.code})
    posts = {}
    for post in Post.objects.all():
        posts.update({post.code: post.code, post.name.lower(): post.code, post.name_zh: post.code})
    people = list(Staff.objects.visible_to(actor, "org.manage").select_related("user").prefetch_related("posts"))
    by_username = {s.user.username.lower(): s for s in people if s.user_id}
    by_name = {(s.org_unit_id, s.name): s for s in people}
    taken = {u.lower() for u in get_user_model().objects.values_list("username", flat=True)}
    seen: dict[str, int] = {}
    for number, values in sheet.rows():
        row = RowPlan(number, as_text(values.get("name"))[:80])
        check = RowChecker(row, sheet.labels)
        unit_id = check.number(values, "org_unit_id", required=True)
        unit = units.get(unit_id) if unit_id is not None else None
        if unit_id is not None and unit is None:
            check.problem("org_unit_id", _("Unknown unit (%(id)s).") % {"id": unit_id})
        name = check.text(values, "name", required=True)
        username = check.text(values, "username", max_length=150)
        if username and not set(username) <= services.people.USERNAME_CHARS:
            check.problem("username", _("Letters, digits and . _ - @ + only."))
        if username.lower() in seen:
            check.problem("username", _("Duplicate username (also in row %(row)d).") % {"row": seen[username.lower()]})
        if username:
            seen[username.lower()] = number
        role_codes = _codes(check, values, "roles", roles)
        post_codes = _codes(check, values, "posts", posts)
        if role_codes and not username:
            check.problem("username", _("Roles belong to an account: give a username."))
        data = {"org_unit": unit, "name": name, "phone": check.text(values, "phone", max_length=32),
                "gender": check.word(values, "gender", GENDER_WORDS), "username": username,
                "roles": role_codes, "posts": post_codes}
        person = by_username.get(username.lower()) if username else None
        person = person or (by_name.get((unit.pk, name)) if unit else None)
        if person is None:
            if username and username.lower() in taken:
                check.problem("username", _("This username is taken."))
            row.data = data
        else:
            row.target = person
            changes = {}
            for key in ("name", "phone", "gender"):
                if data[key] and data[key] != getattr(person, key):
                    changes[key] = data[key]
            if unit and unit.pk != person.org_unit_id:
                changes["org_unit"] = unit
            if post_codes and sorted(post_codes) != sorted(p.code for p in person.posts.all()):
                changes["posts"] = post_codes
            row.data, row.changed = changes, sorted(changes)
            row.action = "update" if changes else "unchanged"
        result.rows.append(row)
    return result


def apply_row(actor, row: RowPlan, made: dict):
    if row.action == "create":
        data = dict(row.data)
        staff = services.create_staff(actor=actor, org_unit=data.pop("org_unit"), username=data.pop("username") or None,
                                      **data)
        if staff.first_password:
            made.setdefault("_handover", []).append([staff.user.username, staff.first_password])
        return staff
    return services.change_staff(row.target, actor=actor, **row.data)
