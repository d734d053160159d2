from functools import cache

from django.apps import apps

from .models import Notification
from .nav import menu_for, phone_menu, side_menu
from .permissions import grants_of, has_capability


def navigation(request):
    """The layout's menu, units and bell.

    The menu is kept per set of grants and language (``core.nav``) and written in Python; the units
    are named from the grants (unsaved units: names, kind and path only). What needs a query is a
    callable the template calls (once) where the page shows it: an HTMX partial renders with this
    context too and shows none of it.
    """
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    grants = grants_of(user)
    path = request.path
    groups = menu_for(user, path)

    @cache
    def units() -> dict:
        # The layout names the units (the switcher, the phone menu): the grants read their names.
        OrgUnit = apps.get_model("org", "OrgUnit")
        return {g.unit_id: OrgUnit(pk=g.unit_id, name=g.unit_name, name_zh=g.unit_name_zh, kind=g.unit_kind,
                                   path=g.path) for g in grants}

    @cache
    def my_units() -> list:
        found, seen, mine = units(), set(), []
        for g in grants:
            if g.unit_id in found and g.unit_id not in seen:
                mine.append(found[g.unit_id])
            seen.add(g.unit_id)
        return mine

    @cache
    def unread_count() -> int:
        return Notification.objects.filter(user=user, read_at=None).count()

    return {
        "nav_groups": groups,
        "nav_side": cache(lambda: side_menu(groups, path)),
        "nav_phone": cache(lambda: phone_menu(groups, path)),
        "my_units": my_units,
        "active_unit": cache(lambda: units().get(getattr(request, "active_unit_id", None))),
        "can_two_step": has_capability(user, "account.two_step"),
        "unread_count": unread_count,
    }
