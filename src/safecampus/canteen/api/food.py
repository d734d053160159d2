"""``/api/v1/food-samples`` (take, list, dispose) and ``/api/v1/meals`` (menus, 陪餐)."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.decorators import action
from rest_framework.response import Response

from safecampus.core.api.base import ScopedViewSet, StrictSerializer, expect_version, validated

from ..choices import Meal
from ..filters import ApiUnitFilter, SampleApiFilter
from ..models import FoodSample, MealService
from ..services import food as services
from .common import UnitId, UserId


class SampleOut(serializers.ModelSerializer):
    meal = serializers.CharField(source="meal.meal")
    date = serializers.DateField(source="meal.date")

    class Meta:
        model = FoodSample
        fields = ["id", "org_unit", "date", "meal", "dish", "weight_g", "fridge", "taken_by", "taken_at",
                  "keep_until", "disposed_at", "disposed_by", "version"]


class SampleIn(StrictSerializer):
    org_unit = UnitId()
    # Types only; the policy's least weight is the service's to say.
    meal = serializers.CharField()
    dish = serializers.CharField()
    weight_g = serializers.IntegerField()
    taken_at = serializers.CharField(required=False, allow_blank=True, allow_null=True, default=None)
    fridge = serializers.CharField(required=False, allow_blank=True, default="")
    request_id = serializers.CharField(required=False, allow_blank=True, default="")


class Versioned(StrictSerializer):
    version = serializers.IntegerField(required=False, min_value=1)


class SampleViewSet(ScopedViewSet):
    queryset = FoodSample.objects.select_related("meal")
    serializer_class = SampleOut
    filterset_class = SampleApiFilter
    view_capability = "canteen.view"
    action_capabilities = {"dispose": "canteen.sample"}

    def get_queryset(self):
        return super().get_queryset().order_by("-taken_at", "-id")

    @extend_schema(request=SampleIn, responses={201: SampleOut})
    def create(self, request, *args, **kwargs):
        data = validated(SampleIn, request)
        sample = services.record_sample(actor=request.user, **data)
        return Response(SampleOut(sample).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=Versioned, responses=SampleOut)
    @action(detail=True, methods=["post"])
    def dispose(self, request, pk=None):
        """Record the sample thrown away: 409 before its keep-until time."""
        sample = self.get_object()
        data = validated(Versioned, request)
        sample = services.dispose_sample(sample, actor=request.user, expected_version=expect_version(data))
        return Response(SampleOut(sample).data)


class MealOut(serializers.ModelSerializer):
    missing = serializers.SerializerMethodField()

    class Meta:
        model = MealService
        fields = ["id", "org_unit", "date", "meal", "menu", "samples_complete", "missing", "leader", "leader_note",
                  "leader_recorded_at", "version"]

    def get_missing(self, obj) -> list[str]:
        sampled = {s.dish for s in obj.samples.all()}
        return [d for d in obj.menu if d not in sampled]


class MealIn(StrictSerializer):
    org_unit = UnitId()
    date = serializers.DateField()
    meal = serializers.ChoiceField(choices=Meal.choices)
    menu = serializers.ListField(child=serializers.CharField(), allow_empty=False)


class AccompanyIn(StrictSerializer):
    leader = UserId(required=False, allow_null=True, default=None)
    note = serializers.CharField(required=False, allow_blank=True, default="")


class MealViewSet(ScopedViewSet):
    """A day's meals: ``POST`` sets a meal's menu (every dish needs its sample); ``accompany`` records
    the leader who ate with the pupils (陪餐)."""

    queryset = MealService.objects.prefetch_related("samples")
    serializer_class = MealOut
    filterset_class = ApiUnitFilter
    view_capability = "canteen.view"
    action_capabilities = {"accompany": "canteen.accompany"}

    def get_queryset(self):
        qs = super().get_queryset().order_by("-date", "meal", "id")
        day = self.request.query_params.get("date")
        if day:
            from safecampus.core import inputs

            qs = qs.filter(date=inputs.date(day, "date"))
        return qs

    @extend_schema(request=MealIn, responses={201: MealOut})
    def create(self, request, *args, **kwargs):
        data = validated(MealIn, request)
        meal = services.set_menu(actor=request.user, org_unit=data["org_unit"], date=data["date"],
                                 meal=data["meal"], dishes=data["menu"])
        return Response(MealOut(meal).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=AccompanyIn, responses=MealOut)
    @action(detail=True, methods=["post"])
    def accompany(self, request, pk=None):
        meal = self.get_object()
        data = validated(AccompanyIn, request)
        meal = services.record_companion(actor=request.user, org_unit=meal.org_unit, date=meal.date,
                                         meal=meal.meal, leader=data["leader"], note=data["note"])
        return Response(MealOut(meal).data)


def register(router) -> None:
    router.register("food-samples", SampleViewSet, basename="food-sample")
    router.register("meals", MealViewSet, basename="meal")


