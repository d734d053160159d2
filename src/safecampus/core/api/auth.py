"""Bearer tokens for the API: random, stored hashed, dated, scoped, revocable (core.tokens)."""

from __future__ import annotations

from rest_framework import authentication, exceptions
from rest_framework.permissions import SAFE_METHODS

from .. import tokens
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


# Whoever holds a read-only token may still end it.
ALWAYS_ALLOWED = {"api-revoke"}


def issue_token(user, name: str = "") -> str:
    """A sign-in token's key for ``user`` without the sign-in (tests, and tools run by an operator)."""
    from datetime import timedelta

    from django.conf import settings
    from django.utils import timezone

    _token, key = tokens._new(user, kind=ApiToken.SIGN_IN, scope=ApiToken.READ_WRITE, name=name,
                              expires_at=timezone.now() + timedelta(hours=settings.API_TOKEN_HOURS))
    return key


def revoke_token(key: str) -> bool:
    return tokens.revoke_key(key)


def client_ip(request) -> str | None:
    return request.META.get("REMOTE_ADDR") or None


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
        token = tokens.find_live(key)
        if token is None or not token.user.is_active:
            raise exceptions.AuthenticationFailed("Invalid, expired or revoked token.")
        tokens.record_use(token, client_ip(request))
        if token.read_only and request.method not in SAFE_METHODS:
            match = getattr(request, "resolver_match", None)
            if match is None or match.url_name not in ALWAYS_ALLOWED:
                raise exceptions.PermissionDenied("This token may only read.")
        return token.user, token

    def authenticate_header(self, request):
        return self.keyword


class CsrfSessionAuthentication(authentication.SessionAuthentication):
    """The web UI's own session; CSRF stays enforced for unsafe methods."""
