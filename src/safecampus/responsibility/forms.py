from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from safecampus.core.forms import UserForm, VersionedForm
from safecampus.org.models import OrgUnit, RoleAssignment

from .choices import BatchKind, Language, MeetingKind, TeamKind, TeamRole
from .texts import MODEL_RULES


def units_for(user, capability: str, kinds: tuple[str, ...] = ("central_school", "school")):
    return OrgUnit.objects.visible_to(user, capability).filter(kind__in=kinds).order_by("path")


def people_for(user, unit: OrgUnit | None = None):
    """People holding a role in the user's scope (and, when given, at ``unit`` or below)."""
    roles = RoleAssignment.objects.visible_to(user, "org.view")
    if unit is not None:
        roles = roles.filter(org_unit__path__startswith=unit.path)
    return get_user_model().objects.filter(pk__in=roles.values("user_id")).order_by("first_name", "username")


class PersonChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{obj.first_name or obj.username} ({obj.username})"


class PeopleChoice(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{obj.first_name or obj.username} ({obj.username})"


def _this_year() -> int:
    today = timezone.localdate()
    return today.year if today.month >= 9 else today.year - 1


class TeamForm(UserForm):
    org_unit = forms.ModelChoiceField(OrgUnit.objects.none(), label=_("Unit"))
    kind = forms.ChoiceField(choices=TeamKind.choices, label=_("Team"))
    name = forms.CharField(label=_("Name"), max_length=200, required=False)
    duties = forms.CharField(label=_("Remit"), widget=forms.Textarea(attrs={"rows": 3}), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["org_unit"].queryset = units_for(self.user, "responsibility.manage_team")


class MemberForm(UserForm):
    user_account = PersonChoice(get_user_model().objects.none(), label=_("Person"), required=False,
                                help_text=_("Leave empty for someone without an account."))
    name = forms.CharField(label=_("Name"), max_length=100, required=False)
    team_role = forms.ChoiceField(choices=TeamRole.choices, label=_("Role in the team"))
    position = forms.CharField(label=_("Position"), max_length=100, required=False)
    contact = forms.CharField(label=_("Contact"), max_length=64, required=False)

    def __init__(self, *args, team=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user_account"].queryset = people_for(self.user, team.org_unit if team else None)


class DutiesForm(UserForm):
    duties_en = forms.CharField(label=_("Duties in English, one per line"), widget=forms.Textarea(attrs={"rows": 6}))
    duties_zh = forms.CharField(label=_("Duties in Chinese, one per line"), widget=forms.Textarea(attrs={"rows": 6}),
                                required=False)


class LetterForm(UserForm):
    org_unit = forms.ModelChoiceField(OrgUnit.objects.none(), label=_("Issued by"))
    recipient = PersonChoice(get_user_model().objects.none(), label=_("Recipient"))
    year = forms.IntegerField(label=_("School year (first year)"), min_value=2000, max_value=2100)
    title = forms.CharField(label=_("Title"), max_length=200)
    body = forms.CharField(label=_("Text"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    duties = forms.CharField(label=_("Duties, one per line"), widget=forms.Textarea(attrs={"rows": 6}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["org_unit"].queryset = units_for(self.user, "responsibility.issue")
        self.fields["recipient"].queryset = people_for(self.user)
        self.fields["year"].initial = _this_year()


class BatchForm(UserForm):
    org_unit = forms.ModelChoiceField(OrgUnit.objects.none(), label=_("Issued by"))
    kind = forms.ChoiceField(choices=BatchKind.choices, label=_("Recipients"))
    year = forms.IntegerField(label=_("School year (first year)"), min_value=2000, max_value=2100)
    language = forms.ChoiceField(choices=Language.choices, label=_("Language of the letters"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["org_unit"].queryset = units_for(self.user, "responsibility.issue")
        self.fields["year"].initial = _this_year()


class RenewForm(BatchForm):
    from_year = forms.IntegerField(label=_("Renew the letters of"), min_value=2000, max_value=2100)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["kind"]
        self.fields["year"].label = _("For the school year")
        self.fields["year"].initial = _this_year() + 1
        self.fields["from_year"].initial = _this_year()


class SignForm(UserForm):
    confirm = forms.BooleanField(label=_("I have read this letter and accept the duties in it."))
    signed_name = forms.CharField(label=_("Type your full name to sign"), max_length=150)
    signature = forms.CharField(widget=forms.HiddenInput, required=False)


class TemplateForm(VersionedForm):
    title = forms.CharField(label=_("Title (English)"), max_length=200)
    title_zh = forms.CharField(label=_("Title (Chinese)"), max_length=200, required=False)
    body = forms.CharField(label=_("Text (English)"), widget=forms.Textarea(attrs={"rows": 6}),
                           help_text=_("{recipient}, {unit} and {year} are filled in for each letter."))
    body_zh = forms.CharField(label=_("Text (Chinese)"), widget=forms.Textarea(attrs={"rows": 6}), required=False)


class MeetingForm(UserForm):
    org_unit = forms.ModelChoiceField(OrgUnit.objects.none(), label=_("Unit"))
    kind = forms.ChoiceField(choices=MeetingKind.choices, label=_("Kind"))
    title = forms.CharField(label=_("Title"), max_length=200)
    held_at = forms.DateTimeField(label=_("Held at"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"}))
    location = forms.CharField(label=_("Location"), max_length=200, required=False)
    agenda = forms.CharField(label=_("Agenda"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    higher_documents = forms.CharField(label=_("Higher-level documents conveyed"), required=False,
                                       widget=forms.Textarea(attrs={"rows": 2}))
    minutes = forms.CharField(label=_("Minutes"), widget=forms.Textarea(attrs={"rows": 6}), required=False)
    attendees = PeopleChoice(get_user_model().objects.none(), label=_("Attendees"), required=False,
                             widget=forms.SelectMultiple(attrs={"size": 6}))
    absent_note = forms.CharField(label=_("Absent (and why)"), max_length=255, required=False)
    documents = forms.FileField(label=_("Document or photo (PDF or image)"), required=False)
    actions = forms.CharField(
        label=_("Decisions to act on, one per line: action | owner username | due date"), required=False,
        widget=forms.Textarea(attrs={"rows": 4, "placeholder": "检查消防器材 | officer_a | 2026-09-30"}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["org_unit"].queryset = units_for(self.user, "responsibility.meet")
        self.fields["attendees"].queryset = people_for(self.user)

    def clean_actions(self):
        rows = []
        for n, line in enumerate(self.cleaned_data.get("actions", "").splitlines(), 1):
            if not line.strip():
                continue
            parts = [p.strip() for p in line.split("|")]
            if len(parts) != 3:
                raise forms.ValidationError(_("Line %(n)d: action | owner username | due date.") % {"n": n})
            owner = people_for(self.user).filter(username=parts[1]).first()
            if owner is None:
                raise forms.ValidationError(_("Line %(n)d: unknown owner %(u)s.") % {"n": n, "u": parts[1]})
            rows.append({"title": parts[0], "owner": owner, "due": parts[2]})
        return rows


class AdoptForm(UserForm):
    org_unit = forms.ModelChoiceField(OrgUnit.objects.none(), label=_("Unit"))
    codes = forms.MultipleChoiceField(label=_("Rules to adopt"), widget=forms.CheckboxSelectMultiple,
                                      choices=())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from django.utils.translation import get_language

        zh = (get_language() or "").startswith("zh")
        self.fields["org_unit"].queryset = units_for(self.user, "responsibility.adopt_rules")
        self.fields["codes"].choices = [(r["code"], r["title_zh"] if zh else r["title"]) for r in MODEL_RULES]
        self.fields["codes"].widget.attrs = {}


class ReviseForm(VersionedForm):
    title = forms.CharField(label=_("Title (English)"), max_length=200)
    title_zh = forms.CharField(label=_("Title (Chinese)"), max_length=200, required=False)
    body = forms.CharField(label=_("Text (English)"), widget=forms.Textarea(attrs={"rows": 8}))
    body_zh = forms.CharField(label=_("Text (Chinese)"), widget=forms.Textarea(attrs={"rows": 8}), required=False)
    note = forms.CharField(label=_("What changed"), max_length=255)
