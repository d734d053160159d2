"""Vaccination-certificate checks at admission: per new pupil complete / missing / catch-up needed, with
the certificate photo. Each school year's row counts for the ``vaccination-check`` duty once every new
pupil (enrolled in that school year) has been checked."""

from __future__ import annotations

from datetime import date

from django.db import IntegrityError, transaction
from django.db.models import OuterRef, Subquery
from django.utils.translation import gettext as _

from safecampus.core import audit, inputs, replay
from safecampus.core.errors import InvalidInput
from safecampus.core.files import store
from safecampus.core.permissions import require
from safecampus.org.calendar import school_year_at
from safecampus.org.choices import UnitKind
from safecampus.org.models import OrgUnit, Student

from .. import people
from ..choices import VaccinationStatus
from ..models import VaccinationCheck, VaccinationYear

__all__ = ["check_certificate", "latest_checks", "new_pupils", "refresh_year", "refresh_years_daily"]


@transaction.atomic
def check_certificate(*, actor, student: Student, status: str, checked_on=None, note: str = "",
                      photo=None, request_id: str = "") -> VaccinationCheck:
    """A look at the pupil's certificate; a later check replaces an earlier one in the follow-up list.

    The same ``request_id`` from the same person again (a double tap, a retried upload) answers with the first
    check and records nothing; with other content it is a 409 (``core.replay``).
    """
    require(actor, "operations.vaccination", student.org_unit)
    if student.org_unit.kind != UnitKind.CLASS:
        raise InvalidInput.field("student", _("Choose a pupil of a class."))
    status = inputs.choice(status, "status", VaccinationStatus)
    today = people.local_today(student.org_unit)
    given = inputs.date(checked_on, "checked_on", required=False)
    checked_on = given or today
    if checked_on > today:
        raise InvalidInput.field("checked_on", _("A check cannot be dated in the future."))
    note = inputs.text(note, "note", required=False)
    request_id = inputs.text(request_id, "request_id", required=False, max_length=64) if actor is not None else ""
    # A retry without a date may arrive after midnight: only a date the request names is compared.
    same = {"student": student, "status": status, "note": note, **({"checked_on": given} if given else {})}
    existing = replay.earlier(VaccinationCheck, request_id, same=same, checked_by=actor)
    if existing is not None:
        return existing
    try:
        # A savepoint: a double submit racing this one meets the unique key, and is answered with its check.
        with transaction.atomic():
            item = VaccinationCheck.objects.create(org_unit=student.org_unit, student=student, status=status,
                                                   checked_on=checked_on, note=note, checked_by=actor,
                                                   request_id=request_id)
    except IntegrityError:
        first = replay.earlier(VaccinationCheck, request_id, same=same, checked_by=actor)
        if first is None:
            raise
        return first
    if photo is not None:
        store(photo, target=item, actor=actor, purpose="certificate")
    audit.record("operations.vaccination_checked", actor=actor, obj=item,
                 changes={"student": student.pk, "status": status, "checked_on": checked_on})
    found = people.school_of(student.org_unit)
    if found is not None:
        refresh_year(found, checked_on)
    return item


def latest_checks(qs):
    """Of ``qs`` (checks), each pupil's latest only: the follow-up list."""
    newest = (VaccinationCheck.objects.filter(student=OuterRef("student"))
              .order_by("-checked_on", "-id").values("id")[:1])
    return qs.filter(pk=Subquery(newest))


def new_pupils(school: OrgUnit, start: date, end: date):
    """The school's active pupils enrolled in the school year ``start``..``end``."""
    return Student.objects.filter(org_unit__path__startswith=school.path, org_unit__kind=UnitKind.CLASS,
                                  is_active=True, enrolled_on__gte=start, enrolled_on__lte=end)


@transaction.atomic
def refresh_year(school: OrgUnit, day: date) -> VaccinationYear | None:
    """Recount the school year of ``day``: new pupils, how many checked, complete on the last one's day."""
    year = school_year_at(school, day)
    if year is None:
        return None
    OrgUnit.objects.select_for_update().filter(pk=school.pk).first()
    pupils = new_pupils(school, year.start, year.end)
    total = pupils.count()
    firsts: dict[int, date] = {}
    for student_id, checked_on in (VaccinationCheck.objects.filter(student__in=pupils.values("pk"))
                                   .values_list("student_id", "checked_on")):
        if student_id not in firsts or checked_on < firsts[student_id]:
            firsts[student_id] = checked_on
    checked = len(firsts)
    complete = total > 0 and checked >= total
    row, _made = VaccinationYear.objects.get_or_create(
        org_unit=school, period_start=year.start, defaults={"period_end": year.end})
    row.period_end, row.total, row.checked, row.complete = year.end, total, checked, complete
    row.complete_on = max(firsts.values()) if complete else None
    row.save(update_fields=["period_end", "total", "checked", "complete", "complete_on"])
    return row


DAILY_KEY = "operations:vaccination-years"


def refresh_years_daily(now=None) -> int:
    """Pupils join and leave: once a day every school with a row for the school year in force is recounted
    (a pupil enrolled after the last check makes the year incomplete again until checked)."""
    from django.core.cache import cache
    from django.utils import timezone

    if not cache.add(DAILY_KEY, 1, 24 * 3600):
        return 0
    today = timezone.localdate(now or timezone.now())
    ids = set(VaccinationYear.objects.filter(period_start__lte=today, period_end__gte=today)
              .values_list("org_unit_id", flat=True))
    done = 0
    for school in OrgUnit.objects.filter(pk__in=ids, is_active=True):
        refresh_year(school, people.local_today(school, now))
        done += 1
    return done
