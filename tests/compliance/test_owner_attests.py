"""Every task opens the page where its owner does it: the sign-off page for the duties still proven by an
attestation, the app's own page for those proven by records (the patrol scan, the canteen's day, lessons)."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone

from safecampus.compliance.models import Attestation, Obligation
from safecampus.compliance.todo import tasks_for

from .conftest import png


def _rule(world, code: str) -> Obligation:
    return Obligation.objects.get(org_unit=world.central, code=code)


def test_an_attested_duty_is_signed_by_its_owner_from_the_page_her_task_opens(world):
    from .conftest import attested_rule

    rule = attested_rule(world)
    web = world.web("officer_a")
    url = f"/compliance/attest/?obligation={rule.pk}&org_unit={world.school_a.pk}"
    assert web.get(url).status_code == 200
    before = Attestation.objects.filter(obligation=rule).count()
    response = web.post("/compliance/attest/", {"obligation": rule.pk, "org_unit": world.school_a.pk,
                                                "note": "done", "file": png()})
    assert response.status_code == 302, response.content.decode()[:500]
    assert Attestation.objects.filter(obligation=rule).count() == before + 1


def test_tasks_of_record_proven_duties_open_the_apps_page(world):
    now = timezone.now()
    expected = {("guard_a", "fire-patrol"): reverse("operations:scan"),
                ("canteen_a", "food-sample"): reverse("canteen:day")}
    for (username, code), url in expected.items():
        tasks = [t for t in tasks_for(world.user(username), now) if t.kind == code]
        assert all(t.url == url for t in tasks), (username, code, [t.url for t in tasks])
        if tasks:
            assert world.web(username).get(url).status_code == 200


def test_a_duty_proven_by_records_cannot_be_attested(world):
    rule = _rule(world, "food-sample")
    response = world.web("officer_a").post("/compliance/attest/", {
        "obligation": rule.pk, "org_unit": world.school_a.pk, "note": "x", "file": png()})
    assert response.status_code == 400
    assert not Attestation.objects.filter(obligation=rule).exists()
    assert world.web("authority").get("/compliance/attest/").status_code == 403
