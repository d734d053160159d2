from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CanteenConfig(AppConfig):
    """Canteen food safety and fire equipment (HAZ-7, HAZ-8): see the package docstring."""

    name = "safecampus.canteen"
    label = "canteen"
    verbose_name = _("Canteen and fire safety")

    def ready(self) -> None:
        from safecampus.core import home, nav
        from safecampus.core.labels import ACTION_LABELS
        from safecampus.core.permissions import grant

        from . import history_labels  # noqa: F401  (how its audit changes read in a history)

        # The canteen manager keeps the food registers; the school's leaders see them and eat with
        # the pupils (陪餐); the central school and the authority read everything below them.
        grant("canteen_manager", ["canteen.view", "canteen.sample", "canteen.manage"])
        for role in ("principal", "safety_officer"):
            grant(role, ["canteen.view", "canteen.accompany", "canteen.manage",
                         "canteen.fire_view", "canteen.fire_check", "canteen.fire_manage"])
        # Whoever is on duty may check equipment on the rounds.
        grant("duty_staff", ["canteen.fire_view", "canteen.fire_check"])
        for role in ("central_officer", "authority_officer"):
            grant(role, ["canteen.view", "canteen.fire_view"])

        nav.register("canteen", _("Today's canteen"), "canteen:day", "canteen.view", 10)
        nav.register("canteen", _("Food samples"), "canteen:samples", "canteen.view", 20)
        nav.register("canteen", _("Canteen staff"), "canteen:staff", "canteen.view", 30)
        nav.register("canteen", _("Canteen licence"), "canteen:licence", "canteen.view", 35)
        nav.register("canteen", _("Suppliers"), "canteen:suppliers", "canteen.view", 40)
        nav.register("canteen", _("Food purchases"), "canteen:purchases", "canteen.view", 45)
        nav.register("canteen", _("Fire equipment"), "canteen:fire", "canteen.fire_view", 60)
        nav.register("canteen", _("Due for its check"), "canteen:fire-due", "canteen.fire_view", 65)
        nav.register("canteen", _("Evacuation routes and exits"), "canteen:exits", "canteen.fire_view", 70)
        home.register_shortcut(_("Record a food sample"), "canteen:day", "canteen.sample", icon="basket", order=5)

        from .panels import canteen_panel, fire_panel

        home.register_panel(canteen_panel, order=12)
        home.register_panel(fire_panel, order=14)
        ACTION_LABELS.update({
            "canteen.sample_taken": _("Food sample taken"),
            "canteen.sample_disposed": _("Food sample disposed of"),
            "canteen.menu_set": _("Menu set"),
            "canteen.accompanied": _("Leader ate with the pupils"),
            "canteen.licence_set": _("Canteen licence saved"),
            "canteen.staff_added": _("Canteen staff member added"),
            "canteen.certificate_renewed": _("Health certificate renewed"),
            "canteen.rostered": _("Put on the roster"),
            "canteen.staff_trained": _("Training recorded"),
            "canteen.supplier_added": _("Supplier added"),
            "canteen.supplier_renewed": _("Supplier qualification renewed"),
            "canteen.batch_refused": _('"Three-no" batch refused'),
            "canteen.purchase_recorded": _("Purchase recorded"),
            "canteen.equipment_added": _("Fire equipment added"),
            "canteen.equipment_checked": _("Fire equipment checked"),
            "canteen.equipment_away": _("Sent for repair"),
            "canteen.equipment_returned": _("Back from repair"),
            "canteen.equipment_retired": _("Retired"),
            "canteen.exit_checked": _("Route or exit checked"),
        })
        from safecampus.core.attachments import register_owner

        from . import evidence, policies  # noqa: F401
        from .models import FireCheck, FoodPurchase, Supplier

        # Who may read the photos: whoever may read the record they belong to.
        register_owner(Supplier, "canteen.view")
        register_owner(FoodPurchase, "canteen.view")
        register_owner(FireCheck, "canteen.fire_view")
