"""Forms of the assessment pages; each one feeds one service."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from safecampus.core.forms import UserForm, VersionedForm

from .choices import CHAPTERS, CommendationKind, Effect, Method


class MarkForm(UserForm):
    indicator = forms.ChoiceField(label=_("Indicator"))
    score = forms.DecimalField(label=_("Score (0-100)"), min_value=0, max_value=100, decimal_places=1)
    note = forms.CharField(label=_("Note"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000,
                           required=False)

    def __init__(self, *args, indicators=(), note_required=True, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["indicator"].choices = list(indicators)
        self.fields["note"].required = note_required


class ItemForm(VersionedForm):
    title = forms.CharField(label=_("Title (English)"), max_length=200)
    title_zh = forms.CharField(label=_("Title (Chinese)"), max_length=200, required=False)
    chapter = forms.ChoiceField(label=_("Chapter"), choices=CHAPTERS)
    weight = forms.IntegerField(label=_("Weight"), min_value=0, max_value=100, required=False)
    effect = forms.ChoiceField(label=_("Effect"), choices=Effect.choices, required=False)
    cap = forms.IntegerField(label=_("Cap (highest result)"), min_value=0, max_value=100, required=False)
    active = forms.BooleanField(label=_("In use"), required=False, initial=True)

    def __init__(self, *args, method=Method.COMPUTED, adding=False, **kwargs):
        super().__init__(*args, **kwargs)
        if method == Method.VETO:
            del self.fields["weight"]
        else:
            del self.fields["effect"]
            del self.fields["cap"]
        if adding:
            del self.fields["active"]
            del self.fields["version"]


class CommendationForm(UserForm):
    org_unit = forms.ChoiceField(label=_("School"))
    kind = forms.ChoiceField(label=_("Kind"), choices=CommendationKind.choices)
    person = forms.CharField(label=_("Person"), max_length=100, required=False,
                             help_text=_("For a model person: the name."))
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}), max_length=5000)
    reward_record = forms.ChoiceField(label=_("Reward record"), required=False,
                                      help_text=_("The reward recorded in the incidents register, if any."))
    request_id = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, schools=(), rewards=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["org_unit"].choices = [(s.pk, str(s)) for s in schools]
        self.fields["reward_record"].choices = [("", _("None"))] + [
            (r["id"], f"{r['decided_on']} {r['person']}: {r['measure']}") for r in rewards]
