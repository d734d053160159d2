"""Fixed vocabularies of the canteen and fire registers."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Meal(models.TextChoices):
    BREAKFAST = "breakfast", _("Breakfast")
    LUNCH = "lunch", _("Lunch")
    DINNER = "dinner", _("Dinner")
    SNACK = "snack", _("Snack")


MEAL_ORDER = [m.value for m in Meal]


class Grade(models.TextChoices):
    """The quantitative grading of catering services (餐饮服务食品安全量化分级)."""

    A = "A", _("A (excellent)")
    B = "B", _("B (good)")
    C = "C", _("C (passable)")


class EquipmentKind(models.TextChoices):
    EXTINGUISHER = "extinguisher", _("Fire extinguisher")
    HYDRANT = "hydrant", _("Fire hydrant")
    ALARM = "alarm", _("Fire alarm")
    EMERGENCY_LIGHT = "emergency_light", _("Emergency light")
    EXIT_SIGN = "exit_sign", _("Exit sign")


class EquipmentStatus(models.TextChoices):
    IN_SERVICE = "in_service", _("In service")
    AWAY = "away", _("Away for repair")
    RETIRED = "retired", _("Retired")


class CheckResult(models.TextChoices):
    OK = "ok", pgettext_lazy("check", "OK")
    FAULT = "fault", _("Fault")
