"""The registers' list pages run a fixed number of queries whatever their length, and export XLSX."""

from __future__ import annotations

import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from safecampus.canteen.services import fire, supply
from safecampus.core.testing.queries import exact_queries

pytestmark = pytest.mark.django_db

PAGES = [("/canteen/purchases/", "canteen_a"), ("/canteen/fire/", "officer_a"), ("/canteen/suppliers/", "canteen_a"),
         ("/canteen/staff/", "canteen_a"), ("/canteen/purchases/refused/", "canteen_a")]


def _grow(world, n: int) -> None:
    officer, manager = world.user("officer_a"), world.user("canteen_a")
    for i in range(n):
        fire.create_equipment(actor=officer, org_unit=world.school_a, kind="extinguisher", location=f"Room {i}",
                              building="Block 9")
        supplier = supply.create_supplier(actor=manager, org_unit=world.school_a, name=f"Farm {i}",
                                          licence_expires="2099-01-01")
        supply.receive_batch(actor=manager, org_unit=world.school_a, supplier=supplier, item=f"Item {i}", batch="B",
                             quantity="1 kg", has_certificate=True, has_ticket=True)


def _count(client, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize(("url", "who"), PAGES)
def test_a_list_page_runs_the_same_queries_with_more_rows(world, url, who):
    client = world.web(who)
    client.get(url)
    before = _count(client, url)
    _grow(world, 6)
    with exact_queries(before):
        page = client.get(url).content.decode()
    assert "<table" in page


def test_the_purchase_register_exports_xlsx(world):
    _grow(world, 2)
    r = world.web("canteen_a").get("/canteen/purchases/?export=xlsx")
    sheet = load_workbook(io.BytesIO(r.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "Item" and {"Item 0", "Item 1"} <= {row[0] for row in rows[1:]}
