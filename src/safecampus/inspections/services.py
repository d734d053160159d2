"""Every change to templates and inspections: one transaction, a lock or version check, an audit event."""

from __future__ import annotations

import random
import secrets
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from safecampus.core import audit, inputs
from safecampus.core.concurrency import bump, lock
from safecampus.core.errors import Conflict, Forbidden, InvalidInput, NotFound
from safecampus.core.files import store
from safecampus.core.notify import notify
from safecampus.core.permissions import has_capability, require
from safecampus.core.scoping import ensure_in_scope
from safecampus.hazards.services import CATEGORIES as HAZARD_CATEGORIES
from safecampus.hazards.services import report_hazard
from safecampus.org.choices import UnitKind
from safecampus.org.models import OrgUnit
from safecampus.org.roles import SCHOOL_LEADERS

from .choices import HazardLevel, InspectionStatus, Outcome, TemplateKind, Topic
from .library import CATEGORIES, LIBRARY
from .models import ChecklistItem, ChecklistTemplate, Inspection, InspectionResult, SpotCheckDraw, TemplateVersion
from .workflows import INSPECTION

# Template topics mapped to the hazard register's categories (hazards/choices.py).
HAZARD_CATEGORY = {
    Topic.GENERAL: "building", Topic.FIRE: "fire", Topic.CANTEEN: "canteen", Topic.DORMITORY: "dormitory",
    Topic.DOOR_GUARD: "security", Topic.DUTY_PATROL: "security", Topic.TRANSPORT: "transport",
    Topic.ARCHIVES: "other", Topic.SURROUNDINGS: "surroundings", Topic.OTHER: "other",
}
MAX_WEIGHT = 10
MAX_ITEMS = 100


# --- templates -------------------------------------------------------------------------------

def clean_items(items: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Checked item specs; errors name the item so a long list is easy to fix."""
    if not items:
        raise InvalidInput.field("items", _("A checklist needs at least one item."))
    if len(items) > MAX_ITEMS:
        raise InvalidInput.field("items", _("At most %(n)d items.") % {"n": MAX_ITEMS})
    cleaned = []
    for i, raw in enumerate(items):
        text = str(raw.get("text") or "").strip()
        text_zh = str(raw.get("text_zh") or "").strip()
        if not (text or text_zh):
            raise InvalidInput.field(f"items[{i}].text", _("Write the item in at least one language."))
        if len(text) > 300 or len(text_zh) > 300:
            raise InvalidInput.field(f"items[{i}].text", _("At most 300 characters."))
        weight = inputs.number(raw.get("weight") or 1, f"items[{i}].weight", minimum=1, maximum=MAX_WEIGHT)
        level = raw.get("hazard_level") or HazardLevel.GENERAL
        if level not in HazardLevel.values:
            raise InvalidInput.field(f"items[{i}].hazard_level", _("General or major."))
        category = raw.get("hazard_category") or ""
        if category and category not in HAZARD_CATEGORIES:
            raise InvalidInput.field(f"items[{i}].hazard_category", _("Unknown category."))
        cleaned.append({"text": text, "text_zh": text_zh, "weight": weight, "hazard_level": level,
                        "hazard_category": category,
                        "guidance": str(raw.get("guidance") or "").strip(),
                        "guidance_zh": str(raw.get("guidance_zh") or "").strip(),
                        "opens_hazard": bool(raw.get("opens_hazard", True))})
    return cleaned


def _write_version(template: ChecklistTemplate, number: int, name: str, name_zh: str,
                   items: list[dict[str, Any]], actor) -> TemplateVersion:
    version = TemplateVersion.objects.create(template=template, number=number, name=name, name_zh=name_zh,
                                             created_by=actor if getattr(actor, "pk", None) else None)
    ChecklistItem.objects.bulk_create(ChecklistItem(version=version, position=i + 1, **spec)
                                      for i, spec in enumerate(items))
    return version


def _names(name: str, name_zh: str) -> tuple[str, str]:
    name, name_zh = (name or "").strip(), (name_zh or "").strip()
    if not (name or name_zh):
        raise InvalidInput.field("name", _("Give the checklist a name."))
    return (name or name_zh)[:200], name_zh[:200]


@transaction.atomic
def create_template(*, actor, org_unit: OrgUnit | None, kind: str, topic: str, name: str, name_zh: str = "",
                    items: Sequence[Mapping[str, Any]], code: str = "") -> ChecklistTemplate:
    """A checklist owned by ``org_unit`` (``None``: the shipped library, system work only)."""
    owner = org_unit
    if owner is None and actor is not None:
        raise InvalidInput.field("owner", _("Choose the unit that owns this checklist."))
    if owner is not None and owner.kind not in (UnitKind.CENTRAL_SCHOOL, UnitKind.AUTHORITY):
        raise InvalidInput.field("owner", _("Checklists belong to a central school or an authority."))
    require(actor, "inspections.manage_templates", owner)
    if kind not in TemplateKind.values:
        raise InvalidInput.field("kind", _("Unknown kind."))
    if topic not in Topic.values:
        raise InvalidInput.field("topic", _("Unknown topic."))
    name, name_zh = _names(name, name_zh)
    cleaned = clean_items(items)
    template = ChecklistTemplate.objects.create(owner=owner, kind=kind, topic=topic, name=name, name_zh=name_zh,
                                                code=code or f"custom-{secrets.token_hex(6)}")
    version = _write_version(template, 1, name, name_zh, cleaned, actor)
    ChecklistTemplate.objects.filter(pk=template.pk).update(current_version=version)
    template.current_version = version
    ensure_in_scope(actor, "inspections.manage_templates", template)  # system work may own none
    audit.record("inspections.template_created", actor=actor, obj=template, org_unit=owner,
                 changes={"name": name, "kind": kind, "topic": topic, "item_count": len(cleaned), "version": 1})
    return template


@transaction.atomic
def revise_template(template: ChecklistTemplate, *, actor, name: str, name_zh: str = "",
                    items: Sequence[Mapping[str, Any]], expected_version: int | None = None) -> TemplateVersion:
    """A new version; inspections already scheduled or done keep the version they were given."""
    locked = lock(ChecklistTemplate, template.pk, expected_version)
    if locked.owner_id is None:
        # The shipped library is shared by every district: copy it instead of changing it for all.
        raise Forbidden(_("The shared library cannot be edited; create your own checklist from it."))
    require(actor, "inspections.manage_templates", locked.owner)
    name, name_zh = _names(name, name_zh)
    cleaned = clean_items(items)
    number = (locked.current_version.number if locked.current_version_id else 0) + 1
    version = _write_version(locked, number, name, name_zh, cleaned, actor)
    before = {"name": locked.name, "version": number - 1}
    locked.name, locked.name_zh, locked.current_version = name, name_zh, version
    bump(locked, "name", "name_zh", "current_version")
    ensure_in_scope(actor, "inspections.manage_templates", locked)
    audit.record("inspections.template_revised", actor=actor, obj=locked, org_unit=locked.owner,
                 changes=audit.diff(before, {"name": name, "version": number}) | {"item_count": len(cleaned)})
    return version


def sync_library() -> int:
    """Install the shipped checklists that are missing (idempotent); returns how many were added."""
    added = 0
    existing = set(ChecklistTemplate.objects.filter(owner=None).values_list("code", flat=True))
    for entry in LIBRARY:
        if entry["code"] in existing:
            continue
        categories = CATEGORIES.get(entry["code"], {})
        items = [{"text": en, "text_zh": zh, "weight": w, "hazard_level": lvl, "guidance": g_en,
                  "guidance_zh": g_zh, "hazard_category": categories.get(n, "")}
                 for n, (zh, en, w, lvl, g_zh, g_en) in enumerate(entry["items"], start=1)]
        create_template(actor=None, org_unit=None, kind=entry["kind"], topic=entry["topic"], name=entry["name"],
                        name_zh=entry["name_zh"], items=items, code=entry["code"])
        added += 1
    return added


# --- scheduling ------------------------------------------------------------------------------

def usable_template(template: ChecklistTemplate, unit: OrgUnit) -> TemplateVersion:
    """The version an inspection at ``unit`` would use; a template of another district is not usable."""
    if not template.is_active or template.current_version_id is None:
        raise InvalidInput.field("template", _("This checklist is not in use."))
    if template.owner_id is not None and not unit.path.startswith(template.owner.path):
        raise InvalidInput.field("template", _("This checklist belongs to another unit."))
    return template.current_version


def _check_assignee(assignee, unit: OrgUnit) -> None:
    if assignee is not None and not has_capability(assignee, "inspections.carry_out", unit.path):
        raise InvalidInput.field("assignee", _("This person cannot carry out inspections at %(unit)s.")
                                 % {"unit": unit})


def _tell_assignee(inspection: Inspection) -> None:
    """The inspector is told; with nobody named yet, the school's leaders are, so someone picks it up."""
    if inspection.assignee is not None:
        people, key = [inspection.assignee], f"assigned:{inspection.assignee_id}"
    else:
        people = list(get_user_model().objects.filter(
            role_assignments__org_unit=inspection.org_unit,
            role_assignments__role__code__in=SCHOOL_LEADERS).distinct())
        key = "scheduled"
    notify(people, kind="inspection.assigned",
           title=lambda: _("Inspection to carry out: %(what)s") % {"what": inspection},
           url=inspection.get_absolute_url(), dedupe_key=f"inspection:{inspection.pk}:{key}")


def _schedule_one(actor, unit: OrgUnit, template: ChecklistTemplate, version: TemplateVersion,
                  scheduled_for: date, assignee, draw: SpotCheckDraw | None) -> tuple[Inspection, bool]:
    live = Inspection.objects.filter(org_unit=unit, template=template, scheduled_for=scheduled_for).exclude(
        status=InspectionStatus.CANCELLED)
    existing = live.first()
    if existing is not None:
        return existing, False
    try:
        with transaction.atomic():  # a racing double submit hits the unique key; we return its row
            inspection = Inspection.objects.create(
                org_unit=unit, template=template, template_version=version, scheduled_for=scheduled_for,
                assignee=assignee, scheduled_by=actor if getattr(actor, "pk", None) else None, draw=draw)
    except IntegrityError:
        return live.get(), False
    ensure_in_scope(actor, "inspections.schedule", inspection)
    audit.record("inspections.scheduled", actor=actor, obj=inspection, changes={
        "template": template.pk, "template_version": version.number, "scheduled_for": scheduled_for,
        "assignee": getattr(assignee, "username", None), "draw": draw.pk if draw else None})
    _tell_assignee(inspection)
    return inspection, True


@transaction.atomic
def schedule_inspection(*, actor, org_unit: OrgUnit, template: ChecklistTemplate, scheduled_for: date,
                        assignee=None) -> tuple[Inspection, bool]:
    """One inspection at one school; the same school, checklist and day twice gives the first one."""
    if org_unit.kind != UnitKind.SCHOOL:
        raise InvalidInput.field("org_unit", _("Choose a school."))
    require(actor, "inspections.schedule", org_unit)
    scheduled_for = inputs.date(scheduled_for, "scheduled_for")
    version = usable_template(template, org_unit)
    _check_assignee(assignee, org_unit)
    return _schedule_one(actor, org_unit, template, version, scheduled_for, assignee, None)


def schools_of(central: OrgUnit) -> list[OrgUnit]:
    return list(OrgUnit.objects.filter(path__startswith=central.path, kind=UnitKind.SCHOOL, is_active=True)
                .order_by("path"))


@transaction.atomic
def schedule_for_all_schools(*, actor, org_unit: OrgUnit, template: ChecklistTemplate, scheduled_for: date,
                             assignee=None) -> list[Inspection]:
    """The monthly special inspection: the same checklist at every school below ``central`` at once."""
    if org_unit.kind != UnitKind.CENTRAL_SCHOOL:
        raise InvalidInput.field("org_unit", _("Choose a central school."))
    require(actor, "inspections.schedule", org_unit)
    scheduled_for = inputs.date(scheduled_for, "scheduled_for")
    version = usable_template(template, org_unit)
    schools = schools_of(org_unit)
    if not schools:
        raise InvalidInput.field("org_unit", _("This central school has no schools."))
    for school in schools:
        _check_assignee(assignee, school)
    return [_schedule_one(actor, s, template, version, scheduled_for, assignee, None)[0] for s in schools]


def replay_draw(candidates: Sequence[int], count: int, seed: str) -> list[int]:
    """The draw itself, a pure function of what is recorded: anyone can re-run it and check."""
    return random.Random(f"safecampus-draw:{seed}").sample(sorted(candidates), count)


@transaction.atomic
def draw_spot_check(*, actor, org_unit: OrgUnit, template: ChecklistTemplate, count: int, scheduled_for: date,
                    assignee=None, seed: str | None = None) -> SpotCheckDraw:
    if org_unit.kind != UnitKind.CENTRAL_SCHOOL:
        raise InvalidInput.field("org_unit", _("Choose a central school."))
    require(actor, "inspections.draw", org_unit)
    scheduled_for = inputs.date(scheduled_for, "scheduled_for")
    version = usable_template(template, org_unit)
    candidates = [s.pk for s in schools_of(org_unit)]
    count = inputs.number(count, "count", minimum=1, maximum=len(candidates))
    same_day = SpotCheckDraw.objects.filter(org_unit=org_unit, template=template, scheduled_for=scheduled_for)
    if (existing := same_day.first()) is not None:
        return existing  # a double submit, or a second try hoping for other schools: the first draw stands
    # The seed comes from the server, so the person drawing cannot pick a favourable one.
    seed = seed or secrets.token_hex(8)
    chosen = replay_draw(candidates, count, seed)
    try:
        with transaction.atomic():
            draw = SpotCheckDraw.objects.create(
                org_unit=org_unit, template=template, count=count, seed=seed, candidates=sorted(candidates),
                chosen=chosen, scheduled_for=scheduled_for, drawn_at=timezone.now(),
                drawn_by=actor if getattr(actor, "pk", None) else None)
    except IntegrityError:
        return same_day.get()
    ensure_in_scope(actor, "inspections.draw", draw)
    audit.record("inspections.drawn", actor=actor, obj=draw, changes={
        "template": template.pk, "count": count, "seed": seed, "candidates": sorted(candidates),
        "chosen": chosen, "scheduled_for": scheduled_for})
    units = {u.pk: u for u in OrgUnit.objects.filter(pk__in=chosen)}
    for pk in chosen:
        _check_assignee(assignee, units[pk])
        _schedule_one(actor, units[pk], template, version, scheduled_for, assignee, draw)
    return draw


@transaction.atomic
def assign_inspection(inspection: Inspection, *, actor, assignee, expected_version: int | None = None) -> Inspection:
    locked = lock(Inspection, inspection.pk, expected_version)
    require(actor, "inspections.schedule", locked.org_unit)
    if locked.status != InspectionStatus.SCHEDULED:
        raise Conflict(_("Only a scheduled inspection can be reassigned."))
    _check_assignee(assignee, locked.org_unit)
    before = getattr(locked.assignee, "username", None)
    locked.assignee = assignee
    bump(locked, "assignee")
    ensure_in_scope(actor, "inspections.schedule", locked)
    audit.record("inspections.assigned", actor=actor, obj=locked,
                 changes={"assignee": [before, getattr(assignee, "username", None)]})
    _tell_assignee(locked)
    return locked


@transaction.atomic
def cancel_inspection(inspection: Inspection, *, actor, reason: str = "",
                      expected_version: int | None = None) -> Inspection:
    locked = lock(Inspection, inspection.pk, expected_version)
    step = INSPECTION.check(locked, "cancel", actor)
    locked.status = InspectionStatus.CANCELLED
    bump(locked, "status")
    ensure_in_scope(actor, step.capability, locked)
    audit.record("inspections.cancelled", actor=actor, obj=locked,
                 changes={"status": [InspectionStatus.SCHEDULED, InspectionStatus.CANCELLED]}, reason=reason)
    return locked


# --- carrying out ----------------------------------------------------------------------------

def compute_score(weighted: Iterable[tuple[int, str]]) -> Decimal | None:
    """Weighted share of passes out of pass + fail, 0-100; n.a. items count for nothing."""
    passed = total = 0
    for weight, outcome in weighted:
        if outcome == Outcome.NA:
            continue
        total += weight
        passed += weight if outcome == Outcome.PASS else 0
    if total == 0:
        return None
    return (Decimal(100 * passed) / Decimal(total)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def _parse_results(results: Sequence[Mapping[str, Any]], items: dict[int, ChecklistItem],
                   require_all: bool = True) -> list[dict]:
    if not isinstance(results, list | tuple) or not results:
        raise InvalidInput.field("results", _("Give an outcome for every item."))
    seen: dict[int, dict] = {}
    for i, raw in enumerate(results):
        if not isinstance(raw, Mapping):
            raise InvalidInput.field(f"results[{i}]", _("An object with item, outcome and note."))
        try:
            item_id = int(raw.get("item"))
        except (TypeError, ValueError):
            raise InvalidInput.field(f"results[{i}].item", _("An item id of this inspection.")) from None
        if item_id not in items:
            raise InvalidInput.field(f"results[{i}].item", _("This item is not part of this inspection."))
        if item_id in seen:
            raise InvalidInput.field(f"results[{i}].item", _("This item is answered twice."))
        outcome = raw.get("outcome")
        if outcome not in Outcome.values:
            raise InvalidInput.field(f"results[{i}].outcome", _("Pass, fail or n.a."))
        note = str(raw.get("note") or "").strip()
        if len(note) > 2000:
            raise InvalidInput.field(f"results[{i}].note", _("At most 2000 characters."))
        seen[item_id] = {"item": items[item_id], "outcome": outcome, "note": note}
    missing = [items[pk] for pk in items if pk not in seen]
    if missing and require_all:
        raise InvalidInput.field("results", _("Every item needs an outcome; missing: %(items)s")
                                 % {"items": "; ".join(m.display_text for m in missing[:5])})
    for item in missing:
        # An API client may report only what it checked; the rest is recorded as not assessed,
        # so the score never counts an item nobody looked at.
        seen[item.pk] = {"item": item, "outcome": Outcome.NA, "note": str(_("Not answered"))}
    return [seen[pk] for pk in items]


@transaction.atomic
def complete_inspection(inspection: Inspection, *, actor, results: Sequence[Mapping[str, Any]],
                        photos: Mapping[int, Sequence] | None = None, summary: str = "",
                        expected_version: int | None = None, require_all: bool = True) -> Inspection:
    """Record every item's outcome, score it, and open a hazard for each failure that calls for one.

    The phone form answers every item (``require_all``); the API may send only some, and the
    items it leaves out are recorded as not assessed."""
    try:
        locked = lock(Inspection, inspection.pk, expected_version)
    except Inspection.DoesNotExist:
        raise NotFound() from None
    step = INSPECTION.check(locked, "complete", actor)   # completed twice: Conflict (409)
    items = {i.pk: i for i in locked.template_version.items.all()}
    parsed = _parse_results(results, items, require_all)
    photos = photos or {}
    for item_id in photos:
        if item_id not in items:
            raise InvalidInput.field("photos", _("A photo was sent for an item not in this inspection."))
    default_category = HAZARD_CATEGORY.get(locked.template.topic, "other")
    checklist_name = locked.template_version.display_name
    rows, hazard_ids = [], []
    for entry in parsed:
        item, outcome, note = entry["item"], entry["outcome"], entry["note"]
        uploads = list(photos.get(item.pk, ()))
        for upload in uploads:
            store(upload, target=locked, actor=actor, purpose=f"item:{item.pk}", field=f"photo_{item.pk}")
        hazard = None
        if outcome == Outcome.FAIL and item.opens_hazard:
            for upload in uploads:
                upload.seek(0)  # the same photo goes to the hazard as its evidence of the finding
            # What the inspector saw names the hazard best; the checklist item says which rule it breaks.
            title = (note.splitlines()[0] if note else _("Failed: %(item)s") % {"item": item.display_text})
            hazard = report_hazard(
                actor=actor, org_unit=locked.org_unit, title=title[:200],
                category=item.hazard_category or default_category, level=item.hazard_level,
                description=f"{checklist_name} · {item.display_text}\n{note}".strip(), source="inspection",
                source_ref=f"inspection:{locked.pk}:item:{item.pk}", photos=uploads)
            hazard_ids.append(hazard.pk)
        rows.append(InspectionResult(inspection=locked, item=item, outcome=outcome, note=note, hazard=hazard))
    InspectionResult.objects.bulk_create(rows)
    locked.score = compute_score((r.item.weight, r.outcome) for r in rows)
    locked.status = InspectionStatus.COMPLETED
    locked.completed_at = timezone.now()
    locked.completed_by = actor
    locked.summary = (summary or "").strip()
    bump(locked, "score", "status", "completed_at", "completed_by", "summary")
    counts = {o: sum(1 for r in rows if r.outcome == o) for o in Outcome.values}
    ensure_in_scope(actor, step.capability, locked)
    audit.record("inspections.completed", actor=actor, obj=locked, changes={
        "status": [InspectionStatus.SCHEDULED, InspectionStatus.COMPLETED], "score": locked.score,
        "outcomes": counts, "hazards": hazard_ids})
    return locked
