"""The unit a user is looking at, for users who hold roles at several units."""

from .permissions import grants_of


class ActiveUnitMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.active_unit_id = None
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            unit_ids = [g.unit_id for g in grants_of(user)]
            chosen = request.session.get("active_unit")
            request.active_unit_id = chosen if chosen in unit_ids else (unit_ids[0] if unit_ids else None)
        return self.get_response(request)
