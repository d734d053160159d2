"""Central-school views: statistics by kind, severity, school and month (with XLSX), home panel."""

from __future__ import annotations

from collections import Counter

from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q
from django.db.models.functions import TruncMonth
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from safecampus.core.exports import xlsx_bytes
from safecampus.core.permissions import has_capability
from safecampus.org.models import OrgUnit

from ..choices import Kind, Severity, Status
from ..models import Incident
from ..selectors import with_current


def _school_names(paths: list[str]) -> dict[int, OrgUnit]:
    """The school above each unit, fetched in one query."""
    ids = {int(p.strip("/").split("/")[2]) for p in paths if len(p.strip("/").split("/")) >= 3}
    return {u.pk: u for u in OrgUnit.objects.filter(pk__in=ids)}


def statistics(user) -> dict:
    """Counts grouped in the database (current kind and severity, month, unit), folded per school in Python."""
    qs = Incident.objects.visible_to(user, "incidents.view")
    current = with_current(qs).order_by()
    by_kind = dict(current.values_list("cur_kind").annotate(n=Count("pk")))
    by_severity = dict(current.values_list("cur_severity").annotate(n=Count("pk")))
    late = qs.filter(late=True).count()
    months = list(qs.order_by().annotate(m=TruncMonth("occurred_at", tzinfo=timezone.get_current_timezone()))
                  .values_list("m").annotate(n=Count("pk")).order_by("m"))
    per_unit = list(qs.order_by().values_list("org_unit__path").annotate(
        n=Count("pk"), late_n=Count("pk", filter=Q(late=True))))
    schools = _school_names([p for p, _n, _l in per_unit])
    totals: Counter = Counter()
    lates: Counter = Counter()
    for path, n, late_n in per_unit:
        parts = path.strip("/").split("/")
        key = int(parts[2]) if len(parts) >= 3 else int(parts[-1])
        totals[key] += n
        lates[key] += late_n
    return {
        "total": sum(by_kind.values()), "late": late,
        "by_kind": [(Kind(k).label, by_kind.get(k, 0)) for k in Kind.values],
        "by_severity": [(Severity(s).label, by_severity.get(s, 0)) for s in Severity.values],
        "by_month": [(m.strftime("%Y-%m") if m else "", n) for m, n in months],
        "by_school": sorted(((str(schools.get(k, k)), totals[k], lates[k]) for k in totals), key=lambda r: r[0]),
    }


@login_required
def stats(request):
    if not has_capability(request.user, "incidents.view"):
        return render(request, "core/403.html", status=403)
    data = statistics(request.user)
    if request.GET.get("export") == "xlsx":
        sheets = [
            (_("By kind"), [_("Kind"), _("Incidents")], data["by_kind"]),
            (_("By severity"), [_("Severity"), _("Incidents")], data["by_severity"]),
            (_("By school"), [_("School"), _("Incidents"), _("Late")], data["by_school"]),
            (_("By month"), [_("Month"), _("Incidents")], data["by_month"]),
        ]
        response = HttpResponse(xlsx_bytes(sheets),
                                content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        response["Content-Disposition"] = 'attachment; filename="incident-statistics.xlsx"'
        return response
    return render(request, "incidents/stats.html", {"title": _("Incident statistics"), **data})


TIMELINE_DAYS = 90


@login_required
def timeline(request):
    """Everything that happened to incidents in scope, newest first: filings, corrections, follow-ups, closings."""
    from datetime import timedelta

    from ..models import Amendment, FollowUp, Investigation
    from .common import local

    user = request.user
    if not has_capability(user, "incidents.view"):
        return render(request, "core/403.html", status=403)
    since = timezone.now() - timedelta(days=TIMELINE_DAYS)
    events = []
    for i in (Incident.objects.visible_to(user, "incidents.view").filter(filed_at__gte=since)
              .select_related("org_unit", "state")[:300]):
        events.append((i.filed_at, "filed", i, _("Filed: %(kind)s, %(severity)s") % {
            "kind": i.get_kind_display(), "severity": i.get_severity_display()}))
        if i.state.closed_at:
            events.append((i.state.closed_at, "closed", i, Status.CLOSED.label))
    for model, key, text in ((Amendment, "amended", lambda a: _("Amended: %(r)s") % {"r": a.reason}),
                             (FollowUp, "followup", lambda f: f.get_kind_display() + ": " + f.summary[:120]),
                             (Investigation, "investigated", lambda v: _("Liability investigation: %(f)s") % {
                                 "f": v.findings[:120]})):
        for row in (model.objects.visible_to(user, "incidents.view").filter(at__gte=since)
                    .select_related("incident__org_unit", "incident__state")[:300]):
            events.append((row.at, key, row.incident, text(row)))
    events.sort(key=lambda e: e[0], reverse=True)
    days: list[dict] = []
    for at, key, incident, text in events:
        when = local(at, incident.time_zone)
        if not days or days[-1]["day"] != when[:10]:
            days.append({"day": when[:10], "events": []})
        days[-1]["events"].append({"time": when[11:], "key": key, "incident": incident, "text": text,
                                   "late": key == "filed" and incident.late})
    return render(request, "incidents/timeline.html", {"title": _("Incident timeline"), "days": days,
                                                       "window": TIMELINE_DAYS})
