"""What the canteen pages share."""

from __future__ import annotations

from datetime import datetime

from django.utils.translation import gettext as _
from django.utils.translation import ngettext


def person(user) -> str:
    if user is None:
        return ""
    staff = getattr(user, "staff", None)
    return staff.name if staff is not None else user.get_username()


def countdown(until: datetime, now: datetime) -> str:
    """"in 31 h", "in 40 min", or "" once passed: how long a record must still be kept."""
    seconds = int((until - now).total_seconds())
    if seconds <= 0:
        return ""
    if seconds >= 2 * 86400:
        days = seconds // 86400
        return ngettext("%(n)d day left", "%(n)d days left", days) % {"n": days}
    if seconds >= 3600:
        hours = seconds // 3600
        return ngettext("%(n)d hour left", "%(n)d hours left", hours) % {"n": hours}
    return _("%(n)d min left") % {"n": max(1, seconds // 60)}
