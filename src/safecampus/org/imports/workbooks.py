"""Templates to fill in and exports in the same format (so an export can be edited and imported back)."""

from __future__ import annotations

from collections.abc import Iterator

from django.db.models import Prefetch
from django.utils.translation import gettext as _

from safecampus.core import audit
from safecampus.core.exports import xlsx_bytes
from safecampus.core.permissions import has_capability

from ..choices import UnitKind
from ..models import GuardianLink, OrgUnit, Staff, Student
from .columns import COLUMNS


def headers(kind: str, language: str) -> list[str]:
    return [c.zh if language.startswith("zh") else c.key for c in COLUMNS[kind]]


def _units_sheet(actor, kind: str) -> tuple[str, list[str], Iterator[list]]:
    """The units the person may fill in, with their ids (what the id columns refer to)."""
    wanted = {"students": [UnitKind.CLASS], "staff": None, "units": None}[kind]
    units = OrgUnit.objects.visible_to(actor, "org.manage").filter(is_active=True).select_related("parent")
    if wanted:
        units = units.filter(kind__in=wanted)
    rows = ([u.pk, u.display_name, u.get_kind_display(), u.parent.display_name if u.parent else ""] for u in units)
    return _("Units"), [_("Id"), _("Name"), _("Kind"), _("Parent")], rows


def template(actor, kind: str, language: str) -> bytes:
    notes = [[str(c.label), c.key, c.zh, _("required") if c.required else ""] for c in COLUMNS[kind]]
    return xlsx_bytes([
        (_("Import"), headers(kind, language), []),
        _units_sheet(actor, kind),
        (_("Columns"), [_("Column"), _("Key"), _("Chinese header"), ""], notes),
    ])


def _yes(value: bool) -> str:
    return "是" if value else "否"


def export(actor, kind: str, language: str, *, reveal: bool = False) -> bytes:
    """The records the person may manage, in the import format. Identity numbers are masked;
    with ``reveal`` (and the capability) they are shown and every pupil's reveal is audited."""
    if kind == "students":
        rows = _students(actor, reveal)
    elif kind == "staff":
        rows = ([s.org_unit_id, s.name, s.gender, s.phone, s.user.username if s.user else "",
                 ",".join(a.role.code for a in (s.user.role_assignments.all() if s.user else [])),
                 ",".join(p.code for p in s.posts.all())]
                for s in Staff.objects.visible_to(actor, "org.view_people").select_related("user")
                .prefetch_related("posts", "user__role_assignments__role"))
    else:
        rows = ([u.parent_id, u.kind, u.name, u.name_zh, u.school_type, _yes(u.has_canteen), _yes(u.has_dormitory),
                 _yes(u.has_transport), _yes(u.is_boarding), u.floors]
                for u in OrgUnit.objects.visible_to(actor, "org.view").filter(is_active=True)
                .exclude(kind=UnitKind.AUTHORITY))
    return xlsx_bytes([(_("Import"), headers(kind, language), rows)])


def _students(actor, reveal: bool) -> Iterator[list]:
    links = Prefetch("guardianlink_set", queryset=GuardianLink.objects.select_related("guardian").order_by("pk"))
    pupils = Student.objects.visible_to(actor, "org.view_students").select_related("org_unit").prefetch_related(links)
    for pupil in pupils.iterator(chunk_size=2000):
        shown = pupil.id_number_masked
        if reveal and pupil.id_number_hash and has_capability(actor, "org.reveal_identity", pupil.org_unit.path):
            shown = pupil.id_number.reveal()
            audit.record("org.identity_revealed", actor=actor, obj=pupil, changes={"field": "id_number",
                                                                                  "via": "export"})
        guardians = list(pupil.guardianlink_set.all())[:2]
        cells = []
        for link in guardians:
            cells += [link.guardian.name, link.relation, link.guardian.phone, _yes(link.may_pick_up)]
        cells += [""] * (8 - len(cells))
        yield [pupil.org_unit_id, pupil.name, pupil.gender, pupil.birth_date, pupil.student_no, shown, *cells]
