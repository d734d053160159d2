"""API tokens: sign-in tokens that end after hours, and named integration tokens that a person
makes on their account page, read-only or read-write, with an end date. Every token is random,
kept as a hash, revocable, and remembers when and from where it was last used."""

from __future__ import annotations

import hashlib
import secrets
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from . import audit, inputs
from .errors import Conflict, InvalidInput, NotFound
from .models import ApiToken

# A use within this long of the recorded one from the same address is not written again.
USE_RECORD_SECONDS = 60


def digest(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def _new(user, *, kind: str, scope: str, expires_at: datetime, name: str = "") -> tuple[ApiToken, str]:
    key = secrets.token_urlsafe(32)
    token = ApiToken.objects.create(user=user, key_hash=digest(key), prefix=key[:8], name=name, kind=kind,
                                    scope=scope, expires_at=expires_at)
    return token, key


@transaction.atomic
def issue_sign_in_token(user, *, ip: str | None = None, now: datetime | None = None) -> tuple[ApiToken, str]:
    """A read-write token for ``user`` ending ``API_TOKEN_HOURS`` from now (the caller checked
    the password and, for a user with a device, the one-time code)."""
    now = now or timezone.now()
    token, key = _new(user, kind=ApiToken.SIGN_IN, scope=ApiToken.READ_WRITE,
                      expires_at=now + timedelta(hours=settings.API_TOKEN_HOURS), name="api")
    audit.record("security.token_issued", actor=user, object_type="auth.user", object_id=user.pk,
                 changes={"token": token.prefix, "kind": token.kind, "expires_at": token.expires_at, "ip": ip or ""})
    return token, key


@transaction.atomic
def create_integration_token(*, actor, name: str, scope: str, expires_on: date | str,
                             now: datetime | None = None) -> tuple[ApiToken, str]:
    """A long-lived token of ``actor``'s for a system that reads (or writes) on their behalf.

    It ends at the start of ``expires_on`` in the server's zone, no later than
    ``API_TOKEN_MAX_DAYS`` ahead. The key is returned once; only its hash is kept.
    """
    now = now or timezone.now()
    name = inputs.text(name, "name", max_length=100)
    scope = inputs.choice(scope, "scope", ApiToken.SCOPES)
    day = inputs.date(expires_on, "expires_on")
    today = timezone.localdate(now)
    if day <= today:
        raise InvalidInput.field("expires_on", _("Choose a day after today."))
    if day > today + timedelta(days=settings.API_TOKEN_MAX_DAYS):
        raise InvalidInput.field("expires_on", _("At most %(n)d days ahead.")
                                        % {"n": settings.API_TOKEN_MAX_DAYS})
    expires_at = timezone.make_aware(datetime.combine(day, time.min))
    token, key = _new(actor, kind=ApiToken.INTEGRATION, scope=scope, expires_at=expires_at, name=name)
    audit.record("security.token_created", actor=actor, object_type="auth.user", object_id=actor.pk,
                 changes={"token": token.prefix, "name": name, "scope": scope, "expires_at": expires_at})
    return token, key


@transaction.atomic
def revoke(token: ApiToken, *, actor, now: datetime | None = None) -> ApiToken:
    """End ``token`` now (its owner's own act: the caller fetched it among ``actor``'s tokens)."""
    locked = ApiToken.objects.select_for_update().filter(pk=token.pk, user=actor).first()
    if locked is None:
        raise NotFound()
    if locked.revoked_at is not None:
        raise Conflict(_("This token was already revoked."))
    locked.revoked_at = now or timezone.now()
    locked.save(update_fields=["revoked_at"])
    audit.record("security.token_revoked", actor=actor, object_type="auth.user", object_id=actor.pk,
                 changes={"token": locked.prefix, "kind": locked.kind, "name": locked.name})
    return locked


def revoke_key(key: str) -> bool:
    """End the token whose key this is (``POST /api/v1/auth/revoke`` with the token itself)."""
    return ApiToken.objects.filter(key_hash=digest(key), revoked_at=None).update(revoked_at=timezone.now()) == 1


def live_tokens(user, now: datetime | None = None) -> QuerySet[ApiToken]:
    """``user``'s tokens that still work, newest first."""
    now = now or timezone.now()
    return ApiToken.objects.filter(user=user, revoked_at=None, expires_at__gt=now).order_by("-created_at", "-id")


def find_live(key: str, now: datetime | None = None) -> ApiToken | None:
    now = now or timezone.now()
    return (ApiToken.objects.select_related("user")
            .filter(key_hash=digest(key), revoked_at=None, expires_at__gt=now).first())


def record_use(token: ApiToken, ip: str | None, now: datetime | None = None) -> None:
    """Remember the last use (time and address); one write a minute per address at most."""
    now = now or timezone.now()
    ip = ip or None
    if (token.last_used_at is not None and token.last_used_ip == ip
            and (now - token.last_used_at).total_seconds() < USE_RECORD_SECONDS):
        return
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=now, last_used_ip=ip)
    token.last_used_at, token.last_used_ip = now, ip
