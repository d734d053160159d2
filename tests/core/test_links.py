"""A record's address built around its key is the address ``reverse()`` gives."""

import pytest
from django.urls import reverse, set_script_prefix

from safecampus.core.links import reverse_pk


@pytest.mark.parametrize("name", ["hazards:detail", "incidents:detail", "inspections:inspection-detail"])
@pytest.mark.parametrize("pk", [1, 7, 12345, 918273645])
def test_reverse_pk_is_reverse(name, pk):
    assert reverse_pk(name, pk) == reverse(name, args=[pk])


def test_reverse_pk_follows_the_script_prefix():
    try:
        set_script_prefix("/safety/")
        assert reverse_pk("hazards:detail", 5) == reverse("hazards:detail", args=[5]) == "/safety/hazards/5/"
    finally:
        set_script_prefix("/")
    assert reverse_pk("hazards:detail", 5) == "/hazards/5/"
