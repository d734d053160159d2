"""The account page's API access: the person's live tokens, revoking one, making an integration token."""

from __future__ import annotations

import contextlib
from datetime import timedelta

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_POST

from .. import tokens
from ..errors import Conflict, InvalidInput, NotFound
from ..models import ApiToken


class IntegrationTokenForm(forms.Form):
    name = forms.CharField(label=_lazy("Name"), max_length=100,
                           help_text=_lazy("Which system uses it, e.g. 'county reporting'."),
                           widget=forms.TextInput(attrs={"class": "form-control"}))
    scope = forms.ChoiceField(label=_lazy("Access"), choices=ApiToken.SCOPES, initial=ApiToken.READ,
                              widget=forms.RadioSelect)
    expires_on = forms.DateField(label=_lazy("Works until"),
                                 widget=forms.DateInput(attrs={"type": "date", "class": "form-control"}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["expires_on"].initial = timezone.localdate() + timedelta(days=90)


def _page(request, form, *, created=None, key=None, status=200):
    response = render(request, "core/tokens.html", {
        "tokens": tokens.live_tokens(request.user), "form": form, "created": created, "key": key,
    }, status=status)
    response["Cache-Control"] = "no-store"
    return response


@login_required
def token_list(request):
    """GET lists; POST makes an integration token, whose key is shown in this answer only."""
    form = IntegrationTokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            created, key = tokens.create_integration_token(actor=request.user, **form.cleaned_data)
        except InvalidInput as exc:
            for field, msgs in exc.fields.items():
                form.add_error(field if field in form.fields else None, msgs)
        else:
            return _page(request, IntegrationTokenForm(), created=created, key=key, status=201)
    return _page(request, form, status=400 if form.errors else 200)


@login_required
@require_POST
def token_revoke(request, pk: int):
    token = ApiToken.objects.filter(user=request.user, pk=pk).first()
    if token is None:
        raise Http404
    with contextlib.suppress(NotFound, Conflict):  # revoked twice: the token is ended either way
        tokens.revoke(token, actor=request.user)
    messages.success(request, _("The token was revoked; it no longer works."))
    return redirect("account-tokens")
