from django.apps import apps

from .models import Notification
from .nav import menu_for
from .permissions import grants_of, has_capability


def navigation(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    OrgUnit = apps.get_model("org", "OrgUnit")
    grants = grants_of(user)
    units = {u.pk: u for u in OrgUnit.objects.filter(pk__in={g.unit_id for g in grants})}
    return {
        "nav_groups": menu_for(user, request.path),
        "my_units": [units[g.unit_id] for g in grants if g.unit_id in units and
                     g.unit_id not in [x.unit_id for x in grants[: grants.index(g)]]],
        "active_unit": units.get(getattr(request, "active_unit_id", None)),
        "can_two_step": has_capability(user, "account.two_step"),
        "unread_count": Notification.objects.filter(user=user, read_at=None).count(),
    }
