"""Generic scoped views that every app reuses: list (filters, sort, pages, HTMX, XLSX), detail
(state badge, allowed actions, history, attachments), form (service call) and workflow action.

A list view is a declaration::

    class HazardList(ScopedListView):
        model = Hazard
        capability = "hazards.view"
        filterset_class = HazardFilter
        columns = [Column("title", _("Title"), link=True), Column("get_status_display", _("Status"))]
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ImproperlyConfigured
from django.db.models import Model, QuerySet
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.template.loader import select_template
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.views import View

from .. import security
from ..errors import DomainError, Forbidden, NotFound
from ..exports import xlsx_response
from ..files import attachments_of
from ..filtering import bound_filters
from ..models import AuditEvent
from ..paging import CountCachingPaginator
from ..permissions import has_capability
from .cells import table_body


@dataclass
class Column:
    """``attr`` is a dotted attribute path or a callable taking the row."""

    attr: str | Callable[[Any], Any]
    label: Any
    link: bool = False
    badge: bool = False
    sort: str | None = None

    def value(self, obj):
        if callable(self.attr):
            return self.attr(obj)
        value = obj
        for part in self.attr.split("."):
            value = getattr(value, part, None)
            if callable(value):
                value = value()
            if value is None:
                return ""
        return value


class DeniedPages:
    """Out of scope is the 404 page; in scope without the capability the 403 page (and a security
    event)."""

    def dispatch(self, request, *args, **kwargs):
        try:
            return super().dispatch(request, *args, **kwargs)
        except NotFound as exc:
            raise Http404 from exc
        except Forbidden as exc:
            security.denied(request, exc.message)
            return render(request, "core/403.html", {"reason": exc.message}, status=403)


class ScopedMixin(DeniedPages, LoginRequiredMixin):
    """``select_related`` / ``prefetch_related``: what every row of the page reads besides itself
    (a fixed number of queries whatever the number of rows), declared rather than written as a
    ``get_queryset`` override."""

    model: type[Model]
    capability: str = ""
    queryset: QuerySet | None = None
    select_related: tuple[str, ...] = ()
    prefetch_related: tuple = ()

    def all_rows(self) -> QuerySet:
        qs = (self.queryset if self.queryset is not None else self.model.objects).all()
        if self.select_related:
            qs = qs.select_related(*self.select_related)
        if self.prefetch_related:
            qs = qs.prefetch_related(*self.prefetch_related)
        return qs

    def base_queryset(self) -> QuerySet:
        return self.all_rows().visible_to(self.request.user, self.capability)

    def get_object(self):
        """404 when missing or out of scope, 403 when in scope without the capability."""
        return self.all_rows().get_visible(self.request.user, self.capability, pk=self.kwargs["pk"])


def _friendly_filter_widgets(form) -> None:
    """Dates get the phone's date picker; yes/no and choice filters start at "All" (not "---------")."""
    from django import forms

    for field in form.fields.values():
        if isinstance(field, forms.DateField) and not isinstance(field, forms.DateTimeField):
            field.widget.input_type = "date"
        if isinstance(field.widget, forms.NullBooleanSelect):
            field.widget.choices = [("unknown", _("All")), ("true", _("Yes")), ("false", _("No"))]
        elif getattr(field, "empty_label", None) is not None and not isinstance(
                field, forms.ModelMultipleChoiceField | forms.MultipleChoiceField):
            field.empty_label = _("All")  # not "---------": a filter left empty means every value
            if not isinstance(field, forms.ModelChoiceField):
                field.widget.choices = list(field.choices)  # the widget copied them with the old label
        elif isinstance(field, forms.ChoiceField) and not isinstance(field, forms.MultipleChoiceField):
            choices = list(field.choices)
            if choices and choices[0][0] == "":
                field.choices = [("", _("All")), *choices[1:]]


class ScopedListView(ScopedMixin, View):
    template_name = "core/list.html"
    filterset_class = None
    columns: list[Column] = []
    paginate_by = 25
    title: Any = ""
    create_url: str | None = None
    create_capability: str | None = None
    create_label: Any = None
    export_name = "export"
    default_order: tuple[str, ...] = ("-id",)
    status_field: str | None = None  # counts by status as chips
    # The fields a page of the list reads (its cells, links and badges, through select_related too)
    # when the records are much wider than that: a page builds 25 of each related record as well.
    # Empty: whole records. The XLSX export always reads whole records.
    only: tuple[str, ...] = ()

    def get_queryset(self) -> QuerySet:
        return self.base_queryset()

    def get(self, request, *args, **kwargs):
        if not has_capability(request.user, self.capability):
            raise Forbidden()
        qs = self.get_queryset()
        filterset = None
        if self.filterset_class is not None:
            filterset = self.filterset_class(request.GET, queryset=qs, request=request)
            bound_filters(filterset)
            _friendly_filter_widgets(filterset.form)
            qs = filterset.qs if filterset.is_valid() else qs.none()
        sort = request.GET.get("sort", "")
        sortable = {c.sort for c in self.columns if c.sort}
        qs = qs.order_by(sort) if sort.lstrip("-") in sortable else qs.order_by(*self.default_order)
        if request.GET.get("export") == "xlsx":
            return xlsx_response(self.export_name, [str(c.label) for c in self.columns],
                                 ([c.value(o) for c in self.columns] for o in qs.iterator(chunk_size=1000)))
        chips = self.status_chips(qs) if self.status_field else []
        paginator = CountCachingPaginator(qs.only(*self.only) if self.only else qs, self.paginate_by)
        if self.status_field:
            # The chips count the same rows by status: their sum is the page's count, not one more query.
            paginator.count = sum(chip["count"] for chip in chips)
        page = paginator.get_page(request.GET.get("page"))
        rows = [{"obj": o, "cells": [c.value(o) for c in self.columns]} for o in page.object_list]
        params = request.GET.copy()
        params.pop("page", None)
        context = {
            "view": self, "title": self.title, "columns": self.columns, "rows": rows, "page": page,
            "table_body": table_body(self.columns, rows),
            "filterset": filterset, "query": params.urlencode(), "filter_errors": _filter_errors(filterset),
            "filters_active": any(v for k, v in request.GET.items() if k not in ("page", "sort", "export")),
            "chips": chips,
            "can_create": bool(self.create_url) and has_capability(
                request.user, self.create_capability or self.capability),
            **self.extra_context(),
        }
        if request.htmx and not request.htmx.boosted:
            # An app's list template may extend core/list.html without its own "rows" partial.
            template = select_template([f"{self.template_name}#rows", "core/list.html#rows"])
            return HttpResponse(template.render(context, request))
        return render(request, self.template_name, context)

    def status_chips(self, qs: QuerySet) -> list[dict]:
        from django.db.models import Count

        field = self.model._meta.get_field(self.status_field)
        labels = dict(field.choices or [])
        counts = qs.order_by().values(self.status_field).annotate(n=Count("pk"))
        return [{"value": c[self.status_field], "label": labels.get(c[self.status_field], c[self.status_field]),
                 "count": c["n"]} for c in counts]

    def extra_context(self) -> dict:
        return {}


def _filter_errors(filterset) -> list[tuple[str, str]]:
    """What could not be read, named by the filter's label as the bar shows it (never its parameter)."""
    if filterset is None or not filterset.errors:
        return []
    fields = filterset.form.fields
    return [(str(fields[name].label) if name in fields else "", " ".join(str(e) for e in errors))
            for name, errors in filterset.errors.items()]


class ScopedDetailView(ScopedMixin, View):
    template_name = "core/detail.html"
    workflow = None
    fields: list[Column] = []

    def get(self, request, *args, **kwargs):
        obj = self.get_object()
        return render(request, self.template_name, self.get_context(obj))

    def get_context(self, obj) -> dict:
        actions = []
        if self.workflow is not None:
            allowed = self.workflow.allowed_actions(obj, self.request.user)
            actions = [self.workflow.get(a) for a in allowed]
        return {
            "object": obj, "fields": [(f.label, f.value(obj)) for f in self.fields], "actions": actions,
            "history": history_of(obj), "attachments": attachments_of(obj),
        }


def revealed_page(request, view_class: type[ScopedDetailView], obj: Model, value: Any) -> HttpResponse:
    """The record's page with a revealed value (``revealed`` in its template), as the answer of
    the reveal itself.

    The value is kept nowhere: not in the session (a redirect not followed would leave it there
    for weeks), not in a URL, not in a cache (``no-store``). Reloading shows the mask again.
    """
    view = view_class()
    view.setup(request, pk=obj.pk)
    context = view.get_context(obj)
    context["revealed"] = value
    response = render(request, view.template_name, context)
    add_never_cache_headers(response)
    return response


def history_of(obj: Model) -> QuerySet:
    label = f"{obj._meta.app_label}.{obj._meta.model_name}"
    return AuditEvent.objects.filter(object_type=label, object_id=str(obj.pk)).select_related("actor").order_by("seq")


class ServiceFormView(DeniedPages, LoginRequiredMixin, View):
    """Render a form; on POST call ``perform(form)`` (a service). DomainErrors become form errors."""

    template_name = "core/form.html"
    form_class = None
    title: Any = ""
    capability: str = ""
    success_message: Any = ""

    def get_form_kwargs(self) -> dict:
        return {"user": self.request.user}

    def check(self) -> None:
        if self.capability and not has_capability(self.request.user, self.capability):
            raise Forbidden()

    def get(self, request, *args, **kwargs):
        self.check()
        return self.render_form(self.form_class(**self.get_form_kwargs()))

    def post(self, request, *args, **kwargs):
        self.check()
        form = self.form_class(data=request.POST, files=request.FILES, **self.get_form_kwargs())
        if form.is_valid():
            try:
                result = self.perform(form)
            except (Forbidden, NotFound):
                raise
            except DomainError as exc:
                apply_errors(form, exc)
                # A stale version or a wrong state is a 409, like the API says; bad input a 400.
                return self.render_form(form, status=exc.status)
            message = self.success_message_for(result)
            if message:
                messages.success(request, message)
            return HttpResponseRedirect(self.success_url(result))
        return self.render_form(form, status=400)

    def success_message_for(self, result) -> str:
        return self.success_message

    def render_form(self, form, status: int = 200):
        extra = self.extra_context()
        return render(self.request, self.template_name,
                      {"form": form, "title": self.title, "view": self, "back_url": self.back_url(extra.get("object")),
                       **extra}, status=status)

    def back_url(self, obj=None) -> str:
        """Where 取消 goes: the page the form was opened from (kept across a failed submit), else the
        record, else home. A real link: the content security policy blocks ``javascript:``."""
        from urllib.parse import urlparse

        from django.urls import reverse
        from django.utils.http import url_has_allowed_host_and_scheme

        request = self.request
        for candidate in (request.POST.get("_back"), request.GET.get("next"), request.headers.get("Referer")):
            if candidate and url_has_allowed_host_and_scheme(candidate, {request.get_host()}) and \
                    urlparse(candidate).path != request.path:
                return candidate
        if obj is not None and hasattr(obj, "get_absolute_url"):
            return obj.get_absolute_url()
        return reverse("home")

    def extra_context(self) -> dict:
        return {}

    def perform(self, form):
        raise ImproperlyConfigured(f"{type(self).__name__} must define perform(form): the service call.")

    def success_url(self, result) -> str:
        return result.get_absolute_url()


def guarded(capability: str = ""):
    """Function views: sign-in; ``capability`` held anywhere or 403 (empty: the view checks its own
    object, so out of scope stays 404); domain errors become 400/403/404 pages."""
    from functools import wraps

    from django.contrib.auth.decorators import login_required

    def deco(view):
        @login_required
        @wraps(view)
        def inner(request, *args, **kwargs):
            try:
                if capability and not has_capability(request.user, capability):
                    raise Forbidden()
                return view(request, *args, **kwargs)
            except NotFound as exc:
                raise Http404 from exc
            except Forbidden as exc:
                security.denied(request, exc.message)
                return render(request, "core/403.html", {"reason": exc.message}, status=403)
            except DomainError as exc:
                return render(request, "core/400.html", {"error": exc}, status=exc.status)
        return inner
    return deco


def apply_errors(form, exc: DomainError) -> None:
    if exc.fields:
        for name, msgs in exc.fields.items():
            for msg in msgs:
                form.add_error(name if name in form.fields else None, msg)
    else:
        form.add_error(None, exc.message)


class WorkflowActionView(ScopedMixin, View):
    """POST /<pk>/<action>/: the one door through which a workflow button moves a record."""

    workflow = None
    form_classes: dict[str, Any] = {}
    template_name = "core/action.html"

    def perform(self, obj, action: str, data: dict, files) -> Model:
        raise ImproperlyConfigured(f"{type(self).__name__} must define perform(obj, action, data, files).")

    def _form(self, action, data=None, files=None):
        form_class = self.form_classes.get(action)
        return form_class(data=data, files=files, user=self.request.user) if form_class else None

    def get(self, request, pk, action):
        obj = self.get_object()
        transition = self.workflow.get(action)
        return render(request, self.template_name, {"object": obj, "transition": transition,
                                                    "form": self._form(action)})

    def post(self, request, pk, action):
        obj = self.get_object()
        transition = self.workflow.get(action)
        form = self._form(action, request.POST, request.FILES)
        if form is not None and not form.is_valid():
            return render(request, self.template_name, {"object": obj, "transition": transition, "form": form},
                          status=400)
        data = form.cleaned_data if form is not None else request.POST.dict()
        try:
            obj = self.perform(obj, action, data, request.FILES)
        except (Forbidden, NotFound):
            raise
        except DomainError as exc:
            if form is not None:
                apply_errors(form, exc)
                return render(request, self.template_name,
                              {"object": obj, "transition": transition, "form": form}, status=exc.status)
            messages.error(request, exc.message)
            return HttpResponseRedirect(obj.get_absolute_url())
        messages.success(request, _("Done: %(action)s.") % {"action": transition.label or action})
        return HttpResponseRedirect(obj.get_absolute_url())
