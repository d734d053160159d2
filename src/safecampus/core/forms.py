from django import forms
from django.utils.translation import gettext_lazy as _

# Django's own blank choice; its catalogue has no Chinese for it yet, ours does.
BLANK_CHOICE_LABEL = _("- Select an option -")


def limit_long_text(field) -> None:
    """A free text without its own limit gets the services' (``core.inputs.LONG_TEXT``): a form names
    the field at once instead of storing and printing 100,000 characters."""
    from django.core.validators import MaxLengthValidator

    from .inputs import LONG_TEXT

    if isinstance(field, forms.CharField) and field.max_length is None:
        field.max_length = LONG_TEXT
        field.validators.append(MaxLengthValidator(LONG_TEXT))
        field.widget.attrs.setdefault("maxlength", str(LONG_TEXT))


class UserFormMixin:
    """Forms receive the acting user so their choices start from the user's scope; every widget
    gets its Bootstrap class; free texts get a limit."""

    def __init__(self, *args, user=None, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            widget = field.widget
            # Radios and ticked lists are Select subclasses but draw boxes to tick, not a drop-down.
            ticks = isinstance(widget, forms.CheckboxInput | forms.RadioSelect | forms.CheckboxSelectMultiple)
            css = "form-check-input" if ticks else (
                "form-select" if isinstance(widget, forms.Select | forms.SelectMultiple) else "form-control")
            widget.attrs.setdefault("class", css)
            if not isinstance(widget, forms.HiddenInput):
                limit_long_text(field)


class UserForm(UserFormMixin, forms.Form):
    pass


class UserModelForm(UserFormMixin, forms.ModelForm):
    pass


class VersionedForm(UserForm):
    """Carries the version of the record the person saw: acting on a record someone changed since is
    refused (409) instead of overwriting what they did not see."""

    version = forms.IntegerField(
        widget=forms.HiddenInput, required=False, min_value=0, max_value=2**31 - 1, label=_("Version"),
        error_messages={key: _("This form is out of date: open it again and repeat what you entered.")
                        for key in ("invalid", "min_value", "max_value")})
