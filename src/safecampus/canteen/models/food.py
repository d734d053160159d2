"""Meals, their food samples (留样) and the day's record the obligations engine counts."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from safecampus.core.models import ScopedModel

from ..choices import Meal


class MealService(ScopedModel):
    """One meal served at a school on a day: its menu, whether every dish is sampled, and the
    leader who ate with the pupils (陪餐)."""

    date = models.DateField(_("date"))
    meal = models.CharField(_("meal"), max_length=16, choices=Meal.choices)
    # The dishes on the menu; a sampled dish not yet on it joins it.
    menu = models.JSONField(_("menu"), default=list, blank=True)
    samples_complete = models.BooleanField(_("samples complete"), default=False)
    leader = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                               related_name="+", verbose_name=_("leader eating with the pupils"))
    leader_note = models.CharField(_("remarks on the meal"), max_length=500, blank=True)
    leader_recorded_at = models.DateTimeField(_("eaten with the pupils at"), null=True, blank=True)

    class Meta:
        verbose_name = _("meal")
        verbose_name_plural = _("meals")
        constraints = [models.UniqueConstraint(fields=["org_unit", "date", "meal"], name="canteen_meal_once")]

    def __str__(self) -> str:
        return f"{self.date} {self.get_meal_display()}"

    def get_absolute_url(self) -> str:
        return reverse("canteen:day") + f"?date={self.date.isoformat()}&org_unit={self.org_unit_id}"


class FoodSample(ScopedModel):
    """A sample of one dish of one meal, kept refrigerated until ``keep_until`` (policy hours)."""

    meal = models.ForeignKey(MealService, on_delete=models.PROTECT, related_name="samples", verbose_name=_("meal"))
    dish = models.CharField(_("dish"), max_length=100)
    weight_g = models.PositiveIntegerField(_("weight (g)"))
    fridge = models.CharField(_("fridge"), max_length=100, blank=True)
    taken_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                                 verbose_name=_("taken by"))
    taken_at = models.DateTimeField(_("taken at"))
    keep_until = models.DateTimeField(_("keep until"))
    disposed_at = models.DateTimeField(_("disposed at"), null=True, blank=True)
    disposed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="+", verbose_name=_("disposed by"))
    request_id = models.CharField(max_length=64, blank=True, default="")

    scope_newest_first = True

    class Meta:
        verbose_name = _("food sample")
        verbose_name_plural = _("food samples")
        constraints = [
            models.UniqueConstraint(fields=["meal", "dish"], name="canteen_sample_per_dish"),
            models.UniqueConstraint(fields=["org_unit", "request_id"], condition=~models.Q(request_id=""),
                                    name="canteen_sample_request_once"),
        ]
        indexes = [models.Index(fields=["org_unit", "-taken_at"], name="canteen_sample_unit_taken")]

    def __str__(self) -> str:
        return f"{self.dish} ({self.weight_g} g)"

    def get_absolute_url(self) -> str:
        return reverse("canteen:sample", args=[self.pk])

    @property
    def kept(self) -> bool:
        return self.disposed_at is None

    def seconds_left(self, now=None) -> int:
        """Seconds until the sample may be disposed of (0 once it may)."""
        return max(0, int((self.keep_until - (now or timezone.now())).total_seconds()))


class CanteenDay(ScopedModel):
    """A school's canteen day: the evidence of the daily food-sample and 陪餐 obligations.

    ``samples_complete``: every meal served that day has a sample of every dish on its menu;
    ``accompanied``: a leader ate with the pupils at every meal served. Recomputed by the services
    whenever a sample, a menu or a 陪餐 record of the day changes."""

    date = models.DateField(_("date"))
    meals_expected = models.PositiveSmallIntegerField(_("meals served"), default=0)
    meals_sampled = models.PositiveSmallIntegerField(_("meals with every dish sampled"), default=0)
    meals_accompanied = models.PositiveSmallIntegerField(_("meals eaten with a leader"), default=0)
    samples_complete = models.BooleanField(_("samples complete"), default=False)
    accompanied = models.BooleanField(_("leader at every meal"), default=False)

    class Meta:
        verbose_name = _("canteen day")
        verbose_name_plural = _("canteen days")
        constraints = [models.UniqueConstraint(fields=["org_unit", "date"], name="canteen_day_once")]

    def __str__(self) -> str:
        return str(self.date)
