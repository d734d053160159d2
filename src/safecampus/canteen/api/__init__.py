"""``/api/v1/``: food samples, meals, canteen staff, suppliers, purchases and fire equipment
(CONTRACT.md, Canteen and fire), one module per sub-domain."""

from __future__ import annotations

from . import fire, food, staff, supply


def register(router) -> None:
    food.register(router)
    staff.register(router)
    supply.register(router)
    fire.register(router)
