"""Sign in (locked after repeated failures; TOTP for authority and central-school accounts) and out."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import AuthenticationForm
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST
from django_otp import devices_for_user
from django_otp import login as otp_login


class LoginForm(AuthenticationForm):
    otp_token = forms.CharField(label=_("One-time code"), required=False, max_length=8,
                                widget=forms.TextInput(attrs={"autocomplete": "one-time-code",
                                                              "inputmode": "numeric"}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].widget.attrs.update({"class": "form-control", "autocomplete": "username"})
        self.fields["password"].widget.attrs.update({"class": "form-control"})
        self.fields["otp_token"].widget.attrs.update({"class": "form-control"})
        self.otp_device = None

    def clean(self):
        cleaned = super().clean()
        user = self.get_user()
        devices = list(devices_for_user(user, confirmed=True)) if user else []
        if devices:
            token = (cleaned.get("otp_token") or "").strip()
            match = next((d for d in devices if token and d.verify_token(token)), None)
            if match is None:
                raise forms.ValidationError(_("Enter the one-time code from your authenticator app."),
                                            code="otp")
            self.otp_device = match
        return cleaned


class LoginView(auth_views.LoginView):
    form_class = LoginForm
    template_name = "core/login.html"
    redirect_authenticated_user = True

    def form_valid(self, form):
        response = super().form_valid(form)
        if form.otp_device is not None:
            otp_login(self.request, form.otp_device)
        return response


@require_POST
def logout_view(request):
    logout(request)
    messages.info(request, _("You have signed out."))
    return redirect("login")
