"""The records this app keeps in a school's semester archive (core.archive; read by the reports app)."""

from __future__ import annotations

from safecampus.core.archive import model_kind, register

register(model_kind("transport.trip", "operations", "transport.Trip", "date", order=60,
                    select_related=("route", "vehicle"), title=str))
register(model_kind("transport.vehicle_inspection", "operations", "transport.VehicleInspection", "inspected_on",
                    order=61, select_related=("vehicle",), title=str))
