"""Suppliers (qualification expiry), the purchase register with its retention countdown, refusals."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from safecampus.core.errors import DomainError, Forbidden
from safecampus.core.files import attachments_of
from safecampus.core.permissions import has_capability
from safecampus.core.views.generic import Column, ScopedListView, apply_errors, guarded, history_of

from ..filters import PurchaseFilter
from ..forms.supply import PurchaseForm, SupplierForm, SupplierRenewForm
from ..models import FoodPurchase, PurchaseRefusal, Supplier
from ..services import supply as services
from ..services.common import today
from .common import person
from .staff import CanteenFormView


def _qualified(s: Supplier) -> str:
    return _("Qualified") if s.qualified_on(today(s.org_unit)) else _("Lapsed")


class SupplierList(ScopedListView):
    model = Supplier
    queryset = Supplier.objects.select_related("org_unit")
    capability = "canteen.view"
    title = gettext_lazy("Suppliers")
    export_name = "suppliers"
    create_url = "canteen:supplier-new"
    create_capability = "canteen.manage"
    create_label = gettext_lazy("Add a supplier")
    default_order = ("licence_expires", "id")
    columns = [
        Column("name", gettext_lazy("Supplier"), link=True, sort="name"),
        Column("org_unit", gettext_lazy("School"), sort="org_unit__path"),
        Column("licence_expires", gettext_lazy("Qualification expires"), sort="licence_expires"),
        Column(_qualified, gettext_lazy("Qualification")),
    ]


class SupplierNew(CanteenFormView):
    form_class = SupplierForm
    title = gettext_lazy("Add a supplier")
    capability = "canteen.manage"
    cancel_name = "canteen:suppliers"

    def perform(self, form):
        data = dict(form.cleaned_data)
        photo = data.pop("photo")
        return services.create_supplier(actor=self.request.user, photos=[photo] if photo else [], **data)


def _supplier_context(request, supplier, form=None) -> dict:
    return {"title": supplier.name, "supplier": supplier, "qualified": supplier.qualified_on(today(supplier.org_unit)),
            "attachments": attachments_of(supplier), "history": history_of(supplier),
            "purchases": supplier.purchases.order_by("-purchased_on", "-id")[:20],
            "can_manage": has_capability(request.user, "canteen.manage", supplier.org_unit.path),
            "form": form or SupplierRenewForm(user=request.user)}


@guarded()
def supplier_detail(request, pk: int):
    supplier = Supplier.objects.select_related("org_unit").get_visible(request.user, "canteen.view", pk=pk)
    if request.method != "POST":
        return render(request, "canteen/supplier_detail.html", _supplier_context(request, supplier))
    supplier = Supplier.objects.select_related("org_unit").get_visible(request.user, "canteen.manage", pk=pk)
    form = SupplierRenewForm(data=request.POST, files=request.FILES, user=request.user)
    status = 400
    if form.is_valid():
        photo = form.cleaned_data["photo"]
        try:
            services.renew_supplier(supplier, actor=request.user, licence_expires=form.cleaned_data["licence_expires"],
                                    photos=[photo] if photo else [])
        except Forbidden:
            raise
        except DomainError as exc:
            apply_errors(form, exc)
            status = exc.status
        else:
            messages.success(request, _("Saved."))
            return HttpResponseRedirect(supplier.get_absolute_url())
    return render(request, "canteen/supplier_detail.html", _supplier_context(request, supplier, form), status=status)


def _retention(p: FoodPurchase) -> str:
    days = (p.keep_until - today(p.org_unit)).days
    if days < 0:
        return _("May be destroyed")
    return ngettext("Kept until %(day)s (%(n)d day left)", "Kept until %(day)s (%(n)d days left)", days) % {
        "day": p.keep_until.isoformat(), "n": days}


class PurchaseList(ScopedListView):
    """The purchase register (进货台账), with how long each record must still be kept."""

    model = FoodPurchase
    queryset = FoodPurchase.objects.select_related("org_unit", "supplier")
    capability = "canteen.view"
    filterset_class = PurchaseFilter
    title = gettext_lazy("Food purchases")
    export_name = "food-purchases"
    create_url = "canteen:purchase-new"
    create_capability = "canteen.manage"
    create_label = gettext_lazy("Record a purchase")
    template_name = "canteen/purchases.html"
    default_order = ("-purchased_on", "-id")
    columns = [
        Column("item", gettext_lazy("Item"), link=True, sort="item"),
        Column("batch", gettext_lazy("Batch")),
        Column("quantity", gettext_lazy("Quantity")),
        Column("supplier.name", gettext_lazy("Supplier")),
        Column("purchased_on", gettext_lazy("Purchased on"), sort="purchased_on"),
        Column("expires_on", gettext_lazy("Use by")),
        Column(_retention, gettext_lazy("Record kept")),
    ]

    def extra_context(self) -> dict:
        refusals = PurchaseRefusal.objects.visible_to(self.request.user, "canteen.view")
        return {"refusal_count": refusals.count()}


class PurchaseNew(CanteenFormView):
    form_class = PurchaseForm
    title = gettext_lazy("Record a purchase")
    capability = "canteen.manage"
    cancel_name = "canteen:purchases"

    def perform(self, form):
        return services.receive_batch(actor=self.request.user, **form.cleaned_data)


@guarded()
def purchase_detail(request, pk: int):
    purchase = FoodPurchase.objects.select_related("org_unit", "supplier", "recorded_by").get_visible(
        request.user, "canteen.view", pk=pk)
    return render(request, "canteen/purchase_detail.html", {
        "title": str(purchase), "purchase": purchase, "retention": _retention(purchase),
        "recorded_by": person(purchase.recorded_by), "attachments": attachments_of(purchase),
        "history": history_of(purchase)})


class RefusalList(ScopedListView):
    model = PurchaseRefusal
    queryset = PurchaseRefusal.objects.select_related("org_unit", "supplier", "recorded_by__staff")
    capability = "canteen.view"
    title = gettext_lazy("Refused batches")
    export_name = "refused-batches"
    default_order = ("-refused_at", "-id")
    columns = [
        Column("item", gettext_lazy("Item")),
        Column("batch", gettext_lazy("Batch")),
        Column(lambda r: r.supplier.name if r.supplier else "", gettext_lazy("Supplier")),
        Column(lambda r: "、".join(str(REASONS.get(x, x)) for x in r.reasons), gettext_lazy("Reasons")),
        Column("refused_at", gettext_lazy("Refused at"), sort="refused_at"),
        Column(lambda r: person(r.recorded_by), gettext_lazy("Recorded by")),
    ]


REASONS = {"has_certificate": gettext_lazy("No inspection certificate"),
           "has_ticket": gettext_lazy("No purchase ticket"),
           "supplier": gettext_lazy("Supplier's qualification lapsed")}


