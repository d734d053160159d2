"""The notification inbox, with e-mail as a second channel after the transaction commits.

A message is stored in every language of settings.LANGUAGES, so each reader sees their own: callers
pass the title and body as callables (or lazy strings) that ``notify`` renders once per language.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.utils import translation

from .models import Notification

log = logging.getLogger(__name__)

# A plain string (the same in every language), a lazy string, or a callable returning the text.
Text = str | Callable[[], Any]


def _email(address: str, subject: str, text: str) -> None:
    # The inbox row is already committed; a mail server that is down must not undo it.
    try:
        send_mail(subject, text, None, [address])
    except Exception:
        log.warning("notification e-mail to %s failed", address, exc_info=True)


def render(value: Text, language: str) -> str:
    """``value`` as ``language``'s readers see it: gettext and lazy strings inside it follow ``language``."""
    with translation.override(language):
        return str(value() if callable(value) else value)


_LANGUAGE_COLUMNS: dict[tuple, list[tuple[str, str, str]]] = {}


def _language_columns() -> list[tuple[str, str, str]]:
    """``(language, title column, body column)`` for every language with columns of its own, worked
    out once per set of languages (the table's columns do not change while the process runs)."""
    key = (settings.LANGUAGE_CODE, tuple(settings.LANGUAGES))
    found = _LANGUAGE_COLUMNS.get(key)
    if found is None:
        stored = {f.name for f in Notification._meta.get_fields()}
        found = []
        for language in dict.fromkeys([settings.LANGUAGE_CODE, *(code for code, _name in settings.LANGUAGES)]):
            title = Notification.column("title", language)
            if title in stored:  # a language added to settings before its columns: readers get the default
                found.append((language, title, Notification.column("body", language)))
        _LANGUAGE_COLUMNS[key] = found
    return found


def _columns(title: Text, body: Text) -> dict[str, str]:
    columns: dict[str, str] = {}
    for language, title_column, body_column in _language_columns():
        columns[title_column] = render(title, language)[:255]
        columns[body_column] = render(body, language)
    return columns


def notify(users: Iterable, *, kind: str, title: Text, body: Text = "", url: str = "",
           dedupe_key: str | None = None) -> list[Notification]:
    """Write one inbox row per user; a ``dedupe_key`` already used sends nothing again."""
    recipients = {u.pk: u for u in users if u is not None}
    if not recipients:
        return []
    columns = _columns(title, body)
    subject, text = columns["title"][:200], f"{columns['body']}\n\n{url}".strip()
    rows = [Notification(user=user, kind=kind, url=url, dedupe_key=f"{dedupe_key}:{user.pk}" if dedupe_key else None,
                         **columns) for user in recipients.values()]
    if dedupe_key is None:  # nothing unique in the rows: one INSERT, nothing to fall back on
        created = Notification.objects.bulk_create(rows)
        _mail(created, subject, text)
        return created
    try:
        # One INSERT for all the recipients; a key already used (a sweep run twice) goes row by row.
        with transaction.atomic():
            created = Notification.objects.bulk_create(rows)
    except IntegrityError:
        created = []
        for row in rows:
            try:
                with transaction.atomic():
                    row.save(force_insert=True)
            except IntegrityError:
                continue
            created.append(row)
    _mail(created, subject, text)
    return created


def _mail(created: list[Notification], subject: str, text: str) -> None:
    for row in created:
        if row.user.email:
            transaction.on_commit(lambda u=row.user: _email(u.email, subject, text))


def mark_read(note: Notification) -> Notification:
    """The reader opened it: stamped once (the page and the API both come here), a second read keeps
    the first time."""
    if note.read_at is None:
        from django.utils import timezone

        now = timezone.now()
        Notification.objects.filter(pk=note.pk, read_at=None).update(read_at=now)
        note.read_at = now
    return note
# An alert asks for something ("rectify hazard 8", "the fire patrol is overdue"). Once that is done the
# alert must not go on asking: each app registers a resolver for its kinds, and the inbox and the home
# panel withdraw what it says is settled. resolver(notifications) -> ids of the settled ones.
Resolver = Callable[[list[Notification]], set[int]]
RESOLVERS: dict[str, Resolver] = {}


def register_resolver(kind_prefix: str, resolver: Resolver) -> None:
    """``kind_prefix`` is matched against ``Notification.kind`` (``"hazard."``, ``"compliance."``)."""
    RESOLVERS[kind_prefix] = resolver


def settled(notes: Iterable[Notification]) -> set[int]:
    """Ids of the notifications whose matter has since been dealt with."""
    groups: dict[str, list[Notification]] = {}
    for note in notes:
        for prefix in RESOLVERS:
            if note.kind.startswith(prefix):
                groups.setdefault(prefix, []).append(note)
                break
    done: set[int] = set()
    for prefix, group in groups.items():
        try:
            done |= RESOLVERS[prefix](group)
        except Exception:  # an app's resolver failing must not take the home page down
            log.exception("notification resolver %s failed", prefix)
    return done


def withdraw_settled(notes: list[Notification]) -> list[Notification]:
    """Mark the settled ones read (they ask for nothing now) and flag them ``settled`` for the page."""
    from django.utils import timezone

    done = settled(notes)
    unread = [n.pk for n in notes if n.pk in done and n.read_at is None]
    if unread:
        now = timezone.now()
        Notification.objects.filter(pk__in=unread).update(read_at=now)
    for note in notes:
        note.settled = note.pk in done
        if note.pk in unread:
            note.read_at = timezone.now()
    return notes
