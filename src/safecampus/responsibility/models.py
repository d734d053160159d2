"""Safety teams, post duties, responsibility letters, meetings and the rules registry (ORG-2..ORG-6)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from safecampus.core.models import BaseModel, ScopedModel

from .choices import ActionStatus, LetterLevel, LetterStatus, MeetingKind, TeamKind, TeamRole

USER = settings.AUTH_USER_MODEL


def _zh() -> bool:
    return (get_language() or "").lower().startswith("zh")


class SafetyTeam(ScopedModel):
    """The leading group or the working team of one school (one of each per unit)."""

    kind = models.CharField(_("kind"), max_length=20, choices=TeamKind.choices)
    name = models.CharField(_("name"), max_length=200, blank=True)
    duties = models.TextField(_("remit"), blank=True)

    class Meta:
        ordering = ["org_unit__path", "kind"]
        constraints = [models.UniqueConstraint(fields=["org_unit", "kind"], name="resp_team_per_unit")]
        verbose_name = _("safety team")

    def __str__(self) -> str:
        return self.name or f"{self.org_unit} · {self.get_kind_display()}"

    def get_absolute_url(self) -> str:
        return reverse("responsibility:team-detail", args=[self.pk])


class TeamMember(ScopedModel):
    team = models.ForeignKey(SafetyTeam, on_delete=models.CASCADE, related_name="members")
    user = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    name = models.CharField(_("name"), max_length=100)
    team_role = models.CharField(_("role in the team"), max_length=20, choices=TeamRole.choices)
    position = models.CharField(_("position"), max_length=100, blank=True)
    contact = models.CharField(_("contact"), max_length=64, blank=True)
    sort = models.PositiveSmallIntegerField(default=100)

    class Meta:
        ordering = ["team", "sort", "id"]
        constraints = [models.UniqueConstraint(fields=["team", "user"], condition=Q(user__isnull=False),
                                               name="resp_member_once")]

    def __str__(self) -> str:
        return self.name


class PostDuty(BaseModel):
    """One safety duty of a post ("one post, two responsibilities"); the catalogue is the central school's."""

    post = models.ForeignKey("org.Post", on_delete=models.CASCADE, related_name="safety_duties")
    text = models.TextField(_("duty (English)"))
    text_zh = models.TextField(_("duty (Chinese)"), blank=True)
    sort = models.PositiveSmallIntegerField(default=100)

    class Meta:
        ordering = ["post__sort", "post__code", "sort", "id"]

    def __str__(self) -> str:
        return self.display

    @property
    def display(self) -> str:
        return self.text_zh if self.text_zh and _zh() else self.text


class LetterTemplate(ScopedModel):
    """The wording of one level's letter; the nearest template above the issuing unit is used."""

    level = models.CharField(_("level"), max_length=10, choices=LetterLevel.choices)
    title = models.CharField(_("title (English)"), max_length=200)
    title_zh = models.CharField(_("title (Chinese)"), max_length=200, blank=True)
    body = models.TextField(_("text (English)"))
    body_zh = models.TextField(_("text (Chinese)"), blank=True)

    class Meta:
        ordering = ["org_unit__path", "level"]
        constraints = [models.UniqueConstraint(fields=["org_unit", "level"], name="resp_template_per_level")]

    def __str__(self) -> str:
        return self.title_zh if self.title_zh and _zh() else self.title

    def get_absolute_url(self) -> str:
        return reverse("responsibility:template-edit", args=[self.pk])


class ResponsibilityLetter(ScopedModel):
    """A safety responsibility letter; ``org_unit`` is the recipient's unit, so it is visible to the
    recipient's unit and to the issuer above it."""

    issuer_unit = models.ForeignKey("org.OrgUnit", on_delete=models.PROTECT, related_name="+",
                                    verbose_name=_("issued by unit"))
    issued_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    recipient = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="responsibility_letters",
                                  verbose_name=_("recipient"))
    recipient_name = models.CharField(_("recipient"), max_length=150)
    level = models.CharField(_("level"), max_length=10, choices=LetterLevel.choices)
    template = models.ForeignKey(LetterTemplate, null=True, blank=True, on_delete=models.SET_NULL,
                                 related_name="+")
    year = models.PositiveSmallIntegerField(_("school year"))
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("text"), blank=True)
    duties = models.TextField(_("duties"))
    status = models.CharField(_("status"), max_length=10, choices=LetterStatus.choices,
                              default=LetterStatus.ISSUED)
    issued_at = models.DateTimeField(_("issued at"))
    signed_at = models.DateTimeField(_("signed at"), null=True, blank=True)
    signed_name = models.CharField(_("signed as"), max_length=150, blank=True)
    # A drawn signature as a PNG data URI, optional: the typed name is the acknowledgement.
    signature = models.TextField(blank=True)
    last_reminded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-year", "org_unit__path", "id"]
        constraints = [
            # Batch issue is idempotent: one letter per recipient, year and level.
            models.UniqueConstraint(fields=["recipient", "year", "level"], condition=~Q(level="custom"),
                                    name="resp_letter_once_per_year"),
        ]
        indexes = [models.Index(fields=["status", "year"])]
        verbose_name = _("responsibility letter")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("responsibility:letter-detail", args=[self.pk])

    @property
    def year_label(self) -> str:
        return f"{self.year}-{self.year + 1}"

    def duty_lines(self) -> list[str]:
        return [line.strip() for line in self.duties.splitlines() if line.strip()]


class Meeting(ScopedModel):
    kind = models.CharField(_("kind"), max_length=20, choices=MeetingKind.choices)
    title = models.CharField(_("title"), max_length=200)
    held_at = models.DateTimeField(_("held at"), db_index=True)  # obligations count meetings by period
    location = models.CharField(_("location"), max_length=200, blank=True)
    agenda = models.TextField(_("agenda"), blank=True)
    minutes = models.TextField(_("minutes"), blank=True)
    higher_documents = models.TextField(_("higher-level documents conveyed"), blank=True)
    attendees = models.ManyToManyField(USER, blank=True, related_name="+", verbose_name=_("attendees"))
    absent_note = models.CharField(_("absent (and why)"), max_length=255, blank=True)
    recorded_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["-held_at", "-id"]
        verbose_name = _("safety meeting")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("responsibility:meeting-detail", args=[self.pk])


class MeetingAction(ScopedModel):
    """A decision of a meeting turned into work: an owner, a due date, a task until done."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="actions")
    title = models.CharField(_("action"), max_length=255)
    owner = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+", verbose_name=_("owner"))
    due = models.DateField(_("due"))
    status = models.CharField(_("status"), max_length=10, choices=ActionStatus.choices,
                              default=ActionStatus.OPEN)
    done_at = models.DateTimeField(null=True, blank=True)
    done_note = models.TextField(blank=True)

    class Meta:
        ordering = ["due", "id"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return self.meeting.get_absolute_url()


class SchoolRule(ScopedModel):
    """A rule a unit adopted from a model text (or wrote itself); its wording lives in versions."""

    code = models.SlugField(_("code"), max_length=60)
    current = models.ForeignKey("RuleVersion", null=True, blank=True, on_delete=models.PROTECT,
                                related_name="+")
    adopted_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["org_unit__path", "code"]
        constraints = [models.UniqueConstraint(fields=["org_unit", "code"], name="resp_rule_once_per_unit")]
        verbose_name = _("safety rule")

    def __str__(self) -> str:
        return str(self.current) if self.current_id else self.code

    def get_absolute_url(self) -> str:
        return reverse("responsibility:rule-detail", args=[self.pk])


class RuleVersion(ScopedModel):
    rule = models.ForeignKey(SchoolRule, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveSmallIntegerField(_("version"))
    title = models.CharField(_("title (English)"), max_length=200)
    title_zh = models.CharField(_("title (Chinese)"), max_length=200, blank=True)
    body = models.TextField(_("text (English)"))
    body_zh = models.TextField(_("text (Chinese)"), blank=True)
    note = models.CharField(_("what changed"), max_length=255, blank=True)
    adopted_at = models.DateTimeField(_("adopted at"))
    adopted_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["rule", "-number"]
        constraints = [models.UniqueConstraint(fields=["rule", "number"], name="resp_rule_version_number")]

    def __str__(self) -> str:
        return self.display_title

    @property
    def display_title(self) -> str:
        return self.title_zh if self.title_zh and _zh() else self.title

    @property
    def display_body(self) -> str:
        return self.body_zh if self.body_zh and _zh() else self.body


class RuleAcknowledgement(ScopedModel):
    """A person read this version of the rule; a new version needs a new acknowledgement."""

    rule_version = models.ForeignKey(RuleVersion, on_delete=models.CASCADE, related_name="acknowledgements")
    user = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="+")
    acknowledged_at = models.DateTimeField(_("acknowledged at"))

    class Meta:
        ordering = ["-acknowledged_at"]
        constraints = [models.UniqueConstraint(fields=["rule_version", "user"], name="resp_ack_once")]


__all__ = ["ActionStatus", "LetterLevel", "LetterStatus", "MeetingKind", "TeamKind", "TeamRole"]
