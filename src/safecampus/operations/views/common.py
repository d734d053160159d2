"""What operations pages share: a form page with a real cancel link, people's names, local times."""

from __future__ import annotations

from datetime import datetime

from django.utils import formats, timezone

from safecampus.core.views.generic import ServiceFormView


def person(user) -> str:
    if user is None:
        return ""
    staff = getattr(user, "staff", None)
    return staff.name if staff is not None else user.get_username()


def local(value: datetime | None, unit=None) -> str:
    if value is None:
        return ""
    from ..people import unit_zone

    zone = unit_zone(unit) if unit is not None else None
    return formats.localize(timezone.localtime(value, zone)) if zone else formats.localize(timezone.localtime(value))


class FormPage(ServiceFormView):
    template_name = "operations/form.html"
    cancel_url = "operations:home"

    def extra_context(self) -> dict:
        from django.urls import reverse

        return {"cancel": reverse(self.cancel_url)}


class ObjectFormPage(FormPage):
    """A form acting on one record: 404 out of scope, 403 without the capability, the version it was read at."""

    model = None

    def check(self) -> None:
        self.object = self.model.objects.select_related("org_unit").get_visible(
            self.request.user, self.capability, pk=self.kwargs["pk"])

    def get_form_kwargs(self) -> dict:
        kwargs = super().get_form_kwargs()
        kwargs["initial"] = {"version": self.object.version}
        return kwargs

    def extra_context(self) -> dict:
        return {**super().extra_context(), "object": self.object}

    def success_url(self, result) -> str:
        from django.urls import reverse

        return reverse(self.cancel_url) if not hasattr(result, "get_absolute_url") else result.get_absolute_url()
