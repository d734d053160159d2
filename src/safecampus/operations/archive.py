"""The records this app keeps in a school's semester archive (core.archive; read by the reports app)."""

from __future__ import annotations

from safecampus.core.archive import model_kind, register

register(model_kind("operations.duty_log", "operations", "operations.DutyLog", "date", order=10,
                    title=lambda d: f"{d} · {(d.summary or '')[:80]}"))
register(model_kind("operations.patrol_round", "operations", "operations.PatrolRound", "date", order=20,
                    select_related=("route",), title=str))
register(model_kind("operations.defence_check", "operations", "operations.DefenceCheck", "at", order=30,
                    select_related=("defence",), title=str))
register(model_kind("operations.visitor", "operations", "operations.Visitor", "entered_at", order=40,
                    title=lambda v: f"{v.name} · {v.purpose}"))
register(model_kind("operations.pickup", "operations", "operations.Pickup", "date", order=50,
                    select_related=("student",), title=lambda p: f"{p.student.name} · {p.get_status_display()}"))
