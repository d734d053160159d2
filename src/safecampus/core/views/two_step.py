"""Two-step sign-in (TOTP) for the accounts that see a whole district or county."""

from __future__ import annotations

import io

import segno
from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django_otp.plugins.otp_totp.models import TOTPDevice

from .. import audit, security
from ..permissions import has_capability


class ConfirmForm(forms.Form):
    code = forms.CharField(label=_lazy("Code from the app"), max_length=8,
                           widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "one-time-code",
                                                         "class": "form-control"}))


def _qr_data_uri(url: str) -> str:
    buf = io.BytesIO()
    segno.make(url, error="m").save(buf, kind="svg", scale=5, border=2)
    import base64

    return "data:image/svg+xml;base64," + base64.b64encode(buf.getvalue()).decode()


@login_required
def two_step(request):
    if not has_capability(request.user, "account.two_step"):
        security.denied(request, "two-step sign-in")
        return render(request, "core/403.html", status=403)
    confirmed = TOTPDevice.objects.filter(user=request.user, confirmed=True).first()
    form = ConfirmForm(request.POST or None)
    if request.method == "POST" and request.POST.get("action") == "disable" and confirmed:
        with transaction.atomic():
            TOTPDevice.objects.filter(user=request.user).delete()
            audit.record("security.two_step_disabled", actor=request.user, object_type="auth.user",
                         object_id=request.user.pk)
        messages.info(request, _("Two-step sign-in is off."))
        return redirect("two-step")
    pending = None
    if confirmed is None:
        pending = TOTPDevice.objects.filter(user=request.user, confirmed=False).first() or \
            TOTPDevice.objects.create(user=request.user, name="authenticator", confirmed=False)
        if request.method == "POST" and form.is_valid():
            if pending.verify_token(form.cleaned_data["code"].strip()):
                with transaction.atomic():
                    TOTPDevice.objects.filter(pk=pending.pk).update(confirmed=True)
                    audit.record("security.two_step_enabled", actor=request.user, object_type="auth.user",
                                 object_id=request.user.pk)
                messages.success(request, _("Two-step sign-in is on. You will be asked for a code when you sign in."))
                return redirect("two-step")
            form.add_error("code", _("That code is not right. Check the time on your phone and try again."))
    return render(request, "core/two_step.html", {
        "confirmed": confirmed, "form": form,
        "qr": _qr_data_uri(pending.config_url) if pending else None,
        "secret": pending.key if pending else None,
    }, status=400 if form.errors else 200)
