"""Large page counts are kept a minute per query; small ones are always exact."""

from datetime import timedelta

from django.utils import timezone
from freezegun import freeze_time

from safecampus.core import paging


def _count(world, user="officer_a") -> int:
    return world.api(user).get("/api/v1/staff").json()["count"]


def _add_staff(world, name: str) -> None:
    from safecampus.org.models import Staff

    Staff.objects.create(org_unit=world.school_a, name=name)


def test_small_counts_are_exact_at_once(world):
    before = _count(world)
    _add_staff(world, "Exact")
    assert _count(world) == before + 1


def test_large_counts_are_kept_a_minute_per_query(world, monkeypatch):
    monkeypatch.setattr(paging, "LARGE", 1)
    start = timezone.now()
    with freeze_time(start) as clock:
        before = _count(world)
        _add_staff(world, "Cached")
        assert _count(world) == before                      # the same query within the minute
        assert _count(world, "principal_a") == before       # same scope and filters: same SQL, same key
        filtered = world.api("officer_a").get("/api/v1/staff", {"org_unit": world.school_a.pk}).json()["count"]
        assert filtered == before + 1                       # another query (a filter) counts on its own
        clock.move_to(start + timedelta(seconds=paging.COUNT_SECONDS + 1))
        assert _count(world) == before + 1


def test_other_scopes_never_share_a_count(world, monkeypatch):
    monkeypatch.setattr(paging, "LARGE", 1)
    mine = _count(world, "officer_a")
    theirs = _count(world, "officer_b")
    district = _count(world, "central")
    assert district > mine and district > theirs


def test_the_web_list_pages_use_it_too(world, monkeypatch):
    import re

    monkeypatch.setattr(paging, "LARGE", 1)

    def records(page: str) -> int:
        return int(re.search(r"(\d+) records?", page).group(1))

    client = world.web("officer_a")
    start = timezone.now()
    with freeze_time(start) as clock:
        before = records(client.get("/org/staff/").content.decode())
        _add_staff(world, "Web Cached")
        assert records(client.get("/org/staff/").content.decode()) == before
        clock.move_to(start + timedelta(seconds=paging.COUNT_SECONDS + 1))
        assert records(client.get("/org/staff/").content.decode()) == before + 1


class _SpyCache:
    def __init__(self, real):
        self.real, self.asked = real, []

    def get(self, key, *args, **kwargs):
        self.asked.append(key)
        return self.real.get(key, *args, **kwargs)

    def set(self, *args, **kwargs):
        return self.real.set(*args, **kwargs)


def test_a_small_count_is_counted_again_without_asking_the_cache(world, monkeypatch):
    spy = _SpyCache(paging.cache)
    monkeypatch.setattr(paging, "cache", spy)
    monkeypatch.setattr(paging, "_SMALL", {})
    first = _count(world)
    asked = len(spy.asked)
    _add_staff(world, "Small")
    assert _count(world) == first + 1 and len(spy.asked) == asked  # exact, and no cache lookup


def test_a_count_grown_large_is_kept_from_then_on(world, monkeypatch):
    monkeypatch.setattr(paging, "_SMALL", {})
    before = _count(world)
    monkeypatch.setattr(paging, "LARGE", before + 1)
    _add_staff(world, "Grown")
    assert _count(world) == before + 1          # counted (the key was small), now large: kept
    _add_staff(world, "Kept")
    assert _count(world) == before + 1          # within the minute, the kept count
