"""``/api/v1/suppliers``, ``/api/v1/food-purchases`` (refused "three-no" batches: 400) and
``/api/v1/purchase-refusals``."""

from __future__ import annotations

from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import serializers, status
from rest_framework.decorators import action
from rest_framework.response import Response

from safecampus.core.api.base import ReadOnlyScopedViewSet, ScopedViewSet, StrictSerializer, expect_version, validated
from safecampus.core.errors import InvalidInput
from safecampus.core.files import attachments_of
from safecampus.core.permissions import require

from ..filters import ApiUnitFilter
from ..models import FoodPurchase, PurchaseRefusal, Supplier
from ..services import supply as services
from ..services.common import today
from .common import UnitId


class SupplierOut(serializers.ModelSerializer):
    qualified = serializers.SerializerMethodField()

    class Meta:
        model = Supplier
        fields = ["id", "org_unit", "name", "licence_no", "qualifications", "licence_expires", "qualified", "contact",
                  "version"]

    def get_qualified(self, obj) -> bool:
        return obj.qualified_on(today(obj.org_unit))


def _photos():
    return serializers.ListField(child=serializers.FileField(), required=False, default=list, max_length=10)


class SupplierIn(StrictSerializer):
    org_unit = UnitId()
    name = serializers.CharField()
    licence_expires = serializers.DateField()
    licence_no = serializers.CharField(required=False, allow_blank=True, default="")
    qualifications = serializers.CharField(required=False, allow_blank=True, default="")
    contact = serializers.CharField(required=False, allow_blank=True, default="")
    photos = _photos()


class SupplierRenewIn(StrictSerializer):
    licence_expires = serializers.DateField()
    version = serializers.IntegerField(required=False, min_value=1)
    photos = _photos()


class SupplierViewSet(ScopedViewSet):
    queryset = Supplier.objects.select_related("org_unit")
    serializer_class = SupplierOut
    filterset_class = ApiUnitFilter
    view_capability = "canteen.view"
    action_capabilities = {"renew": "canteen.manage"}

    def get_queryset(self):
        return super().get_queryset().order_by("name", "id")

    @extend_schema(request=SupplierIn, responses={201: SupplierOut})
    def create(self, request, *args, **kwargs):
        data = validated(SupplierIn, request)
        supplier = services.create_supplier(actor=request.user, **data)
        return Response(SupplierOut(supplier).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=SupplierRenewIn, responses=SupplierOut)
    @action(detail=True, methods=["post"])
    def renew(self, request, pk=None):
        """A renewed qualification: its new expiry and, if sent, photos of the documents."""
        supplier = self.get_object()
        data = validated(SupplierRenewIn, request)
        supplier = services.renew_supplier(supplier, actor=request.user, licence_expires=data["licence_expires"],
                                           expected_version=expect_version(data), photos=data["photos"])
        return Response(SupplierOut(supplier).data)


@extend_schema_field(OpenApiTypes.INT)
class SupplierId(serializers.IntegerField):
    """A supplier id (checked against the caller's scope by the view)."""


class PurchaseOut(serializers.ModelSerializer):
    expires_on = serializers.DateField(read_only=True)
    photos = serializers.SerializerMethodField()

    class Meta:
        model = FoodPurchase
        fields = ["id", "org_unit", "supplier", "item", "batch", "quantity", "production_date", "shelf_life_days",
                  "expires_on", "has_certificate", "has_ticket", "purchased_on", "keep_until", "recorded_by",
                  "photos", "version"]

    def get_photos(self, obj) -> list[dict]:
        return [{"id": str(a.uid), "purpose": a.purpose, "url": a.get_absolute_url(),
                 "mime_type": a.mime_type} for a in attachments_of(obj)]


class PurchaseIn(StrictSerializer):
    org_unit = UnitId()
    supplier = SupplierId(min_value=1)
    item = serializers.CharField()
    batch = serializers.CharField()
    quantity = serializers.CharField()
    has_certificate = serializers.BooleanField()
    has_ticket = serializers.BooleanField()
    production_date = serializers.DateField(required=False, allow_null=True, default=None)
    shelf_life_days = serializers.IntegerField(required=False, allow_null=True, default=None)
    purchased_on = serializers.DateField(required=False, allow_null=True, default=None)
    certificate_photo = serializers.FileField(required=False, allow_null=True, default=None)
    ticket_photo = serializers.FileField(required=False, allow_null=True, default=None)
    request_id = serializers.CharField(required=False, allow_blank=True, default="")


class PurchaseViewSet(ScopedViewSet):
    """The purchase register per batch; a "three-no" batch is refused with 400 naming each reason."""

    queryset = FoodPurchase.objects.select_related("org_unit")
    serializer_class = PurchaseOut
    filterset_class = ApiUnitFilter
    view_capability = "canteen.view"

    def get_queryset(self):
        return super().get_queryset().order_by("-purchased_on", "-id")

    @extend_schema(request=PurchaseIn, responses={201: PurchaseOut})
    def create(self, request, *args, **kwargs):
        data = validated(PurchaseIn, request)
        require(request.user, "canteen.manage", data["org_unit"])  # 403 before any word about the supplier
        supplier = Supplier.objects.visible_to(request.user, "canteen.view").filter(pk=data.pop("supplier")).first()
        if supplier is None:
            raise InvalidInput.field("supplier", _("Not found."))
        purchase = services.receive_batch(actor=request.user, supplier=supplier, **data)
        return Response(PurchaseOut(purchase).data, status=status.HTTP_201_CREATED)


class RefusalOut(serializers.ModelSerializer):
    class Meta:
        model = PurchaseRefusal
        fields = ["id", "org_unit", "supplier", "item", "batch", "reasons", "refused_at", "recorded_by"]


class RefusalViewSet(ReadOnlyScopedViewSet):
    queryset = PurchaseRefusal.objects.all()
    serializer_class = RefusalOut
    filterset_class = ApiUnitFilter
    view_capability = "canteen.view"

    def get_queryset(self):
        return super().get_queryset().order_by("-refused_at", "-id")


def register(router) -> None:
    router.register("suppliers", SupplierViewSet, basename="supplier")
    router.register("food-purchases", PurchaseViewSet, basename="food-purchase")
    router.register("purchase-refusals", RefusalViewSet, basename="purchase-refusal")
