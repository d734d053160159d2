"""Checklist templates (versioned), inspections, their results, and spot-check draws."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from safecampus.core.errors import Forbidden, NotFound
from safecampus.core.links import reverse_pk
from safecampus.core.models import BaseModel, ScopedModel
from safecampus.core.permissions import scope_paths
from safecampus.core.scoping import PRESENCE, ScopedQuerySet, path_q

from .choices import HazardLevel, InspectionStatus, Outcome, TemplateKind, Topic


def _zh() -> bool:
    return (get_language() or "").lower().startswith("zh")


def display(name: str, name_zh: str) -> str:
    """A checklist's name in the reader's language: the Chinese one when there is one and they read Chinese."""
    return name_zh if name_zh and _zh() else name


def _ancestors(path: str) -> list[str]:
    parts = [p for p in path.strip("/").split("/") if p]
    return ["/" + "/".join(parts[: i + 1]) + "/" for i in range(len(parts) - 1)]


class TemplateQuerySet(ScopedQuerySet):
    """Templates are reference material: they are read below the unit that owns them, not only above.

    The shared library has no owner and is readable by anyone who holds the capability somewhere.
    """

    def visible_to(self, user, action: str) -> TemplateQuerySet:
        if user is None or not getattr(user, "is_authenticated", False):
            return self.none()
        roots = scope_paths(user, action)
        if not roots:
            return self.none()
        above = sorted({a for r in roots for a in _ancestors(r)} | set(roots))
        return self.filter(Q(owner__isnull=True) | Q(owner__path__in=above) | path_q("owner__path", roots))

    def get_visible(self, user, action: str, **lookup):
        try:
            obj = self.visible_to(user, PRESENCE).get(**lookup)
        except (self.model.DoesNotExist, ValueError, TypeError) as exc:
            raise NotFound() from exc
        if not self.visible_to(user, action).filter(pk=obj.pk).exists():
            raise Forbidden()
        return obj


class ChecklistTemplate(BaseModel):
    """The lasting identity of a checklist; its content lives in numbered versions."""

    code = models.SlugField(_("code"), max_length=60)
    # Null: the shared library that ships with SafeCampus. Otherwise the unit that wrote it.
    owner = models.ForeignKey("org.OrgUnit", null=True, blank=True, on_delete=models.PROTECT, related_name="+",
                              verbose_name=_("owner"))
    kind = models.CharField(_("kind"), max_length=20, choices=TemplateKind.choices)
    topic = models.CharField(_("topic"), max_length=20, choices=Topic.choices)
    name = models.CharField(_("name"), max_length=200)
    name_zh = models.CharField(_("Chinese name"), max_length=200, blank=True)
    current_version = models.ForeignKey("TemplateVersion", null=True, blank=True, on_delete=models.PROTECT,
                                        related_name="+")
    is_active = models.BooleanField(_("active"), default=True)

    objects = TemplateQuerySet.as_manager()
    scope_path_lookup = "owner__path"

    class Meta:
        ordering = ["kind", "topic", "name"]
        verbose_name = _("checklist template")
        constraints = [models.UniqueConstraint(fields=["owner", "code"], name="inspections_template_code")]

    @property
    def display_name(self) -> str:
        return display(self.name, self.name_zh)

    def __str__(self) -> str:
        return self.display_name

    def get_absolute_url(self) -> str:
        return reverse("inspections:template-detail", args=[self.pk])


class TemplateVersion(models.Model):
    """Frozen once written: an inspection points at the version it was carried out with."""

    template = models.ForeignKey(ChecklistTemplate, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    name = models.CharField(_("name"), max_length=200)
    name_zh = models.CharField(_("Chinese name"), max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")

    class Meta:
        ordering = ["template", "-number"]
        constraints = [models.UniqueConstraint(fields=["template", "number"], name="inspections_version_number")]

    def __str__(self) -> str:
        return f"{self.display_name} v{self.number}"

    @property
    def display_name(self) -> str:
        return display(self.name, self.name_zh)


class ChecklistItem(models.Model):
    version = models.ForeignKey(TemplateVersion, on_delete=models.CASCADE, related_name="items")
    position = models.PositiveSmallIntegerField(default=0)
    text = models.CharField(_("item"), max_length=300)
    text_zh = models.CharField(_("item (Chinese)"), max_length=300, blank=True)
    guidance = models.TextField(_("guidance"), blank=True)
    guidance_zh = models.TextField(_("guidance (Chinese)"), blank=True)
    weight = models.PositiveSmallIntegerField(_("weight"), default=1)
    opens_hazard = models.BooleanField(_("failure opens a hazard"), default=True)
    hazard_level = models.CharField(_("hazard level"), max_length=10, choices=HazardLevel.choices,
                                    default=HazardLevel.GENERAL)
    # A hazard-register category; empty means the one that follows from the checklist's topic.
    hazard_category = models.CharField(_("hazard category"), max_length=20, blank=True)

    class Meta:
        ordering = ["version", "position", "id"]

    def __str__(self) -> str:
        return self.display_text

    @property
    def display_text(self) -> str:
        return self.text_zh if self.text_zh and _zh() else (self.text or self.text_zh)

    @property
    def display_guidance(self) -> str:
        return self.guidance_zh if self.guidance_zh and _zh() else (self.guidance or self.guidance_zh)


class SpotCheckDraw(ScopedModel):
    """A random pick of schools, kept with its seed so anyone can re-run it and get the same schools."""

    template = models.ForeignKey(ChecklistTemplate, on_delete=models.PROTECT, related_name="+",
                                 verbose_name=_("checklist"))
    count = models.PositiveSmallIntegerField(_("number of schools"))
    seed = models.CharField(_("seed"), max_length=40)
    candidates = models.JSONField(_("candidates"), default=list)   # unit ids, in the order drawn from
    chosen = models.JSONField(_("chosen"), default=list)           # unit ids, in draw order
    scheduled_for = models.DateField(_("scheduled for"))
    drawn_at = models.DateTimeField(_("drawn at"))
    drawn_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["-drawn_at"]
        verbose_name = _("spot-check draw")
        # One draw per checklist and day: drawing again until the result suits someone is not possible.
        constraints = [models.UniqueConstraint(fields=["org_unit", "template", "scheduled_for"],
                                               name="inspections_one_draw_per_day")]

    def __str__(self) -> str:
        from django.utils import timezone

        return _("Spot-check draw %(date)s") % {"date": timezone.localtime(self.drawn_at).date().isoformat()}

    def get_absolute_url(self) -> str:
        return reverse("inspections:draw-detail", args=[self.pk])


class Inspection(ScopedModel):
    """One checklist carried out at one school. ``org_unit`` is the school inspected."""

    template = models.ForeignKey(ChecklistTemplate, on_delete=models.PROTECT, related_name="inspections",
                                 verbose_name=_("checklist"))
    template_version = models.ForeignKey(TemplateVersion, on_delete=models.PROTECT, related_name="inspections")
    status = models.CharField(_("status"), max_length=12, choices=InspectionStatus.choices,
                              default=InspectionStatus.SCHEDULED, db_index=True)
    scheduled_for = models.DateField(_("scheduled for"))
    assignee = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                 related_name="+", verbose_name=_("inspector"))
    scheduled_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                                     related_name="+")
    draw = models.ForeignKey(SpotCheckDraw, null=True, blank=True, on_delete=models.PROTECT,
                             related_name="inspections")
    completed_at = models.DateTimeField(_("completed at"), null=True, blank=True)
    completed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="+", verbose_name=_("completed by"))
    score = models.DecimalField(_("score"), max_digits=5, decimal_places=1, null=True, blank=True)
    summary = models.TextField(_("summary"), blank=True)

    class Meta:
        ordering = ["-scheduled_for", "-id"]
        verbose_name = _("inspection")
        constraints = [
            # A double submit (or two officers scheduling the same check) makes one inspection.
            models.UniqueConstraint(fields=["org_unit", "template", "scheduled_for"],
                                    condition=~Q(status="cancelled"), name="inspections_one_per_day"),
        ]
        indexes = [models.Index(fields=["assignee", "status"])]

    def __str__(self) -> str:
        return f"{self.template.display_name} · {self.org_unit} · {self.scheduled_for.isoformat()}"

    def get_absolute_url(self) -> str:
        return reverse_pk("inspections:inspection-detail", self.pk)


class InspectionResult(models.Model):
    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="results")
    item = models.ForeignKey(ChecklistItem, on_delete=models.PROTECT, related_name="+")
    outcome = models.CharField(_("outcome"), max_length=4, choices=Outcome.choices)
    note = models.TextField(_("note"), blank=True)
    # The hazard a failure opened; the link lives here so hazards never needs to know inspections.
    hazard = models.ForeignKey("hazards.Hazard", null=True, blank=True, on_delete=models.PROTECT,
                               related_name="+")

    class Meta:
        ordering = ["item__position", "item_id"]
        constraints = [models.UniqueConstraint(fields=["inspection", "item"], name="inspections_one_result")]

    def __str__(self) -> str:
        return f"{self.item} · {self.get_outcome_display()}"

