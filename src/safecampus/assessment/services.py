"""Every write of assessment: schemes per school year, inspectors' marks, self-assessments, commendations."""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from safecampus.core import audit, inputs, replay
from safecampus.core.concurrency import lock
from safecampus.core.errors import Conflict, InvalidInput
from safecampus.core.permissions import require
from safecampus.core.scoping import ensure_in_scope

from .choices import CHAPTERS, CommendationKind, Effect, MarkKind, Method
from .models import Commendation, Mark, Scheme, SchemeItem
from .selectors import COMMEND, MARK, SCHEME, SELF, rewards, scheme_in_force

SCHEME_KEEPERS = ("central_school", "authority")


def _school_year(unit, school_year):
    """``school_year`` must be a year of the calendar in force for ``unit``."""
    from .selectors import years_for

    if school_year is None or all(y.pk != getattr(school_year, "pk", None) for y in years_for(unit)):
        raise InvalidInput.field("school_year", _("Choose a school year of this unit's calendar."))
    return school_year


@transaction.atomic
def start_scheme(*, actor, org_unit, school_year) -> Scheme:
    """The unit's own scheme for ``school_year``: a copy of the one in force there (the default at first)."""
    require(actor, SCHEME, org_unit)
    if org_unit.kind not in SCHEME_KEEPERS:
        raise InvalidInput.field("org_unit", _("A central school or the authority keeps the scheme."))
    _school_year(org_unit, school_year)
    if Scheme.objects.filter(org_unit=org_unit, school_year=school_year).exists():
        raise Conflict(_("This unit already has a scheme for that school year."))
    source = scheme_in_force(org_unit, school_year)
    title = _("Assessment scheme %(year)s: %(unit)s") % {"year": school_year.name, "unit": org_unit}
    scheme = Scheme.objects.create(org_unit=org_unit, school_year=school_year, title=title[:200])
    items = source.items.all() if source else []
    SchemeItem.objects.bulk_create([
        SchemeItem(scheme=scheme, code=i.code, method=i.method, chapter=i.chapter, title=i.title,
                   title_zh=i.title_zh, weight=i.weight, effect=i.effect, cap=i.cap, active=i.active, sort=i.sort)
        for i in items])
    ensure_in_scope(actor, SCHEME, scheme)
    audit.record("assessment.scheme_started", actor=actor, obj=scheme,
                 changes={"school_year": school_year.pk, "copied_from": source.pk if source else None})
    return scheme


def _editable(scheme: Scheme, actor) -> None:
    if scheme.org_unit_id is None:
        raise Conflict(_("The default scheme is not edited: start your own for the school year."))
    require(actor, SCHEME, scheme.org_unit)


def _item_fields(method: str, *, title, title_zh, weight, effect, cap, chapter) -> dict:
    data = {"title": inputs.text(title, "title", max_length=200),
            "title_zh": inputs.text(title_zh, "title_zh", required=False, max_length=200),
            "chapter": inputs.choice(chapter, "chapter", CHAPTERS)}
    if method == Method.VETO:
        data["effect"] = inputs.choice(effect, "effect", Effect.choices)
        data["cap"] = inputs.number(cap, "cap", minimum=0, maximum=100) if data["effect"] == Effect.CAP else 0
        data["weight"] = 0
    else:
        data["weight"] = inputs.number(weight, "weight", minimum=0, maximum=100)
    return data


@transaction.atomic
def change_item(item: SchemeItem, *, actor, expected_version: int | None = None, title, title_zh="",
                weight=0, effect="", cap=0, chapter=None, active=True) -> SchemeItem:
    _editable(item.scheme, actor)
    item = lock(SchemeItem, item.pk, expected_version)
    data = _item_fields(item.method, title=title, title_zh=title_zh, weight=weight, effect=effect, cap=cap,
                        chapter=chapter or item.chapter)
    data["active"] = inputs.flag(active, "active")
    changes = {k: [getattr(item, k), v] for k, v in data.items() if getattr(item, k) != v}
    for key, value in data.items():
        setattr(item, key, value)
    item.version += 1
    item.save()
    audit.record("assessment.item_changed", actor=actor, obj=item, org_unit=item.scheme.org_unit, changes=changes)
    return item


@transaction.atomic
def add_item(scheme: Scheme, *, actor, title, title_zh="", weight=0, chapter="other") -> SchemeItem:
    """A new indicator marked by inspectors (computed ones come from the apps' registry)."""
    _editable(scheme, actor)
    scheme = lock(Scheme, scheme.pk)
    data = _item_fields(Method.MARKED, title=title, title_zh=title_zh, weight=weight, effect="", cap=0,
                        chapter=chapter)
    slug = re.sub(r"[^a-z0-9]+", "_", data["title"].lower()).strip("_")[:40] or "item"
    code, n = f"marked.{slug}", 1
    while scheme.items.filter(code=code).exists():
        n += 1
        code = f"marked.{slug}_{n}"
    last = scheme.items.order_by("-sort").values_list("sort", flat=True).first() or 0
    item = SchemeItem.objects.create(scheme=scheme, code=code, method=Method.MARKED, sort=last + 10, **data)
    audit.record("assessment.item_added", actor=actor, obj=item, org_unit=scheme.org_unit,
                 changes={"code": code, **data})
    return item


def _score(value) -> Decimal:
    found = inputs.number(value, "score", minimum=0, maximum=100, integer=False)
    return found.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


@transaction.atomic
def set_mark(*, actor, org_unit, school_year, indicator, score, note="", semester=None,
             kind: str = MarkKind.INSPECTOR) -> tuple[Mark, bool]:
    """Sets one indicator's score for a school: the inspectors' (replaces what the records gave, which stays
    beside it) or the school's own. Marking again replaces the mark. Returns (mark, created)."""
    kind = inputs.choice(kind, "kind", MarkKind.choices)
    require(actor, MARK if kind == MarkKind.INSPECTOR else SELF, org_unit)
    if org_unit.kind != "school":
        raise InvalidInput.field("org_unit", _("Choose a school."))
    _school_year(org_unit, school_year)
    if semester is not None and semester.school_year_id != school_year.pk:
        raise InvalidInput.field("semester", _("Choose a semester of this school year."))
    scheme = scheme_in_force(org_unit, school_year)
    codes = {i.code for i in (scheme.items.all() if scheme else []) if i.active and i.method != Method.VETO}
    indicator = inputs.text(indicator, "indicator", max_length=64)
    if indicator not in codes:
        raise InvalidInput.field("indicator", _("Choose an indicator of the school's scheme."))
    value = _score(score)
    note = inputs.text(note, "note", required=kind == MarkKind.INSPECTOR, max_length=2000)
    mark = (Mark.objects.select_for_update()
            .filter(kind=kind, org_unit=org_unit, school_year=school_year, semester=semester, indicator=indicator)
            .first())
    created = mark is None
    before = None if created else (str(mark.score), mark.note)
    if created:
        mark = Mark(kind=kind, org_unit=org_unit, school_year=school_year, semester=semester, indicator=indicator)
    else:
        mark.version += 1
    mark.score, mark.note, mark.marked_by, mark.marked_at = value, note, actor, timezone.now()
    try:
        with transaction.atomic():
            mark.save()
    except IntegrityError:
        raise Conflict(_("Someone marked this indicator at the same moment; reload and try again.")) from None
    ensure_in_scope(actor, MARK if kind == MarkKind.INSPECTOR else SELF, mark)
    changes = {"indicator": indicator, "score": str(value), "note": note}
    if before:
        changes.update(score=[before[0], str(value)], note=[before[1], note])
    audit.record("assessment.marked" if kind == MarkKind.INSPECTOR else "assessment.self_assessed",
                 actor=actor, obj=mark, changes=changes)
    return mark, created


@transaction.atomic
def commend(*, actor, org_unit, school_year, kind, reason, person="", reward_record=None,
            request_id: str = "") -> Commendation:
    """Records a model school or a model person of the school year (linked to a reward record if given)."""
    require(actor, COMMEND, org_unit)
    if org_unit.kind != "school":
        raise InvalidInput.field("org_unit", _("Choose a school."))
    _school_year(org_unit, school_year)
    kind = inputs.choice(kind, "kind", CommendationKind.choices)
    person = inputs.text(person, "person", required=kind == CommendationKind.PERSON, max_length=100)
    reason = inputs.text(reason, "reason", max_length=5000)
    request_id = inputs.text(request_id, "request_id", required=False, max_length=64)
    url = ""
    if reward_record not in (None, ""):
        reward_record = inputs.number(reward_record, "reward_record", minimum=1, maximum=2**31 - 1)
        found = next((r for r in rewards(org_unit, school_year) if r["id"] == reward_record), None)
        if found is None:
            raise InvalidInput.field("reward_record", _("Choose a reward record of this school and year."))
        url = found["url"]
    else:
        reward_record = None
    same = {"org_unit": org_unit, "kind": kind, "person": person, "school_year": school_year}
    existing = replay.earlier(Commendation, request_id, same=same, recorded_by=actor)
    if existing is not None:
        return existing
    item = Commendation.objects.create(org_unit=org_unit, school_year=school_year, kind=kind, person=person,
                                       reason=reason, reward_record=reward_record, reward_url=url,
                                       recorded_by=actor, request_id=request_id)
    ensure_in_scope(actor, COMMEND, item)
    audit.record("assessment.commended", actor=actor, obj=item,
                 changes={"kind": kind, "person": person, "reason": reason, "reward_record": reward_record})
    return item
