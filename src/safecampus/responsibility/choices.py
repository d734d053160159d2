from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class TeamKind(models.TextChoices):
    LEADING_GROUP = "leading_group", _("Safety leading group")
    WORKING_TEAM = "working_team", _("Safety working team")


class TeamRole(models.TextChoices):
    LEADER = "leader", _("Leader")
    DEPUTY = "deputy", _("Deputy leader")
    SECRETARY = "secretary", _("Secretary (office director)")
    MEMBER = "member", _("Member")


class LetterLevel(models.TextChoices):
    SCHOOL = "school", _("Central school to school")
    CLASS = "class", _("School to class")
    POST = "post", _("School to post")
    CUSTOM = "custom", _("Single letter")


class LetterStatus(models.TextChoices):
    ISSUED = "issued", _("Awaiting signature")
    SIGNED = "signed", _("Signed")


class BatchKind(models.TextChoices):
    """Which recipients one batch reaches, as the plan signs letters down the tree."""

    PRINCIPALS = "principals", _("Every principal of the schools below")
    STAFF = "staff", _("Every head teacher and post holder of the school")


class MeetingKind(models.TextChoices):
    START_OF_YEAR = "start_of_year", _("Start-of-year safety conference")
    SPECIAL = "special", _("Special safety meeting")
    LEADING_GROUP = "leading_group", _("Leading group meeting")
    REGULAR = "regular", _("Regular safety meeting")
    PRE_HOLIDAY = "pre_holiday", _("Pre-holiday safety meeting")
    STAFF = "staff", _("All-staff safety meeting")


class ActionStatus(models.TextChoices):
    OPEN = "open", pgettext_lazy("meeting action", "Open")
    DONE = "done", pgettext_lazy("meeting action", "Done")


class Language(models.TextChoices):
    ZH = "zh-hans", "简体中文"
    EN = "en", "English"
