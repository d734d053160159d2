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
