"""The notification inbox, with e-mail as a second channel after the transaction commits."""

from __future__ import annotations

import logging
from collections.abc import Iterable

from django.core.mail import send_mail
from django.db import IntegrityError, transaction

from .models import Notification

log = logging.getLogger(__name__)


def _email(address: str, subject: str, text: str) -> None:
    # The inbox row is already committed; a mail server that is down must not undo it.
    try:
        send_mail(subject, text, None, [address])
    except Exception:  # noqa: BLE001
        log.warning("notification e-mail to %s failed", address, exc_info=True)


def notify(users: Iterable, *, kind: str, title: str, body: str = "", url: str = "",
           dedupe_key: str | None = None) -> list[Notification]:
    """Write one inbox row per user; a ``dedupe_key`` already used sends nothing again."""
    created = []
    for user in {u.pk: u for u in users if u is not None}.values():
        key = f"{dedupe_key}:{user.pk}" if dedupe_key else None
        try:
            with transaction.atomic():
                created.append(Notification.objects.create(
                    user=user, kind=kind, title=str(title)[:255], body=str(body), url=url, dedupe_key=key))
        except IntegrityError:
            continue
        if user.email:
            transaction.on_commit(lambda u=user: _email(u.email, str(title)[:200], f"{body}\n\n{url}".strip()))
    return created
