"""Every incident action takes the version the caller read: the API's ``version``, a stale one is a 409."""

from __future__ import annotations

import pytest

from safecampus.core.errors import StaleVersion
from safecampus.incidents import services
from safecampus.incidents.models import IncidentState

from .helpers import file

pytestmark = pytest.mark.django_db


def test_the_api_answers_the_version_and_refuses_a_stale_one(world):
    incident = file(world)
    api = world.api("officer_a")
    url = f"/api/v1/incidents/{incident.pk}"
    read = api.get(url).json()["version"]
    assert read == IncidentState.objects.get(pk=incident.pk).version
    bodies = {"amendments": {"reason": "typo", "changes": {"location": "Gym"}},
              "followups": {"summary": "Back in class."},
              "close": {"note": "Done."}}
    for action, body in bodies.items():
        stale = api.post(f"{url}/{action}", {**body, "version": read + 7}, format="json")
        assert stale.status_code == 409, (action, stale.content)
    amended = api.post(f"{url}/amendments", {**bodies["amendments"], "version": read}, format="json")
    assert amended.status_code == 201 and amended.json()["version"] == read + 1
    again = api.post(f"{url}/followups", {**bodies["followups"], "version": read}, format="json")
    assert again.status_code == 409  # read before the amendment
    assert api.post(f"{url}/followups", bodies["followups"], format="json").status_code == 201  # version optional
    assert api.post(f"{url}/followups", {"summary": "x", "version": "soon"}, format="json").status_code == 400
    assert IncidentState.objects.get(pk=incident.pk).version == read + 2


def test_the_services_check_it_before_writing(world):
    incident = file(world)
    officer = world.user("officer_a")
    version = IncidentState.objects.get(pk=incident.pk).version
    with pytest.raises(StaleVersion):
        services.amend(incident, actor=officer, reason="r", changes={"location": "Gym"},
                       expected_version=version + 1)
    with pytest.raises(StaleVersion):
        services.add_followup(incident, actor=officer, summary="s", expected_version=version + 1)
    with pytest.raises(StaleVersion):
        services.record_investigation(incident, actor=world.user("central"), findings="f", responsible="r",
                                      measures="m", expected_version=version + 1)
    with pytest.raises(StaleVersion):
        services.close(incident, actor=world.user("central"), expected_version=version + 1)
    assert not incident.amendments.exists() and not incident.followups.exists()
    services.add_followup(incident, actor=officer, summary="s", expected_version=version)
    assert IncidentState.objects.get(pk=incident.pk).version == version + 1


@pytest.mark.parametrize(("step", "body"), [
    ("amend", {"reason": "Two hurt", "injured": 2}),
    ("followup", {"summary": "Back in class."}),
    ("close", {"note": "Done."}),
])
def test_a_form_opened_before_someone_else_acted_is_refused_with_409(world, step, body):
    incident = file(world)
    web = world.web("central" if step == "close" else "officer_a")
    page = web.get(f"/incidents/{incident.pk}/{step}/")
    form = page.context["form"]
    assert 'type="hidden" name="version"' in page.content.decode()
    seen = {k: v for k, v in form.initial.items() if v is not None}
    assert seen["version"] == IncidentState.objects.get(pk=incident.pk).version
    # Meanwhile the safety officer sends a progress report from the phone.
    world.api("officer_a").post(f"/api/v1/incidents/{incident.pk}/followups", {"summary": "Nurse called."},
                                format="json")
    before = (incident.amendments.count(), incident.followups.count(), IncidentState.objects.get(pk=incident.pk))
    r = web.post(f"/incidents/{incident.pk}/{step}/", {**seen, **body})
    assert r.status_code == 409
    assert "changed" in r.content.decode().lower()
    after = IncidentState.objects.get(pk=incident.pk)
    assert (incident.amendments.count(), incident.followups.count()) == before[:2]
    assert (after.version, after.status) == (before[2].version, before[2].status)
    # Opened again, the form carries the new version and goes through.
    fresh = {k: v for k, v in web.get(f"/incidents/{incident.pk}/{step}/").context["form"].initial.items()
             if v is not None}
    assert web.post(f"/incidents/{incident.pk}/{step}/", {**fresh, **body}).status_code == 302


def test_a_tampered_version_is_said_on_the_page_and_writes_nothing(world):
    incident = file(world)
    web = world.web("officer_a", language="zh-hans")
    before = incident.followups.count()
    r = web.post(f"/incidents/{incident.pk}/followup/", {"kind": "progress", "summary": "x", "version": "-1"})
    assert r.status_code == 400 and incident.followups.count() == before
    assert "此表单已过期" in r.content.decode()
