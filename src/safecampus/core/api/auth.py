"""Bearer tokens for the API: random, stored hashed, revocable, one user each."""

from __future__ import annotations

import hashlib
import secrets

from django.utils import timezone
from rest_framework import authentication, exceptions

from ..models import ApiToken

# Apps may refuse a token to an account that cannot use one yet (a first password not yet
# changed): each check(user) returns a reason, or "" to allow. The org app adds its own.
TOKEN_CHECKS: list = []


def token_refusal(user) -> str:
    for check in TOKEN_CHECKS:
        reason = check(user)
        if reason:
            return str(reason)
    return ""


def _digest(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def issue_token(user, name: str = "") -> str:
    key = secrets.token_urlsafe(32)
    ApiToken.objects.create(user=user, key_hash=_digest(key), prefix=key[:8], name=name)
    return key


def revoke_token(key: str) -> bool:
    return ApiToken.objects.filter(key_hash=_digest(key), revoked_at=None).update(revoked_at=timezone.now()) == 1


class BearerTokenAuthentication(authentication.BaseAuthentication):
    keyword = "Bearer"

    def authenticate(self, request):
        header = authentication.get_authorization_header(request).split()
        if not header or header[0].lower() != b"bearer":
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed("Invalid Authorization header.")
        try:
            key = header[1].decode()
        except UnicodeError as exc:
            raise exceptions.AuthenticationFailed("Invalid token.") from exc
        token = (ApiToken.objects.select_related("user").filter(key_hash=_digest(key), revoked_at=None).first())
        if token is None or not token.user.is_active:
            raise exceptions.AuthenticationFailed("Invalid or revoked token.")
        now = timezone.now()
        if token.last_used_at is None or (now - token.last_used_at).total_seconds() > 300:
            ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        return token.user, token

    def authenticate_header(self, request):
        return self.keyword


class CsrfSessionAuthentication(authentication.SessionAuthentication):
    """The web UI's own session; CSRF stays enforced for unsafe methods."""
