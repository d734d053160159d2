"""Suppliers and their qualifications, the purchase register per batch, refused "three-no" batches."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from safecampus.core.models import ScopedModel


class Supplier(ScopedModel):
    name = models.CharField(_("name"), max_length=100)
    licence_no = models.CharField(_("licence number"), max_length=60, blank=True)
    qualifications = models.CharField(_("qualification documents"), max_length=500, blank=True)
    licence_expires = models.DateField(_("qualification expires"))
    contact = models.CharField(_("contact"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("supplier")
        verbose_name_plural = _("suppliers")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("canteen:supplier-detail", args=[self.pk])

    def qualified_on(self, day) -> bool:
        return self.licence_expires >= day


class FoodPurchase(ScopedModel):
    """One batch bought (进货查验记录), kept until ``keep_until`` (the retention policy)."""

    supplier = models.ForeignKey(Supplier, on_delete=models.PROTECT, related_name="purchases",
                                 verbose_name=_("supplier"))
    item = models.CharField(_("item"), max_length=100)
    batch = models.CharField(_("batch"), max_length=60)
    quantity = models.CharField(_("quantity"), max_length=60)
    production_date = models.DateField(_("production date"), null=True, blank=True)
    shelf_life_days = models.PositiveIntegerField(_("shelf life (days)"), null=True, blank=True)
    has_certificate = models.BooleanField(_("inspection certificate"), default=False)
    has_ticket = models.BooleanField(_("purchase ticket"), default=False)
    purchased_on = models.DateField(_("purchased on"))
    keep_until = models.DateField(_("record kept until"))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                                    verbose_name=_("recorded by"))
    request_id = models.CharField(max_length=64, blank=True, default="")

    class Meta:
        verbose_name = _("food purchase")
        verbose_name_plural = _("food purchases")
        constraints = [models.UniqueConstraint(fields=["org_unit", "request_id"], condition=~models.Q(request_id=""),
                                               name="canteen_purchase_request_once")]
        indexes = [models.Index(fields=["org_unit", "-purchased_on"], name="canteen_purchase_unit_day")]

    def __str__(self) -> str:
        return f"{self.item} {self.batch}"

    def get_absolute_url(self) -> str:
        return reverse("canteen:purchase-detail", args=[self.pk])

    @property
    def expires_on(self):
        if self.production_date is None or self.shelf_life_days is None:
            return None
        return self.production_date + timedelta(days=self.shelf_life_days)


class PurchaseRefusal(ScopedModel):
    """A batch turned away at the door: no certificate, no ticket, or a supplier whose qualification lapsed."""

    supplier = models.ForeignKey(Supplier, null=True, blank=True, on_delete=models.PROTECT, related_name="+",
                                 verbose_name=_("supplier"))
    item = models.CharField(_("item"), max_length=100)
    batch = models.CharField(_("batch"), max_length=60, blank=True)
    reasons = models.JSONField(_("reasons"), default=list)
    refused_at = models.DateTimeField(_("refused at"))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                                    verbose_name=_("recorded by"))

    class Meta:
        verbose_name = _("refused batch")
        verbose_name_plural = _("refused batches")
