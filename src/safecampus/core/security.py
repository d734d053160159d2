"""Security events (sign-in, failed sign-in, sign-out) join the same audit trail."""

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from . import audit


def _ip(request) -> str:
    return (request.META.get("REMOTE_ADDR", "") if request is not None else "")[:64]


@receiver(user_logged_in)
def _logged_in(sender, request, user, **kwargs):
    audit.record("security.login", actor=user, object_type="auth.user", object_id=user.pk,
                 changes={"ip": _ip(request)})


@receiver(user_logged_out)
def _logged_out(sender, request, user, **kwargs):
    if user is not None:
        audit.record("security.logout", actor=user, object_type="auth.user", object_id=user.pk)


@receiver(user_login_failed)
def _login_failed(sender, credentials, request=None, **kwargs):
    # The attempted name is kept (it may be mistyped), never the password.
    audit.record("security.login_failed", object_type="auth.user",
                 changes={"username": str(credentials.get("username", ""))[:150], "ip": _ip(request)})


def denied(request, reason: str = "") -> None:
    user = getattr(request, "user", None)
    audit.record("security.denied", actor=user if getattr(user, "is_authenticated", False) else None,
                 changes={"path": request.path[:255], "method": request.method}, reason=reason[:500])
