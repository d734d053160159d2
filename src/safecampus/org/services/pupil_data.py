"""A pupil's data rights (PIPL): everything held about one pupil as a ZIP, and erasure after retention."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from safecampus.core import audit
from safecampus.core.concurrency import lock
from safecampus.core.errors import InvalidInput
from safecampus.core.models import AuditEvent
from safecampus.core.permissions import require
from safecampus.core.policies import policy_for
from safecampus.core.scoping import ensure_in_scope

from ..models import Student


def pupil_erasable_from(student: Student):
    """The first day the pupil's data may be erased: the retention period after leaving (the last
    change to the record, which is when it was made inactive); None while the pupil is enrolled."""
    from ..pupil_data import RETENTION_POLICY

    if student.is_active:
        return None
    years = policy_for(student.org_unit, RETENTION_POLICY)["years_after_leaving"]
    left = student.updated_at.date()
    try:
        return left.replace(year=left.year + years)
    except ValueError:  # 29 February
        return left.replace(year=left.year + years, day=28)


def pupil_erased(student: Student) -> bool:
    return AuditEvent.objects.filter(object_type="org.student", object_id=str(student.pk),
                                     action="org.pupil_data_erased").exists()


@transaction.atomic
def export_pupil_data(student: Student, *, actor) -> bytes:
    """Everything every app holds about one pupil as a ZIP (records, files, the audit of reads), audited."""
    from ..pupil_export import build_zip

    require(actor, "org.pupil_data", student.org_unit)
    data, counts = build_zip(student, actor=actor)
    audit.record("org.pupil_data_exported", actor=actor, obj=student, changes={"sections": counts})
    return data


@transaction.atomic
def erase_pupil_data(student: Student, *, actor, expected_version: int | None = None) -> Student:
    """Erase what every app may erase once the retention period is over; the rest is kept, naming why."""
    from django.utils import timezone

    from ..pupil_data import sections

    require(actor, "org.pupil_data", student.org_unit)
    student = lock(Student, student.pk, expected_version)
    if pupil_erased(student):
        return student  # a repeated request erases nothing twice and records nothing twice
    erasable_from = pupil_erasable_from(student)
    if erasable_from is None:
        raise InvalidInput.field("retention", _("The pupil is still enrolled: the data is needed."))
    if timezone.localdate() < erasable_from:
        raise InvalidInput.field("retention", _("The retention period ends on %(date)s.") % {
            "date": erasable_from.isoformat()})
    erased, kept = {}, []
    for section in sections():
        if section.erase is None:
            kept.append(section.code)
        else:
            erased[section.code] = section.erase(student)
    audit.record("org.pupil_data_erased", actor=actor, obj=student, changes={"erased": erased, "kept": kept})
    student.refresh_from_db()
    ensure_in_scope(actor, "org.view_students", student)
    return student
