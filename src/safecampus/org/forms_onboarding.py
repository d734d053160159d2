"""Forms of the onboarding pages. Choices start from the person's scope."""

from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from safecampus.core.forms import UserForm, VersionedForm

from .choices import Gender, SchoolType, UnitKind
from .models import OrgUnit, Post, Role, RoleAssignment
from .models_onboarding import ImportKind

DATE = forms.DateInput(attrs={"type": "date"})


class UnitChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{'· ' * max(obj.depth - 1, 0)}{obj.display_name}"


def _units(user, capability: str, kinds=None):
    qs = OrgUnit.objects.visible_to(user, capability).filter(is_active=True)
    return qs.filter(kind__in=kinds) if kinds else qs


class UnitForm(UserForm):
    parent = UnitChoice(label=_("Above it"), queryset=OrgUnit.objects.none())
    kind = forms.ChoiceField(label=_("Kind"), choices=[c for c in UnitKind.choices if c[0] != UnitKind.AUTHORITY])
    name = forms.CharField(label=_("Name"), max_length=200)
    name_zh = forms.CharField(label=_("Chinese name"), max_length=200, required=False)
    school_type = forms.ChoiceField(label=_("School type"), choices=[("", "-"), *SchoolType.choices], required=False)
    canteen = forms.BooleanField(label=_("Has a canteen"), required=False)
    dormitory = forms.BooleanField(label=_("Has a dormitory"), required=False)
    transport = forms.BooleanField(label=_("Has school transport"), required=False)
    boarding = forms.BooleanField(label=_("Boarding school"), required=False)
    floors = forms.IntegerField(label=_("Number of floors"), required=False, min_value=0, max_value=200)
    head_teacher = forms.ModelChoiceField(label=_("Head teacher (for a class)"), required=False,
                                          queryset=get_user_model().objects.none())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["parent"].queryset = _units(self.user, "org.manage").exclude(kind=UnitKind.CLASS)
        people = RoleAssignment.objects.visible_to(self.user, "org.manage").values("user_id")
        self.fields["head_teacher"].queryset = get_user_model().objects.filter(pk__in=people).order_by("first_name")
        self.fields["head_teacher"].label_from_instance = lambda u: u.first_name or u.username


class UnitEditForm(VersionedForm):
    name = forms.CharField(label=_("Name"), max_length=200)
    name_zh = forms.CharField(label=_("Chinese name"), max_length=200, required=False)
    parent = UnitChoice(label=_("Move below"), queryset=OrgUnit.objects.none(), required=False)
    school_type = forms.ChoiceField(label=_("School type"), choices=[("", "-"), *SchoolType.choices], required=False)
    canteen = forms.BooleanField(label=_("Has a canteen"), required=False)
    dormitory = forms.BooleanField(label=_("Has a dormitory"), required=False)
    transport = forms.BooleanField(label=_("Has school transport"), required=False)
    boarding = forms.BooleanField(label=_("Boarding school"), required=False)
    floors = forms.IntegerField(label=_("Number of floors"), required=False, min_value=0, max_value=200)

    def __init__(self, *args, unit=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["parent"].queryset = _units(self.user, "org.manage").exclude(kind=UnitKind.CLASS).exclude(
            path__startswith=unit.path)
        if unit.kind != UnitKind.SCHOOL:
            for name in ("school_type", "canteen", "dormitory", "transport", "boarding", "floors"):
                del self.fields[name]


class CloseForm(VersionedForm):
    reason = forms.CharField(label=_("Reason"), max_length=200, required=False)


class StaffForm(VersionedForm):
    org_unit = UnitChoice(label=_("Unit"), queryset=OrgUnit.objects.none())
    name = forms.CharField(label=pgettext_lazy("person", "Name"), max_length=100)
    gender = forms.ChoiceField(label=_("Gender"), choices=[("", "-"), *Gender.choices], required=False)
    phone = forms.CharField(label=_("Phone"), max_length=32, required=False,
                            widget=forms.TextInput(attrs={"inputmode": "tel"}))
    username = forms.CharField(label=_("Username (leave empty for no account)"), max_length=150, required=False)
    roles = forms.MultipleChoiceField(label=_("Roles at this unit"), required=False,
                                      widget=forms.CheckboxSelectMultiple)
    posts = forms.MultipleChoiceField(label=_("Posts"), required=False, widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, editing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["org_unit"].queryset = _units(self.user, "org.manage").exclude(kind__in=[UnitKind.GRADE,
                                                                                             UnitKind.CLASS])
        self.fields["roles"].choices = [(r.code, r.display_name) for r in Role.objects.all()]
        self.fields["posts"].choices = [(p.code, p.display_name) for p in Post.objects.all()]
        for name in ("roles", "posts"):
            self.fields[name].widget.attrs["class"] = "form-check-input"
        if editing:
            del self.fields["username"]


def _guardian_fields(n: int, label) -> dict:
    return {
        f"guardian{n}_name": forms.CharField(label=label, max_length=100, required=False),
        f"guardian{n}_relation": forms.CharField(label=_("Relation"), max_length=32, required=False),
        f"guardian{n}_phone": forms.CharField(label=_("Phone"), max_length=32, required=False,
                                              widget=forms.TextInput(attrs={"inputmode": "tel"})),
        f"guardian{n}_may_pick_up": forms.BooleanField(label=_("May pick up"), required=False, initial=True),
    }


class StudentForm(VersionedForm):
    org_unit = UnitChoice(label=_("Class"), queryset=OrgUnit.objects.none())
    name = forms.CharField(label=pgettext_lazy("person", "Name"), max_length=100)
    gender = forms.ChoiceField(label=_("Gender"), choices=[("", "-"), *Gender.choices], required=False)
    birth_date = forms.DateField(label=_("Date of birth"), required=False, widget=DATE)
    student_no = forms.CharField(label=_("Student number"), max_length=32, required=False)
    id_number = forms.CharField(label=_("Identity number"), max_length=32, required=False,
                                help_text=_("Stored encrypted and shown masked. Leave empty to keep the recorded one."))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields.update(_guardian_fields(1, _("Guardian")))
        self.fields.update(_guardian_fields(2, _("Second guardian")))
        for name, field in self.fields.items():
            if name.startswith("guardian"):
                field.widget.attrs["class"] = "form-check-input" if name.endswith("may_pick_up") else "form-control"
        self.fields["org_unit"].queryset = _units(self.user, "org.manage", [UnitKind.CLASS]).select_related("parent")
        self.fields["org_unit"].label_from_instance = lambda u: f"{u.parent.display_name} {u.display_name}"

    def guardians(self) -> list[dict]:
        out = []
        for n in (1, 2):
            name = self.cleaned_data.get(f"guardian{n}_name")
            if name:
                out.append({"name": name, "relation": self.cleaned_data.get(f"guardian{n}_relation", ""),
                            "phone": self.cleaned_data.get(f"guardian{n}_phone", ""),
                            "may_pick_up": bool(self.cleaned_data.get(f"guardian{n}_may_pick_up"))})
        return out


class MoveForm(UserForm):
    org_unit = UnitChoice(label=_("New class"), queryset=OrgUnit.objects.none())
    reason = forms.CharField(label=_("Reason"), max_length=200, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["org_unit"].queryset = _units(self.user, "org.manage", [UnitKind.CLASS]).select_related("parent")
        self.fields["org_unit"].label_from_instance = lambda u: f"{u.parent.display_name} {u.display_name}"


def _keepers(user):
    return _units(user, "org.manage_calendar", [UnitKind.AUTHORITY, UnitKind.CENTRAL_SCHOOL])


class HolidayForm(VersionedForm):
    org_unit = UnitChoice(label=_("Calendar of"), queryset=OrgUnit.objects.none())
    name = forms.CharField(label=_("Name"), max_length=100)
    name_zh = forms.CharField(label=_("Chinese name"), max_length=100, required=False)
    start = forms.DateField(label=_("First day"), widget=DATE)
    end = forms.DateField(label=_("Last day"), widget=DATE)

    def __init__(self, *args, editing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["org_unit"].queryset = _keepers(self.user)
        if editing:
            del self.fields["org_unit"]


class SchoolYearForm(VersionedForm):
    org_unit = UnitChoice(label=_("Calendar of"), queryset=OrgUnit.objects.none())
    name = forms.CharField(label=_("Name"), max_length=32, help_text=_("For example 2027-2028"))
    start = forms.DateField(label=_("First day"), widget=DATE)
    end = forms.DateField(label=_("Last day"), widget=DATE)
    autumn_start = forms.DateField(label=_("Autumn semester starts"), widget=DATE)
    autumn_end = forms.DateField(label=_("Autumn semester ends"), widget=DATE)
    spring_start = forms.DateField(label=_("Spring semester starts"), widget=DATE)
    spring_end = forms.DateField(label=_("Spring semester ends"), widget=DATE)

    def __init__(self, *args, editing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["org_unit"].queryset = _keepers(self.user)
        if editing:
            del self.fields["org_unit"]

    def semesters(self) -> list[dict]:
        d = self.cleaned_data
        return [{"kind": "autumn", "start": d["autumn_start"], "end": d["autumn_end"]},
                {"kind": "spring", "start": d["spring_start"], "end": d["spring_end"]}]


class ImportForm(UserForm):
    kind = forms.ChoiceField(label=_("What the file holds"), choices=ImportKind.choices)
    file = forms.FileField(label=_("Excel file (.xlsx)"),
                           widget=forms.ClearableFileInput(attrs={"accept": ".xlsx"}))


class FirstPasswordForm(UserForm):
    new_password1 = forms.CharField(label=_("New password"), strip=False,
                                    widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}))
    new_password2 = forms.CharField(label=_("New password again"), strip=False,
                                    widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}))

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("new_password1") and cleaned.get("new_password1") != cleaned.get("new_password2"):
            self.add_error("new_password2", _("The two passwords differ."))
        return cleaned
