from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Period(models.TextChoices):
    DAILY = "daily", _("Daily")
    WEEKLY = "weekly", _("Weekly")
    MONTHLY = "monthly", _("Monthly")
    QUARTERLY = "quarterly", _("Quarterly")
    SEMESTER = "semester", _("Each semester")
    SCHOOL_YEAR = "school_year", _("Each school year")
    BEFORE_EACH_HOLIDAY = "before_each_holiday", _("Before each holiday")
    SEMESTER_START = "within_n_days_of_semester_start", _("Within N days of semester start")


class Status(models.TextChoices):
    MET = "met", _("Done")
    PENDING = "pending", _("To do")
    DUE_SOON = "due_soon", _("Due soon")
    # Overdue can still be done (within the grace days); missed cannot: the words must differ in Chinese too.
    OVERDUE = "overdue", pgettext_lazy("duty status", "Overdue")
    MISSED = "missed", pgettext_lazy("duty status", "Missed")
    NOT_APPLICABLE = "not_applicable", _("Not applicable")


class Preset(models.TextChoices):
    PLAN = "plan", _("Safety work plan")
    NATIONAL = "national", _("National guide (stricter)")
    LOCAL = "local", _("Local rule")


class Stage(models.TextChoices):
    DUE_SOON = "due_soon", _("Reminder: due soon")
    OVERDUE = "overdue", _("Escalation: overdue")
    ESCALATED = "escalated", _("Escalation to the central school")


# Worst first: the order a heat map and a task list sort by.
SEVERITY = {Status.MISSED: 0, Status.OVERDUE: 1, Status.DUE_SOON: 2, Status.PENDING: 3, Status.MET: 4,
            Status.NOT_APPLICABLE: 5}
OPEN = (Status.PENDING, Status.DUE_SOON, Status.OVERDUE)
