from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from safecampus.core.api.base import ScopedUnitField, ScopedUserField


@extend_schema_field(OpenApiTypes.INT)
class UnitId(ScopedUnitField):
    """A unit id (typed for the OpenAPI description)."""


@extend_schema_field(OpenApiTypes.INT)
class UserId(ScopedUserField):
    """A user id (typed for the OpenAPI description)."""
