from django.db import models
from django.utils.translation import gettext_lazy as _


class UnitKind(models.TextChoices):
    AUTHORITY = "authority", _("Education authority")
    CENTRAL_SCHOOL = "central_school", _("Central school")
    SCHOOL = "school", _("School")
    GRADE = "grade", _("Grade")
    CLASS = "class", _("Class")


# Which kind may sit under which: the tree's shape is data the services enforce.
CHILD_KINDS = {
    UnitKind.AUTHORITY: {UnitKind.CENTRAL_SCHOOL, UnitKind.AUTHORITY},
    UnitKind.CENTRAL_SCHOOL: {UnitKind.SCHOOL},
    UnitKind.SCHOOL: {UnitKind.GRADE},
    UnitKind.GRADE: {UnitKind.CLASS},
    UnitKind.CLASS: set(),
}


class SchoolType(models.TextChoices):
    PRIMARY = "primary", _("Primary school")
    MIDDLE = "middle", _("Middle school")
    KINDERGARTEN = "kindergarten", _("Kindergarten")
    TEACHING_POINT = "teaching_point", _("Teaching point")


class Gender(models.TextChoices):
    FEMALE = "f", _("Female")
    MALE = "m", _("Male")


class SemesterKind(models.TextChoices):
    AUTUMN = "autumn", _("Autumn semester")
    SPRING = "spring", _("Spring semester")
