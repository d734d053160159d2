from __future__ import annotations

from django.apps import apps
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from .. import memo, security
from ..attachments import check_reader
from ..errors import Forbidden, NotFound
from ..home import home_panels
from ..models import Attachment, AuditEvent, Notification
from ..notify import mark_read, withdraw_settled
from ..permissions import grants_of


@login_required
def home(request):
    with memo.scope():  # the task list and the panels ask some of the same questions
        panels = home_panels(request)
    return render(request, "core/home.html", {"panels": panels})


@login_required
@require_POST
def switch_unit(request):
    unit_id = int(request.POST.get("unit") or 0)
    if unit_id in [g.unit_id for g in grants_of(request.user)]:
        request.session["active_unit"] = unit_id
    target = request.POST.get("next") or "/"
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = "/"
    return redirect(target)


@login_required
def notifications(request):
    page = Paginator(Notification.objects.filter(user=request.user), 30).get_page(request.GET.get("page"))
    page.object_list = withdraw_settled(list(page.object_list))
    return render(request, "core/notifications.html", {"page": page})


@login_required
@require_POST
def notification_read(request, pk: int):
    note = Notification.objects.filter(user=request.user, pk=pk).first()
    if note is None:
        raise Http404
    mark_read(note)
    target = note.url if note.url and url_has_allowed_host_and_scheme(note.url, {request.get_host()}) else None
    return redirect(target or "notifications")


@login_required
def attachment(request, uid):
    """Files are never served straight from storage: the reader must be allowed the owning record.

    Anything but an image is a download, and every file is sandboxed: a PDF carrying scripts
    neither runs in the site's origin nor opens inline.
    """
    att = Attachment.objects.select_related("content_type").filter(uid=uid).first()
    if att is None:
        raise Http404
    try:
        check_reader(request.user, att)
    except NotFound as exc:
        raise Http404 from exc
    except Forbidden as exc:
        security.denied(request, exc.message)
        return render(request, "core/403.html", {"reason": exc.message}, status=403)
    response = FileResponse(att.file.open("rb"), content_type=att.mime_type)
    name = f'{att.sha256[:16]}.{att.file.name.rsplit(".", 1)[-1]}'
    disposition = "inline" if att.is_image else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{name}"'
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-cache"
    return response


@login_required
def history(request, object_type: str, object_id: str):
    events = AuditEvent.objects.visible_to(request.user, "audit.view").filter(
        object_type=object_type, object_id=object_id).select_related("actor").order_by("seq")
    if not events.exists():
        raise Http404
    OrgUnit = apps.get_model("org", "OrgUnit")
    return render(request, "core/history.html", {"history": events, "object_type": object_type,
                                                 "object_id": object_id, "units": OrgUnit})
