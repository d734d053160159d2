"""Notices to parents: sending makes one receipt per guardian of each pupil; a parent's link reads
and acknowledges its own receipt and nothing else."""

from __future__ import annotations

import re
from datetime import datetime, timedelta

from django.db import IntegrityError, transaction
from django.db.models import F
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from safecampus.core import audit, inputs
from safecampus.core.errors import InvalidInput
from safecampus.core.files import store
from safecampus.core.permissions import require
from safecampus.core.scoping import ensure_in_scope
from safecampus.org.choices import UnitKind
from safecampus.org.models import GuardianLink

from .. import policies
from ..choices import Duty, NoticeKind
from ..models import NoticeReceipt, ParentNotice
from .common import local_today, school_of
from .coverage import refresh_holiday

TOKEN = re.compile(r"[A-Za-z0-9_-]{43}")


@transaction.atomic
def send_notice(*, actor, org_unit, title: str, body: str, kind: str = NoticeKind.GENERAL, attachment=None,
                request_id: str = "") -> ParentNotice:
    """Send a notice to the guardians of every pupil under ``org_unit`` (a class, grade or school)."""
    if org_unit is None or org_unit.kind not in (UnitKind.SCHOOL, UnitKind.GRADE, UnitKind.CLASS):
        raise InvalidInput.field("org_unit", _("Send a notice to a class, a grade or a school."))
    require(actor, "education.send_notice", org_unit)
    title = inputs.text(title, "title", max_length=inputs.SHORT_TEXT)
    body = inputs.text(body, "body", max_length=inputs.LONG_TEXT)
    kind = inputs.choice(kind or NoticeKind.GENERAL, "kind", NoticeKind)
    request_id = inputs.text(request_id, "request_id", required=False, max_length=64)
    if request_id and actor is not None:
        existing = ParentNotice.objects.filter(sent_by=actor, request_id=request_id).first()
        if existing is not None:
            return existing
    school = school_of(org_unit)
    now = timezone.now()
    today = local_today(school)
    days = int(policies.policy_for(school, policies.NOTICES)["link_days"])
    try:
        with transaction.atomic():
            notice = ParentNotice.objects.create(
                org_unit=org_unit, title=title, body=body, kind=kind, sent_at=now, sent_on=today, sent_by=actor,
                expires_on=today + timedelta(days=days), request_id=request_id)
    except IntegrityError:
        return ParentNotice.objects.get(sent_by=actor, request_id=request_id)
    links = (GuardianLink.objects.filter(student__org_unit__path__startswith=org_unit.path,
                                         student__is_active=True)
             .values_list("guardian_id", "student_id", "student__org_unit_id").order_by("student__org_unit__path",
                                                                                         "student_id"))
    receipts = [NoticeReceipt(notice=notice, org_unit_id=unit_id, guardian_id=guardian_id, student_id=student_id)
                for guardian_id, student_id, unit_id in links]
    NoticeReceipt.objects.bulk_create(receipts, batch_size=1000)
    notice.recipients = len(receipts)
    notice.save(update_fields=["recipients"])
    if attachment is not None:
        store(attachment, target=notice, actor=actor, purpose="attachment", field="attachment")
    audit.record("education.notice_sent", actor=actor, obj=notice,
                 changes={"title": title, "kind": kind, "recipients": notice.recipients,
                          "expires_on": notice.expires_on})
    ensure_in_scope(actor, "education.send_notice", notice)
    if kind == NoticeKind.HOLIDAY:
        refresh_holiday(school, today, Duty.HOLIDAY_NOTICE)
    return notice


def receipt_for_token(token: str) -> NoticeReceipt | None:
    """The receipt of a well-formed, known and unexpired token; anything else is None (a 404)."""
    if not isinstance(token, str) or not TOKEN.fullmatch(token):
        return None
    receipt = (NoticeReceipt.objects.select_related("notice", "notice__org_unit", "org_unit").filter(token=token)
               .order_by().first())
    if receipt is None or receipt.notice.expires_on < local_today(receipt.notice.org_unit):
        return None
    return receipt


def mark_opened(receipt: NoticeReceipt, *, now: datetime | None = None) -> None:
    """The first time a parent opens the link (a single guarded UPDATE; later views write nothing)."""
    if receipt.opened_at is None:
        now = now or timezone.now()
        NoticeReceipt.objects.filter(pk=receipt.pk, opened_at__isnull=True).update(opened_at=now)
        receipt.opened_at = now


@transaction.atomic
def acknowledge(receipt: NoticeReceipt, *, actor=None, now: datetime | None = None) -> NoticeReceipt:
    """"I have read it". The UPDATE only touches a receipt not yet acknowledged, so two presses (or
    two at the same moment) leave one acknowledgement and one audit event; the receipt is returned
    either way."""
    now = now or timezone.now()
    changed = (NoticeReceipt.objects.filter(pk=receipt.pk, acknowledged_at__isnull=True)
               .update(acknowledged_at=now, opened_at=Coalesce(F("opened_at"), now), version=F("version") + 1))
    if not changed:   # acknowledged already (a second press, or a press a moment before this one)
        receipt.refresh_from_db(fields=["acknowledged_at", "opened_at", "version"])
        return receipt
    receipt.acknowledged_at, receipt.opened_at = now, receipt.opened_at or now
    receipt.version += 1
    audit.record("education.notice_acknowledged", actor=actor, obj=receipt,
                 changes={"notice": receipt.notice_id, "guardian": receipt.guardian_id, "student": receipt.student_id})
    return receipt
