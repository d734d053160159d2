from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from safecampus.core.forms import UserForm
from safecampus.core.permissions import scope_paths
from safecampus.org.choices import UnitKind
from safecampus.org.models import OrgUnit, RoleAssignment

from .choices import HazardLevel, Outcome, TemplateKind, Topic
from .models import ChecklistTemplate

INSPECTOR_ROLES = ("central_officer", "principal", "safety_officer")


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None, format=None):  # Django's own argument name
        # The browser's date picker reads and writes ISO dates whatever the page language.
        super().__init__(attrs, format or "%Y-%m-%d")


def units_with(user, capability: str, kinds: tuple[str, ...]):
    return OrgUnit.objects.visible_to(user, capability).filter(kind__in=kinds, is_active=True).order_by("path")


def inspectors_for(user):
    """People who may carry out inspections somewhere the reader schedules them."""
    roots = scope_paths(user, "inspections.schedule")
    if not roots:
        return get_user_model().objects.none()
    ids = set(RoleAssignment.objects.visible_to(user, "inspections.schedule").filter(
        role__code__in=INSPECTOR_ROLES).values_list("user_id", flat=True))
    # Central-school inspectors stand above the reader's schools, so take those roles too.
    above = {"/" + "/".join(r.strip("/").split("/")[: i + 1]) + "/"
             for r in roots for i in range(len(r.strip("/").split("/")))}
    ids |= set(RoleAssignment.objects.filter(role__code="central_officer", org_unit__path__in=above)
               .values_list("user_id", flat=True))
    return get_user_model().objects.filter(pk__in=ids).order_by("username")


class InspectorChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{obj.first_name or obj.username} ({obj.username})"


class ScheduleForm(UserForm):
    template = forms.ModelChoiceField(queryset=ChecklistTemplate.objects.none(), label=_("Checklist"),
                                      empty_label=_("Choose a checklist"))
    target = forms.ChoiceField(label=_("Where"))
    scheduled_for = forms.DateField(label=_("Date"), widget=DateInput)
    assignee = InspectorChoice(queryset=get_user_model().objects.none(), required=False, label=_("Inspector"),
                               empty_label=_("Not named yet"),
                               help_text=_("Leave empty and any safety officer of the school may carry it out."))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["template"].queryset = ChecklistTemplate.objects.visible_to(
            self.user, "inspections.schedule").filter(is_active=True).exclude(current_version=None)
        choices = []
        for unit in units_with(self.user, "inspections.schedule", (UnitKind.CENTRAL_SCHOOL, UnitKind.SCHOOL)):
            if unit.kind == UnitKind.CENTRAL_SCHOOL:
                choices.append((f"all:{unit.pk}", _("All schools of %(unit)s") % {"unit": unit}))
            else:
                choices.append((f"unit:{unit.pk}", str(unit)))
        self.fields["target"].choices = choices
        self.fields["assignee"].queryset = inspectors_for(self.user)
        self.fields["scheduled_for"].initial = timezone.localdate()

    def clean_target(self) -> tuple[str, OrgUnit]:
        mode, _sep, pk = self.cleaned_data["target"].partition(":")
        unit = OrgUnit.objects.visible_to(self.user, "inspections.schedule").filter(pk=pk).first()
        if unit is None:
            raise forms.ValidationError(_("Choose a school."))
        return mode, unit


class DrawForm(UserForm):
    central = forms.ModelChoiceField(queryset=OrgUnit.objects.none(), label=_("Central school"),
                                     empty_label=_("Choose a central school"))
    template = forms.ModelChoiceField(queryset=ChecklistTemplate.objects.none(), label=_("Checklist"),
                                      empty_label=_("Choose a checklist"))
    count = forms.IntegerField(label=_("Number of schools"), min_value=1, max_value=100, initial=1)
    scheduled_for = forms.DateField(label=_("Date"), widget=DateInput)
    assignee = InspectorChoice(queryset=get_user_model().objects.none(), required=False, label=_("Inspector"),
                               empty_label=_("Not named yet"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        centrals = units_with(self.user, "inspections.draw", (UnitKind.CENTRAL_SCHOOL,))
        self.fields["central"].queryset = centrals
        if len(centrals) == 1:
            self.fields["central"].initial = centrals[0].pk
        self.fields["template"].queryset = ChecklistTemplate.objects.visible_to(
            self.user, "inspections.draw").filter(is_active=True).exclude(current_version=None)
        spot = self.fields["template"].queryset.filter(kind=TemplateKind.SPOT).first()
        if spot is not None:
            self.fields["template"].initial = spot.pk
        self.fields["assignee"].queryset = inspectors_for(self.user)
        self.fields["scheduled_for"].initial = timezone.localdate()


ITEMS_HELP = _("One item per line: Chinese text | English text | weight (1-10) | general or major. "
               "Only the first part is required.")


def items_to_text(items) -> str:
    return "\n".join(" | ".join([i.text_zh, i.text, str(i.weight), i.hazard_level]) for i in items)


def parse_items(text: str, previous=()) -> list[dict]:
    """Lines to item specs. Guidance of an unchanged item carries over from the version it came from."""
    guidance = {(i.text_zh, i.text): (i.guidance_zh, i.guidance, i.opens_hazard) for i in previous}
    items = []
    for n, line in enumerate(line for line in text.splitlines() if line.strip()):
        parts = [p.strip() for p in line.split("|")] + ["", "", "", ""]
        zh, en, weight, level = parts[:4]
        if weight and not weight.isdigit():
            raise forms.ValidationError(_("Line %(n)d: the weight must be a whole number.") % {"n": n + 1})
        level = level.lower() or HazardLevel.GENERAL
        if level not in HazardLevel.values:
            raise forms.ValidationError(_("Line %(n)d: the level is general or major.") % {"n": n + 1})
        g_zh, g_en, opens = guidance.get((zh, en), ("", "", True))
        items.append({"text_zh": zh, "text": en, "weight": int(weight or 1), "hazard_level": level,
                      "guidance_zh": g_zh, "guidance": g_en, "opens_hazard": opens})
    if not items:
        raise forms.ValidationError(_("A checklist needs at least one item."))
    return items


class TemplateForm(UserForm):
    owner = forms.ModelChoiceField(queryset=OrgUnit.objects.none(), label=pgettext_lazy("checklist", "Owner"),
                                   empty_label=_("Choose a unit"))
    kind = forms.ChoiceField(choices=TemplateKind.choices, label=_("Kind"))
    topic = forms.ChoiceField(choices=Topic.choices, label=_("Topic"))
    name_zh = forms.CharField(label=_("Name (Chinese)"), max_length=200, required=False)
    name = forms.CharField(label=_("Name (English)"), max_length=200, required=False)
    items = forms.CharField(label=_("Items"), widget=forms.Textarea(attrs={"rows": 12}), help_text=ITEMS_HELP)

    def __init__(self, *args, previous=(), editing: bool = False, **kwargs):
        self.previous = previous
        super().__init__(*args, **kwargs)
        owners = units_with(self.user, "inspections.manage_templates",
                            (UnitKind.CENTRAL_SCHOOL, UnitKind.AUTHORITY))
        self.fields["owner"].queryset = owners
        if len(owners) == 1:
            self.fields["owner"].initial = owners[0].pk
        if editing:
            for name in ("owner", "kind", "topic"):
                del self.fields[name]

    def clean_items(self) -> list[dict]:
        return parse_items(self.cleaned_data["items"], self.previous)

    def clean(self):
        cleaned = super().clean()
        if not (cleaned.get("name") or cleaned.get("name_zh")):
            self.add_error("name_zh", _("Give the checklist a name."))
        return cleaned


class AssignForm(UserForm):
    assignee = InspectorChoice(queryset=get_user_model().objects.none(), label=_("Inspector"),
                               empty_label=_("Choose an inspector"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = inspectors_for(self.user)


class CancelForm(UserForm):
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}), max_length=1000)


class CarryOutForm(UserForm):
    """One row per item: pass / fail / n.a., a note and photos; built from the inspection's version."""

    summary = forms.CharField(label=_("Overall remarks"), required=False, widget=forms.Textarea(attrs={"rows": 3}),
                              max_length=4000)
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, inspection, **kwargs):
        super().__init__(*args, **kwargs)
        self.inspection = inspection
        self.items = list(inspection.template_version.items.all())
        for item in self.items:
            self.fields[f"outcome_{item.pk}"] = forms.ChoiceField(
                choices=Outcome.choices, widget=forms.RadioSelect, label=item.display_text,
                error_messages={"required": _("Choose pass, fail or n.a.")})
            self.fields[f"note_{item.pk}"] = forms.CharField(required=False, max_length=2000, label=_("Note"))
            self.fields[f"photo_{item.pk}"] = forms.ImageField(
                required=False, label=_("Photo"),
                widget=forms.ClearableFileInput(attrs={"accept": "image/*"}))
        self.fields["version"].initial = inspection.version
        for name, field in self.fields.items():
            if name.startswith("outcome_"):
                field.widget.attrs["class"] = "btn-check"

    def rows(self):
        return [{"item": item, "outcome": self[f"outcome_{item.pk}"], "note": self[f"note_{item.pk}"],
                 "photo": self[f"photo_{item.pk}"]} for item in self.items]

    def results(self) -> list[dict]:
        return [{"item": i.pk, "outcome": self.cleaned_data[f"outcome_{i.pk}"],
                 "note": self.cleaned_data.get(f"note_{i.pk}", "")} for i in self.items]

    def photos(self) -> dict[int, list]:
        return {i.pk: [self.cleaned_data[f"photo_{i.pk}"]] for i in self.items
                if self.cleaned_data.get(f"photo_{i.pk}")}
