"""Every state change of the responsibility app: one transaction, a row lock or version check,
one audit event per change, notifications written in the same transaction."""

from __future__ import annotations

import hmac
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _

from safecampus.core import audit
from safecampus.core.concurrency import bump, lock
from safecampus.core.errors import Conflict, Forbidden, InvalidInput
from safecampus.core.files import store
from safecampus.core.models import Notification
from safecampus.core.notify import notify
from safecampus.core.permissions import grants_of, has_capability, require
from safecampus.org.models import OrgUnit, Post, RoleAssignment, Staff

from . import texts
from .choices import ActionStatus, BatchKind, LetterLevel, LetterStatus, MeetingKind, TeamKind, TeamRole
from .models import (
    LetterTemplate,
    Meeting,
    MeetingAction,
    PostDuty,
    ResponsibilityLetter,
    RuleAcknowledgement,
    RuleVersion,
    SafetyTeam,
    SchoolRule,
    TeamMember,
)
from .selectors import prefixes, works_in

User = get_user_model()
MAX_SIGNATURE = 300_000  # a drawn signature as a PNG data URI; more is not a signature


def _text(value: Any, name: str, *, required: bool = True, max_length: int | None = None) -> str:
    value = "" if value is None else str(value).strip()
    if required and not value:
        raise InvalidInput.field(name, _("This field is required."))
    if max_length and len(value) > max_length:
        raise InvalidInput.field(name, _("At most %(n)d characters.") % {"n": max_length})
    return value


def school_year_of(day: date) -> int:
    """School years start in September: 2026 means 2026-2027."""
    return day.year if day.month >= 9 else day.year - 1


def _year(value: Any) -> int:
    try:
        year = int(value)
    except (TypeError, ValueError):
        raise InvalidInput.field("year", _("A year such as 2026.")) from None
    if not 2000 <= year <= 2100:
        raise InvalidInput.field("year", _("A year such as 2026."))
    return year


def home_unit(user) -> OrgUnit | None:
    """The unit a person works at: their staff record's unit, else the deepest unit of their roles."""
    staff = Staff.objects.filter(user=user).select_related("org_unit").first()
    if staff is not None:
        return staff.org_unit
    ra = RoleAssignment.objects.filter(user=user).select_related("org_unit").order_by("-org_unit__depth").first()
    return ra.org_unit if ra else None


def display_name(user) -> str:
    staff = getattr(user, "staff", None) if user is not None else None
    try:
        if staff is not None and staff.name:
            return staff.name
    except Staff.DoesNotExist:
        pass
    return (user.get_full_name() or user.get_username()) if user is not None else ""


# ---------------------------------------------------------------- teams (ORG-2)

@transaction.atomic
def ensure_team(*, actor, unit: OrgUnit, kind: str, name: str = "", duties: str = "") -> SafetyTeam:
    if kind not in TeamKind.values:
        raise InvalidInput.field("kind", _("Unknown kind."))
    if unit.kind not in ("school", "central_school"):
        raise InvalidInput.field("org_unit", _("Teams belong to a school or the central school."))
    require(actor, "responsibility.manage_team", unit)
    team, created = SafetyTeam.objects.get_or_create(
        org_unit=unit, kind=kind, defaults={"name": _text(name, "name", required=False, max_length=200),
                                            "duties": duties or ""})
    if created:
        audit.record("responsibility.team_created", actor=actor, obj=team, changes={"kind": kind, "name": name})
    return team


@transaction.atomic
def add_member(*, actor, team: SafetyTeam, team_role: str, user=None, name: str = "", position: str = "",
               contact: str = "") -> TeamMember:
    team = lock(SafetyTeam, team.pk)
    require(actor, "responsibility.manage_team", team.org_unit)
    if team_role not in TeamRole.values:
        raise InvalidInput.field("team_role", _("Unknown role."))
    if user is not None:
        if TeamMember.objects.filter(team=team, user=user).exists():
            raise InvalidInput.field("user", _("Already a member of this team."))
        staff = Staff.objects.filter(user=user).first()
        name = name or display_name(user)
        contact = contact or (staff.phone if staff else "")
        position = position or (", ".join(p.display_name for p in staff.posts.all()) if staff else "")
    name = _text(name, "name", max_length=100)
    member = TeamMember.objects.create(
        org_unit=team.org_unit, team=team, user=user, name=name, team_role=team_role,
        position=_text(position, "position", required=False, max_length=100),
        contact=_text(contact, "contact", required=False, max_length=64),
        sort={"leader": 10, "deputy": 20, "secretary": 30}.get(team_role, 100))
    bump(team)
    audit.record("responsibility.member_added", actor=actor, obj=team,
                 changes={"member": name, "user": getattr(user, "pk", None), "team_role": team_role})
    return member


@transaction.atomic
def remove_member(*, actor, member: TeamMember) -> None:
    team = lock(SafetyTeam, member.team_id)
    require(actor, "responsibility.manage_team", team.org_unit)
    audit.record("responsibility.member_removed", actor=actor, obj=team,
                 changes={"member": member.name, "team_role": member.team_role})
    member.delete()
    bump(team)


# ---------------------------------------------------------------- post duties (ORG-3)

def _lines(text: Any) -> list[str]:
    if isinstance(text, list | tuple):
        return [str(x).strip() for x in text if str(x).strip()]
    return [line.strip() for line in str(text or "").splitlines() if line.strip()]


@transaction.atomic
def set_post_duties(*, actor, post: Post, duties_en: Any, duties_zh: Any) -> list[PostDuty]:
    """Replace a post's duties; line n of the English list pairs with line n of the Chinese one."""
    if actor is not None and not has_capability(actor, "responsibility.edit_duties"):
        raise Forbidden()
    en, zh = _lines(duties_en), _lines(duties_zh)
    if not en:
        raise InvalidInput.field("duties_en", _("At least one duty."))
    if zh and len(zh) != len(en):
        raise InvalidInput.field("duties_zh", _("One Chinese line for each English line."))
    Post.objects.select_for_update().filter(pk=post.pk).first()
    before = list(post.safety_duties.values_list("text", flat=True))
    post.safety_duties.all().delete()
    rows = PostDuty.objects.bulk_create([
        PostDuty(post=post, text=t, text_zh=zh[i] if zh else "", sort=i * 10) for i, t in enumerate(en)])
    unit = home_unit(actor) if actor is not None else None
    audit.record("responsibility.duties_changed", actor=actor, org_unit=unit, object_type="org.post",
                 object_id=post.pk, changes={"duties": [before, en]})
    return rows


def duties_text(posts, zh: bool) -> str:
    lines = []
    for post in posts:
        for duty in post.safety_duties.all():
            lines.append(duty.text_zh if zh and duty.text_zh else duty.text)
    return "\n".join(lines)


# ---------------------------------------------------------------- letters (ORG-4)

@dataclass
class BatchResult:
    created: list[ResponsibilityLetter] = field(default_factory=list)
    existing: int = 0


def _template(level: str, issuer: OrgUnit) -> tuple[LetterTemplate | None, tuple[str, str, str, str]]:
    tpl = (LetterTemplate.objects.filter(level=level, org_unit__path__in=prefixes(issuer.path))
           .order_by("-org_unit__depth").first())
    if tpl is not None:
        return tpl, (tpl.title, tpl.title_zh or tpl.title, tpl.body, tpl.body_zh or tpl.body)
    return None, texts.LETTER_TEMPLATES[level]


def _fill(text: str, **values: str) -> str:
    # Plain replacement: templates are edited by people, stray braces must not break issuing.
    for key, value in values.items():
        text = text.replace("{" + key + "}", value)
    return text


def _unit_name(unit: OrgUnit, zh: bool) -> str:
    return unit.name_zh if zh and unit.name_zh else unit.name


def _create_letter(*, actor, issuer: OrgUnit, unit: OrgUnit, recipient, level: str, year: int, title: str,
                   duties: str, body: str = "", template=None) -> ResponsibilityLetter:
    letter = ResponsibilityLetter.objects.create(
        org_unit=unit, issuer_unit=issuer, issued_by=actor if getattr(actor, "pk", None) else None,
        recipient=recipient, recipient_name=display_name(recipient)[:150], level=level, template=template,
        year=year, title=title[:200], body=body, duties=duties, issued_at=timezone.now())
    audit.record("responsibility.letter_issued", actor=actor, obj=letter,
                 changes={"recipient": recipient.pk, "year": year, "level": level, "title": letter.title})
    notify([recipient], kind="responsibility.letter",
           title=lambda: _("A safety responsibility letter awaits your signature"), body=letter.title,
           url=letter.get_absolute_url(), dedupe_key=f"resp-letter-{letter.pk}")
    return letter


@transaction.atomic
def issue_letter(*, actor, issuer_unit: OrgUnit, recipient, year: Any, title: Any, duties: Any,
                 body: str = "") -> ResponsibilityLetter:
    """One letter, from the recipient's unit or a unit above it."""
    require(actor, "responsibility.issue", issuer_unit)
    year = _year(year)
    title = _text(title, "title", max_length=200)
    duties = "\n".join(_lines(duties))
    if not duties:
        raise InvalidInput.field("duties", _("At least one duty."))
    if recipient is None:
        raise InvalidInput.field("recipient", _("This field is required."))
    unit = home_unit(recipient)
    if unit is None or not unit.path.startswith(issuer_unit.path):
        raise InvalidInput.field("recipient", _("The recipient works neither at this unit nor below it."))
    return _create_letter(actor=actor, issuer=issuer_unit, unit=unit, recipient=recipient,
                          level=LetterLevel.CUSTOM, year=year, title=title, duties=duties, body=body)


def _batch_recipients(issuer: OrgUnit, kind: str) -> list[tuple[Any, OrgUnit, str, list[Post]]]:
    """(user, letter unit, level, posts whose duties the letter carries) for every recipient."""
    out: list[tuple[Any, OrgUnit, str, list[Post]]] = []
    seen: set[tuple[int, str]] = set()

    def add(user, unit, level, posts):
        if (user.pk, level) not in seen:
            seen.add((user.pk, level))
            out.append((user, unit, level, posts))

    post = {p.code: p for p in Post.objects.prefetch_related("safety_duties")}
    if kind == BatchKind.PRINCIPALS:
        if issuer.kind not in ("central_school", "authority"):
            raise InvalidInput.field("org_unit", _("Letters to principals are issued by the central school."))
        rows = (RoleAssignment.objects.filter(role__code="principal", org_unit__kind="school",
                                              org_unit__path__startswith=issuer.path, user__is_active=True)
                .select_related("user", "org_unit").order_by("org_unit__path", "user_id"))
        for ra in rows:
            add(ra.user, ra.org_unit, LetterLevel.SCHOOL, [p for p in [post.get("principal")] if p])
        return out
    if kind != BatchKind.STAFF:
        raise InvalidInput.field("kind", _("Unknown batch."))
    if issuer.kind != "school":
        raise InvalidInput.field("org_unit", _("Letters to head teachers and posts are issued by a school."))
    head_teachers = (RoleAssignment.objects.filter(role__code="head_teacher", org_unit__kind="class",
                                                   org_unit__path__startswith=issuer.path, user__is_active=True)
                     .select_related("user", "org_unit").order_by("org_unit__path", "user_id"))
    for ra in head_teachers:
        add(ra.user, ra.org_unit, LetterLevel.CLASS, [p for p in [post.get("head_teacher")] if p])
    principals = set(RoleAssignment.objects.filter(role__code="principal", org_unit=issuer)
                     .values_list("user_id", flat=True))
    teachers = {u.pk for u, _unit, _lvl, _p in out}
    staff = (Staff.objects.filter(org_unit__path__startswith=issuer.path, is_active=True, user__isnull=False,
                                  user__is_active=True)
             .select_related("user", "org_unit").prefetch_related("posts__safety_duties").order_by("name"))
    for s in staff:
        posts = list(s.posts.all())
        if s.user_id in principals or s.user_id in teachers or not posts:
            continue
        add(s.user, s.org_unit, LetterLevel.POST, posts)
    return out


@transaction.atomic
def issue_batch(*, actor, issuer_unit: OrgUnit, kind: str, year: Any, language: str = "zh-hans") -> BatchResult:
    """Issue a letter to every recipient of the batch who has none for that year and level.

    Submitting the same batch twice creates nothing the second time: the issuing unit's row is
    locked so concurrent batches queue, and a unique constraint backs the check.
    """
    require(actor, "responsibility.issue", issuer_unit)
    year = _year(year)
    zh = str(language).lower().startswith("zh")
    issuer = OrgUnit.objects.select_for_update().get(pk=issuer_unit.pk)
    recipients = _batch_recipients(issuer, kind)
    existing = set(ResponsibilityLetter.objects.filter(
        year=year, recipient_id__in=[r[0].pk for r in recipients]).values_list("recipient_id", "level"))
    result = BatchResult()
    for user, unit, level, posts in recipients:
        if (user.pk, level) in existing:
            result.existing += 1
            continue
        tpl, (title_en, title_zh, body_en, body_zh) = _template(level, issuer)
        values = {"recipient": display_name(user), "unit": _unit_name(unit, zh), "year": f"{year}-{year + 1}"}
        result.created.append(_create_letter(
            actor=actor, issuer=issuer, unit=unit, recipient=user, level=level, year=year, template=tpl,
            title=_fill(title_zh if zh else title_en, **values), body=_fill(body_zh if zh else body_en, **values),
            duties=duties_text(posts, zh) or _("Safety duties of the post, as the school sets them.")))
    audit.record("responsibility.batch_issued", actor=actor, obj=issuer, org_unit=issuer,
                 changes={"kind": kind, "year": year, "created": len(result.created), "existing": result.existing})
    return result


def _check_signature_image(signature: str) -> str:
    signature = (signature or "").strip()
    if not signature:
        return ""
    if not signature.startswith("data:image/png;base64,") or len(signature) > MAX_SIGNATURE:
        raise InvalidInput.field("signature", _("A drawn signature must be a PNG image."))
    return signature


@transaction.atomic
def sign_letter(*, actor, letter: ResponsibilityLetter, signed_name: str = "", signature: str = "",
                expected_version: int | None = None) -> ResponsibilityLetter:
    """Only the recipient signs, once; the server's clock is the signing time."""
    letter = lock(ResponsibilityLetter, letter.pk, expected_version)
    if actor is None or actor.pk != letter.recipient_id or not has_capability(
            actor, "responsibility.sign", letter.org_unit.path):
        raise Forbidden(_("Only the recipient can sign this letter."))
    if letter.status != LetterStatus.ISSUED:
        raise Conflict(_("This letter is already signed."))
    letter.signed_name = _text(signed_name or letter.recipient_name, "signed_name", max_length=150)
    letter.signature = _check_signature_image(signature)
    letter.status = LetterStatus.SIGNED
    letter.signed_at = timezone.now()
    bump(letter, "status", "signed_at", "signed_name", "signature")
    audit.record("responsibility.letter_signed", actor=actor, obj=letter,
                 changes={"status": ["issued", "signed"], "signed_name": letter.signed_name,
                          "drawn_signature": bool(letter.signature)})
    # The "please sign" messages are answered now: don't leave them unread in the inbox.
    Notification.objects.filter(user=actor, read_at=None, dedupe_key__in=[f"resp-letter-{letter.pk}:{actor.pk}"]
                                ).update(read_at=letter.signed_at)
    Notification.objects.filter(user=actor, read_at=None, dedupe_key__startswith=f"resp-remind-{letter.pk}-"
                                ).update(read_at=letter.signed_at)
    return letter


@transaction.atomic
def remind_unsigned(*, actor, unit: OrgUnit, year: Any) -> int:
    """Remind every recipient under ``unit`` whose letter of ``year`` is unsigned; once a day each."""
    require(actor, "responsibility.issue", unit)
    year = _year(year)
    now = timezone.now()
    letters = list(ResponsibilityLetter.objects.select_for_update(of=("self",)).filter(
        org_unit__path__startswith=unit.path, year=year, status=LetterStatus.ISSUED).select_related("recipient"))
    sent = 0
    for letter in letters:
        sent += len(notify([letter.recipient], kind="responsibility.reminder",
                           title=lambda: _("Reminder: please sign your safety responsibility letter"),
                           body=letter.title,
                           url=letter.get_absolute_url(),
                           dedupe_key=f"resp-remind-{letter.pk}-{now.date().isoformat()}"))
    ResponsibilityLetter.objects.filter(pk__in=[x.pk for x in letters]).update(last_reminded_at=now)
    audit.record("responsibility.letters_reminded", actor=actor, obj=unit, org_unit=unit,
                 changes={"year": year, "letters": len(letters), "sent": sent})
    return sent


@transaction.atomic
def renew_letters(*, actor, issuer_unit: OrgUnit, from_year: Any, to_year: Any,
                  language: str = "zh-hans") -> BatchResult:
    """Renewal for a new school year: the batches that unit issued last year, issued again."""
    from_year, to_year = _year(from_year), _year(to_year)
    if to_year <= from_year:
        raise InvalidInput.field("to_year", _("The new year comes after the old one."))
    levels = set(ResponsibilityLetter.objects.filter(issuer_unit=issuer_unit, year=from_year)
                 .values_list("level", flat=True))
    result = BatchResult()
    kinds = ([BatchKind.PRINCIPALS] if LetterLevel.SCHOOL in levels else []) + (
        [BatchKind.STAFF] if levels & {LetterLevel.CLASS, LetterLevel.POST} else [])
    if not kinds:
        raise InvalidInput.field("from_year", _("This unit issued no letters that year."))
    for kind in kinds:
        part = issue_batch(actor=actor, issuer_unit=issuer_unit, kind=kind, year=to_year, language=language)
        result.created += part.created
        result.existing += part.existing
    return result


@transaction.atomic
def update_template(*, actor, template: LetterTemplate, title: str, title_zh: str, body: str, body_zh: str,
                    expected_version: int | None = None) -> LetterTemplate:
    template = lock(LetterTemplate, template.pk, expected_version)
    require(actor, "responsibility.edit_templates", template.org_unit)
    before = {"title": template.title, "title_zh": template.title_zh}
    template.title = _text(title, "title", max_length=200)
    template.title_zh = _text(title_zh, "title_zh", required=False, max_length=200)
    template.body = _text(body, "body")
    template.body_zh = _text(body_zh, "body_zh", required=False)
    bump(template, "title", "title_zh", "body", "body_zh")
    audit.record("responsibility.template_changed", actor=actor, obj=template,
                 changes=audit.diff(before, {"title": template.title, "title_zh": template.title_zh}))
    return template


@transaction.atomic
def ensure_templates(*, actor, unit: OrgUnit) -> list[LetterTemplate]:
    """The shipped wording as the unit's own templates, so the central school can edit them."""
    require(actor, "responsibility.edit_templates", unit)
    out = []
    for level, (title, title_zh, body, body_zh) in texts.LETTER_TEMPLATES.items():
        tpl, created = LetterTemplate.objects.get_or_create(
            org_unit=unit, level=level, defaults={"title": title, "title_zh": title_zh, "body": body,
                                                  "body_zh": body_zh})
        if created:
            audit.record("responsibility.template_created", actor=actor, obj=tpl, changes={"level": level})
        out.append(tpl)
    return out


def letter_digest(letter: ResponsibilityLetter) -> str:
    """HMAC over what was signed: any change to the letter, or a made-up id, fails verification."""
    signed_at = letter.signed_at.astimezone(timezone.UTC).isoformat() if letter.signed_at else ""
    message = "\x1f".join(str(x) for x in (
        letter.pk, letter.recipient_id, letter.recipient_name, letter.org_unit_id, letter.issuer_unit_id,
        letter.year, letter.title, letter.body, letter.duties, letter.status, signed_at, letter.signed_name))
    return salted_hmac("safecampus.responsibility.letter", message, algorithm="sha256").hexdigest()[:32]


def verify_letter(pk: Any, digest: str) -> ResponsibilityLetter | None:
    """The letter, when ``digest`` matches its current content and it is signed; else None."""
    try:
        letter = ResponsibilityLetter.objects.select_related("org_unit", "issuer_unit").get(pk=int(pk))
    except (ResponsibilityLetter.DoesNotExist, TypeError, ValueError):
        return None
    if letter.status != LetterStatus.SIGNED:
        return None
    return letter if hmac.compare_digest(letter_digest(letter), str(digest)) else None


# ---------------------------------------------------------------- meetings (ORG-5)

def _date(value: Any, name: str) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except (TypeError, ValueError):
        raise InvalidInput.field(name, _("A date such as 2026-09-30.")) from None


@transaction.atomic
def record_meeting(*, actor, unit: OrgUnit, kind: str, held_at: datetime, title: Any, minutes: str = "",
                   agenda: str = "", location: str = "", higher_documents: str = "", absent_note: str = "",
                   attendees: list | None = None, actions: list[dict] | None = None,
                   files: list | None = None) -> Meeting:
    require(actor, "responsibility.meet", unit)
    if kind not in MeetingKind.values:
        raise InvalidInput.field("kind", _("Unknown kind."))
    if not isinstance(held_at, datetime):
        raise InvalidInput.field("held_at", _("A date and time."))
    if timezone.is_naive(held_at):
        held_at = timezone.make_aware(held_at)
    title = _text(title, "title", max_length=200)
    parsed = []
    for i, item in enumerate(actions or []):
        name = f"actions.{i}"  # the same path DRF gives nested field errors
        owner = item.get("owner")
        if owner is None or not works_in(owner, unit.path):
            raise InvalidInput.field(f"{name}.owner", _("The owner must work at this unit or below it."))
        due = _date(item.get("due"), f"{name}.due")
        if due < held_at.date():
            raise InvalidInput.field(f"{name}.due", _("Due before the meeting was held."))
        parsed.append((_text(item.get("title"), f"{name}.title", max_length=255), owner, due))
    meeting = Meeting.objects.create(
        org_unit=unit, kind=kind, title=title, held_at=held_at, minutes=minutes or "", agenda=agenda or "",
        location=_text(location, "location", required=False, max_length=200),
        higher_documents=higher_documents or "", absent_note=(absent_note or "")[:255],
        recorded_by=actor if getattr(actor, "pk", None) else None)
    if attendees:
        meeting.attendees.set(attendees)
    for upload in files or []:  # scans of the higher-level documents, photos of the meeting
        store(upload, target=meeting, actor=actor if getattr(actor, "pk", None) else None, purpose="document",
              field="documents")
    for action_title, owner, due in parsed:
        action = MeetingAction.objects.create(org_unit=unit, meeting=meeting, title=action_title, owner=owner,
                                              due=due)
        notify([owner], kind="responsibility.action",
               title=lambda t=action_title: _("New action from a safety meeting: %(t)s") % {"t": t}, body=title,
               url=meeting.get_absolute_url(),
               dedupe_key=f"resp-action-{action.pk}")
    audit.record("responsibility.meeting_recorded", actor=actor, obj=meeting,
                 changes={"kind": kind, "title": title, "held_at": held_at, "attendees": len(attendees or []),
                          "actions": [[t, o.pk, d] for t, o, d in parsed]})
    return meeting


@transaction.atomic
def complete_action(*, actor, action: MeetingAction, note: str = "") -> MeetingAction:
    action = lock(MeetingAction, action.pk)
    if actor is not None and actor.pk != action.owner_id and not has_capability(
            actor, "responsibility.meet", action.org_unit.path):
        raise Forbidden(_("Only the owner or the meeting's organisers can close this action."))
    if action.status != ActionStatus.OPEN:
        raise Conflict(_("This action is already done."))
    action.status, action.done_at, action.done_note = ActionStatus.DONE, timezone.now(), (note or "")[:2000]
    bump(action, "status", "done_at", "done_note")
    audit.record("responsibility.action_done", actor=actor, obj=action, changes={"status": ["open", "done"]})
    return action


# ---------------------------------------------------------------- rules registry (ORG-6)

@transaction.atomic
def adopt_rule(*, actor, unit: OrgUnit, code: str, title: str = "", title_zh: str = "", body: str = "",
               body_zh: str = "") -> SchoolRule:
    """Adopt a model rule (its shipped wording unless adapted here) as version 1 of the unit's rule."""
    require(actor, "responsibility.adopt_rules", unit)
    model = texts.model_rule(code)
    if model is None:
        raise InvalidInput.field("code", _("Unknown rule."))
    OrgUnit.objects.select_for_update().filter(pk=unit.pk).first()
    if SchoolRule.objects.filter(org_unit=unit, code=code).exists():
        raise Conflict(_("This unit has already adopted this rule; revise it instead."))
    rule = SchoolRule.objects.create(org_unit=unit, code=code,
                                     adopted_by=actor if getattr(actor, "pk", None) else None)
    version = RuleVersion.objects.create(
        org_unit=unit, rule=rule, number=1, title=_text(title or model["title"], "title", max_length=200),
        title_zh=_text(title_zh or model["title_zh"], "title_zh", required=False, max_length=200),
        body=_text(body or model["body"], "body"), body_zh=(body_zh or model["body_zh"]).strip(),
        adopted_at=timezone.now(), adopted_by=rule.adopted_by)
    rule.current = version
    bump(rule, "current")
    audit.record("responsibility.rule_adopted", actor=actor, obj=rule, changes={"code": code, "version": 1})
    return rule


@transaction.atomic
def revise_rule(*, actor, rule: SchoolRule, title: str, title_zh: str, body: str, body_zh: str, note: str = "",
                expected_version: int | None = None) -> SchoolRule:
    """A new version; staff acknowledge it again."""
    rule = lock(SchoolRule, rule.pk, expected_version)
    require(actor, "responsibility.adopt_rules", rule.org_unit)
    number = (rule.versions.order_by("-number").values_list("number", flat=True).first() or 0) + 1
    version = RuleVersion.objects.create(
        org_unit=rule.org_unit, rule=rule, number=number, title=_text(title, "title", max_length=200),
        title_zh=_text(title_zh, "title_zh", required=False, max_length=200), body=_text(body, "body"),
        body_zh=_text(body_zh, "body_zh", required=False), note=_text(note, "note", required=False, max_length=255),
        adopted_at=timezone.now(), adopted_by=actor if getattr(actor, "pk", None) else None)
    rule.current = version
    bump(rule, "current")
    audit.record("responsibility.rule_revised", actor=actor, obj=rule, changes={"version": [number - 1, number]},
                 reason=version.note)
    return rule


@transaction.atomic
def acknowledge_rule(*, actor, rule: SchoolRule) -> RuleAcknowledgement:
    """The caller read the rule's current version. Acknowledging again returns the first acknowledgement."""
    rule = SchoolRule.objects.select_for_update(of=("self",)).select_related("org_unit", "current").get(pk=rule.pk)
    # A rule binds the people working at its unit or below; a supervisor above does not acknowledge it.
    if actor is None or not any(g.path.startswith(rule.org_unit.path) and g.allows("responsibility.acknowledge")
                                for g in grants_of(actor)):
        raise Forbidden(_("Only the staff the rule applies to acknowledge it."))
    ack, created = RuleAcknowledgement.objects.get_or_create(
        rule_version=rule.current, user=actor,
        defaults={"org_unit": rule.org_unit, "acknowledged_at": timezone.now()})
    if created:
        audit.record("responsibility.rule_acknowledged", actor=actor, obj=rule,
                     changes={"version": rule.current.number})
    return ack

