"""The records this app keeps in a school's semester archive (core.archive; read by the reports app)."""

from __future__ import annotations

from safecampus.core.archive import model_kind, register

register(model_kind("canteen.day", "canteen", "canteen.CanteenDay", "date", order=10,
                    title=lambda d: f"{d.date} · {d.meals_sampled}/{d.meals_expected}"))
register(model_kind("canteen.sample", "canteen", "canteen.FoodSample", "taken_at", order=11, title=str))
register(model_kind("canteen.purchase", "canteen", "canteen.FoodPurchase", "purchased_on", order=20,
                    select_related=("supplier",), title=lambda p: f"{p} · {p.supplier}"))
register(model_kind("canteen.refusal", "canteen", "canteen.PurchaseRefusal", "refused_at", order=21,
                    title=lambda r: f"{r.item} {r.batch}"))
register(model_kind("canteen.staff_training", "canteen", "canteen.StaffTraining", "held_on", order=30,
                    select_related=("staff",), title=lambda t: f"{t.staff} · {t.topic}"))
register(model_kind("canteen.fire_check", "canteen", "canteen.FireCheck", "checked_at", order=40,
                    select_related=("equipment",), title=lambda c: f"{c.equipment} · {c.get_result_display()}"))
register(model_kind("canteen.exit_check", "canteen", "canteen.ExitCheck", "checked_at", order=41,
                    title=lambda c: c.place))
