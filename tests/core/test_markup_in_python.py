"""Markup written in Python for speed (list cells, the menu, select options, the heat map) is the
markup the template engine wrote: each is compared with the template it replaced."""

from datetime import date

import pytest
from django import forms
from django.template import Context, Template
from django.test import RequestFactory
from django.utils import translation

from safecampus.core import nav
from safecampus.core.badges import Badge
from safecampus.core.filters import (
    NullBooleanPythonSelect,
    PythonDateInput,
    PythonNumberInput,
    PythonTextInput,
    UnitSelect,
)
from safecampus.core.permissions import forget_grants
from safecampus.core.views.cells import table_body
from safecampus.core.views.generic import Column

pytestmark = pytest.mark.django_db

# The loops as core/list.html, base.html and reports/dashboard.html wrote them before.
LIST_ROWS = Template(
    """{% load sc %}{% for row in rows %}
      <tr>{% for cell in row.cells %}{% with col=columns|index:forloop.counter0 %}
        <td data-label="{{ col.label }}">{% if col.link %}<a href="{{ row.obj.get_absolute_url }}">{{ cell|display }}</a>{% elif col.badge %}{% badge cell %}{% else %}{{ cell|display }}{% endif %}</td>
      {% endwith %}{% endfor %}</tr>
    {% endfor %}""")  # noqa: E501
SIDE = Template("""{% for group in nav_groups %}
      {% if group.key != "home" %}<div class="nav-group">{{ group.title }}</div>{% endif %}
      {% for item in group.items %}<a class="nav-link{% if path == item.url %} active{% endif %}" href="{{ item.url }}">{{ item.label }}</a>{% endfor %}
    {% endfor %}""")  # noqa: E501
PHONE = Template("""{% for group in nav_groups %}{% if group.key == "home" %}{% for item in group.items %}<a class="menu-link" href="{{ item.url }}">{{ item.label }}</a>{% endfor %}{% else %}
    <details class="menu-group"{% if group.current %} open{% endif %}><summary>{{ group.title }} <span class="badge text-bg-light">{{ group.items|length }}</span></summary>
      {% for item in group.items %}<a class="menu-link{% if path == item.url %} active{% endif %}" href="{{ item.url }}">{{ item.label }}</a>{% endfor %}
    </details>{% endif %}{% endfor %}""")  # noqa: E501
HEAT_ROWS = Template("""{% for s in rows %}<tr>{% url 'reports:school' s.id as school_url %}
      <th scope="row" class="heat-school"><a href="{{ school_url }}">{{ s.name }}</a></th>
      <td class="heat-score">{{ s.score }}%</td>
      {% for css, icon, words, pk in s.cells %}<td class="heat-cell heat-{{ css }}"><a href="{{ school_url }}#duty-{{ pk }}" title="{{ words }}"><i class="bi bi-{{ icon }}" aria-hidden="true"></i><span class="visually-hidden">{{ words }}</span></a></td>{% endfor %}
    </tr>{% endfor %}""")  # noqa: E501
HEAT_CARDS = Template("""{% for s in rows %}{% url 'reports:school' s.id as school_url %}
    <details class="heat-school-card"><summary><span class="me-auto">{{ s.name }}</span> <span class="heat-score">{{ s.score }}%</span></summary>
      <ul class="list-unstyled mb-0">{% for title, css, icon, words, pk in s.duties %}<li><a href="{{ school_url }}#duty-{{ pk }}"><span class="heat-cell heat-{{ css }}"><i class="bi bi-{{ icon }}" aria-hidden="true"></i></span> <span class="me-auto">{{ title }}</span> <span class="small text-muted">{{ words }}</span></a></li>{% endfor %}</ul>
    </details>{% endfor %}""")  # noqa: E501


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_list_cells_are_the_templates_markup(world, language):
    from datetime import date, datetime
    from decimal import Decimal
    from zoneinfo import ZoneInfo

    from safecampus.hazards.models import Hazard
    from safecampus.hazards.views.hazards import HazardList

    objs = list(Hazard.objects.select_related("org_unit", "assignee__staff")[:5])
    assert objs, "the demo district has hazards"
    odd = [Column(lambda o: 'a <b> & "c"', "Text <i>"), Column(lambda o: 12345, "Number"),
           Column(lambda o: Decimal("3.5"), "Decimal"), Column(lambda o: True, "Flag"),
           Column(lambda o: None, "Nothing"), Column(lambda o: date(2026, 3, 1), "Day"),
           Column(lambda o: datetime(2026, 3, 1, 1, 5, tzinfo=ZoneInfo("UTC")), "Moment"),
           Column(lambda o: "Closed", "Badge", badge=True), Column(lambda o: Badge("Late", "late"), "As badge"),
           Column("org_unit", "Unit", link=True)]
    with translation.override(language):
        for columns in (HazardList.columns, odd):
            rows = [{"obj": o, "cells": [c.value(o) for c in columns]} for o in objs]
            assert str(table_body(columns, rows)) == LIST_ROWS.render(Context({"rows": rows, "columns": columns}))


@pytest.mark.parametrize("language", ["en", "zh-hans"])
@pytest.mark.parametrize("who", ["officer_a", "central", "teacher_a"])
def test_menu_is_the_templates_markup(world, who, language):
    user = world.user(who)
    with translation.override(language):
        for path in ("/", "/hazards/", "/hazards/3/", "/incidents/late/", "/nowhere/"):
            groups = nav.menu_for(user, path)
            context = Context({"nav_groups": groups, "path": path})
            assert str(nav.side_menu(groups, path)) == SIDE.render(context)
            assert str(nav.phone_menu(groups, path)) == PHONE.render(context)


def test_the_kept_menu_follows_the_grants(world):
    """The menu is kept per set of grants: a role given shows its pages at once."""
    from safecampus.org.models import Role, RoleAssignment

    teacher = world.user("teacher_a")
    before = {i["url"] for g in nav.menu_for(teacher) for i in g["items"]}
    assert "/reports/dashboard/" not in before
    RoleAssignment.objects.create(user=teacher, role=Role.objects.get(code="authority_officer"),
                                  org_unit=world.school_a)
    forget_grants(teacher)
    after = {i["url"] for g in nav.menu_for(teacher) for i in g["items"]}
    assert "/reports/dashboard/" in after and before < after
    page = world.web("teacher_a").get("/hazards/")
    assert 'href="/reports/dashboard/"' in page.content.decode()


def test_the_kept_menu_is_the_readers_language(world):
    officer = world.user("officer_a")
    with translation.override("en"):
        english = [g["title"] for g in nav.menu_for(officer)]
    with translation.override("zh-hans"):
        chinese = [g["title"] for g in nav.menu_for(officer)]
    assert english != chinese and "Incidents" in english


@pytest.mark.parametrize("value", [None, "", "b", ["b"], 2, "missing"])
def test_select_options_are_djangos_markup(value):
    choices = [("", "All"), ("a", "A & <a>"), ("b", 'B "quoted"'), (2, "Two"), (None, "None"), ("b", "B again")]
    fast, slow = UnitSelect(choices=choices), forms.Select(choices=choices)
    attrs = {"class": "form-select form-select-sm", "id": "id_x", "required": True, "disabled": False}
    assert fast.render("x", value, attrs) == slow.render("x", value, attrs)
    grouped = [("", "All"), ("Group <1>", [("a", "A"), ("b", "B")]), ("c", "C")]
    assert UnitSelect(choices=grouped).render("x", value, attrs) == forms.Select(choices=grouped).render(
        "x", value, attrs)


@pytest.mark.parametrize("value", [None, "", True, False, "true", "false", "unknown", "2", "3"])
def test_yes_no_options_are_djangos_markup(value):
    choices = [("unknown", "All"), ("true", "Yes"), ("false", "No")]
    fast, slow = NullBooleanPythonSelect(), forms.NullBooleanSelect()
    fast.choices = slow.choices = choices
    attrs = {"class": "form-select form-select-sm", "id": "id_x"}
    assert fast.render("x", value, attrs) == slow.render("x", value, attrs)


@pytest.mark.parametrize("value", [None, "", "abc", 'a "quoted" <b>', 0, 12, 3.5, date(2026, 12, 3), "2026-12-03"])
@pytest.mark.parametrize("pair", [(PythonTextInput, forms.TextInput), (PythonDateInput, forms.DateInput),
                                  (PythonNumberInput, forms.NumberInput)])
def test_filter_boxes_are_djangos_markup(pair, value):
    fast_class, slow_class = pair
    fast, slow = fast_class(), slow_class()
    if slow_class is forms.DateInput:
        fast.input_type = slow.input_type = "date"  # as the filter bar has it
    attrs = {"class": "form-control form-control-sm", "id": "id_x", "required": True, "disabled": False,
             "aria-describedby": "x_help"}
    assert fast.render("x", value, attrs) == slow.render("x", value, attrs)


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_unit_filter_options_are_the_units_names(world, language):
    """The unit filter reads ids and names only; the options say what ``str(unit)`` says."""
    from safecampus.hazards.filters import HazardFilter
    from safecampus.hazards.models import Hazard
    from safecampus.org.models import OrgUnit

    request = RequestFactory().get("/hazards/")
    request.user = world.user("central")
    with translation.override(language):
        filterset = HazardFilter({}, queryset=Hazard.objects.all(), request=request)
        field = filterset.form.fields["unit"]
        options = [(str(v), str(label)) for v, label in field.widget.choices][1:]
        units = OrgUnit.objects.visible_to(request.user, "hazards.view").exclude(kind__in=("grade", "class"))
        assert options == [(str(u.pk), str(u)) for u in units]
        assert len(options) > 1


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_heat_map_is_the_templates_markup(world, language):
    from safecampus.compliance.choices import Status
    from safecampus.reports import heatmap
    from safecampus.reports.views import CELL

    cells = [(*CELL[s], pk) for pk, s in enumerate(Status, 1)]
    rows = [{"id": world.school_a.pk, "name": "School <A> & co", "score": 87, "cells": cells,
             "duties": [(f"Duty {c[3]} <b>", *c) for c in cells]},
            {"id": world.school_b.pk, "name": "学校", "score": 100, "cells": cells[:2],
             "duties": [("职责", *c) for c in cells[:2]]}]
    with translation.override(language):
        context = Context({"rows": rows})
        assert str(heatmap.table_rows(rows)) == HEAT_ROWS.render(context)
        assert str(heatmap.phone_cards(rows)) == HEAT_CARDS.render(context)


def test_badge_is_format_htmls_markup():
    from django.utils.html import format_html

    for badge in (Badge("Closed", "closed"), Badge('A <b> & "c"', "x<y", "dark"), Badge(12, "n")):
        assert badge.__html__() == format_html('<span class="badge text-bg-{} status-{}">{}</span>',
                                               badge.tone, badge.key, str(badge))
