"""The REST API: every app's ``api.register(router)`` joins one router under /api/v1/."""

from importlib import import_module
from importlib.util import find_spec

from django.conf import settings
from django.urls import path
from drf_spectacular.views import SpectacularJSONAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import SimpleRouter

from safecampus.core.api import views as core

router = SimpleRouter(trailing_slash=False)
router.register("audit-events", core.AuditEventViewSet, basename="audit-event")
router.register("notifications", core.NotificationViewSet, basename="notification")

for app in settings.INSTALLED_APPS:
    if app.startswith("safecampus.") and app != "safecampus.core" and find_spec(f"{app}.api"):
        module = import_module(f"{app}.api")
        if hasattr(module, "register"):
            module.register(router)

urlpatterns = [
    path("auth/token", core.token, name="api-token"),
    path("auth/revoke", core.revoke, name="api-revoke"),
    path("me", core.me, name="api-me"),
    path("openapi.json", SpectacularJSONAPIView.as_view(), name="api-schema"),
    path("docs", SpectacularSwaggerSplitView.as_view(url_name="api-schema"), name="api-docs"),
    *router.urls,
]
