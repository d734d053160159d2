"""What the responsibility app offers the obligations engine: evidence and open work."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, time, timedelta

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from safecampus.compliance.registry import (
    EvidenceKind,
    Metric,
    TaskItem,
    TaskSource,
    register_evidence,
    register_metric,
    register_tasks,
)

register_evidence(EvidenceKind(
    code="responsibility.letter_signed", label=gettext_lazy("Responsibility letter signed"),
    model="responsibility.ResponsibilityLetter", date_field="signed_at", base_filter={"status": "signed"},
    params={"year": "year", "level": "level"}))
register_evidence(EvidenceKind(
    code="responsibility.meeting", label=gettext_lazy("Safety meeting held"), model="responsibility.Meeting",
    date_field="held_at", params={"kind": "kind"}))
register_evidence(EvidenceKind(
    code="responsibility.rule_ack", label=gettext_lazy("Safety rule acknowledged"),
    model="responsibility.RuleAcknowledgement", date_field="acknowledged_at",
    params={"rule": "rule_version__rule__code"}))


def _end_of(day) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(23, 59)))


SIGN_WITHIN_DAYS = 14  # a letter to sign counts as due two weeks after it was issued


def collect(user) -> Iterable[TaskItem]:
    from django.urls import reverse

    from .selectors import open_work_of

    letters, actions, rules = open_work_of(user)
    for letter in letters:
        yield TaskItem(kind="responsibility.sign", title=_("Sign: %(t)s") % {"t": letter.title},
                       url=reverse("responsibility:letter-sign", args=[letter.pk]),
                       due=letter.issued_at + timedelta(days=SIGN_WITHIN_DAYS), unit_id=letter.org_unit_id,
                       object_type="responsibility.responsibilityletter", object_id=str(letter.pk))
    for action in actions:
        yield TaskItem(kind="responsibility.action", title=action.title, url=action.meeting.get_absolute_url(),
                       due=_end_of(action.due), unit_id=action.org_unit_id,
                       object_type="responsibility.meetingaction", object_id=str(action.pk))
    if len(rules) > 3:
        # A new member of staff has every rule to read: one task, not fifteen lines on the home page.
        yield TaskItem(kind="responsibility.acknowledge",
                       title=_("Read and acknowledge %(n)d safety rules") % {"n": len(rules)},
                       url=reverse("responsibility:rule-list"), unit_id=rules[0].org_unit_id,
                       object_type="responsibility.schoolrule", object_id="")
        return
    for rule in rules:
        yield TaskItem(kind="responsibility.acknowledge", title=_("Read and acknowledge: %(t)s") % {"t": rule.current},
                       url=rule.get_absolute_url(), unit_id=rule.org_unit_id,
                       object_type="responsibility.schoolrule", object_id=str(rule.pk))


register_tasks(TaskSource(code="responsibility", label=gettext_lazy("Responsibility"), collect=collect))


def _letters_by_status(user, since) -> dict[str, int]:
    from django.db.models import Count

    from .models import ResponsibilityLetter

    qs = ResponsibilityLetter.objects.visible_to(user, "responsibility.view")
    if since is not None:
        qs = qs.filter(issued_at__gte=since)
    return {r["status"]: r["n"] for r in qs.values("status").annotate(n=Count("id")).order_by()}


def _actions_by_status(user, since) -> dict[str, int]:
    from django.db.models import Count

    from .models import MeetingAction

    qs = MeetingAction.objects.visible_to(user, "responsibility.view")
    if since is not None:
        qs = qs.filter(created_at__gte=since)
    return {r["status"]: r["n"] for r in qs.values("status").annotate(n=Count("id")).order_by()}


# Dashboards read responsibility figures through the registry's metrics.
register_metric(Metric("responsibility.letters_by_status", gettext_lazy("Responsibility letters by status"),
                       _letters_by_status))
register_metric(Metric("responsibility.meeting_actions_by_status", gettext_lazy("Meeting actions by status"),
                       _actions_by_status))
