"""Assessment schemes (indicators and veto items as data), inspectors' and schools' marks, commendations."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from safecampus.core.models import ScopedModel

from .choices import CHAPTERS, CommendationKind, Effect, MarkKind, Method


def _zh() -> bool:
    return (get_language() or "").lower().startswith("zh")


class Scheme(ScopedModel):
    """The indicators a unit assesses its schools by in one school year.

    The default scheme has no unit and no year; a central school (or the authority) keeps its own per
    school year, started as a copy of the nearest one above it. A school is assessed by the scheme of the
    nearest unit above it for that year, else by the default.
    """

    org_unit = models.ForeignKey("org.OrgUnit", null=True, blank=True, on_delete=models.PROTECT, related_name="+",
                                 verbose_name=_("unit"))
    school_year = models.ForeignKey("org.SchoolYear", null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="+", verbose_name=_("school year"))
    title = models.CharField(_("title"), max_length=200)

    class Meta:
        ordering = ["-school_year__start", "id"]
        verbose_name = _("assessment scheme")
        constraints = [models.UniqueConstraint(fields=["org_unit", "school_year"], name="assessment_scheme_once")]

    def __str__(self) -> str:
        return str(_("Default assessment scheme")) if self.org_unit_id is None else self.title

    def get_absolute_url(self) -> str:
        return reverse("assessment:scheme", args=[self.pk])

    @property
    def is_default(self) -> bool:
        return self.org_unit_id is None


class SchemeItem(models.Model):
    """One indicator (computed or marked) or one veto item of a scheme."""

    scheme = models.ForeignKey(Scheme, on_delete=models.CASCADE, related_name="items")
    code = models.CharField(_("code"), max_length=64)
    method = models.CharField(_("scored by"), max_length=10, choices=Method.choices)
    chapter = models.CharField(_("chapter"), max_length=20, choices=CHAPTERS, default="other")
    title = models.CharField(_("title (English)"), max_length=200)
    title_zh = models.CharField(_("title (Chinese)"), max_length=200, blank=True)
    weight = models.PositiveSmallIntegerField(_("weight"), default=0)
    effect = models.CharField(_("effect"), max_length=10, choices=Effect.choices, blank=True)
    cap = models.PositiveSmallIntegerField(_("cap"), default=0)
    active = models.BooleanField(_("in use"), default=True)
    sort = models.PositiveSmallIntegerField(default=100)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        ordering = ["sort", "id"]
        verbose_name = _("indicator")
        constraints = [models.UniqueConstraint(fields=["scheme", "code"], name="assessment_item_once")]

    def __str__(self) -> str:
        return self.display_title

    def get_absolute_url(self) -> str:
        return reverse("assessment:item-edit", args=[self.pk])

    @property
    def display_title(self) -> str:
        return self.title_zh if self.title_zh and _zh() else self.title

    @property
    def org_unit(self):
        return self.scheme.org_unit


class Mark(ScopedModel):
    """An inspector's score for one indicator of a school (it replaces the computed score, which stays
    beside it), or the school's own (self-assessment). ``org_unit`` is the school."""

    kind = models.CharField(_("kind"), max_length=10, choices=MarkKind.choices)
    school_year = models.ForeignKey("org.SchoolYear", on_delete=models.PROTECT, related_name="+",
                                    verbose_name=_("school year"))
    semester = models.ForeignKey("org.Semester", null=True, blank=True, on_delete=models.PROTECT, related_name="+",
                                 verbose_name=_("semester"))
    indicator = models.CharField(_("indicator"), max_length=64)
    score = models.DecimalField(_("score"), max_digits=5, decimal_places=1)
    note = models.TextField(_("note"), blank=True)
    marked_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                                  verbose_name=_("marked by"))
    marked_at = models.DateTimeField(_("marked at"))

    class Meta:
        ordering = ["org_unit__path", "indicator"]
        verbose_name = _("assessment mark")
        constraints = [
            models.UniqueConstraint(fields=["kind", "org_unit", "school_year", "semester", "indicator"],
                                    name="assessment_mark_once"),
            models.UniqueConstraint(fields=["kind", "org_unit", "school_year", "indicator"],
                                    condition=models.Q(semester__isnull=True), name="assessment_year_mark_once"),
        ]

    def __str__(self) -> str:
        return f"{self.indicator}: {self.score}"

    def get_absolute_url(self) -> str:
        return reverse("assessment:school", args=[self.org_unit_id]) + f"?school_year={self.school_year_id}"


class Commendation(ScopedModel):
    """A model school or a model person of a school year; ``org_unit`` is the school."""

    kind = models.CharField(_("kind"), max_length=10, choices=CommendationKind.choices)
    school_year = models.ForeignKey("org.SchoolYear", on_delete=models.PROTECT, related_name="+",
                                    verbose_name=_("school year"))
    person = models.CharField(pgettext_lazy("commendation", "person"), max_length=100, blank=True)
    reason = models.TextField(_("reason"))
    # The incidents app's reward record, by id (no key: assessment works without that app).
    reward_record = models.PositiveIntegerField(_("reward record"), null=True, blank=True)
    reward_url = models.CharField(max_length=300, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                                    verbose_name=_("recorded by"))
    request_id = models.CharField(max_length=64, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("commendation")
        constraints = [models.UniqueConstraint(fields=["recorded_by", "request_id"],
                                               condition=~models.Q(request_id=""), name="commendation_request_once")]

    def __str__(self) -> str:
        return self.person or str(self.org_unit)

    def get_absolute_url(self) -> str:
        return reverse("assessment:commendations")
