"""The parent's page: reached by a personal link, no sign-in. It shows this notice and one button,
and nothing else of the system: no navigation, no other pupils, no identity data."""

from __future__ import annotations

from django.core.cache import cache
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from safecampus.core.files import attachments_of

from .. import services

# Per token: enough for a parent pressing again, far too few for anyone hammering one link.
ACK_LIMIT = 10
ACK_WINDOW = 600


def _private(response: HttpResponse) -> HttpResponse:
    # The link is the key: keep it out of caches, other sites' referrers and search engines
    # ("same-origin", not "no-referrer": the form's POST must carry its Origin for the CSRF check).
    response["Cache-Control"] = "no-store"
    response["Referrer-Policy"] = "same-origin"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def _limited(token: str) -> bool:
    key = f"education:ack:{token}"
    if cache.add(key, 1, ACK_WINDOW):
        return False
    try:
        return cache.incr(key) > ACK_LIMIT
    except ValueError:  # expired between add and incr
        return False


@require_http_methods(["GET", "POST"])
def parent_notice(request, token: str):
    receipt = services.receipt_for_token(token)
    if receipt is None:
        raise Http404()
    status = 200
    if request.method == "POST":
        # A first acknowledgement happens once per link and needs no counting; presses after it are
        # counted, and past the limit refused.
        if receipt.acknowledged_at is None:
            receipt = services.acknowledge(receipt)
        elif _limited(token):
            status = 429
    else:
        services.mark_opened(receipt)
    notice = receipt.notice
    files = list(attachments_of(notice)) if request.method == "GET" else []
    response = render(request, "education/parent/notice.html", {
        "notice": notice, "receipt": receipt, "school": notice.org_unit.school or notice.org_unit,
        "files": files, "limited": status == 429}, status=status)
    return _private(response)


@require_http_methods(["GET"])
def parent_attachment(request, token: str, attachment: int):
    receipt = services.receipt_for_token(token)
    if receipt is None:
        raise Http404()
    found = attachments_of(receipt.notice).filter(pk=attachment).first()
    if found is None:
        raise Http404()
    response = FileResponse(found.file.open("rb"), content_type=found.mime_type)
    response["Content-Disposition"] = f'inline; filename="{found.pk}.{found.file.name.rsplit(".", 1)[-1]}"'
    return _private(response)
