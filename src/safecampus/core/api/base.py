"""API building blocks that apply the scope rules, so an endpoint cannot forget them."""

from __future__ import annotations

from django.db import transaction
from django.utils.cache import add_never_cache_headers
from rest_framework import mixins, serializers, viewsets
from rest_framework.response import Response

from ..errors import Forbidden, InvalidInput
from ..permissions import has_capability


class StrictSerializer(serializers.Serializer):
    """Unknown fields are an error (a typo must not silently do nothing)."""

    def to_internal_value(self, data):
        if isinstance(data, dict):
            unknown = sorted(set(data) - set(self.fields))
            if unknown:
                raise serializers.ValidationError({name: ["Unknown field."] for name in unknown})
        return super().to_internal_value(data)


class StrictModelSerializer(StrictSerializer, serializers.ModelSerializer):
    pass


class VersionedIn(StrictSerializer):
    """An action's body: ``version``, the record's as the caller read it (optional; a stale one is a 409).
    Pass it on with ``expected_version=expect_version(data)``, or the whole body with
    ``**VersionedIn.service_kwargs(data)``."""

    version = serializers.IntegerField(required=False, min_value=1, max_value=2**31 - 1,
                                       help_text="the record's version as read; a stale one is a 409")

    @staticmethod
    def service_kwargs(data) -> dict:
        """A validated body as a service's keywords: the ``version`` read becomes ``expected_version``."""
        return {**{k: v for k, v in data.items() if k != "version"}, "expected_version": expect_version(data)}


class AliasChoiceField(serializers.ChoiceField):
    """A choice field that also reads the other words people use for a choice (case-insensitive);
    anything it cannot map is still a 400."""

    def __init__(self, choices, aliases: dict[str, str] | None = None, **kwargs):
        self.aliases = aliases or {}
        super().__init__(choices, **kwargs)

    def to_internal_value(self, data):
        if isinstance(data, str):
            key = data.strip().lower().replace("-", "_").replace(" ", "_")
            data = self.aliases.get(key, key)
        return super().to_internal_value(data)


class ScopedUnitField(serializers.PrimaryKeyRelatedField):
    """A unit id the caller can see; anything else reads as 'does not exist' (no existence leak)."""

    def __init__(self, capability: str = "org.view", **kwargs):
        self.capability = capability
        super().__init__(**kwargs)

    def get_queryset(self):
        from django.apps import apps

        OrgUnit = apps.get_model("org", "OrgUnit")
        request = self.context.get("request")
        user = getattr(request, "user", None)
        return OrgUnit.objects.visible_to(user, self.capability)


class ScopedUserField(serializers.PrimaryKeyRelatedField):
    """A user who holds a role somewhere in the caller's scope."""

    def get_queryset(self):
        from django.apps import apps
        from django.contrib.auth import get_user_model

        RoleAssignment = apps.get_model("org", "RoleAssignment")
        request = self.context.get("request")
        visible = RoleAssignment.objects.visible_to(getattr(request, "user", None), "org.view")
        return get_user_model().objects.filter(pk__in=visible.values("user_id")).distinct()


class ScopedViewSetMixin:
    """``queryset.visible_to(user, view_capability)`` for every read; out of scope is 404.

    ``select_related`` / ``prefetch_related`` name what each row reads besides itself, so a list
    runs a fixed number of queries without a ``get_queryset`` override.
    """

    view_capability: str = ""
    select_related: tuple[str, ...] = ()
    prefetch_related: tuple = ()

    def related(self, qs):
        """``qs`` with the declared related rows (also for re-reading one record after a write)."""
        if self.select_related:
            qs = qs.select_related(*self.select_related)
        if self.prefetch_related:
            qs = qs.prefetch_related(*self.prefetch_related)
        return qs

    def get_queryset(self):
        qs = self.related(super().get_queryset())
        if getattr(self, "swagger_fake_view", False):
            return qs.none()
        if self.action == "list" and not has_capability(self.request.user, self.view_capability):
            raise Forbidden()
        return qs.visible_to(self.request.user, self.view_capability)

    def get_object(self):
        """Found in the reader's presence scope, else 404; then the capability, else 403."""
        qs = self.filter_queryset(self.related(super().get_queryset()))
        lookup = {self.lookup_field: self.kwargs[self.lookup_url_kwarg or self.lookup_field]}
        obj = qs.get_visible(self.request.user, self.object_capability(), **lookup)
        self.check_object_permissions(self.request, obj)
        return obj

    def object_capability(self) -> str:
        """Detail reads need the view capability; actions may name their own."""
        return getattr(self, "action_capabilities", {}).get(self.action, self.view_capability)


class ReadOnlyScopedViewSet(ScopedViewSetMixin, viewsets.ReadOnlyModelViewSet):
    pass


class ScopedViewSet(ScopedViewSetMixin, mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """List, retrieve, create. Changes are workflow actions (POST), never generic PUT/PATCH/DELETE:
    those answer 405 and do not appear in the API description."""

    http_method_names = ["get", "post", "head", "options"]


def validated(serializer_cls, request, **context):
    ser = serializer_cls(data=request.data, context={"request": request, **context})
    ser.is_valid(raise_exception=True)
    return ser.validated_data


def expect_version(data) -> int | None:
    raw = data.get("version") if isinstance(data, dict) else None
    if raw is None:
        return None
    try:
        return int(raw)
    except (TypeError, ValueError):
        raise InvalidInput.field("version", "A whole number.") from None


def revealed(data: dict) -> Response:
    """The answer of a reveal (an identity number, names): never kept by a browser or a proxy."""
    response = Response(data)
    add_never_cache_headers(response)
    return response


atomic = transaction.atomic
