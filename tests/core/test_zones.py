"""A school's clock: its day and its deadlines in its own zone, stored in UTC."""

from datetime import UTC, date, datetime
from types import SimpleNamespace

from safecampus.core.zones import at_local, end_of_day, local_now, local_today, unit_zone, zone


def test_a_unit_without_a_known_zone_keeps_shanghai_time():
    for name in ("", None, "Mars/Olympus", "../etc"):
        assert zone(name).key == "Asia/Shanghai"
    assert unit_zone(SimpleNamespace(timezone="Asia/Urumqi")).key == "Asia/Urumqi"
    assert unit_zone(object()).key == "Asia/Shanghai"


def test_the_schools_day_turns_at_its_own_midnight():
    school = SimpleNamespace(timezone="Asia/Shanghai")
    evening_utc = datetime(2026, 12, 3, 16, 30, tzinfo=UTC)   # 00:30 on the 4th in Shanghai
    assert local_today(school, evening_utc) == date(2026, 12, 4)
    assert local_now(school, evening_utc).hour == 0
    assert local_today(SimpleNamespace(timezone="Europe/London"), evening_utc) == date(2026, 12, 3)


def test_wall_clock_moments_and_deadlines_are_aware_and_in_utc_eight_hours_earlier():
    school = SimpleNamespace(timezone="")
    assert at_local(school, date(2026, 12, 4), 7, 30).astimezone(UTC) == datetime(2026, 12, 3, 23, 30, tzinfo=UTC)
    last = end_of_day(school, date(2026, 12, 5)).astimezone(UTC)
    assert last == datetime(2026, 12, 5, 15, 59, 59, tzinfo=UTC)
