"""The records this app keeps in a school's semester archive (core.archive; read by the reports app)."""

from __future__ import annotations

from safecampus.core.archive import model_kind, register

register(model_kind("readiness.plan", "education", "readiness.EmergencyPlan", "approved_at", order=50,
                    title=lambda p: f"{p.title} · {p.get_status_display()}"))
register(model_kind("readiness.plan_review", "education", "readiness.PlanReview", "reviewed_at", order=51,
                    select_related=("plan",), title=lambda r: f"{r.plan.title} · {r.get_kind_display()}"))
register(model_kind("readiness.drill", "education", "readiness.Drill", "held_at", order=60,
                    title=lambda d: f"{d.get_kind_display()} · {d.get_status_display()}"))
register(model_kind("readiness.spending", "responsibility", "readiness.FundSpending", "spent_on", order=60,
                    select_related=("fund",), title=lambda s: f"{s.fund} · {s.amount} · {s.note}"))
