"""The canteen licence, staff fit for work while their health certificate is valid, the roster, training."""

from __future__ import annotations

from datetime import date

import pytest
from freezegun import freeze_time

from safecampus.canteen.models import Canteen, CanteenDay, RosterEntry, StaffTraining
from safecampus.canteen.services import staff as services
from safecampus.core.errors import Conflict, InvalidInput

from .helpers import at, sample

pytestmark = pytest.mark.django_db


def _member(world, expires="2026-12-31", **kw):
    return services.create_staff(actor=world.user("canteen_a"), org_unit=world.school_a, name="Wang Cook",
                                 health_certificate_expires=expires, **kw)


def test_fit_for_work_until_the_certificate_expires_in_the_api(world):
    client = world.api("canteen_a")
    with freeze_time(at("2026-11-18 09:00")):
        r = client.post("/api/v1/canteen-staff", {"org_unit": world.school_a.pk, "name": "Li Cook",
                                                   "health_certificate_expires": "2026-11-18"}, format="json")
        assert r.status_code == 201, r.content
        assert set(r.json()) >= {"id", "fit_for_work"} and r.json()["fit_for_work"] is True
    with freeze_time(at("2026-11-19 00:01")):
        assert client.get(f"/api/v1/canteen-staff/{r.json()['id']}").json()["fit_for_work"] is False


def test_a_lapsed_worker_cannot_be_put_on_the_roster(world):
    member = _member(world, expires="2026-11-18")
    entry = services.add_to_roster(member, actor=world.user("canteen_a"), date=date(2026, 11, 18))
    assert entry.pk
    with pytest.raises(Conflict):
        services.add_to_roster(member, actor=world.user("canteen_a"), date=date(2026, 11, 19))
    assert not RosterEntry.objects.filter(staff=member, date=date(2026, 11, 19)).exists()
    r = world.api("canteen_a").post(f"/api/v1/canteen-staff/{member.pk}/roster", {"date": "2026-11-20"},
                                    format="json")
    assert r.status_code == 409
    renewed = services.renew_certificate(member, actor=world.user("canteen_a"), expires="2027-11-18")
    assert services.add_to_roster(renewed, actor=world.user("canteen_a"), date=date(2026, 11, 19)).pk


def test_the_staff_page_shows_a_lapsed_worker_unfit(world):
    member = _member(world, expires="2026-11-01")
    with freeze_time(at("2026-11-18 09:00")):
        page = world.web("canteen_a").get(member.get_absolute_url()).content.decode()
        listing = world.web("canteen_a").get("/canteen/staff/").content.decode()
        home = world.web("canteen_a").get("/").content.decode()
    assert "Not fit for work" in page and "Not fit for work" in listing
    assert "Wang Cook" in home  # an expired certificate is on the canteen manager's home


def test_training_is_recorded_and_not_in_the_future(world):
    member = _member(world)
    with freeze_time(at("2026-11-18 09:00")):
        item = services.record_training(member, actor=world.user("canteen_a"), topic="Food hygiene",
                                        held_on="2026-11-10", hours="2.5")
        assert StaffTraining.objects.get(pk=item.pk).hours == 2.5
        with pytest.raises(InvalidInput) as exc:
            services.record_training(member, actor=world.user("canteen_a"), topic="x", held_on="2026-11-30",
                                     hours=1)
    assert "held_on" in exc.value.fields


@pytest.mark.parametrize(("body", "field"), [
    ({"health_certificate_expires": "soon"}, "health_certificate_expires"), ({"name": ""}, "name"),
    ({"org_unit": 999999}, "org_unit"),
])
def test_bad_staff_input_is_400(world, body, field):
    data = {"org_unit": world.school_a.pk, "name": "Li", "health_certificate_expires": "2027-01-01", **body}
    r = world.api("canteen_a").post("/api/v1/canteen-staff", data, format="json")
    assert r.status_code == 400 and field in r.json()["fields"]


def test_the_licence_sets_the_meals_owed_each_day(world):
    with freeze_time(at("2026-11-18 09:00")):
        canteen = services.save_canteen(actor=world.user("canteen_a"), org_unit=world.school_a, name="School A canteen",
                                        licence_no="JY123", grade="A", licence_expires="2027-06-30",
                                        meals_served=["breakfast", "lunch"])
        assert canteen.meals_served == ["breakfast", "lunch"]
    sample(world, dish="Rice", meal="lunch", when="2026-11-18 12:00")
    day = CanteenDay.objects.get(org_unit=world.school_a, date=date(2026, 11, 18))
    assert day.meals_expected == 2 and not day.samples_complete  # breakfast was served without a sample
    with freeze_time(at("2026-11-18 13:00")):
        services.save_canteen(actor=world.user("canteen_a"), org_unit=world.school_a, name="School A canteen",
                              meals_served=["lunch"])
    day.refresh_from_db()
    assert day.samples_complete
    assert Canteen.objects.filter(org_unit=world.school_a).count() == 1
