from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TransportConfig(AppConfig):
    """School transport (OPS-5): buses, drivers, routes and the escort's roll call on each trip."""

    name = "safecampus.transport"
    label = "transport"
    verbose_name = _("School transport")

    def ready(self) -> None:
        from safecampus.core import home, nav
        from safecampus.core.labels import ACTION_LABELS
        from safecampus.core.permissions import grant

        from . import history_labels  # noqa: F401  (how its audit changes read in a history)

        # The escort does the roll call on each trip; the school's leaders keep the fleet and may run a
        # trip themselves; the driver and the supervisors read.
        grant("escort", ["org.view", "transport.view", "transport.trip"])
        for role in ("safety_officer", "principal"):
            grant(role, ["transport.view", "transport.trip", "transport.manage"])
        for role in ("driver", "central_officer", "authority_officer"):
            grant(role, ["transport.view"])

        nav.register("operations", _("Today's bus trips"), "transport:today", "transport.trip", 40)
        nav.register("operations", _("Bus trips"), "transport:trips", "transport.view", 41)
        nav.register("operations", _("Bus routes"), "transport:routes", "transport.view", 42)
        nav.register("operations", _("School buses"), "transport:vehicles", "transport.view", 43)
        nav.register("operations", _("Bus drivers"), "transport:drivers", "transport.view", 44)
        home.register_shortcut(_("Bus roll call"), "transport:today", "transport.trip", icon="bus-front", order=4,
                               when=_has_routes)

        from .panels import not_boarded_panel, trips_panel

        home.register_panel(trips_panel, order=8)
        home.register_panel(not_boarded_panel, order=9)
        ACTION_LABELS.update({
            "transport.vehicle_added": _("Vehicle added"),
            "transport.insurance_renewed": _("Insurance renewed"),
            "transport.inspected": _("Vehicle inspected"),
            "transport.driver_added": _("Driver added"),
            "transport.licence_renewed": _("Driving licence renewed"),
            "transport.route_created": _("Bus route created"),
            "transport.riders_set": _("Riders changed"),
            "transport.trip_opened": _("Trip started"),
            "transport.boarded": _("Boarded"),
            "transport.alighted": _("Got off"),
            "transport.close_refused": _("Close refused: children still on board"),
            "transport.trip_closed": _("Trip closed"),
        })
        from . import evidence, policies  # noqa: F401


def _has_routes(user) -> bool:
    from .models import Route

    return Route.objects.visible_to(user, "transport.trip").filter(active=True).exists()
