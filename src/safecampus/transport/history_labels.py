"""How this app's audit changes read in a history (``core.history``): keys that are not fields."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from safecampus.core.labels import CHANGE_FORMATS, CHANGE_LABELS, CHANGE_REFS


def _pupils(value) -> str:
    n = int(value or 0)
    return ngettext("%(n)d pupil", "%(n)d pupils", n) % {"n": n}


CHANGE_LABELS.update({"transport.inspected:inspected_on": _("Inspected on"),
                      "transport.inspected:passed": _("Passed"),
                      "transport.route_created:stops": _("Stops"),
                      "riders": _("Riders"), "on_board": _("Still on board"),
                      "transport.riders_set:added": _("Added"), "transport.riders_set:removed": _("Removed"),
                      "not_boarded": _("Expected, not boarded")})
CHANGE_REFS.update({"transport.trip_opened:vehicle": "transport.vehicle",
                    "transport.trip_opened:driver": "transport.driver",
                    "transport.trip_opened:escort": "auth.user",
                    "transport.route_created:vehicle": "transport.vehicle",
                    "transport.route_created:driver": "transport.driver",
                    "transport.route_created:escort": "auth.user"})
CHANGE_FORMATS.update({"riders": _pupils, "transport.riders_set:added": _pupils,
                       "transport.riders_set:removed": _pupils, "not_boarded": _pupils})
