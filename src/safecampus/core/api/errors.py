"""One error shape for the API: ``{"detail": ..., "fields": {name: [messages]}}``."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_handler

from .. import security
from ..errors import DomainError


def _flatten(data) -> dict[str, list[str]]:
    if isinstance(data, dict):
        out: dict[str, list[str]] = {}
        for key, value in data.items():
            if isinstance(value, dict):
                for sub, msgs in _flatten(value).items():
                    out[f"{key}.{sub}"] = msgs
            elif isinstance(value, list) and value and isinstance(value[0], dict):
                for i, item in enumerate(value):
                    for sub, msgs in _flatten(item).items():
                        out[f"{key}[{i}].{sub}"] = msgs
            else:
                out[key] = [str(v) for v in (value if isinstance(value, list) else [value])]
        return out
    return {"non_field_errors": [str(v) for v in (data if isinstance(data, list) else [data])]}


def exception_handler(exc, context):
    request = context.get("request")
    if isinstance(exc, DomainError):
        body = {"detail": exc.message}
        if exc.fields:
            body["fields"] = exc.fields
        if exc.status == 403 and request is not None:
            security.denied(request, exc.message)
        return Response(body, status=exc.status)
    if isinstance(exc, DjangoValidationError):
        fields = exc.message_dict if hasattr(exc, "error_dict") else {"non_field_errors": exc.messages}
        exc = exceptions.ValidationError(fields)
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    if isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied()
    response = drf_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, exceptions.ValidationError):
        fields = _flatten(response.data)
        names = ", ".join(fields)
        response.data = {"detail": f"Invalid input: {names}.", "fields": fields}
    elif isinstance(response.data, dict) and "detail" in response.data:
        response.data = {"detail": str(response.data["detail"])}
    if response.status_code == status.HTTP_403_FORBIDDEN and request is not None and \
            getattr(request, "user", None) is not None and request.user.is_authenticated:
        security.denied(request, str(response.data.get("detail", "")))
    return response


def not_found(request, exception=None):
    """``handler404``: an address under /api/ that matches no endpoint (``/hazards/0.5``) is the API's
    JSON 404 like any other, not the site's HTML page."""
    from django.http import JsonResponse
    from django.views.defaults import page_not_found

    if request.path.startswith("/api/"):
        return JsonResponse({"detail": "Not found."}, status=404)
    return page_not_found(request, exception)


def server_error(request):
    """``handler500``: JSON with ``detail`` under /api/ (the error is logged as usual)."""
    from django.http import JsonResponse
    from django.views.defaults import server_error as page

    if request.path.startswith("/api/"):
        return JsonResponse({"detail": "Server error."}, status=500)
    return page(request)
