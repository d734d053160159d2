"""A unit filter's options are kept a minute per scope, and a unit saved here is offered at once."""

from __future__ import annotations

from django.db import connection
from django.test.utils import CaptureQueriesContext

from safecampus.core.filters import unit_rows
from safecampus.org.models import OrgUnit


def _scope(user):
    return OrgUnit.objects.visible_to(user, "hazards.view").filter(kind__in=["authority", "central_school", "school"])


def test_options_are_read_once_then_kept(world):
    user = world.user("central")
    first = unit_rows(_scope(user))
    assert [p for p, *_ in first] == sorted(p for p, *_ in first) and len(first) > 1
    with CaptureQueriesContext(connection) as queries:
        again = unit_rows(_scope(user))
    assert again == first and len(queries) == 0


def test_a_saved_unit_is_offered_at_once(world):
    user = world.user("central")
    before = unit_rows(_scope(user))
    central = world.unit("central")
    school = OrgUnit.objects.create(kind="school", name="New School", parent=central,
                                    path=f"{central.path}999999/", depth=central.depth + 1)
    after = unit_rows(_scope(user))
    assert len(after) == len(before) + 1 and school.pk in {pk for _p, pk, *_ in after}
    school.delete()
    assert unit_rows(_scope(user)) == before
