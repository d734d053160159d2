from django import forms
from django.utils.translation import gettext_lazy as _

# Django's own blank choice; its catalogue has no Chinese for it yet, ours does.
BLANK_CHOICE_LABEL = _("- Select an option -")


class UserFormMixin:
    """Forms receive the acting user so their choices start from the user's scope; every widget
    gets its Bootstrap class."""

    def __init__(self, *args, user=None, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            widget = field.widget
            css = "form-select" if isinstance(widget, forms.Select | forms.SelectMultiple) else (
                "form-check-input" if isinstance(widget, forms.CheckboxInput) else "form-control")
            widget.attrs.setdefault("class", css)


class UserForm(UserFormMixin, forms.Form):
    pass


class UserModelForm(UserFormMixin, forms.ModelForm):
    pass
