"""``GET /api/v1/incidents`` answers summary rows: the report as it stands now, where it stands and how
much grew around it; the nested records (amendments, follow-ups, investigation, the filed report and
the names of the injured) are the detail's."""

from __future__ import annotations

from safecampus.incidents import services

from .helpers import file

NESTED = {"amendments", "followups", "investigation", "current", "filed", "injured_names"}


def _row(world, incident, user="central") -> dict:
    listed = world.api(user).get("/api/v1/incidents?page_size=200").json()["results"]
    return next(r for r in listed if r["id"] == incident.pk)


def test_a_row_is_the_detail_without_its_nested_records_and_with_their_counts(world):
    incident = file(world)
    officer = world.user("officer_a")
    services.amend(incident, actor=officer, reason="More pupils hurt", changes={"injured": 3, "location": "Gym"})
    services.amend(incident, actor=officer, reason="Worse", changes={"severity": "serious"})
    services.add_followup(incident, actor=officer, summary="Written report sent")
    services.record_investigation(incident, actor=world.user("central"), findings="Wet floor",
                                  responsible="Caretaker", measures="Mats")
    detail = world.api("central").get(f"/api/v1/incidents/{incident.pk}").json()
    row = _row(world, incident)
    assert not NESTED & set(row)
    assert row == {**{k: v for k, v in detail.items() if k not in NESTED | {"investigated"}},
                   "amendments_count": 2, "followups_count": 1, "investigated": True}
    # The current values, amendments applied in order, as the detail shows them.
    assert (row["injured"], row["location"], row["severity"]) == (3, "Gym", "serious")


def test_a_plain_report_counts_nothing_and_shows_what_was_filed(world):
    incident = file(world, location="Stairs")
    row = _row(world, incident, "officer_a")
    assert (row["amendments_count"], row["followups_count"], row["investigated"]) == (0, 0, False)
    assert row["location"] == "Stairs" and row["status"] == "filed" and row["escalated"] is False
    detail = world.api("officer_a").get(f"/api/v1/incidents/{incident.pk}").json()
    assert row["allowed_actions"] == detail["allowed_actions"] and row["allowed_actions"]
    assert row["version"] == detail["version"]


def test_each_reader_sees_their_own_actions_in_the_list(world):
    incident = file(world)
    for user in ("officer_a", "principal_a", "central", "authority"):
        detail = world.api(user).get(f"/api/v1/incidents/{incident.pk}").json()
        assert _row(world, incident, user)["allowed_actions"] == detail["allowed_actions"], user
