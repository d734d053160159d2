"""The records this app keeps in a school's semester archive (core.archive; read by the reports app)."""

from __future__ import annotations

from safecampus.core.archive import model_kind, register

register(model_kind("inspections.inspection", "inspections", "inspections.Inspection", "completed_at",
                    filters={"status": "completed"}, select_related=("template", "org_unit"), order=10,
                    title=lambda i: i.template.display_name + (f" · {i.summary[:80]}" if i.summary else "")))
