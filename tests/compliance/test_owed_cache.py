import pytest

from safecampus.compliance.engine import bump_generation, rules_in_force
from safecampus.compliance.selectors import owed_units
from safecampus.core.testing.queries import exact_queries

pytestmark = pytest.mark.django_db


def test_who_owes_what_is_read_once_then_served_from_the_cache(world):
    roots = [world.central.path]
    rules = rules_in_force(roots)
    first = owed_units(roots, rules)
    assert {unit_id for unit_id, _rules in first} >= {world.school_a.pk, world.school_b.pk, world.kinder_c.pk}
    with exact_queries(0):
        again = owed_units(roots, rules)
    assert again == first
    assert all(set(pks) <= {r.pk for r in rules} for _unit, pks in first)


def test_a_rule_change_reads_the_tree_again(world):
    roots = [world.central.path]
    rules = rules_in_force(roots)
    owed_units(roots, rules)
    bump_generation()
    with exact_queries(1):  # the units, read again under the new generation
        owed_units(roots, rules)
