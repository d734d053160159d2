"""The topic library and the safety lessons held in classes."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from safecampus.core.models import BaseModel, ScopedModel
from safecampus.core.scoping import path_q

from ..choices import LessonKind


class Topic(BaseModel):
    """A safety topic. ``owner`` empty: the national library (seeded by a migration); otherwise a
    central school's (or authority's) own topic, offered to the classes below it."""

    code = models.SlugField(_("code"), max_length=40)
    name = models.CharField(_("name"), max_length=100)
    name_zh = models.CharField(_("Chinese name"), max_length=100, blank=True)
    owner = models.ForeignKey("org.OrgUnit", null=True, blank=True, on_delete=models.PROTECT, related_name="+",
                              verbose_name=_("added by"))
    is_active = models.BooleanField(_("in use"), default=True)
    sort = models.PositiveSmallIntegerField(default=100)

    class Meta:
        ordering = ["sort", "code"]
        verbose_name = _("topic")
        constraints = [
            models.UniqueConstraint(fields=["owner", "code"], name="unique_topic_code"),
            models.UniqueConstraint(fields=["code"], condition=Q(owner__isnull=True), name="unique_library_topic"),
        ]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        if self.name_zh and (get_language() or "").lower().startswith("zh"):
            return self.name_zh
        return self.name

    @classmethod
    def offered_at(cls, unit) -> models.QuerySet[Topic]:
        """The library's topics and those a unit at or above ``unit`` added."""
        ids = [int(p) for p in unit.path.split("/") if p]
        return cls.objects.filter(Q(owner__isnull=True) | Q(owner_id__in=ids), is_active=True)

    @classmethod
    def visible_to(cls, user, capability: str = "education.view") -> models.QuerySet[Topic]:
        """The library, plus topics added inside or above the reader's scope."""
        from safecampus.core.permissions import scope_paths

        roots = scope_paths(user, capability)
        if not roots:
            return cls.objects.none()
        above = {int(p) for r in roots for p in r.split("/") if p}
        return cls.objects.filter(Q(owner__isnull=True) | Q(owner_id__in=above) | path_q("owner__path", roots))


class Lesson(ScopedModel):
    """A safety lesson held in a class (``org_unit`` is the class)."""

    topic = models.ForeignKey(Topic, on_delete=models.PROTECT, related_name="lessons", verbose_name=_("topic"))
    kind = models.CharField(_("kind"), max_length=20, choices=LessonKind.choices, default=LessonKind.REGULAR)
    held_on = models.DateField(_("held on"))
    teacher = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+",
                                verbose_name=_("teacher"))
    note = models.CharField(_("note"), max_length=500, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT,
                                    related_name="+")

    class Meta:
        ordering = ["-held_on", "-id"]
        verbose_name = _("safety lesson")
        # One class holds one lesson of a topic and kind on a day: a double submit finds the first.
        constraints = [models.UniqueConstraint(fields=["org_unit", "topic", "kind", "held_on"],
                                               name="unique_lesson_per_day")]
        indexes = [models.Index(fields=["org_unit", "kind", "held_on"])]

    def __str__(self) -> str:
        return f"{self.topic} · {self.held_on}"

    def get_absolute_url(self) -> str:
        return reverse("education:lesson-detail", args=[self.pk])
