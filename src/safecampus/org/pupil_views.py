"""A pupil's data rights on the pupil's page: a copy of everything held (ZIP), and erasure."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from safecampus.core.errors import Forbidden, InvalidInput, NotFound
from safecampus.core.permissions import has_capability

from .models import Student
from .pupil_data import sections
from .services import erase_pupil_data, export_pupil_data, pupil_erasable_from, pupil_erased


def _pupil(request, pk: int) -> Student:
    try:
        return Student.objects.get_visible(request.user, "org.view_students", pk=pk)
    except NotFound:
        raise Http404 from None
    except Forbidden:
        raise PermissionDenied from None


def zip_response(student: Student, data: bytes) -> HttpResponse:
    response = HttpResponse(data, content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="pupil-{student.pk}.zip"'
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_POST
def export(request, pk: int):
    student = _pupil(request, pk)
    try:
        data = export_pupil_data(student, actor=request.user)
    except Forbidden:
        return render(request, "core/403.html", status=403)
    return zip_response(student, data)


@login_required
def erase(request, pk: int):
    student = _pupil(request, pk)
    if not has_capability(request.user, "org.pupil_data", student.org_unit.path):
        return render(request, "core/403.html", status=403)
    error = ""
    if request.method == "POST":
        try:
            erase_pupil_data(student, actor=request.user, expected_version=request.POST.get("version") or None)
        except InvalidInput as exc:
            error = exc.fields.get("retention", [exc.message])[0]
        else:
            messages.success(request, _("The pupil's personal data was erased."))
            return redirect(student.get_absolute_url())
    from django.utils import timezone

    erasable_from = pupil_erasable_from(student)
    return render(request, "org/pupil_erase.html", {
        "object": student,
        # Plain rows: a template would call the section's functions.
        "sections": [{"title": s.title, "erased": s.erase is not None, "kept_because": s.kept_because}
                     for s in sections()], "error": error, "erased": pupil_erased(student),
        "erasable_from": erasable_from,
        "allowed": erasable_from is not None and timezone.localdate() >= erasable_from,
    }, status=400 if error else 200)
