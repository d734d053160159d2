"""Fire equipment: the register, an item with its checks, the check from its QR label on a phone,
repairs, labels (PDF), what is due for its check, evacuation routes and exits."""

from __future__ import annotations

import base64

import segno
from django.contrib import messages
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from safecampus.core.errors import DomainError, Forbidden
from safecampus.core.pdf import pdf_response
from safecampus.core.permissions import has_capability
from safecampus.core.views.generic import Column, ScopedListView, apply_errors, guarded, history_of

from .. import selectors
from ..choices import EquipmentStatus
from ..filters import EquipmentFilter
from ..forms.fire import CheckForm, EquipmentForm, ExitForm
from ..models import ExitCheck, FireEquipment
from ..services import fire as services
from .common import person
from .staff import CanteenFormView


class EquipmentList(ScopedListView):
    """The fire equipment register (消防器材台账)."""

    model = FireEquipment
    queryset = FireEquipment.objects.select_related("org_unit")
    capability = "canteen.fire_view"
    filterset_class = EquipmentFilter
    template_name = "canteen/equipment_list.html"
    title = gettext_lazy("Fire equipment")
    export_name = "fire-equipment"
    create_url = "canteen:fire-new"
    create_capability = "canteen.fire_manage"
    create_label = gettext_lazy("Add equipment")
    status_field = "status"
    default_order = ("building", "location", "id")
    columns = [
        Column("get_kind_display", gettext_lazy("Kind"), link=True, sort="kind"),
        Column("building", gettext_lazy("Building"), sort="building"),
        Column("location", gettext_lazy("Location"), sort="location"),
        Column("code", gettext_lazy("Label code")),
        Column("expires", gettext_lazy("Expires"), sort="expires"),
        Column("get_status_display", gettext_lazy("Status")),
        Column("last_checked_at", gettext_lazy("Last checked"), sort="last_checked_at"),
    ]

    def extra_context(self) -> dict:
        unit, choices = selectors.pick_school(self.request.user, "canteen.fire_view", self.request.GET.get("unit"))
        return {"over_limit": selectors.buildings_over_limit(unit) if unit else [], "unit": unit,
                "can_print": bool(unit)}


class EquipmentNew(CanteenFormView):
    form_class = EquipmentForm
    title = gettext_lazy("Add fire equipment")
    capability = "canteen.fire_manage"
    cancel_name = "canteen:fire"

    def perform(self, form):
        return services.create_equipment(actor=self.request.user, **form.cleaned_data)


def _item_context(request, item, form=None) -> dict:
    path = item.org_unit.path
    return {"title": str(item), "item": item, "checks": item.checks.select_related("checked_by__staff", "hazard")
            .order_by("-checked_at", "-id")[:24],
            "can_check": has_capability(request.user, "canteen.fire_check", path)
            and item.status != EquipmentStatus.RETIRED,
            "can_manage": has_capability(request.user, "canteen.fire_manage", path),
            "form": form or CheckForm(user=request.user), "history": history_of(item),
            "over_limit": services.over_limit(item.org_unit, item.building) if item.kind == "extinguisher" else False,
            "person": person}


@guarded()
def equipment_detail(request, pk: int):
    item = FireEquipment.objects.select_related("org_unit").get_visible(request.user, "canteen.fire_view", pk=pk)
    return render(request, "canteen/equipment_detail.html", _item_context(request, item))


def _record_check(request, item, template: str):
    form = CheckForm(data=request.POST, files=request.FILES, user=request.user)
    status = 400
    if form.is_valid():
        try:
            check = services.check_equipment(item, actor=request.user, **form.cleaned_data)
        except Forbidden:
            raise
        except DomainError as exc:
            apply_errors(form, exc)
            status = exc.status
        else:
            if check.hazard_id:
                messages.warning(request, _("Check recorded; a hazard was opened for the fault."))
            else:
                messages.success(request, _("Check recorded."))
            return HttpResponseRedirect(item.get_absolute_url())
    return render(request, template, _item_context(request, item, form), status=status)


@guarded()
def equipment_check(request, pk: int):
    item = FireEquipment.objects.select_related("org_unit").get_visible(request.user, "canteen.fire_check", pk=pk)
    if request.method != "POST":
        return HttpResponseRedirect(item.get_absolute_url())
    return _record_check(request, item, "canteen/equipment_detail.html")


@guarded()
def scan(request, code: str):
    """The page a phone opens from the item's QR label: the item and its check form."""
    item = FireEquipment.objects.select_related("org_unit").get_visible(
        request.user, "canteen.fire_view", code=code.strip().upper())
    if request.method == "POST":
        if not has_capability(request.user, "canteen.fire_check", item.org_unit.path):
            raise Forbidden()
        return _record_check(request, item, "canteen/equipment_detail.html")
    return render(request, "canteen/equipment_detail.html", _item_context(request, item))


ACTIONS = {"repair": services.send_for_repair, "back": services.return_from_repair,
           "retire": services.retire_equipment}


@guarded()
def equipment_action(request, pk: int, action: str):
    item = FireEquipment.objects.select_related("org_unit").get_visible(request.user, "canteen.fire_manage", pk=pk)
    if request.method != "POST":
        return HttpResponseRedirect(item.get_absolute_url())
    try:
        item = ACTIONS[action](item, actor=request.user)
    except Forbidden:
        raise
    except DomainError as exc:
        messages.error(request, exc.message)
        return HttpResponseRedirect(item.get_absolute_url())
    if action == "repair" and services.over_limit(item.org_unit, item.building):
        messages.warning(request, _("More than the allowed share of this building's extinguishers is away for "
                                    "repair: replace them before sending more."))
    else:
        messages.success(request, _("Saved."))
    return HttpResponseRedirect(item.get_absolute_url())


def qr_data_uri(url: str) -> str:
    png = segno.make(url, error="m").png_data_uri(scale=4, border=2)
    return png if png.startswith("data:") else "data:image/png;base64," + base64.b64encode(png).decode()


def _labels(request, items):
    rows = [{"item": i, "qr": qr_data_uri(request.build_absolute_uri(reverse("canteen:fire-scan", args=[i.code])))}
            for i in items]
    return pdf_response("canteen/labels_pdf.html", {"labels": rows}, "fire-equipment-labels", request)


@guarded()
def equipment_label(request, pk: int):
    item = FireEquipment.objects.select_related("org_unit").get_visible(request.user, "canteen.fire_view", pk=pk)
    return _labels(request, [item])


@guarded("canteen.fire_view")
def labels(request):
    unit, _choices = selectors.pick_school(request.user, "canteen.fire_view", request.GET.get("unit"))
    items = (FireEquipment.objects.visible_to(request.user, "canteen.fire_view").filter(org_unit=unit)
             .exclude(status=EquipmentStatus.RETIRED).select_related("org_unit").order_by("building", "location", "pk"))
    return _labels(request, list(items[:500]))


@guarded("canteen.fire_view")
def due(request):
    """What the safety officer must still check this month (or this half-month in crowded places)."""
    unit, choices = selectors.pick_school(request.user, "canteen.fire_view", request.GET.get("org_unit"))
    items = list(selectors.due_equipment(request.user, unit)[:300]) if unit else []
    return render(request, "canteen/due.html", {
        "title": _("Fire equipment due for its check"), "unit": unit, "schools": choices, "items": items,
        "since": selectors.check_period_start(unit) if unit else None,
        "over_limit": selectors.buildings_over_limit(unit) if unit else []})


class ExitList(ScopedListView):
    model = ExitCheck
    queryset = ExitCheck.objects.select_related("org_unit", "checked_by__staff", "hazard")
    capability = "canteen.fire_view"
    title = gettext_lazy("Evacuation routes and exits")
    export_name = "exit-checks"
    create_url = "canteen:exit-new"
    create_capability = "canteen.fire_check"
    create_label = gettext_lazy("Check a route or exit")
    default_order = ("-checked_at", "-id")
    columns = [
        Column("place", gettext_lazy("Route or exit")),
        Column("org_unit", gettext_lazy("School"), sort="org_unit__path"),
        Column(lambda e: _("Clear") if e.clear else _("Blocked"), gettext_lazy("Result")),
        Column("note", gettext_lazy("Note")),
        Column(lambda e: person(e.checked_by), gettext_lazy("Checked by")),
        Column("checked_at", gettext_lazy("Checked at"), sort="checked_at"),
    ]


class ExitNew(CanteenFormView):
    form_class = ExitForm
    title = gettext_lazy("Check a route or exit")
    capability = "canteen.fire_check"
    cancel_name = "canteen:exits"

    def perform(self, form):
        return services.check_exit(actor=self.request.user, **form.cleaned_data)

    def success_url(self, result) -> str:
        return reverse("canteen:exits")
