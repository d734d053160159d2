"""Expiry reminders, registered with the one-minute sweep (``core.sweeps``) in ``evidence.py``.

Hourly: every vehicle whose inspection or insurance, and every driver whose licence, expires within the
school's reminder lead (policy, 30 days) is told to the school's leaders (and the driver) once per paper
and expiry date: the dedupe key makes a second run, or two at once, tell nobody twice.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.core.cache import cache
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

KEY = "transport:expiry-reminders"
EVERY_SECONDS = 3600
LONGEST_LEAD = 365


def expiry_reminders(now: datetime) -> int:
    if not cache.add(KEY, 1, EVERY_SECONDS):
        return 0
    return send_expiry_reminders(now)


def _papers(now: datetime):
    from django.db.models import Q

    from .models import Driver, Vehicle

    horizon = timezone.localdate(now) + timedelta(days=LONGEST_LEAD)
    for v in Vehicle.objects.filter(active=True).filter(
            Q(inspection_expires__lte=horizon) | Q(insurance_expires__lte=horizon)).select_related("org_unit"):
        yield v, "inspection", v.inspection_expires
        yield v, "insurance", v.insurance_expires
    for d in Driver.objects.filter(active=True, licence_expires__lte=horizon).select_related("org_unit", "user"):
        yield d, "licence", d.licence_expires


def send_expiry_reminders(now: datetime | None = None) -> int:
    from safecampus.compliance.policies import PolicyBook
    from safecampus.core import notify

    from . import people
    from .policies import REMINDERS

    now = now or timezone.now()
    rows = list(_papers(now))
    book = PolicyBook({obj.org_unit.path for obj, _k, _d in rows}, [REMINDERS])
    sent = 0
    leaders: dict[int, list] = {}
    titles = {"inspection": lambda o, d: _("Inspection of %(what)s expires on %(day)s") % {"what": o, "day": d},
              "insurance": lambda o, d: _("Insurance of %(what)s expires on %(day)s") % {"what": o, "day": d},
              "licence": lambda o, d: _("Driving licence of %(what)s expires on %(day)s") % {"what": o, "day": d}}
    for obj, kind, expires in rows:
        school = obj.org_unit
        today = people.local_today(school, now)
        if expires > today + timedelta(days=book.values(school.path, REMINDERS)["lead_days"]):
            continue
        if school.pk not in leaders:
            leaders[school.pk] = people.school_leaders(school)
        users = list(leaders[school.pk]) + ([obj.user] if kind == "licence" and obj.user else [])
        with transaction.atomic():
            made = notify.notify(users, kind=f"transport.expiry.{kind}",
                                 title=lambda o=obj, k=kind, d=expires: titles[k](o, d.isoformat()),
                                 url=obj.get_absolute_url(),
                                 dedupe_key=f"transport:{obj._meta.model_name}:{obj.pk}:{kind}:{expires.isoformat()}")
        sent += bool(made)
    return sent
