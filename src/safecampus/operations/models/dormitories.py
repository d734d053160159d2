"""Dormitories: buildings, rooms and beds, the boarders who sleep in them, and each night's bed check."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from safecampus.core.models import ScopedModel

from ..choices import BedStatus


class DormBuilding(ScopedModel):
    """``org_unit`` is the school."""

    name = models.CharField(_("building"), max_length=100)

    class Meta:
        ordering = ["org_unit", "name"]
        verbose_name = _("dormitory building")
        constraints = [models.UniqueConstraint(fields=["org_unit", "name"], name="dorm_building_once")]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("operations:dormitory")


class DormRoom(ScopedModel):
    """A room of a building; ``org_unit`` is the school."""

    building = models.ForeignKey(DormBuilding, on_delete=models.PROTECT, related_name="rooms",
                                 verbose_name=_("building"))
    name = models.CharField(_("room"), max_length=32)

    class Meta:
        ordering = ["building", "name"]
        verbose_name = _("dormitory room")
        constraints = [models.UniqueConstraint(fields=["building", "name"], name="dorm_room_once")]

    def __str__(self) -> str:
        return f"{self.building.name} {self.name}"

    def get_absolute_url(self) -> str:
        return reverse("operations:dormitory")


class DormBed(ScopedModel):
    room = models.ForeignKey(DormRoom, on_delete=models.PROTECT, related_name="beds", verbose_name=_("room"))
    label = models.CharField(_("bed"), max_length=16)

    class Meta:
        ordering = ["room", "label"]
        verbose_name = _("bed")
        constraints = [models.UniqueConstraint(fields=["room", "label"], name="dorm_bed_once")]

    def __str__(self) -> str:
        return f"{self.room} / {self.label}"


class Resident(ScopedModel):
    """A boarder in a bed from ``since`` until ``until`` (empty while they board); ``org_unit`` is the school."""

    student = models.ForeignKey("org.Student", on_delete=models.PROTECT, related_name="dorm_stays",
                                verbose_name=_("pupil"))
    bed = models.ForeignKey(DormBed, on_delete=models.PROTECT, related_name="stays", verbose_name=_("bed"))
    since = models.DateField(_("since"))
    until = models.DateField(_("moved out on"), null=True, blank=True)
    active = models.BooleanField(_("boards"), default=True)

    class Meta:
        ordering = ["bed__room__building__name", "bed__room__name", "bed__label"]
        verbose_name = _("boarder")
        constraints = [
            models.UniqueConstraint(fields=["student"], condition=Q(active=True), name="resident_one_bed"),
            models.UniqueConstraint(fields=["bed"], condition=Q(active=True), name="bed_one_resident"),
        ]
        indexes = [models.Index(fields=["org_unit", "active"])]

    def __str__(self) -> str:
        return str(self.student)

    def get_absolute_url(self) -> str:
        return reverse("operations:dormitory")


class BedCheck(ScopedModel):
    """One night's bed check of a school's boarders; ``org_unit`` is the school."""

    date = models.DateField(_("night of"))
    checked_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+",
                                   verbose_name=_("checked by"))
    checked_at = models.DateTimeField(_("checked at"))
    present = models.PositiveIntegerField(_("present"), default=0)
    absent = models.PositiveIntegerField(_("absent"), default=0)
    on_leave = models.PositiveIntegerField(_("on leave"), default=0)

    class Meta:
        ordering = ["-date", "org_unit"]
        verbose_name = _("bed check")
        constraints = [models.UniqueConstraint(fields=["org_unit", "date"], name="bed_check_once")]

    def __str__(self) -> str:
        return f"{self.org_unit} {self.date}"

    def get_absolute_url(self) -> str:
        return reverse("operations:bed-check-detail", args=[self.pk])


class BedCheckEntry(ScopedModel):
    """One boarder's state at one night's check; ``org_unit`` is the school."""

    bed_check = models.ForeignKey(BedCheck, on_delete=models.CASCADE, related_name="entries")
    student = models.ForeignKey("org.Student", on_delete=models.PROTECT, related_name="+", verbose_name=_("pupil"))
    date = models.DateField(_("night of"))
    status = models.CharField(_("status"), max_length=10, choices=BedStatus.choices)
    room = models.CharField(_("room"), max_length=160, blank=True)

    class Meta:
        ordering = ["-date", "room", "id"]
        verbose_name = _("bed check entry")
        constraints = [models.UniqueConstraint(fields=["bed_check", "student"], name="bed_entry_once")]
        indexes = [models.Index(fields=["org_unit", "date", "status"])]

    def __str__(self) -> str:
        return f"{self.student} {self.date}"

    def get_absolute_url(self) -> str:
        return reverse("operations:bed-check-detail", args=[self.bed_check_id])
