"""The school's side of notices to parents: send, rates per class, guardians still to reach, links, QR sheet."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy, pgettext_lazy

from safecampus.core.errors import NotFound
from safecampus.core.files import attachments_of
from safecampus.core.pdf import render_pdf
from safecampus.core.views.generic import Column, ScopedListView, ServiceFormView, guarded, history_of

from .. import selectors, services
from ..filters import NoticeFilter
from ..forms import NoticeForm
from ..models import NoticeReceipt, ParentNotice

CAPABILITY = "education.notices"


def _rate(notice) -> str:
    acked = getattr(notice, "acknowledged_count", 0)
    return f"{acked}/{notice.recipients}" + (f" ({round(100 * acked / notice.recipients)}%)"
                                             if notice.recipients else "")


class NoticeList(ScopedListView):
    model = ParentNotice
    capability = CAPABILITY
    filterset_class = NoticeFilter
    title = gettext_lazy("Notices to parents")
    export_name = "parent-notices"
    create_url = "education:notice-new"
    create_capability = "education.send_notice"
    create_label = gettext_lazy("Send a notice")
    default_order = ("-sent_at", "-id")
    columns = [
        Column("sent_on", gettext_lazy("Sent on"), sort="sent_at"),
        Column("title", gettext_lazy("Title"), link=True),
        Column("get_kind_display", gettext_lazy("Kind")),
        Column("org_unit", gettext_lazy("To")),
        Column(_rate, pgettext_lazy("notice", "Acknowledged")),
    ]

    def get_queryset(self):
        return (super().get_queryset().select_related("org_unit")
                .annotate(acknowledged_count=Count("receipts", filter=Q(receipts__acknowledged_at__isnull=False))))


class SendNotice(ServiceFormView):
    form_class = NoticeForm
    template_name = "education/form.html"
    title = gettext_lazy("Send a notice to parents")
    capability = "education.send_notice"
    success_message = gettext_lazy("Notice sent. Send each family its link: copy them all or print the QR codes.")

    def perform(self, form):
        data = form.cleaned_data
        return services.send_notice(actor=self.request.user, org_unit=data["org_unit"], title=data["title"],
                                    body=data["body"], kind=data["kind"], attachment=data.get("attachment"),
                                    request_id=data.get("request_id", ""))

    def extra_context(self) -> dict:
        return {"cancel_url": "education:notices"}


def _notice(request, pk) -> ParentNotice:
    return ParentNotice.objects.select_related("org_unit", "sent_by__staff").get_visible(
        request.user, CAPABILITY, pk=pk)


@guarded()
def notice_detail(request, pk: int):
    """Rates per class, then the guardians still to reach (phones masked), a page at a time.

    A fixed number of queries whatever the size of the school (pinned by a test)."""
    notice = _notice(request, pk)
    rates = selectors.notice_rates(notice)
    klass = request.GET.get("class", "")
    klass_id = int(klass) if klass.isdigit() else None
    page = Paginator(selectors.to_reach(notice, klass_id), 50).get_page(request.GET.get("page"))
    reach = [{"receipt": r, "phone": selectors.masked_phone(r.guardian.phone)} for r in page.object_list]
    totals = {"recipients": sum(r.recipients for r in rates), "opened": sum(r.opened for r in rates),
              "acknowledged": sum(r.acknowledged for r in rates)}
    totals["rate"] = round(100 * totals["acknowledged"] / totals["recipients"]) if totals["recipients"] else 0
    return render(request, "education/notices/detail.html", {
        "object": notice, "rates": rates, "totals": totals, "page": page, "reach": reach, "klass_id": klass_id,
        "attachments": attachments_of(notice), "history": history_of(notice), "title": notice.title})


def _receipts_by_class(notice: ParentNotice, klass_id: int | None):
    qs = (NoticeReceipt.objects.filter(notice=notice).select_related("student", "guardian", "org_unit")
          .order_by("org_unit__path", "student__name", "id"))
    if klass_id:
        qs = qs.filter(org_unit_id=klass_id)
    groups: dict[int, dict] = {}
    for r in qs:
        groups.setdefault(r.org_unit_id, {"unit": r.org_unit, "receipts": []})["receipts"].append(r)
    return list(groups.values())


@guarded()
def notice_links(request, pk: int):
    """Every family's link as text, to paste into the school's own message group or SMS tool."""
    notice = _notice(request, pk)
    klass = request.GET.get("class", "")
    groups = _receipts_by_class(notice, int(klass) if klass.isdigit() else None)
    base = request.build_absolute_uri("/").rstrip("/")
    for g in groups:
        g["text"] = "\n".join(f"{r.student.name} {r.guardian.name}: {base}{r.link_path}" for r in g["receipts"])
    return render(request, "education/notices/links.html", {"object": notice, "groups": groups,
                                                           "title": notice.title})


@guarded()
def notice_qr(request, pk: int, klass: int):
    """A printable sheet of one class: each family's QR code, to hand out in class."""
    import segno

    notice = _notice(request, pk)
    groups = _receipts_by_class(notice, klass)
    if not groups:
        raise NotFound()
    base = request.build_absolute_uri("/").rstrip("/")
    cards = [{"receipt": r, "svg": segno.make(base + r.link_path, error="m").svg_data_uri(scale=3)}
             for r in groups[0]["receipts"]]
    pdf = render_pdf("education/notices/qr_pdf.html", {"object": notice, "unit": groups[0]["unit"], "cards": cards})
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="notice-{notice.pk}-class-{klass}.pdf"'
    return response

