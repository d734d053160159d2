from __future__ import annotations

from django.apps import apps
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from ..home import home_panels
from ..models import Attachment, AuditEvent, Notification
from ..notify import mark_read
from ..permissions import grants_of, has_capability


@login_required
def home(request):
    return render(request, "core/home.html", {"panels": home_panels(request)})


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
def attachment(request, pk: int):
    """Files are never served straight from storage: the reader must see the record's unit."""
    att = Attachment.objects.select_related("org_unit").filter(pk=pk).first()
    if att is None or not has_capability(request.user, "org.view", att.org_unit.path):
        raise Http404
    response = FileResponse(att.file.open("rb"), content_type=att.mime_type)
    response["Content-Disposition"] = f'inline; filename="{att.sha256[:16]}.{att.file.name.rsplit(".", 1)[-1]}"'
    return response


@login_required
def history(request, object_type: str, object_id: str):
    events = AuditEvent.objects.visible_to(request.user, "audit.view").filter(
        object_type=object_type, object_id=object_id).order_by("seq")
    if not events.exists():
        raise Http404
    OrgUnit = apps.get_model("org", "OrgUnit")
    return render(request, "core/history.html", {"history": events, "object_type": object_type,
                                                 "object_id": object_id, "units": OrgUnit})
