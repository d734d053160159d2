"""Who may open each canteen and fire page and endpoint: 401/login, 404 out of scope, 403 without the right."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from safecampus.core.testing.matrix import Case, matrix_test


def _sample(world, days_ago=3, school="school_a", who="canteen_a"):
    from safecampus.canteen.services.food import record_sample

    unit = getattr(world, school)
    return record_sample(actor=world.user(who), org_unit=unit, meal="lunch", dish="Rice", weight_g=150,
                         taken_at=timezone.now() - timedelta(days=days_ago))


def _sample_pk(data=None, **kw):
    def setup(world):
        made = {"kwargs": {"pk": _sample(world, **kw).pk}}
        if data is not None:
            made["data"] = data
        return made
    return setup


def _meal_pk(data=None):
    def setup(world):
        made = {"kwargs": {"pk": _sample(world, days_ago=0).meal_id}}
        if data is not None:
            made["data"] = data
        return made
    return setup


def _new_sample(world):
    return {"data": {"org_unit": world.school_a.pk, "meal": "lunch", "dish": "Greens", "weight_g": 130}}


def _new_menu(world):
    return {"data": {"org_unit": world.school_a.pk, "date": timezone.localdate().isoformat(), "meal": "lunch",
                     "menu": ["Rice", "Fish"]}}


def _page_post(fields):
    def setup(world):
        return {"data": {"org_unit": world.school_a.pk, **fields}}
    return setup


def _staff(world, school="school_a"):
    from safecampus.canteen.services.staff import create_staff

    unit = getattr(world, school)
    return create_staff(actor=None, org_unit=unit, name="Wang Cook", health_certificate_expires="2099-01-01")


def _staff_pk(data=None, action=None):
    def setup(world):
        made = {"kwargs": {"pk": _staff(world).pk}}
        if action:
            made["kwargs"]["action"] = action
        if data is not None:
            made["data"] = data
        return made
    return setup


def _new_staff(world):
    return {"data": {"org_unit": world.school_a.pk, "name": "Li Cook", "health_certificate_expires": "2099-01-01"}}


def _canteen_pk(world):
    from safecampus.canteen.services.staff import save_canteen

    return {"kwargs": {"pk": save_canteen(actor=None, org_unit=world.school_a, name="Canteen").pk}}


def _new_canteen(world):
    return {"data": {"org_unit": world.school_a.pk, "name": "Canteen", "meals_served": ["lunch", "dinner"]}}


def _supplier(world, school="school_a"):
    from safecampus.canteen.services.supply import create_supplier

    return create_supplier(actor=None, org_unit=getattr(world, school), name="Farm", licence_expires="2099-01-01")


def _supplier_pk(data=None):
    def setup(world):
        made = {"kwargs": {"pk": _supplier(world).pk}}
        if data is not None:
            made["data"] = data
        return made
    return setup


def _purchase_pk(world):
    from safecampus.canteen.services.supply import receive_batch

    return {"kwargs": {"pk": receive_batch(actor=world.user("canteen_a"), org_unit=world.school_a,
                                           supplier=_supplier(world), item="Rice",
                                           batch="B", quantity="1 kg", has_certificate=True, has_ticket=True).pk}}


def _new_purchase(world):
    return {"data": {"org_unit": world.school_a.pk, "supplier": _supplier(world).pk, "item": "Rice", "batch": "B",
                     "quantity": "1 kg", "has_certificate": True, "has_ticket": True}}


def _refusal_pk(world):
    from safecampus.canteen.models import PurchaseRefusal

    refusal = PurchaseRefusal.objects.create(org_unit=world.school_a, item="Oil", reasons=["has_ticket"],
                                             refused_at=timezone.now(), recorded_by=world.user("canteen_a"))
    return {"kwargs": {"pk": refusal.pk}}


def _item(world, school="school_a"):
    from safecampus.canteen.services.fire import create_equipment

    return create_equipment(actor=None, org_unit=getattr(world, school), kind="extinguisher", location="Hall",
                            building="A")


def _item_pk(data=None, action=None):
    def setup(world):
        made = {"kwargs": {"pk": _item(world).pk}}
        if action:
            made["kwargs"]["action"] = action
        if data is not None:
            made["data"] = data
        return made
    return setup


def _away_pk(world):
    from safecampus.canteen.services.fire import send_for_repair

    return {"kwargs": {"pk": send_for_repair(_item(world), actor=None).pk}, "data": {}}


def _code(data=None):
    def setup(world):
        item = _item(world)
        made = {"kwargs": {"code": item.code}}
        if data is not None:
            made["data"] = data
        return made
    return setup


def _exit_pk(world):
    from safecampus.canteen.services.fire import check_exit

    return {"kwargs": {"pk": check_exit(actor=world.user("officer_a"), org_unit=world.school_a, place="North exit",
                                        clear=True).pk}}


def _fire_check_pk(world):
    from safecampus.canteen.services.fire import check_equipment

    return {"kwargs": {"pk": check_equipment(_item(world), actor=world.user("officer_a"), result="ok").pk}}


FIRE_READERS = ("officer_a", "principal_a", "central", "authority")
READERS = ("canteen_a", "officer_a", "principal_a", "central", "authority")

CASES = [
    # API: food samples and meals
    Case("food-sample-list", allowed=READERS, forbidden=("teacher_a", "guard_a"), ok=(200,)),
    Case("food-sample-list", method="post", id="POST food-sample-list", setup=_new_sample, allowed=("canteen_a",),
         forbidden=("officer_a", "teacher_a", "central", "authority"), ok=(201,)),
    Case("food-sample-detail", setup=_sample_pk(), allowed=READERS, forbidden=("teacher_a",),
         hidden=("officer_b", "teacher_b", "officer_c"), ok=(200,)),
    Case("food-sample-dispose", method="post", setup=_sample_pk({}), allowed=("canteen_a",),
         forbidden=("officer_a", "teacher_a", "central"), hidden=("officer_b",), ok=(200,)),
    Case("meal-list", allowed=READERS, forbidden=("teacher_a",), ok=(200,)),
    Case("meal-list", method="post", id="POST meal-list", setup=_new_menu, allowed=("canteen_a",),
         forbidden=("officer_a", "teacher_a", "central"), ok=(201,)),
    Case("meal-detail", setup=_meal_pk(), allowed=READERS, forbidden=("teacher_a",), hidden=("officer_b",),
         ok=(200,)),
    Case("meal-accompany", method="post", setup=_meal_pk({"note": "good"}),
         allowed=("principal_a", "officer_a"), forbidden=("canteen_a", "teacher_a", "central", "authority"),
         hidden=("officer_b",), ok=(200,)),
    # Pages
    Case("canteen:day", allowed=READERS, forbidden=("teacher_a", "guard_a"), ok=(200,)),
    Case("canteen:samples", allowed=READERS, forbidden=("teacher_a",), ok=(200,)),
    Case("canteen:sample-new", method="post",
         setup=_page_post({"meal": "lunch", "dish": "Greens", "weight_g": 130}), allowed=("canteen_a",),
         forbidden=("officer_a", "teacher_a", "central"), ok=(302,)),
    Case("canteen:sample", setup=_sample_pk(), allowed=READERS, forbidden=("teacher_a",),
         hidden=("officer_b", "teacher_b"), ok=(200,)),
    Case("canteen:sample-dispose", method="post", setup=_sample_pk({}), allowed=("canteen_a",),
         forbidden=("officer_a", "teacher_a"), hidden=("officer_b",), ok=(302,)),
    Case("canteen:menu", method="post", setup=_page_post({"meal": "lunch", "menu": "Rice, Fish"}),
         allowed=("canteen_a",), forbidden=("officer_a", "teacher_a"), ok=(302,)),
    Case("canteen:accompany", method="post", setup=_page_post({"meal": "lunch"}),
         allowed=("principal_a", "officer_a"), forbidden=("canteen_a", "teacher_a", "central"), ok=(302,)),
    # API: licence and staff
    Case("canteen-list", allowed=READERS, forbidden=("teacher_a",), ok=(200,)),
    Case("canteen-list", method="post", id="POST canteen-list", setup=_new_canteen,
         allowed=("canteen_a", "principal_a", "officer_a"), forbidden=("teacher_a", "central", "authority"), ok=(201,)),
    Case("canteen-detail", setup=_canteen_pk, allowed=READERS, forbidden=("teacher_a",), hidden=("officer_b",),
         ok=(200,)),
    Case("canteen-staff-list", allowed=READERS, forbidden=("teacher_a",), ok=(200,)),
    Case("canteen-staff-list", method="post", id="POST canteen-staff-list", setup=_new_staff,
         allowed=("canteen_a", "principal_a"), forbidden=("teacher_a", "central", "authority"), ok=(201,)),
    Case("canteen-staff-detail", setup=_staff_pk(), allowed=READERS, forbidden=("teacher_a",),
         hidden=("officer_b", "officer_c"), ok=(200,)),
    Case("canteen-staff-renew", method="post", setup=_staff_pk({"health_certificate_expires": "2100-01-01"}),
         allowed=("canteen_a", "principal_a"), forbidden=("teacher_a", "central"), hidden=("officer_b",), ok=(200,)),
    Case("canteen-staff-roster", method="post", setup=_staff_pk({"date": "2026-12-01"}),
         allowed=("canteen_a", "officer_a"), forbidden=("teacher_a", "central"), hidden=("officer_b",), ok=(201,)),
    Case("canteen-staff-trainings", setup=_staff_pk(), allowed=READERS, forbidden=("teacher_a",),
         hidden=("officer_b",), ok=(200,)),
    Case("canteen-staff-trainings", method="post", id="POST canteen-staff-trainings",
         setup=_staff_pk({"topic": "Hygiene", "held_on": "2026-01-10", "hours": "2"}),
         allowed=("canteen_a",), forbidden=("teacher_a", "central", "authority"), hidden=("officer_b",), ok=(201,)),
    # Pages: licence and staff
    Case("canteen:licence", allowed=READERS, forbidden=("teacher_a",), ok=(200,)),
    Case("canteen:licence-edit", allowed=("canteen_a", "principal_a"), forbidden=("teacher_a", "central"),
         ok=(200,)),
    Case("canteen:licence-edit", method="post", id="POST canteen:licence-edit",
         setup=lambda w: {"data": {"org_unit": w.school_a.pk, "name": "Canteen", "meals_served": ["lunch"]}},
         allowed=("canteen_a",), forbidden=("teacher_a", "central"), ok=(302,)),
    Case("canteen:staff", allowed=READERS, forbidden=("teacher_a",), ok=(200,)),
    Case("canteen:staff-new", allowed=("canteen_a",), forbidden=("teacher_a", "central"), ok=(200,)),
    Case("canteen:staff-new", method="post", id="POST canteen:staff-new",
         setup=lambda w: {"data": {"org_unit": w.school_a.pk, "name": "Li",
                                   "health_certificate_expires": "2099-01-01"}},
         allowed=("canteen_a",), forbidden=("teacher_a", "central"), ok=(302,)),
    Case("canteen:staff-detail", setup=_staff_pk(), allowed=READERS, forbidden=("teacher_a",),
         hidden=("officer_b",), ok=(200,)),
    Case("canteen:staff-action", method="post", setup=_staff_pk({"date": "2026-12-01"}, "roster"),
         allowed=("canteen_a",), forbidden=("teacher_a", "central"), hidden=("officer_b",), ok=(302,)),
    # API: suppliers and purchases
    Case("supplier-list", allowed=READERS, forbidden=("teacher_a",), ok=(200,)),
    Case("supplier-list", method="post", id="POST supplier-list",
         setup=lambda w: {"data": {"org_unit": w.school_a.pk, "name": "Farm", "licence_expires": "2099-01-01"}},
         allowed=("canteen_a", "principal_a"), forbidden=("teacher_a", "central", "authority"), ok=(201,)),
    Case("supplier-detail", setup=_supplier_pk(), allowed=READERS, forbidden=("teacher_a",),
         hidden=("officer_b",), ok=(200,)),
    Case("supplier-renew", method="post", setup=_supplier_pk({"licence_expires": "2100-01-01"}),
         allowed=("canteen_a",), forbidden=("teacher_a", "central"), hidden=("officer_b",), ok=(200,)),
    Case("food-purchase-list", allowed=READERS, forbidden=("teacher_a",), ok=(200,)),
    Case("food-purchase-list", method="post", id="POST food-purchase-list", setup=_new_purchase,
         allowed=("canteen_a", "principal_a"), forbidden=("teacher_a", "central", "authority"), ok=(201,)),
    Case("food-purchase-detail", setup=_purchase_pk, allowed=READERS, forbidden=("teacher_a",),
         hidden=("officer_b",), ok=(200,)),
    Case("purchase-refusal-list", allowed=READERS, forbidden=("teacher_a",), ok=(200,)),
    Case("purchase-refusal-detail", setup=_refusal_pk, allowed=READERS, forbidden=("teacher_a",),
         hidden=("officer_b",), ok=(200,)),
    # Pages: suppliers and purchases
    Case("canteen:suppliers", allowed=READERS, forbidden=("teacher_a",), ok=(200,)),
    Case("canteen:supplier-new", allowed=("canteen_a",), forbidden=("teacher_a", "central"), ok=(200,)),
    Case("canteen:supplier-new", method="post", id="POST canteen:supplier-new",
         setup=lambda w: {"data": {"org_unit": w.school_a.pk, "name": "Farm", "licence_expires": "2099-01-01"}},
         allowed=("canteen_a",), forbidden=("teacher_a", "central"), ok=(302,)),
    Case("canteen:supplier-detail", setup=_supplier_pk(), allowed=READERS, forbidden=("teacher_a",),
         hidden=("officer_b",), ok=(200,)),
    Case("canteen:supplier-detail", method="post", id="POST canteen:supplier-detail",
         setup=_supplier_pk({"licence_expires": "2100-01-01"}), allowed=("canteen_a",),
         forbidden=("central", "authority"), hidden=("officer_b",), ok=(302,)),
    Case("canteen:purchases", allowed=READERS, forbidden=("teacher_a",), ok=(200,)),
    Case("canteen:purchase-new", allowed=("canteen_a", "principal_a"), forbidden=("teacher_a", "central"),
         ok=(200,)),
    Case("canteen:purchase-new", method="post", id="POST canteen:purchase-new",
         setup=lambda w: {"data": {**_new_purchase(w)["data"], "has_certificate": "on", "has_ticket": "on"}},
         allowed=("canteen_a",), forbidden=("teacher_a", "central"), ok=(302,)),
    Case("canteen:purchase-detail", setup=_purchase_pk, allowed=READERS, forbidden=("teacher_a",),
         hidden=("officer_b",), ok=(200,)),
    Case("canteen:refusals", allowed=READERS, forbidden=("teacher_a",), ok=(200,)),
    # API: fire equipment
    Case("fire-equipment-list", allowed=FIRE_READERS, forbidden=("teacher_a", "canteen_a"), ok=(200,)),
    Case("fire-equipment-list", method="post", id="POST fire-equipment-list",
         setup=lambda w: {"data": {"org_unit": w.school_a.pk, "kind": "hydrant", "location": "Gate"}},
         allowed=("officer_a", "principal_a"), forbidden=("teacher_a", "canteen_a", "central", "authority"),
         ok=(201,)),
    Case("fire-equipment-detail", setup=_item_pk(), allowed=FIRE_READERS, forbidden=("teacher_a",),
         hidden=("officer_b", "officer_c"), ok=(200,)),
    Case("fire-equipment-checks", setup=_item_pk(), allowed=FIRE_READERS, forbidden=("teacher_a",),
         hidden=("officer_b",), ok=(200,)),
    Case("fire-equipment-checks", method="post", id="POST fire-equipment-checks", setup=_item_pk({"result": "ok"}),
         allowed=("officer_a", "principal_a"), forbidden=("teacher_a", "canteen_a", "central", "authority"),
         hidden=("officer_b",), ok=(201,)),
    Case("fire-equipment-repair", method="post", setup=_item_pk({}), allowed=("officer_a",),
         forbidden=("teacher_a", "central"), hidden=("officer_b",), ok=(200,)),
    Case("fire-equipment-back", method="post", setup=_away_pk, allowed=("officer_a",),
         forbidden=("teacher_a", "central"), hidden=("officer_b",), ok=(200,)),
    Case("fire-equipment-retire", method="post", setup=_item_pk({}), allowed=("officer_a", "principal_a"),
         forbidden=("teacher_a", "central"), hidden=("officer_b",), ok=(200,)),
    Case("fire-check-list", allowed=FIRE_READERS, forbidden=("teacher_a",), ok=(200,)),
    Case("fire-check-list", method="post", id="POST fire-check-list",
         setup=lambda w: {"data": {"code": _item(w).code, "result": "ok"}}, allowed=("officer_a",),
         forbidden=("central", "authority"), ok=(201,)),
    Case("fire-check-detail", setup=_fire_check_pk, allowed=FIRE_READERS, forbidden=("teacher_a",),
         hidden=("officer_b",), ok=(200,)),
    Case("exit-check-list", allowed=FIRE_READERS, forbidden=("teacher_a",), ok=(200,)),
    Case("exit-check-list", method="post", id="POST exit-check-list",
         setup=lambda w: {"data": {"org_unit": w.school_a.pk, "place": "North exit", "clear": True}},
         allowed=("officer_a", "principal_a"), forbidden=("teacher_a", "central", "authority"), ok=(201,)),
    Case("exit-check-detail", setup=_exit_pk, allowed=FIRE_READERS, forbidden=("teacher_a",),
         hidden=("officer_b",), ok=(200,)),
    # Pages: fire equipment
    Case("canteen:fire", allowed=FIRE_READERS, forbidden=("teacher_a", "canteen_a"), ok=(200,)),
    Case("canteen:fire-new", allowed=("officer_a",), forbidden=("teacher_a", "central"), ok=(200,)),
    Case("canteen:fire-new", method="post", id="POST canteen:fire-new",
         setup=lambda w: {"data": {"org_unit": w.school_a.pk, "kind": "alarm", "location": "Hall"}},
         allowed=("officer_a",), forbidden=("teacher_a", "central"), ok=(302,)),
    Case("canteen:fire-due", allowed=FIRE_READERS, forbidden=("teacher_a",), ok=(200,)),
    Case("canteen:fire-labels", allowed=("officer_a",), forbidden=("teacher_a",), ok=(200,)),
    Case("canteen:fire-scan", setup=_code(), allowed=FIRE_READERS, forbidden=("teacher_a",),
         hidden=("officer_b",), ok=(200,)),
    Case("canteen:fire-scan", method="post", id="POST canteen:fire-scan", setup=_code({"result": "ok"}),
         allowed=("officer_a",), forbidden=("teacher_a", "central"), hidden=("officer_b",), ok=(302,)),
    Case("canteen:fire-detail", setup=_item_pk(), allowed=FIRE_READERS, forbidden=("teacher_a",),
         hidden=("officer_b",), ok=(200,)),
    Case("canteen:fire-check", method="post", setup=_item_pk({"result": "ok"}), allowed=("officer_a",),
         forbidden=("teacher_a", "central"), hidden=("officer_b",), ok=(302,)),
    Case("canteen:fire-label", setup=_item_pk(), allowed=("officer_a", "central"), forbidden=("teacher_a",),
         hidden=("officer_b",), ok=(200,)),
    Case("canteen:fire-action", method="post", setup=_item_pk({}, "retire"), allowed=("officer_a",),
         forbidden=("teacher_a", "central"), hidden=("officer_b",), ok=(302,)),
    Case("canteen:exits", allowed=FIRE_READERS, forbidden=("teacher_a",), ok=(200,)),
    Case("canteen:exit-new", allowed=("officer_a",), forbidden=("teacher_a", "central"), ok=(200,)),
    Case("canteen:exit-new", method="post", id="POST canteen:exit-new",
         setup=lambda w: {"data": {"org_unit": w.school_a.pk, "place": "North exit", "clear": "on"}},
         allowed=("officer_a",), forbidden=("teacher_a", "central"), ok=(302,)),
]

test_matrix = matrix_test(CASES)
