"""Responsibility letters (ORG-4): templates, issuing one or a batch, signing, reminders, renewal."""

from __future__ import annotations

import hmac
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _

from safecampus.core import audit, inputs
from safecampus.core.concurrency import bump, lock
from safecampus.core.errors import Conflict, Forbidden, InvalidInput
from safecampus.core.inputs import text
from safecampus.core.models import Notification
from safecampus.core.notify import notify
from safecampus.core.permissions import has_capability, require
from safecampus.core.scoping import ensure_in_scope
from safecampus.org.models import OrgUnit, Post, RoleAssignment, Staff

from .. import texts
from ..choices import BatchKind, LetterLevel, LetterStatus
from ..models import (
    LetterTemplate,
    ResponsibilityLetter,
)
from ..selectors import prefixes
from .common import display_name, duty_lines, home_unit
from .teams import duties_text

MAX_SIGNATURE = 300_000  # a drawn signature as a PNG data URI; more is not a signature




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
    ensure_in_scope(actor, "responsibility.issue", letter)
    audit.record("responsibility.letter_issued", actor=actor, obj=letter,
                 changes={"recipient": recipient.pk, "year": year, "level": level, "title": letter.title})
    notify([recipient], kind="responsibility.letter",
           title=lambda: _("A safety responsibility letter awaits your signature"), body=letter.title,
           url=letter.get_absolute_url(), dedupe_key=f"resp-letter-{letter.pk}")
    return letter


@transaction.atomic
def issue_letter(*, actor, org_unit: OrgUnit, recipient, year: Any, title: Any, duties: Any,
                 body: str = "") -> ResponsibilityLetter:
    """One letter, from the recipient's unit or a unit above it."""
    require(actor, "responsibility.issue", org_unit)
    year = inputs.year(year)
    title = text(title, "title", max_length=200)
    duties = "\n".join(duty_lines(duties))
    if not duties:
        raise InvalidInput.field("duties", _("At least one duty."))
    if recipient is None:
        raise InvalidInput.field("recipient", _("This field is required."))
    unit = home_unit(recipient)
    if unit is None or not unit.path.startswith(org_unit.path):
        raise InvalidInput.field("recipient", _("The recipient works neither at this unit nor below it."))
    return _create_letter(actor=actor, issuer=org_unit, unit=unit, recipient=recipient,
                          level=LetterLevel.CUSTOM, year=year, title=title, duties=duties, body=body)


def _holders(role: str, unit_kind: str, issuer: OrgUnit):
    """Active holders of ``role`` at units of ``unit_kind`` below the issuer, in tree order."""
    return (RoleAssignment.objects.filter(role__code=role, org_unit__kind=unit_kind,
                                          org_unit__path__startswith=issuer.path, user__is_active=True)
            .select_related("user", "org_unit").order_by("org_unit__path", "user_id"))


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
        for ra in _holders("principal", "school", issuer):
            add(ra.user, ra.org_unit, LetterLevel.SCHOOL, [p for p in [post.get("principal")] if p])
        return out
    if kind != BatchKind.STAFF:
        raise InvalidInput.field("kind", _("Unknown batch."))
    if issuer.kind != "school":
        raise InvalidInput.field("org_unit", _("Letters to head teachers and posts are issued by a school."))
    for ra in _holders("head_teacher", "class", issuer):
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
def issue_batch(*, actor, org_unit: OrgUnit, kind: str, year: Any, language: str = "zh-hans") -> BatchResult:
    """Issue a letter to every recipient of the batch who has none for that year and level.

    Submitting the same batch twice creates nothing the second time: the issuing unit's row is
    locked so concurrent batches queue, and a unique constraint backs the check.
    """
    require(actor, "responsibility.issue", org_unit)
    year = inputs.year(year)
    zh = str(language).lower().startswith("zh")
    issuer = OrgUnit.objects.select_for_update().get(pk=org_unit.pk)
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
    ensure_in_scope(actor, "responsibility.issue", issuer)
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


def _plain(name: str) -> str:
    """A name compared without spaces or case (周 老师 = 周老师)."""
    return "".join(str(name).split()).casefold()


@transaction.atomic
def sign_letter(letter: ResponsibilityLetter, *, actor, signed_name: str = "", signature: str = "",
                expected_version: int | None = None) -> ResponsibilityLetter:
    """Only the recipient signs, once; the server's clock is the signing time."""
    letter = lock(ResponsibilityLetter, letter.pk, expected_version)
    if actor is None or actor.pk != letter.recipient_id or not has_capability(
            actor, "responsibility.sign", letter.org_unit.path):
        raise Forbidden(_("Only the recipient can sign this letter."))
    if letter.status != LetterStatus.ISSUED:
        raise Conflict(_("This letter is already signed."))
    # The typed name is the acknowledgement and must be the signer's own: the letter, its PDF and
    # the public verification page print it as who signed.
    typed = text(signed_name or letter.recipient_name, "signed_name", max_length=150)
    own = {_plain(n) for n in (letter.recipient_name, display_name(actor), actor.get_full_name()) if n}
    if _plain(typed) not in own:
        raise InvalidInput.field("signed_name", _("Type your own name as the letter names you: %(name)s.") % {
            "name": letter.recipient_name})
    letter.signed_name = letter.recipient_name
    letter.signature = _check_signature_image(signature)
    letter.status = LetterStatus.SIGNED
    letter.signed_at = timezone.now()
    bump(letter, "status", "signed_at", "signed_name", "signature")
    ensure_in_scope(actor, "responsibility.sign", letter)
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
def remind_unsigned(*, actor, org_unit: OrgUnit, year: Any) -> int:
    """Remind every recipient under ``unit`` whose letter of ``year`` is unsigned; once a day each."""
    require(actor, "responsibility.issue", org_unit)
    year = inputs.year(year)
    now = timezone.now()
    letters = list(ResponsibilityLetter.objects.select_for_update(of=("self",)).filter(
        org_unit__path__startswith=org_unit.path, year=year, status=LetterStatus.ISSUED).select_related("recipient"))
    sent = 0
    for letter in letters:
        sent += len(notify([letter.recipient], kind="responsibility.reminder",
                           title=lambda: _("Reminder: please sign your safety responsibility letter"),
                           body=letter.title,
                           url=letter.get_absolute_url(),
                           dedupe_key=f"resp-remind-{letter.pk}-{now.date().isoformat()}"))
    ResponsibilityLetter.objects.filter(pk__in=[x.pk for x in letters]).update(last_reminded_at=now)
    ensure_in_scope(actor, "responsibility.issue", org_unit)
    audit.record("responsibility.letters_reminded", actor=actor, obj=org_unit, org_unit=org_unit,
                 changes={"year": year, "letters": len(letters), "sent": sent})
    return sent


@transaction.atomic
def renew_letters(*, actor, org_unit: OrgUnit, from_year: Any, to_year: Any,
                  language: str = "zh-hans") -> BatchResult:
    """Renewal for a new school year: the batches that unit issued last year, issued again."""
    from_year, to_year = inputs.year(from_year), inputs.year(to_year)
    if to_year <= from_year:
        raise InvalidInput.field("to_year", _("The new year comes after the old one."))
    levels = set(ResponsibilityLetter.objects.filter(issuer_unit=org_unit, year=from_year)
                 .values_list("level", flat=True))
    result = BatchResult()
    kinds = ([BatchKind.PRINCIPALS] if LetterLevel.SCHOOL in levels else []) + (
        [BatchKind.STAFF] if levels & {LetterLevel.CLASS, LetterLevel.POST} else [])
    if not kinds:
        raise InvalidInput.field("from_year", _("This unit issued no letters that year."))
    for kind in kinds:
        part = issue_batch(actor=actor, org_unit=org_unit, kind=kind, year=to_year, language=language)
        result.created += part.created
        result.existing += part.existing
    return result


@transaction.atomic
def update_template(template: LetterTemplate, *, actor, title: str, title_zh: str, body: str, body_zh: str,
                    expected_version: int | None = None) -> LetterTemplate:
    template = lock(LetterTemplate, template.pk, expected_version)
    require(actor, "responsibility.edit_templates", template.org_unit)
    before = {"title": template.title, "title_zh": template.title_zh}
    template.title = text(title, "title", max_length=200)
    template.title_zh = text(title_zh, "title_zh", required=False, max_length=200)
    template.body = text(body, "body", max_length=None)
    template.body_zh = text(body_zh, "body_zh", required=False, max_length=None)
    bump(template, "title", "title_zh", "body", "body_zh")
    ensure_in_scope(actor, "responsibility.edit_templates", template)
    audit.record("responsibility.template_changed", actor=actor, obj=template,
                 changes=audit.diff(before, {"title": template.title, "title_zh": template.title_zh}))
    return template


@transaction.atomic
def ensure_templates(*, actor, org_unit: OrgUnit) -> list[LetterTemplate]:
    """The shipped wording as the unit's own templates, so the central school can edit them."""
    require(actor, "responsibility.edit_templates", org_unit)
    out = []
    for level, (title, title_zh, body, body_zh) in texts.LETTER_TEMPLATES.items():
        tpl, created = LetterTemplate.objects.get_or_create(
            org_unit=org_unit, level=level, defaults={"title": title, "title_zh": title_zh, "body": body,
                                                  "body_zh": body_zh})
        if created:
            ensure_in_scope(actor, "responsibility.edit_templates", tpl)
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
