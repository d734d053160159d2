"""Lists: a fixed number of queries whatever their length, XLSX read back, Chinese without raw codes."""

from __future__ import annotations

import io
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from safecampus.core.testing.queries import exact_queries
from safecampus.transport.services import trips

from .helpers import new_trip

pytestmark = pytest.mark.django_db

PAGES = [("/transport/trips/", "officer_a"), ("/transport/vehicles/", "officer_a"),
         ("/transport/drivers/", "officer_a"), ("/transport/routes/", "escort_a"), ("/api/v1/trips", "officer_a"),
         ("/api/v1/bus-routes", "officer_a"), ("/transport/", "escort_a")]


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def _grow(world) -> None:
    from safecampus.transport.services import fleet

    officer = world.user("officer_a")
    for n in range(3):
        trip = new_trip(world, direction="to_school")
        trips.close_trip(trip, actor=officer)
        fleet.create_route(actor=officer, org_unit=world.school_a, name=f"加线{n}", stops=["甲", "乙"], riders=[])


@pytest.mark.parametrize(("url", "who"), PAGES)
def test_lists_run_a_fixed_number_of_queries(world, url, who):
    client = world.web(who) if not url.startswith("/api/") else world.api(who)
    client.get(url)
    before = _count(client, url)
    _grow(world)
    with exact_queries(before):
        client.get(url)


def test_the_roll_call_runs_a_fixed_number_of_queries(world):
    trip = new_trip(world)
    client = world.web("escort_a")
    url = f"/transport/trips/{trip.pk}/"
    client.get(url)
    before = _count(client, url)
    escort = world.user("escort_a")
    for r in trip.riders.select_related("student"):
        trips.board(trip, actor=escort, student=r.student)
    with exact_queries(before):
        client.get(url)


def test_the_trip_list_exports_xlsx(world):
    response = world.web("officer_a").get("/transport/trips/?export=xlsx&status=closed")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "Trip" and len(rows) > 8
    assert any("南线" in str(r[0]) for r in rows[1:])


@pytest.mark.parametrize("url", ["/transport/", "/transport/trips/", "/transport/vehicles/", "/transport/drivers/",
                                 "/transport/routes/", "/transport/vehicles/new/", "/transport/drivers/new/",
                                 "/transport/routes/new/"])
def test_pages_in_chinese_show_no_raw_codes(world, url):
    client = world.web("officer_a", language="zh-hans")
    text = client.get(url).content.decode()
    body = re.sub(r"<[^>]+>", " ", text.split("<main", 1)[-1])
    for code in ("to_school", "from_school", "school_bus", "kindergarten_bus", "on_board", "inspection_expires",
                 "licence_since", "Bus trips", "Vehicle", "Driver"):
        assert code not in body, (url, code)


def test_a_trip_page_in_chinese(world):
    from safecampus.transport.models import Trip

    trip = Trip.objects.filter(status="closed", route__name="南线").order_by("-date").first()
    text = world.web("officer_a", language="zh-hans").get(f"/transport/trips/{trip.pk}/").content.decode()
    body = re.sub(r"<[^>]+>", " ", text.split("<main", 1)[-1])
    assert "已下车" in body and "行程开始" in body and "已结束" in body
    for code in ("from_school", "to_school", "transport.", "alighted", "Boarded"):
        assert code not in body, code
