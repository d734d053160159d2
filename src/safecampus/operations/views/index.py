"""The daily-operations start page: what the reader may do here, as big buttons."""

from __future__ import annotations

from django.shortcuts import render
from django.utils.translation import gettext as _

from safecampus.core.views.generic import guarded

from ..nav import entries_for


@guarded("operations.view")
def index(request):
    return render(request, "operations/index.html", {"title": _("Daily operations"),
                                                     "entries": entries_for(request.user)})
