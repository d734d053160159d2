"""Read-side queries of daily operations, each starting from the reader's scope."""

from __future__ import annotations

from .choices import VisitorStatus
from .models import Visitor

INSIDE_LIMIT = 200


def visitor_register(user, capability: str = "operations.view_visitors"):
    """The visits the reader may see. Visitors sit at schools: a reader whose scope is schools reads them by
    unit id, so the database walks the (org_unit, entered_at, id) index newest first instead of sorting
    every visit of the year (one query for the kinds of the scope's roots)."""
    from safecampus.core.permissions import scope_paths
    from safecampus.org.models import OrgUnit

    roots = scope_paths(user, capability)
    ids = [int(p.strip("/").split("/")[-1]) for p in roots]
    if ids and set(OrgUnit.objects.filter(pk__in=ids).values_list("kind", flat=True)) == {"school"}:
        return Visitor.objects.filter(org_unit_id__in=ids)
    return Visitor.objects.visible_to(user, capability)


def _inside(user, org_unit=None):
    qs = Visitor.objects.visible_to(user, "operations.view_visitors").filter(status=VisitorStatus.INSIDE)
    if org_unit is not None:
        qs = qs.filter(org_unit__path__startswith=org_unit.path)
    return qs


def inside_now(user, org_unit=None, limit: int = INSIDE_LIMIT) -> list[Visitor]:
    """Visitors inside the schools the reader watches, earliest arrival first (one query). The list
    shows no identity number: it is not read (nor decrypted) for it."""
    return list(_inside(user, org_unit).select_related("org_unit", "host__staff").defer("id_number")
                .order_by("entered_at", "id")[:limit])


def inside_count(user, org_unit=None) -> int:
    return _inside(user, org_unit).count()


def duty_today(user) -> dict:
    """Today's roster and logs of the schools the reader sees (two queries; at most a page of each)."""
    from django.utils import timezone

    from .models import DutyAssignment, DutyLog

    today = timezone.localdate()
    roster = list(DutyAssignment.objects.visible_to(user, "operations.view").filter(date=today)
                  .select_related("org_unit", "user__staff").order_by("org_unit__path", "shift", "-is_leader")[:50])
    logs = list(DutyLog.objects.visible_to(user, "operations.view").filter(date=today)
                .select_related("org_unit", "leader__staff").order_by("org_unit__path", "shift")[:50])
    return {"today": today, "roster": roster, "logs": logs}


def patrol_days(user, *, day=None, unit=None) -> list[dict]:
    """Per route in the reader's scope and the day asked (today by default): checked, total, complete.

    Two queries: the routes with their checkpoint counts, and that day's rounds."""
    from django.db.models import Count
    from django.utils import timezone

    from .models import PatrolRound, PatrolRoute

    day = day or timezone.localdate()
    routes = PatrolRoute.objects.visible_to(user, "operations.view").filter(active=True)
    if unit is not None:
        routes = routes.filter(org_unit__path__startswith=unit.path)
    routes = list(routes.annotate(n=Count("checkpoints")).order_by("org_unit__path", "name", "id")[:500])
    rounds = {r.route_id: r for r in PatrolRound.objects.filter(route__in=[r.pk for r in routes], date=day)}
    out = []
    for route in routes:
        found = rounds.get(route.pk)
        total = found.total if found and found.total else route.n
        checked = found.checked if found else 0
        out.append({"route": route.pk, "route_name": route.name, "kind": route.kind, "org_unit": route.org_unit_id,
                    "date": day, "checked": checked, "total": total, "complete": bool(found and found.complete)})
    return out


def pickup_classes(user) -> list[dict]:
    """The classes the reader sees with today's hand-overs counted (three queries)."""
    from django.db.models import Count, Q
    from django.utils import timezone

    from safecampus.org.models import OrgUnit, Student

    from .models import Pickup

    today = timezone.localdate()
    classes = list(OrgUnit.objects.visible_to(user, "operations.view").filter(kind="class", is_active=True)
                   .order_by("path")[:200])
    ids = [k.pk for k in classes]
    pupils = dict(Student.objects.filter(org_unit_id__in=ids, is_active=True).values("org_unit")
                  .annotate(n=Count("pk")).values_list("org_unit", "n"))
    handed = dict(Pickup.objects.filter(org_unit_id__in=ids, date=today).values("org_unit")
                  .annotate(n=Count("pk", filter=Q(status="handed_over"))).values_list("org_unit", "n"))
    return [{"class": k, "pupils": pupils.get(k.pk, 0), "handed": handed.get(k.pk, 0)} for k in classes
            if pupils.get(k.pk)]
