"""What readiness records prove: drills held (the drill duties) and plan approvals and reviews (the yearly review)."""

from django.utils.translation import gettext_lazy as _

from safecampus.compliance.registry import EvidenceKind, TaskSource, register_evidence, register_tasks

register_evidence(EvidenceKind(
    code="readiness.drill", label=_("Drill held and recorded"), model="readiness.Drill", date_field="held_at",
    base_filter={"status": "held"}, params={"kind": "kind"},
    action_url="readiness:drill-record"))

register_evidence(EvidenceKind(
    code="readiness.plan_review", label=_("Emergency plan approved or reviewed"), model="readiness.PlanReview",
    date_field="reviewed_at", action_url="readiness:plans"))


def collect(user):
    """Drafts waiting for the approver's signature."""
    from django.utils.translation import gettext as _

    from safecampus.compliance.registry import TaskItem
    from safecampus.core.permissions import scope_paths

    from .models import EmergencyPlan

    if user is None or not user.is_authenticated or not scope_paths(user, "readiness.approve"):
        return
    drafts = (EmergencyPlan.objects.visible_to(user, "readiness.approve").filter(status="draft")
              .select_related("org_unit").order_by("created_at"))
    for plan in drafts:
        yield TaskItem(kind="readiness.approve", title=_("Approve emergency plan: %(title)s") % {"title": plan.title},
                       url=plan.get_absolute_url(), unit_id=plan.org_unit_id, object_type="readiness.emergencyplan",
                       object_id=str(plan.pk))


def collect_drills(user):
    """Planned drills, for those who hold them: on My tasks and the calendar on their day."""
    from django.utils.translation import gettext as _

    from safecampus.compliance.registry import TaskItem
    from safecampus.core.permissions import scope_paths
    from safecampus.core.zones import at_local

    from .models import Drill

    if user is None or not user.is_authenticated or not scope_paths(user, "readiness.manage"):
        return
    planned = (Drill.objects.visible_to(user, "readiness.manage").filter(status="planned")
               .select_related("org_unit").order_by("planned_for"))
    for drill in planned:
        yield TaskItem(kind="readiness.drill", title=_("Hold the drill: %(kind)s") % {"kind": drill.get_kind_display()},
                       url=drill.get_absolute_url(), due=at_local(drill.org_unit, drill.planned_for, 9),
                       unit_id=drill.org_unit_id, object_type="readiness.drill", object_id=str(drill.pk))


register_tasks(TaskSource("readiness", _("Emergency plans"), collect))
register_tasks(TaskSource("readiness.drills", _("Drills"), collect_drills))
