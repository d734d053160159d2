"""Patrol routes with QR checkpoints, check-ins (a wrong checkpoint opens a hazard), missed checkpoints."""

from __future__ import annotations

import secrets
from datetime import date, datetime, timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from safecampus.core import audit, inputs
from safecampus.core.errors import InvalidInput, NotFound
from safecampus.core.files import store
from safecampus.core.notify import notify
from safecampus.core.permissions import require
from safecampus.core.scoping import ensure_in_scope

from .. import people
from ..choices import CheckResult, RouteKind
from ..models import Checkpoint, PatrolCheckin, PatrolRound, PatrolRoute
from ..policies import PATROLS, book, values
from .common import school

__all__ = ["check_in", "create_route", "round_day", "sweep_missed_checkpoints"]

# No 0/O, 1/I/L: a code read off a wet sticker at night must not be mistyped.
ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
CODE_LENGTH = 8
NIGHT_ENDS_HOUR = 6


def _new_code() -> str:
    while True:
        code = "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))
        if not Checkpoint.objects.filter(code=code).exists():
            return code


def normalise_code(value: Any) -> str:
    return "".join(str(value or "").split()).upper()


@transaction.atomic
def create_route(*, actor, org_unit, name: str, kind: str, checkpoints: list, night: bool = False) -> PatrolRoute:
    unit = school(org_unit)
    require(actor, "operations.routes", unit)
    name = inputs.text(name, "name", max_length=100)
    kind = inputs.choice(kind, "kind", RouteKind)
    night = inputs.flag(night, "night")
    names = []
    for item in checkpoints or []:
        label = item.get("name") if isinstance(item, dict) else item
        label = inputs.text(label, "checkpoints", max_length=100)
        names.append(label)
    if not names:
        raise InvalidInput.field("checkpoints", _("A route has at least one checkpoint."))
    if len(names) > 100:
        raise InvalidInput.field("checkpoints", _("A route has at most 100 checkpoints."))
    route = PatrolRoute.objects.create(org_unit=unit, name=name, kind=kind, night=night)
    ensure_in_scope(actor, "operations.routes", route)
    for i, label in enumerate(names):
        Checkpoint.objects.create(org_unit=unit, route=route, name=label, code=_new_code(), sort=i)
    audit.record("operations.route_created", actor=actor, obj=route,
                 changes={"name": name, "kind": kind, "night": night, "checkpoints": names})
    return route


def round_day(route: PatrolRoute, at: datetime) -> date:
    """The day a check-in counts for: a night round after midnight belongs to the night it started."""
    local = people.local_now(route.org_unit, at)
    if route.night and local.hour < NIGHT_ENDS_HOUR:
        return local.date() - timedelta(days=1)
    return local.date()


def _hazard(actor, checkpoint: Checkpoint, route: PatrolRoute, note: str, photos) -> Any:
    from safecampus.hazards.services import report_hazard

    return report_hazard(
        actor=actor, org_unit=route.org_unit, category="fire" if route.kind == RouteKind.FIRE else "security",
        level="general", title=_("Patrol: something wrong at %(place)s") % {"place": checkpoint.name},
        location=checkpoint.name, description=note, source="patrol", source_ref=f"checkpoint:{checkpoint.code}",
        photos=photos)


@transaction.atomic
def check_in(*, actor, code: str, note: str = "", result: str = CheckResult.OK, photo=None) -> PatrolCheckin:
    """Check in at the checkpoint whose QR code holds ``code``. A second scan within the policy's seconds is
    the same check-in; a code unknown or outside the caller's scope is a 404 and records nothing."""
    code = normalise_code(code)
    if not code:
        raise InvalidInput.field("code", _("This field is required."))
    note = inputs.text(note, "note", required=False)
    result = inputs.choice(result or CheckResult.OK, "result", CheckResult)
    found = Checkpoint.objects.visible_to(actor, "operations.patrol").filter(code=code).values_list("pk", flat=True)
    if actor is not None and not found:
        raise NotFound()
    try:
        # The checkpoint's row is the lock: two scans at once wait for each other, then see each other.
        checkpoint = (Checkpoint.objects.select_for_update().select_related("route__org_unit")
                      .get(pk=found[0] if actor is not None else Checkpoint.objects.get(code=code).pk))
    except Checkpoint.DoesNotExist:
        raise NotFound() from None
    route = checkpoint.route
    if not route.active:
        raise NotFound()
    now = timezone.now()
    window = timedelta(seconds=values(route.org_unit, PATROLS)["repeat_seconds"])
    recent = PatrolCheckin.objects.filter(checkpoint=checkpoint, by=actor, at__gt=now - window).order_by("-at").first()
    if recent is not None:
        return recent
    day = round_day(route, now)
    total = route.checkpoints.count()
    patrol_round, _created = PatrolRound.objects.get_or_create(route=route, date=day,
                                                               defaults={"org_unit": route.org_unit, "total": total})
    patrol_round = PatrolRound.objects.select_for_update().get(pk=patrol_round.pk)
    hazard = None
    if result == CheckResult.WRONG:
        hazard = _hazard(actor, checkpoint, route, note, [photo] if photo else [])
    checkin = PatrolCheckin.objects.create(org_unit=route.org_unit, checkpoint=checkpoint, route=route,
                                          round=patrol_round, by=actor, at=now, note=note, result=result,
                                          hazard=hazard)
    ensure_in_scope(actor, "operations.patrol", checkin)
    if photo is not None:
        store(photo, target=checkin, actor=actor, purpose="patrol")
    checked = PatrolCheckin.objects.filter(round=patrol_round).values("checkpoint").distinct().count()
    patrol_round.checked, patrol_round.total = checked, total
    if checked >= total and not patrol_round.complete:
        patrol_round.complete, patrol_round.completed_at = True, now
    patrol_round.save(update_fields=["checked", "total", "complete", "completed_at", "updated_at"])
    audit.record("operations.checked_in", actor=actor, obj=checkin, changes={
        "checkpoint": checkpoint.name, "route": route.name, "result": result, "note": note,
        "hazard": hazard.pk if hazard else None, "round_complete": patrol_round.complete})
    return checkin


def _missing(route: PatrolRoute, patrol_round: PatrolRound | None) -> list[str]:
    done = set()
    if patrol_round is not None:
        done = set(patrol_round.checkins.values_list("checkpoint_id", flat=True))
    return [c.name for c in route.checkpoints.all() if c.pk not in done]


def sweep_missed_checkpoints(now: datetime | None = None) -> int:
    """After the end of a round (policy hour; 06:00 for a night round), the safety officer hears of every
    checkpoint nobody checked. Once per route and day: the round row is claimed first."""
    now = now or timezone.now()
    told = 0
    today = timezone.localdate(now)
    recent = {(r.route_id, r.date): r for r in PatrolRound.objects.filter(
        date__gte=today - timedelta(days=2), date__lte=today + timedelta(days=1)).only(
        "route_id", "date", "complete", "missed_alerted_at")}
    routes = list(PatrolRoute.objects.filter(active=True).select_related("org_unit").order_by("id"))
    policies = book({r.org_unit for r in routes}, PATROLS) if routes else None
    for route in routes:
        local = people.local_now(route.org_unit, now)
        day = local.date() - timedelta(days=1) if route.night else local.date()
        known = recent.get((route.pk, day))
        if known is not None and (known.complete or known.missed_alerted_at is not None):
            continue
        if route.night:
            if local.hour < NIGHT_ENDS_HOUR:
                continue
        else:
            if local.hour < policies.values(route.org_unit.path, PATROLS)["day_end_hour"]:
                continue
        with transaction.atomic():
            patrol_round, _created = PatrolRound.objects.get_or_create(
                route=route, date=day, defaults={"org_unit": route.org_unit, "total": route.checkpoints.count()})
            if patrol_round.complete:
                continue
            if PatrolRound.objects.filter(pk=patrol_round.pk, missed_alerted_at__isnull=True).update(
                    missed_alerted_at=now) != 1:
                continue
            missing = _missing(route, patrol_round)
            audit.record("operations.checkpoints_missed", obj=route, changes={"date": day, "missed": missing})
            count = len(missing)
            notify(people.safety_officers(route.org_unit), kind="operations.patrol_missed",
                   title=lambda r=route, d=day, n=count: _(
                       "Patrol %(route)s on %(date)s: %(n)d checkpoint(s) not checked") % {
                       "route": r.name, "date": d, "n": n},
                   body=lambda m=missing: "、".join(m), url=route.get_absolute_url(),
                   dedupe_key=f"patrol:{route.pk}:{day}:missed")
            told += 1
    return told
