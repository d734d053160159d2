"""Pages, the API and the admin. Each app's ``urls.py`` is mounted at /<app label>/."""

from importlib import import_module
from importlib.util import find_spec

from django.conf import settings
from django.contrib import admin
from django.templatetags.static import static
from django.urls import include, path
from django.views.generic import RedirectView

from safecampus.core import audit_views
from safecampus.core.views import accounts, pages, tokens, two_step

urlpatterns = [
    path("", pages.home, name="home"),
    path("favicon.ico", RedirectView.as_view(url=static("safecampus/favicon.svg"), permanent=True)),
    path("login/", accounts.LoginView.as_view(), name="login"),
    path("logout/", accounts.logout_view, name="logout"),
    path("account/two-step/", two_step.two_step, name="two-step"),
    path("account/tokens/", tokens.token_list, name="account-tokens"),
    path("account/tokens/<int:pk>/revoke/", tokens.token_revoke, name="account-token-revoke"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("unit/switch/", pages.switch_unit, name="switch-unit"),
    path("notifications/", pages.notifications, name="notifications"),
    # Web names never repeat an API name: both live in one URL name space and {% url %} takes the later one.
    path("notifications/<int:pk>/open/", pages.notification_read, name="notification-open"),
    path("attachments/<uuid:uid>/", pages.attachment, name="attachment"),
    path("audit/witness/", audit_views.witness, name="audit-witness"),
    path("audit/witness/checkpoints.json", audit_views.witness_file, name="audit-witness-file"),
    path("audit/<str:object_type>/<str:object_id>/", pages.history, name="history"),
    path("api/v1/", include("safecampus.config.api")),
    path("admin/", admin.site.urls),
]

for app in settings.INSTALLED_APPS:
    if app.startswith("safecampus.") and app != "safecampus.core" and find_spec(f"{app}.urls"):
        module = import_module(f"{app}.urls")
        label = app.rsplit(".", 1)[1]
        urlpatterns.append(path(f"{label}/", include((module.urlpatterns, label), namespace=label)))

handler404 = "safecampus.core.api.errors.not_found"
handler500 = "safecampus.core.api.errors.server_error"
