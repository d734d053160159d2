"""A whole-tree reader of a newest-first model gets the same rows through the time index."""

from django.db import connection

from safecampus.core.permissions import scope_paths
from safecampus.core.scoping import path_q


def test_same_rows_for_the_authority_and_a_plan_through_the_time_index(world):
    from safecampus.hazards.models import Hazard

    authority = world.user("authority")
    roots = scope_paths(authority, "hazards.view")
    seen = Hazard.objects.visible_to(authority, "hazards.view").order_by("-reported_at", "-id")
    expected = Hazard.objects.filter(path_q("org_unit__path", roots)).order_by("-reported_at", "-id")
    assert list(seen.values_list("pk", flat=True)) == list(expected.values_list("pk", flat=True))
    assert seen.exists()
    if connection.vendor == "sqlite":
        assert '+"org_orgunit"."path" >=' in str(seen.query)


def test_a_narrower_reader_keeps_the_unit_index(world):
    from safecampus.hazards.models import Hazard

    central = world.user("central")
    query = str(Hazard.objects.visible_to(central, "hazards.view").query)
    assert "+" not in query.split("WHERE", 1)[1]
    rows = set(Hazard.objects.visible_to(world.user("officer_a"), "hazards.view").values_list("org_unit__path",
                                                                                               flat=True))
    assert rows and all(p.startswith(world.school_a.path) for p in rows)
