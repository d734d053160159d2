"""The organisation tree, people, students and guardians, roles, and the school calendar."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from safecampus.core.crypto import EncryptedTextField, mask
from safecampus.core.models import BaseModel, ScopedModel
from safecampus.core.scoping import ScopedQuerySet

from .choices import Gender, SchoolType, SemesterKind, UnitKind


class Bilingual(models.Model):
    """``name`` is canonical; ``name_zh`` is what Chinese readers see when it is set."""

    name = models.CharField(_("name"), max_length=200)
    name_zh = models.CharField(_("Chinese name"), max_length=200, blank=True)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        if self.name_zh and (get_language() or "").lower().startswith("zh"):
            return self.name_zh
        return self.name


class OrgUnit(Bilingual, BaseModel):
    kind = models.CharField(_("kind"), max_length=20, choices=UnitKind.choices)
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT,
                               related_name="children", verbose_name=_("parent"))
    # "/1/4/9/": this unit and everything below it is one indexed prefix filter.
    path = models.CharField(max_length=255, unique=True, editable=False)
    depth = models.PositiveSmallIntegerField(default=0, editable=False)
    code = models.CharField(_("code"), max_length=32, blank=True)
    school_type = models.CharField(_("school type"), max_length=20, choices=SchoolType.choices, blank=True)
    timezone = models.CharField(_("time zone"), max_length=64, default="Asia/Shanghai")
    address = models.CharField(_("address"), max_length=255, blank=True)
    phone = models.CharField(_("phone"), max_length=32, blank=True)
    # Facts obligations depend on (a canteen owes daily food samples, ...).
    has_canteen = models.BooleanField(_("has canteen"), default=False)
    has_dormitory = models.BooleanField(_("has dormitory"), default=False)
    has_transport = models.BooleanField(_("has school transport"), default=False)
    is_boarding = models.BooleanField(_("boarding"), default=False)
    floors = models.PositiveSmallIntegerField(_("number of floors"), null=True, blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    closed_on = models.DateField(_("closed on"), null=True, blank=True)

    objects = ScopedQuerySet.as_manager()
    scope_path_lookup = "path"

    class Meta:
        ordering = ["path"]
        verbose_name = _("unit")
        verbose_name_plural = _("units")
        indexes = [models.Index(fields=["kind", "path"])]

    def get_absolute_url(self) -> str:
        return reverse("org:unit-detail", args=[self.pk])

    @property
    def org_unit(self) -> OrgUnit:
        """A unit owns itself, so audit, attachments and workflows treat it like any record."""
        return self

    def ancestors(self) -> models.QuerySet[OrgUnit]:
        ids = [int(p) for p in self.path.strip("/").split("/")[:-1] if p]
        return OrgUnit.objects.filter(pk__in=ids).order_by("depth")

    def ancestor_of_kind(self, kind: str) -> OrgUnit | None:
        if self.kind == kind:
            return self
        return self.ancestors().filter(kind=kind).first()

    @property
    def school(self) -> OrgUnit | None:
        return self.ancestor_of_kind(UnitKind.SCHOOL)

    def is_within(self, other: OrgUnit) -> bool:
        return self.path.startswith(other.path)


class Post(Bilingual, BaseModel):
    """A job in a school (principal, door guard, ...). Its safety duties live in `responsibility`."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    sort = models.PositiveSmallIntegerField(default=100)

    class Meta:
        ordering = ["sort", "code"]
        verbose_name = _("post")


class Role(Bilingual, BaseModel):
    code = models.SlugField(max_length=40, unique=True)
    capabilities = models.JSONField(default=list)

    class Meta:
        ordering = ["code"]


class RoleAssignment(BaseModel):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="role_assignments")
    role = models.ForeignKey(Role, on_delete=models.PROTECT, related_name="assignments")
    org_unit = models.ForeignKey(OrgUnit, on_delete=models.PROTECT, related_name="role_assignments")

    objects = ScopedQuerySet.as_manager()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "role", "org_unit"], name="unique_role_at_unit")]


class PersonalData(models.Model):
    """Identity number encrypted at rest with a keyed hash for exact search; masked on read."""

    id_number = EncryptedTextField(_("identity number"), blank=True)
    id_number_hash = models.CharField(max_length=64, blank=True, db_index=True, editable=False)

    class Meta:
        abstract = True

    @property
    def id_number_masked(self) -> str:
        return mask(str(getattr(self.id_number, "reveal", lambda: self.id_number)() or ""), 4, 4)


class Staff(PersonalData, ScopedModel):
    user = models.OneToOneField(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                related_name="staff")
    name = models.CharField(_("name"), max_length=100)
    gender = models.CharField(_("gender"), max_length=1, choices=Gender.choices, blank=True)
    phone = models.CharField(_("phone"), max_length=32, blank=True)
    posts = models.ManyToManyField(Post, blank=True, related_name="staff", verbose_name=_("posts"))
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["org_unit__path", "name"]
        verbose_name = _("staff member")
        verbose_name_plural = _("staff")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("org:staff-edit", args=[self.pk])


class Student(PersonalData, ScopedModel):
    """A pupil; ``org_unit`` is the class."""

    name = models.CharField(_("name"), max_length=100)
    gender = models.CharField(_("gender"), max_length=1, choices=Gender.choices, blank=True)
    birth_date = models.DateField(_("date of birth"), null=True, blank=True)
    student_no = models.CharField(_("student number"), max_length=32, blank=True)
    health_notes = EncryptedTextField(_("health notes"), blank=True)
    enrolled_on = models.DateField(_("enrolled on"), null=True, blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["org_unit__path", "name"]
        verbose_name = _("student")

    def __str__(self) -> str:
        return self.name


    def get_absolute_url(self) -> str:
        return reverse("org:student-detail", args=[self.pk])


class Guardian(PersonalData, ScopedModel):
    name = models.CharField(_("name"), max_length=100)
    phone = models.CharField(_("phone"), max_length=32, blank=True)
    students = models.ManyToManyField(Student, through="GuardianLink", related_name="guardians")

    class Meta:
        ordering = ["name"]
        verbose_name = _("guardian")

    def __str__(self) -> str:
        return self.name


class GuardianLink(models.Model):
    guardian = models.ForeignKey(Guardian, on_delete=models.CASCADE)
    student = models.ForeignKey(Student, on_delete=models.CASCADE)
    relation = models.CharField(_("relation"), max_length=32, blank=True)
    may_pick_up = models.BooleanField(_("authorised to pick up"), default=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["guardian", "student"], name="unique_guardian_student")]

    def __str__(self) -> str:
        return f"{self.guardian_id} → {self.student_id}"


class SchoolYear(ScopedModel):
    """Owned by the central school (or authority); schools below follow its calendar."""

    name = models.CharField(_("name"), max_length=32)
    start = models.DateField(_("start"))
    end = models.DateField(_("end"))

    class Meta:
        ordering = ["-start"]
        constraints = [models.UniqueConstraint(fields=["org_unit", "name"], name="unique_school_year")]

    def __str__(self) -> str:
        return self.name


class Semester(ScopedModel):
    school_year = models.ForeignKey(SchoolYear, on_delete=models.CASCADE, related_name="semesters")
    kind = models.CharField(_("kind"), max_length=10, choices=SemesterKind.choices)
    start = models.DateField(_("start"))
    end = models.DateField(_("end"))

    class Meta:
        ordering = ["start"]

    def __str__(self) -> str:
        return f"{self.school_year} {self.get_kind_display()}"


class Holiday(ScopedModel):
    semester = models.ForeignKey(Semester, on_delete=models.CASCADE, related_name="holidays", null=True)
    name = models.CharField(_("name"), max_length=100)
    name_zh = models.CharField(_("Chinese name"), max_length=100, blank=True)
    start = models.DateField(_("start"))
    end = models.DateField(_("end"))

    class Meta:
        ordering = ["start"]

    def __str__(self) -> str:
        return self.name_zh if self.name_zh and (get_language() or "").startswith("zh") else self.name


from .models_onboarding import ImportJob, PendingPassword, StudentMove  # noqa: E402, F401 (one models module)
