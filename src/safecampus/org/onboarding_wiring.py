"""What the onboarding part of the org app adds in ready(): menu entries, audit labels, the
first-password checks, background tasks."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _


def ready() -> None:
    from safecampus.core import nav
    from safecampus.core.api.auth import TOKEN_CHECKS
    from safecampus.core.labels import ACTION_LABELS

    from . import accounts

    if accounts.token_check not in TOKEN_CHECKS:
        TOKEN_CHECKS.append(accounts.token_check)
    nav.register("organisation", _("Unit tree"), "org:tree", "org.view", 12)
    nav.register("organisation", _("School calendar"), "org:calendar", "org.view", 40)
    nav.register("organisation", _("Excel import"), "org:import-list", "org.import", 50)
    ACTION_LABELS.update({
        "org.unit_changed": _("Unit changed"),
        "org.unit_moved": _("Unit moved"),
        "org.unit_closed": _("Unit closed"),
        "org.head_teacher_set": _("Head teacher set"),
        "org.staff_changed": _("Staff member changed"),
        "org.password_changed": _("Password changed"),
        "org.student_changed": _("Pupil changed"),
        "org.student_moved": _("Pupil moved"),
        "org.calendar_changed": _("School calendar changed"),
        "org.holiday_added": _("Holiday added"),
        "org.holiday_changed": _("Holiday changed"),
        "org.holiday_removed": _("Holiday removed"),
        "org.import_previewed": _("Import previewed"),
        "org.import_done": _("Import done"),
    })
