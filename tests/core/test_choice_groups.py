"""Choices to tick (radios, ticked lists) are a group of ticks with their question, not text boxes."""

from __future__ import annotations

import re


def test_a_ticked_list_is_a_fieldset_of_check_boxes(world):
    page = world.web("central").get("/compliance/obligations/new/").content.decode()
    groups = re.findall(r'<fieldset class="mb-3 choice-group">(.*?)</fieldset>', page, re.S)
    assert groups, "no group of choices on the rule form"
    roles = next(g for g in groups if 'name="owner_roles"' in g)
    boxes = re.findall(r'<input[^>]*name="owner_roles"[^>]*>', roles)
    assert len(boxes) > 3
    assert all('type="checkbox"' in b and 'class="form-check-input"' in b for b in boxes), boxes[:2]
    labels = re.findall(r'<label class="form-check-label" for="(id_owner_roles_\d+)">', roles)
    assert len(labels) == len(boxes)
    assert "<legend" in roles
    # A single yes/no box keeps its own line.
    assert re.search(r'<input type="checkbox" name="active"[^>]*class="form-check-input"', page)
