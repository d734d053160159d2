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
