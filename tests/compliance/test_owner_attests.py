"""The owner of an attested duty signs it from the page her task opens; nobody else's duty."""

from __future__ import annotations

from django.utils import timezone

from safecampus.compliance.models import Attestation, Obligation
from safecampus.compliance.todo import tasks_for

from .conftest import png


def _rule(world, code: str) -> Obligation:
    return Obligation.objects.get(org_unit=world.central, code=code)


def test_each_owners_task_opens_the_sign_off_page_and_she_signs(world):
    for username, code in (("guard_a", "fire-patrol"), ("canteen_a", "food-sample"),
                           ("teacher_a", "holiday-safety-lesson"), ("teacher_a", "holiday-parent-notice")):
        rule = _rule(world, code)
        web = world.web(username)
        url = f"/compliance/attest/?obligation={rule.pk}&org_unit={world.school_a.pk}"
        assert web.get(url).status_code == 200
        before = Attestation.objects.filter(obligation=rule).count()
        response = web.post("/compliance/attest/", {"obligation": rule.pk, "org_unit": world.school_a.pk,
                                                    "note": "done", "file": png()})
        assert response.status_code == 302, response.content.decode()[:500]
        assert Attestation.objects.filter(obligation=rule).count() == before + 1


def test_tasks_of_owners_link_to_the_sign_off_page(world):
    rule = _rule(world, "holiday-safety-lesson")
    tasks = [t for t in tasks_for(world.user("teacher_a"), timezone.now()) if t.kind == "holiday-safety-lesson"]
    assert tasks and all(t.url.startswith(f"/compliance/attest/?obligation={rule.pk}") for t in tasks)


def test_an_owner_cannot_sign_someone_elses_duty(world):
    rule = _rule(world, "food-sample")
    response = world.web("guard_a").post("/compliance/attest/", {
        "obligation": rule.pk, "org_unit": world.school_a.pk, "note": "x", "file": png()})
    assert response.status_code == 400
    assert not Attestation.objects.filter(obligation=rule, signed_by=world.user("guard_a")).exists()
    assert world.web("guard_a").get(f"/compliance/attest/?obligation={rule.pk}").status_code == 200
    assert world.web("authority").get("/compliance/attest/").status_code == 403
