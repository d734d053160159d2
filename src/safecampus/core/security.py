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


def lockout_response(request, original_response=None, credentials=None):
    """The answer to a sign-in while locked out (django-axes): JSON with ``detail`` on the API,
    a page in the reader's language on the web; 429 either way, with when to try again."""
    from django.conf import settings
    from django.http import JsonResponse
    from django.shortcuts import render
    from django.utils.translation import gettext as _

    minutes = max(1, round(float(settings.AXES_COOLOFF_TIME) * 60))
    detail = _("Too many failed sign-ins: try again in %(n)d minutes.") % {"n": minutes}
    if request.path.startswith("/api/"):
        response = JsonResponse({"detail": detail}, status=429)
    else:
        from .views.accounts import LoginForm

        response = render(request, "core/login.html", {"form": LoginForm(request), "locked": detail,
                                                        "next": request.POST.get("next", "")}, status=429)
    response["Retry-After"] = str(minutes * 60)
    return response
