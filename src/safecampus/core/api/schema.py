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


ERROR = {
    "type": "object",
    "description": "An error: `detail` says what went wrong; `fields` names each input that was wrong.",
    "properties": {
        "detail": {"type": "string"},
        "fields": {"type": "object", "additionalProperties": {"type": "array", "items": {"type": "string"}}},
    },
    "required": ["detail"],
}
# Every operation may answer these (CONTRACT.md "Errors"); writes may also be in the wrong state.
ERRORS = {
    "400": "Invalid input (the fields are named).",
    "401": "Not signed in, or the token is wrong, expired or revoked.",
    "403": "In scope but without the right to do this (or a read-only token writing).",
    "404": "Missing, or outside the caller's scope (the same answer).",
}
WRITE_ERRORS = {"409": "Not allowed in the record's current state, a stale version, or a reused request_id."}


def document_errors(result, generator, request, public):
    """Post-processing hook: the error answers every operation gives, in the one error shape."""
    result.setdefault("components", {}).setdefault("schemas", {})["Error"] = ERROR
    ref = {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}
    for ops in result.get("paths", {}).values():
        for method, op in ops.items():
            if not isinstance(op, dict) or "responses" not in op:
                continue
            errors = {**ERRORS, **(WRITE_ERRORS if method in ("post", "put", "patch", "delete") else {})}
            for code, description in errors.items():
                op["responses"].setdefault(code, {"description": description, **ref})
    return result
