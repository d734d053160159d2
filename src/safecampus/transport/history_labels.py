"""How this app's audit changes read in a history (``core.history``): keys that are not fields."""

from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from safecampus.core.history import separator
from safecampus.core.labels import CHANGE_FORMATS, CHANGE_LABELS, CHANGE_REFS

NAMES_SHOWN = 30


def _pupils(value) -> str:
    n = int(value or 0)
    return ngettext("%(n)d pupil", "%(n)d pupils", n) % {"n": n}


def _names(value) -> str:
    """The pupils an event names by key, in one query; one erased since reads "(removed)"."""
    from safecampus.org.models import Student
    from safecampus.org.pupil_data import ERASED_NAME

    ids = [int(v) for v in value or [] if str(v).isdigit()]
    names = {pk: name for pk, name in Student.objects.filter(pk__in=ids[:NAMES_SHOWN]).values_list("pk", "name")
             if name != ERASED_NAME.format(pk=pk)}  # a pupil whose data was erased keeps a key for a name
    text = separator().join(names.get(i) or gettext("(removed)") for i in ids[:NAMES_SHOWN])
    more = len(ids) - NAMES_SHOWN
    return text + (" " + ngettext("and %(n)d more", "and %(n)d more", more) % {"n": more} if more > 0 else "")


CHANGE_LABELS.update({"transport.inspected:inspected_on": _("Inspected on"),
                      "transport.inspected:passed": _("Passed"),
                      "transport.route_created:stops": _("Stops"),
                      "riders": _("Riders"), "on_board": _("Still on board"),
                      "transport.riders_set:added": _("Added"), "transport.riders_set:removed": _("Removed"),
                      "transport.riders_set:pupils_added": _("Now riding"),
                      "transport.riders_set:pupils_removed": _("No longer riding"),
                      "not_boarded": _("Expected, not boarded")})
CHANGE_REFS.update({"transport.trip_opened:vehicle": "transport.vehicle",
                    "transport.trip_opened:driver": "transport.driver",
                    "transport.trip_opened:escort": "auth.user",
                    "transport.route_created:vehicle": "transport.vehicle",
                    "transport.route_created:driver": "transport.driver",
                    "transport.route_created:escort": "auth.user"})
CHANGE_FORMATS.update({"riders": _pupils, "transport.riders_set:added": _pupils,
                       "transport.riders_set:removed": _pupils, "not_boarded": _pupils,
                       "transport.riders_set:pupils_added": _names, "transport.riders_set:pupils_removed": _names})
