from drf_spectacular import openapi
from drf_spectacular.extensions import OpenApiAuthenticationExtension


class BearerScheme(OpenApiAuthenticationExtension):
    target_class = "safecampus.core.api.auth.BearerTokenAuthentication"
    name = "bearer"

    def get_security_definition(self, auto_schema):
        return {"type": "http", "scheme": "bearer", "description": "POST /api/v1/auth/token, then `Bearer <token>`."}


class SessionScheme(OpenApiAuthenticationExtension):
    target_class = "safecampus.core.api.auth.CsrfSessionAuthentication"
    name = "session"

    def get_security_definition(self, auto_schema):
        return {"type": "apiKey", "in": "cookie", "name": "sessionid"}


class _IdField:
    def map_serializer_field(self, auto_schema, direction):
        from drf_spectacular.plumbing import build_basic_type
        from drf_spectacular.types import OpenApiTypes

        return build_basic_type(OpenApiTypes.INT)


def _id_extension(path: str):
    from drf_spectacular.extensions import OpenApiSerializerFieldExtension

    return type(f"{path.rsplit('.', 1)[1]}Schema", (_IdField, OpenApiSerializerFieldExtension),
                {"target_class": path})


ScopedUnitFieldSchema = _id_extension("safecampus.core.api.base.ScopedUnitField")
ScopedUserFieldSchema = _id_extension("safecampus.core.api.base.ScopedUserField")


class AutoSchema(openapi.AutoSchema):
    """Component names stay unique across apps: a serializer whose name a serializer of another app
    already took is named with its app in front (``CanteenCheckOut`` beside operations' ``CheckOut``),
    so two apps that each say ``NoticeIn`` never merge into one wrong description. The first to
    claim a name (in URL order, the same on every run) keeps it."""

    claimed: dict[str, type] = {}

    def get_serializer_name(self, serializer, direction):
        name = super().get_serializer_name(serializer, direction)
        cls = serializer if isinstance(serializer, type) else type(serializer)
        owner = self.claimed.setdefault(name, cls)
        if owner is cls or cls.__module__ == owner.__module__:
            return name
        parts = cls.__module__.split(".")
        app = parts[1] if len(parts) > 1 and parts[0] == "safecampus" else parts[0]
        return "".join(p.title() for p in app.split("_")) + name
