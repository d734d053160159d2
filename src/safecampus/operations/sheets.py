"""The printable A4 sheet of a route's QR codes (segno SVG inside a WeasyPrint page)."""

from __future__ import annotations

import segno

from safecampus.core.pdf import render_pdf

from .models import PatrolRoute


def qr_data_uri(code: str) -> str:
    # A full QR code (segno.make would pick a Micro QR for a short code, which phones cannot read).
    return segno.make_qr(code, error="m").svg_data_uri(scale=6, border=4)


def sheet_pdf(route: PatrolRoute, request=None) -> bytes:
    checkpoints = [{"name": c.name, "code": c.code, "qr": qr_data_uri(c.code)} for c in route.checkpoints.all()]
    return render_pdf("operations/patrol_sheet_pdf.html", {"route": route, "checkpoints": checkpoints},
                      request=request)
