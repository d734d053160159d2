"""Suppliers, the purchase register, "three-no" refusals, photos and the retention countdown."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from freezegun import freeze_time

from safecampus.canteen.models import FoodPurchase, PurchaseRefusal
from safecampus.canteen.services import supply as services
from safecampus.compliance.policies import set_policy
from safecampus.core.errors import InvalidInput
from safecampus.core.files import attachments_of

from .helpers import at, png

pytestmark = pytest.mark.django_db


def _supplier(world, expires="2027-12-31", school=None):
    return services.create_supplier(actor=world.user("canteen_a"), org_unit=school or world.school_a,
                                    name="Green Farm", licence_expires=expires)


def _batch(world, supplier, **kw):
    data = {"item": "Rice", "batch": "B-1", "quantity": "50 kg", "has_certificate": True, "has_ticket": True,
            "production_date": "2026-11-15", "shelf_life_days": 365, **kw}
    with freeze_time(at("2026-11-18 09:00")):
        return services.receive_batch(actor=world.user("canteen_a"), org_unit=world.school_a, supplier=supplier,
                                      **data)


def test_a_batch_is_kept_six_months_after_shelf_life_or_two_years(world):
    supplier = _supplier(world)
    long_life = _batch(world, supplier, shelf_life_days=730)  # use by 2028-11-14 -> six months more
    assert long_life.keep_until == date(2029, 5, 14)
    short_life = _batch(world, supplier, batch="B-2", shelf_life_days=10)  # two years win
    assert short_life.keep_until == date(2028, 11, 18)


def test_retention_countdown_with_a_frozen_clock(world):
    supplier = _supplier(world)
    purchase = _batch(world, supplier, shelf_life_days=10)

    def page(when):
        with freeze_time(at(when)):
            return world.web("canteen_a").get(purchase.get_absolute_url()).content.decode()

    assert "Kept until 2028-11-18 (731 days left)" in page("2026-11-18 09:00")
    assert "(1 day left)" in page("2028-11-17 09:00")
    assert "May be destroyed" in page("2028-11-19 09:00")


def test_a_county_keeping_records_three_years_moves_keep_until(world):
    set_policy(world.authority, "canteen.records", {"min_years": 3}, actor=world.user("authority"))
    purchase = _batch(world, _supplier(world), shelf_life_days=10)
    assert purchase.keep_until == date(2029, 11, 18)


@pytest.mark.parametrize(("change", "fields"), [
    ({"has_certificate": False}, {"has_certificate"}),
    ({"has_ticket": False}, {"has_ticket"}),
    ({"has_certificate": False, "has_ticket": False}, {"has_certificate", "has_ticket"}),
])
def test_three_no_batches_are_refused_and_the_refusal_kept(world, change, fields):
    supplier = _supplier(world)
    before = FoodPurchase.objects.count()
    with pytest.raises(InvalidInput) as exc:
        _batch(world, supplier, **change)
    assert set(exc.value.fields) == fields
    assert FoodPurchase.objects.count() == before
    refusal = PurchaseRefusal.objects.latest("id")
    assert set(refusal.reasons) == fields and refusal.supplier == supplier


def test_a_lapsed_supplier_is_refused_through_the_api(world):
    supplier = _supplier(world, expires="2026-11-17")
    with freeze_time(at("2026-11-18 09:00")):
        r = world.api("canteen_a").post("/api/v1/food-purchases", {
            "org_unit": world.school_a.pk, "supplier": supplier.pk, "item": "Oil", "batch": "X", "quantity": "5 L",
            "has_certificate": True, "has_ticket": True}, format="json")
    assert r.status_code == 400 and "supplier" in r.json()["fields"]
    assert PurchaseRefusal.objects.filter(supplier=supplier).exists()


def test_the_contract_purchase_is_201(world):
    supplier = _supplier(world)
    r = world.api("canteen_a").post("/api/v1/food-purchases", {
        "org_unit": world.school_a.pk, "supplier": supplier.pk, "item": "Oil", "batch": "X", "quantity": "5 L",
        "has_certificate": True, "has_ticket": True}, format="json")
    assert r.status_code == 201, r.content
    assert r.json()["keep_until"]


def test_a_batch_past_its_shelf_life_is_400(world):
    supplier = _supplier(world)
    with pytest.raises(InvalidInput) as exc:
        _batch(world, supplier, production_date="2026-10-01", shelf_life_days=7)
    assert "shelf_life_days" in exc.value.fields


def test_photos_are_kept_and_a_photo_that_is_not_an_image_is_400(world):
    supplier = _supplier(world)
    client = world.api("canteen_a")
    base = {"org_unit": world.school_a.pk, "supplier": supplier.pk, "item": "Oil", "batch": "X", "quantity": "5 L",
            "has_certificate": "true", "has_ticket": "true"}
    r = client.post("/api/v1/food-purchases", {**base, "certificate_photo": png("cert.png"),
                                               "ticket_photo": png("ticket.png")}, format="multipart")
    assert r.status_code == 201, r.content
    purposes = {a.purpose for a in attachments_of(FoodPurchase.objects.get(pk=r.json()["id"]))}
    assert purposes == {"certificate", "ticket"}
    before = FoodPurchase.objects.count()
    fake = SimpleUploadedFile("ticket.jpg", b"this is not a picture at all", content_type="image/jpeg")
    r = client.post("/api/v1/food-purchases", {**base, "batch": "Y", "ticket_photo": fake}, format="multipart")
    assert r.status_code == 400 and "ticket_photo" in r.json()["fields"]
    assert FoodPurchase.objects.count() == before


def test_a_supplier_of_another_school_is_not_offered(world):
    from safecampus.canteen.models import Supplier

    foreign = Supplier.objects.create(org_unit=world.school_b, name="B Farm", licence_expires=date(2027, 12, 31))
    r = world.api("canteen_a").post("/api/v1/food-purchases", {
        "org_unit": world.school_a.pk, "supplier": foreign.pk, "item": "Oil", "batch": "X", "quantity": "5 L",
        "has_certificate": True, "has_ticket": True}, format="json")
    assert r.status_code == 400 and "supplier" in r.json()["fields"]


def test_the_purchase_form_shows_the_refusal_beside_the_field(world):
    supplier = _supplier(world, expires="2026-01-01")
    r = world.web("canteen_a").post("/canteen/purchases/new/", {
        "org_unit": world.school_a.pk, "supplier": supplier.pk, "item": "Oil", "batch": "X", "quantity": "5 L",
        "has_certificate": "on"})
    assert r.status_code == 400
    page = r.content.decode()
    assert "No purchase ticket" in page and "qualification expired" in page
