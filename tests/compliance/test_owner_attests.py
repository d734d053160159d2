"""Every task opens the page where its owner can do it: an attested duty is signed by its owner roles
(not only the officers); a duty proven by an app's records opens that app's recording page."""

from __future__ import annotations

from django.utils import timezone

from safecampus.compliance.models import Attestation
from safecampus.compliance.todo import tasks_for

from .conftest import png


def test_the_owner_of_an_attested_duty_signs_it_from_her_task(world, make_rule):
    rule = make_rule(code="gate-check", owner_roles=["door_guard"])
    tasks = [t for t in tasks_for(world.user("guard_a"), timezone.now()) if t.kind == "gate-check"]
    assert tasks and tasks[0].url == f"/compliance/attest/?obligation={rule.pk}&org_unit={world.school_a.pk}"
    web = world.web("guard_a")
    assert web.get(tasks[0].url).status_code == 200
    response = web.post("/compliance/attest/", {"obligation": rule.pk, "org_unit": world.school_a.pk,
                                                "note": "done", "file": png()})
    assert response.status_code == 302, response.content.decode()[:500]
    assert Attestation.objects.filter(obligation=rule, signed_by=world.user("guard_a")).count() == 1


def test_someone_who_does_not_own_the_duty_cannot_sign_it(world, make_rule):
    rule = make_rule(code="gate-check", owner_roles=["door_guard"])
    web = world.web("canteen_a")
    assert web.get("/compliance/attest/").status_code == 403
    assert web.post("/compliance/attest/", {"obligation": rule.pk, "org_unit": world.school_a.pk,
                                            "file": png()}).status_code == 403
    assert not Attestation.objects.filter(obligation=rule).exists()


def test_a_duty_proven_by_an_apps_records_opens_its_recording_page(world):
    tasks = {t.kind: t.url for t in tasks_for(world.user("teacher_a"), timezone.now())}
    assert tasks.get("holiday-safety-lesson") == "/education/lessons/new/"
    assert tasks.get("holiday-parent-notice", "/education/notices/new/") == "/education/notices/new/"
    for url in tasks.values():
        assert "/compliance/calendar/" not in url
    assert world.web("teacher_a").get("/education/lessons/new/").status_code == 200
