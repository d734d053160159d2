"""The records this app keeps in a school's semester archive (core.archive; read by the reports app)."""

from __future__ import annotations

from safecampus.core.archive import model_kind, register

register(model_kind("hazards.hazard", "inspections", "hazards.Hazard", "reported_at", order=20,
                    title=lambda h: f"{h.title} · {h.get_status_display()}"))
register(model_kind("hazards.contact", "inspections", "hazards.HazardContact", "contacted_at", order=21,
                    select_related=("hazard",), title=lambda c: f"{c.hazard.title} · {c.department}"))
