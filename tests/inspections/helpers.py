"""Small builders shared by the inspections tests."""

from __future__ import annotations

from datetime import date

from safecampus.inspections import services
from safecampus.inspections.models import ChecklistTemplate, Inspection

FAR = date(2030, 3, 15)  # a day the demo never uses, so scheduling here always makes a new inspection


def library(code: str = "special-fire") -> ChecklistTemplate:
    return ChecklistTemplate.objects.get(owner=None, code=code)


def scheduled(world, school: str = "school_b", assignee: str | None = "officer_b", code: str = "special-fire",
              day: date = FAR) -> Inspection:
    inspection, _ = services.schedule_inspection(
        actor=world.user("central"), org_unit=getattr(world, school), template=library(code), scheduled_for=day,
        assignee=world.user(assignee) if assignee else None)
    return inspection


def all_pass(inspection: Inspection, **overrides: str) -> list[dict]:
    """Results for every item: pass, unless ``overrides`` maps a 1-based position ("p3") to an outcome."""
    return [{"item": item.pk, "outcome": overrides.get(f"p{item.position}", "pass"), "note": ""}
            for item in inspection.template_version.items.all()]


def form_data(inspection: Inspection, fail_position: int | None = None) -> dict:
    data = {"version": inspection.version, "summary": ""}
    for item in inspection.template_version.items.all():
        data[f"outcome_{item.pk}"] = "fail" if item.position == fail_position else "pass"
        data[f"note_{item.pk}"] = "灭火器过期" if item.position == fail_position else ""
    return data
