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
