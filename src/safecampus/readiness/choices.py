from django.db import models
from django.utils.translation import gettext_lazy as _


class PlanKind(models.TextChoices):
    PUBLIC_SECURITY = "public_security", _("Public security")
    FIRE = "fire", _("Fire")
    FOOD_POISONING = "food_poisoning", _("Food poisoning")
    CROWDING = "crowding", _("Crowding and trampling")
    PUBLIC_HEALTH = "public_health", _("Public health")
    NATURAL_DISASTER = "natural_disaster", _("Natural disaster")


class PlanStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    APPROVED = "approved", _("Approved")
    SUPERSEDED = "superseded", _("Superseded by a newer version")


class ReviewKind(models.TextChoices):
    APPROVAL = "approval", _("Approved")
    REVIEW = "review", _("Reviewed, still valid")


class TeamKind(models.TextChoices):
    LEADING_GROUP = "leading_group", _("Emergency leading group")
    EVACUATION = "evacuation", _("Evacuation")
    FIRST_AID = "first_aid", _("First aid")
    COMMUNICATION = "communication", _("Communication")
    SECURITY = "security", _("Security")
    LOGISTICS = "logistics", _("Logistics")


class MemberRole(models.TextChoices):
    LEADER = "leader", _("Leader")
    DEPUTY = "deputy", _("Deputy leader")
    MEMBER = "member", _("Member")


class DrillKind(models.TextChoices):
    EVACUATION = "evacuation", _("Evacuation")
    FIRE = "fire", _("Fire")
    EARTHQUAKE = "earthquake", _("Earthquake")
    INTRUDER = "intruder", _("Intruder (anti-terror)")
    FOOD_POISONING = "food_poisoning", _("Food poisoning")
    FLOOD = "flood", _("Flood and storm")
    SCHOOL_BUS = "school_bus", _("School-bus evacuation")


class DrillStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    HELD = "held", _("Held")
