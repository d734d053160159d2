"""What the compliance engine may count and ask for, from the incidents app."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from safecampus.compliance import registry
from safecampus.compliance.registry import EvidenceKind, TaskItem, TaskSource, register_evidence, register_tasks
from safecampus.core import sweeps
from safecampus.core.permissions import scope_paths
from safecampus.core.scoping import path_q

from .services import sweep_deadlines

register_evidence(EvidenceKind(
    code="incidents.filed", label=gettext_lazy("Incident report filed"), model="incidents.Incident",
    date_field="filed_at", params={"kind": "kind", "severity": "severity", "late": "late"}))
register_evidence(EvidenceKind(
    code="incidents.info_report", label=gettext_lazy("Monthly safety information report"), model="incidents.InfoReport",
    date_field="submitted_at", params={"month": "month", "zero": "zero"}))


def _open_incident_tasks(user) -> list[TaskItem]:
    from .models import Incident

    items: list[TaskItem] = []
    # The school owes its reports; the central school, which may also follow up, is not asked for them.
    roots = [r for r in scope_paths(user, "incidents.followup") if len(r.strip("/").split("/")) >= 3]
    if not roots:
        return items
    open_rows = (Incident.objects.filter(path_q("org_unit__path", roots))
                 .exclude(state__status="closed").select_related("state").order_by("written_report_deadline")[:50])
    for incident in open_rows:
        if incident.state.written_report_at is None:
            items.append(TaskItem("incident.written_report", _("Written report for incident #%(id)s") % {
                "id": incident.pk}, reverse("incidents:followup", args=[incident.pk]),
                due=incident.written_report_deadline, unit_id=incident.org_unit_id,
                object_type="incidents.incident", object_id=str(incident.pk)))
        else:
            items.append(TaskItem("incident.followup", _("Follow up incident #%(id)s until it is closed") % {
                "id": incident.pk}, reverse("incidents:detail", args=[incident.pk]),
                unit_id=incident.org_unit_id, object_type="incidents.incident", object_id=str(incident.pk)))
    return items


def _notice_tasks(user) -> list[TaskItem]:
    from .models import NoticeTarget

    roots = scope_paths(user, "incidents.acknowledge")
    if not roots:
        return []
    rows = NoticeTarget.objects.filter(path_q("org_unit__path", roots), acknowledged_at__isnull=True
                                       ).select_related("notice")[:50]
    return [TaskItem("incident.notice", _("Acknowledge notice: %(t)s") % {"t": t.notice.title},
                     reverse("incidents:notice-detail", args=[t.notice_id]), unit_id=t.org_unit_id,
                     object_type="incidents.notice", object_id=str(t.notice_id)) for t in rows]


def _info_tasks(user) -> list[TaskItem]:
    from safecampus.org.models import OrgUnit

    from .models import InfoReport
    from .services.info import due_day, local_today, month_start, previous_month

    roots = scope_paths(user, "incidents.report_info")
    if not roots:
        return []
    items = []
    for school in OrgUnit.objects.filter(path_q("path", roots), kind="school", is_active=True)[:20]:
        month = previous_month(local_today(school))
        if InfoReport.objects.filter(org_unit=school, month=month).exists():
            continue
        due = timezone.make_aware(timezone.datetime(*(month_start(local_today(school)).replace(
            day=due_day())).timetuple()[:3], 23, 59))
        items.append(TaskItem("incident.info_report", _("Monthly safety information report for %(m)s: %(s)s") % {
            "m": month.strftime("%Y-%m"), "s": school}, reverse("incidents:info-report-new"), due=due,
            unit_id=school.pk, object_type="incidents.inforeport"))
    return items


def collect(user):
    if not getattr(user, "is_authenticated", False):
        return []
    return [*_open_incident_tasks(user), *_notice_tasks(user), *_info_tasks(user)]


register_tasks(TaskSource(code="incidents", label=gettext_lazy("Incidents"), collect=collect))


def _metric_by_severity(user, since) -> dict[str, int]:
    from django.db.models import Count

    from .models import Incident

    qs = Incident.objects.visible_to(user, "incidents.view")
    if since is not None:
        qs = qs.filter(filed_at__gte=since)
    return dict(qs.order_by().values_list("severity").annotate(n=Count("pk")))


def _metric_late(user, since) -> dict[str, int]:
    from django.db.models import Count, Q

    from .models import Incident

    qs = Incident.objects.visible_to(user, "incidents.view")
    if since is not None:
        qs = qs.filter(filed_at__gte=since)
    # Aggregate names must not shadow the "late" column they filter on.
    counts = qs.aggregate(n_late=Count("pk", filter=Q(late=True)), n_on_time=Count("pk", filter=Q(late=False)))
    return {"late": counts["n_late"] or 0, "on_time": counts["n_on_time"] or 0}


# Dashboards read incidents only through these numbers.
registry.register_metric(registry.Metric("incidents.by_severity", gettext_lazy("Incidents by severity"),
                                         _metric_by_severity))
registry.register_metric(registry.Metric("incidents.late", gettext_lazy("Late incident reports"), _metric_late))

sweeps.register(sweep_deadlines)
