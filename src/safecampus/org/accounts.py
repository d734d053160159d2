"""First passwords: an account made for a staff member carries a password someone handed over;
its owner must replace it before doing anything else.

* Web: at sign-in the session is marked; every page then leads to the change-password page
  until the password is changed (the mark lives in the session, so no query per request).
* API: no token is issued to such an account (403 naming the reason); sign in on the web once.
"""

from __future__ import annotations

from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.http import JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

SESSION_KEY = "must_change_password"


def must_change(user) -> bool:
    from .models import PendingPassword

    return PendingPassword.objects.filter(user_id=user.pk).exists()


def token_check(user) -> str:
    if must_change(user):
        return _("Change your first password on the web (sign in there once) before using the API.")
    return ""


@receiver(user_logged_in)
def _mark_session(sender, request, user, **kwargs) -> None:
    if request is not None and hasattr(request, "session") and must_change(user):
        request.session[SESSION_KEY] = True


class FirstPasswordMiddleware:
    ALLOWED_PREFIXES = ("/static/", "/logout/", "/i18n/", "/login/")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        session = getattr(request, "session", None)
        if session is not None and session.get(SESSION_KEY) and request.user.is_authenticated:
            target = reverse("org:first-password")
            path = request.path_info
            if path != target and not path.startswith(self.ALLOWED_PREFIXES):
                if path.startswith("/api/"):
                    return JsonResponse({"detail": _("Change your first password before going on.")}, status=403)
                return redirect(target)
        return self.get_response(request)
