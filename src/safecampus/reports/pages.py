"""Pages of semester archives (start, progress, download) and monthly reports (list, on demand, files)."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from safecampus.core.badges import Badge
from safecampus.core.errors import DomainError, Forbidden, NotFound
from safecampus.core.views.generic import Column, ScopedDetailView, ScopedListView, apply_errors, guarded

from . import api, services
from .filters import ArchiveFilter, MonthlyFilter
from .forms import ArchiveForm, MonthlyForm
from .models import Archive, ArchiveStatus, MonthlyReport

ARCHIVE, MONTHLY = services.ARCHIVE, services.MONTHLY
STATUS_KEYS = {ArchiveStatus.QUEUED: "pending", ArchiveStatus.RUNNING: "due_soon",
               ArchiveStatus.DONE: "done", ArchiveStatus.FAILED: "missed"}


def _status(archive: Archive) -> Badge:
    return Badge(archive.get_status_display(), STATUS_KEYS.get(archive.status, archive.status))


def _size(archive: Archive) -> str:
    if archive.status != ArchiveStatus.DONE:
        return ""
    return f"{archive.size / 1_048_576:.1f} MB"


class ArchiveList(ScopedListView):
    model = Archive
    capability = ARCHIVE
    template_name = "reports/archive_list.html"
    filterset_class = ArchiveFilter
    select_related = ("org_unit", "semester__school_year", "requested_by")
    title = gettext_lazy("Semester archives")
    export_name = "archives"
    default_order = ("-created_at", "-id")
    columns = [
        Column("semester", gettext_lazy("Semester"), link=True),
        Column("org_unit", gettext_lazy("School")),
        Column(_status, gettext_lazy("Status"), badge=True),
        Column("records", gettext_lazy("Records")),
        Column(_size, gettext_lazy("Size")),
        Column("created_at", gettext_lazy("Requested"), sort="created_at"),
    ]

    def extra_context(self) -> dict:
        return {"form": ArchiveForm(user=self.request.user)}


@guarded(ARCHIVE)
def archive_start(request):
    """The one button: build the chosen school's semester archive, then show its progress."""
    if request.method != "POST":
        return redirect("reports:archives")
    form = ArchiveForm(data=request.POST, user=request.user)
    if form.is_valid():
        try:
            archive = services.create_archive(actor=request.user, org_unit=form.cleaned_data["org_unit"],
                                              semester=form.cleaned_data["semester"])
        except (Forbidden, NotFound):
            raise
        except DomainError as exc:
            apply_errors(form, exc)
        else:
            return redirect("reports:archive", pk=archive.pk)
    return render(request, "reports/archive_start.html", {"form": form}, status=400)


class ArchiveDetail(ScopedDetailView):
    model = Archive
    capability = ARCHIVE
    template_name = "reports/archive_detail.html"
    select_related = ("org_unit", "semester__school_year", "requested_by")

    def get_context(self, obj) -> dict:
        return {**super().get_context(obj), "archive": obj, "status": _status(obj), "size": _size(obj)}


@guarded()  # the archive decides: out of scope 404, without the capability 403
def archive_progress(request, pk: int):
    archive = Archive.objects.select_related("org_unit", "semester__school_year").get_visible(
        request.user, ARCHIVE, pk=pk)
    return render(request, "reports/_archive_progress.html", {"archive": archive, "status": _status(archive),
                                                               "size": _size(archive)})


@guarded()
def archive_file(request, pk: int):
    archive = Archive.objects.select_related("org_unit", "semester").get_visible(request.user, ARCHIVE, pk=pk)
    return api.zip_response(archive)


class Link(str):
    """A link on the page, the plain word in the spreadsheet export."""

    def __new__(cls, label, url: str):
        obj = super().__new__(cls, str(label))
        obj.url = url
        return obj

    def __html__(self) -> str:
        return format_html('<a href="{}">{}</a>', self.url, str(self))


def _month(report: MonthlyReport) -> str:
    return report.month.strftime("%Y-%m")


def _files(report: MonthlyReport) -> Link:
    return Link("XLSX", reverse("reports:monthly-file", args=[report.pk, "xlsx"]))


class MonthlyList(ScopedListView):
    model = MonthlyReport
    capability = MONTHLY
    template_name = "reports/monthly_list.html"
    filterset_class = MonthlyFilter
    select_related = ("org_unit",)
    title = gettext_lazy("Monthly reports")
    export_name = "monthly-reports"
    default_order = ("-month", "org_unit__path")
    queryset = MonthlyReport.objects.defer("pdf", "xlsx", "data")
    columns = [
        Column(_month, gettext_lazy("Month"), link=True, sort="month"),
        Column("org_unit", gettext_lazy("Unit")),
        Column("get_scope_display", pgettext_lazy("report", "Kind")),
        Column("generated_at", gettext_lazy("Generated"), sort="generated_at"),
        Column(_files, gettext_lazy("Spreadsheet")),
    ]

    def extra_context(self) -> dict:
        return {"form": MonthlyForm(user=self.request.user)}


@guarded(MONTHLY)
def monthly_generate(request):
    """Make (or make again) a month's report now."""
    if request.method != "POST":
        return redirect("reports:monthly")
    form = MonthlyForm(data=request.POST, user=request.user)
    if form.is_valid():
        try:
            month = services.month_value(form.cleaned_data["month"])
            services.generate_monthly_report(actor=request.user, org_unit=form.cleaned_data["org_unit"],
                                             month=month)
        except (Forbidden, NotFound):
            raise
        except DomainError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("The monthly report is ready."))
            return redirect("reports:monthly")
    return render(request, "reports/monthly_start.html", {"form": form}, status=400)


@guarded()
def monthly_file(request, pk: int, kind: str):
    report = MonthlyReport.objects.get_visible(request.user, MONTHLY, pk=pk)
    return api.file_response(report, kind)
