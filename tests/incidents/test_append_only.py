"""INC-2: a filed report is never edited or deleted, by any door."""

from __future__ import annotations

import pytest
from django.db import DatabaseError, IntegrityError, OperationalError, connection, transaction
from django.urls import NoReverseMatch, reverse

from safecampus.incidents import services
from safecampus.incidents.models import Amendment, AppendOnlyError, FollowUp, Incident, InfoReport

from .helpers import file

pytestmark = pytest.mark.django_db
DB_ERRORS = (IntegrityError, OperationalError, DatabaseError)


def test_api_edit_and_delete_are_405_for_every_role(world):
    incident = file(world)
    for who in ("authority", "central", "principal_a", "officer_a", "teacher_a"):
        api = world.api(who)
        for method in ("put", "patch", "delete"):
            r = getattr(api, method)(f"/api/v1/incidents/{incident.pk}", {"summary": "rewritten"}, format="json")
            assert r.status_code == 405, (who, method, r.status_code)
    incident.refresh_from_db()
    assert incident.summary == "A pupil fell on the stairs."


def test_the_ui_has_no_edit_or_delete_route(world):
    incident = file(world)
    for name in ("incidents:edit", "incidents:update", "incidents:delete"):
        with pytest.raises(NoReverseMatch):
            reverse(name, args=[incident.pk])
    web = world.web("officer_a")
    for suffix in ("edit/", "delete/", "update/"):
        assert web.get(f"/incidents/{incident.pk}/{suffix}").status_code == 404
    assert web.post(f"/incidents/{incident.pk}/", {"summary": "x"}).status_code == 405


def test_the_admin_is_read_only(world, admin_client):
    from django.contrib import admin

    incident = file(world)
    model_admin = admin.site._registry[Incident]
    request = type("R", (), {"user": world.user("central")})()
    assert not model_admin.has_change_permission(request, incident)
    assert not model_admin.has_delete_permission(request, incident)
    assert not model_admin.has_add_permission(request)
    r = admin_client.post(f"/admin/incidents/incident/{incident.pk}/change/", {"summary": "x"})
    assert r.status_code == 403
    r = admin_client.post(f"/admin/incidents/incident/{incident.pk}/delete/", {"post": "yes"})
    assert r.status_code == 403
    assert Incident.objects.filter(pk=incident.pk, summary="A pupil fell on the stairs.").exists()


def test_the_orm_refuses_update_and_delete(world):
    incident = file(world)
    amendment = services.amend(incident, actor=world.user("officer_a"), reason="r", changes={"injured": 2})
    for qs in (Incident.objects.filter(pk=incident.pk), Amendment.objects.filter(pk=amendment.pk)):
        with pytest.raises(AppendOnlyError):
            qs.update(summary="x") if qs.model is Incident else qs.update(reason="x")
        with pytest.raises(AppendOnlyError):
            qs.delete()
    incident.summary = "rewritten"
    with pytest.raises(AppendOnlyError):
        incident.save()
    with pytest.raises(AppendOnlyError):
        incident.delete()
    with pytest.raises(AppendOnlyError):
        Incident.objects.bulk_update([incident], ["summary"])
    assert Incident.objects.get(pk=incident.pk).summary == "A pupil fell on the stairs."


@pytest.mark.parametrize("table", ["incidents_incident", "incidents_amendment", "incidents_followup",
                                   "incidents_inforeport"])
def test_raw_sql_hits_the_trigger(world, table):
    incident = file(world)
    services.amend(incident, actor=world.user("officer_a"), reason="r", changes={"injured": 2})
    services.add_followup(incident, actor=world.user("officer_a"), summary="written")
    row = {"incidents_incident": incident.pk,
           "incidents_amendment": Amendment.objects.filter(incident=incident).first().pk,
           "incidents_followup": FollowUp.objects.filter(incident=incident).first().pk,
           "incidents_inforeport": InfoReport.objects.first().pk}[table]
    column = {"incidents_incident": "summary", "incidents_amendment": "reason", "incidents_followup": "summary",
              "incidents_inforeport": "summary"}[table]
    with pytest.raises(DB_ERRORS), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"UPDATE {table} SET {column} = 'tampered' WHERE id = %s", [row])
    with pytest.raises(DB_ERRORS), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {table} WHERE id = %s", [row])
    with pytest.raises(DB_ERRORS), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {table}")
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {column} FROM {table} WHERE id = %s", [row])
        assert cursor.fetchone()[0] != "tampered"


def test_the_incident_stays_after_a_refused_change(world):
    incident = file(world)
    with pytest.raises(DB_ERRORS), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE incidents_incident SET late = %s, filed_at = occurred_at WHERE id = %s",
                       [False, incident.pk])
    fresh = Incident.objects.get(pk=incident.pk)
    assert fresh.filed_at == incident.filed_at and fresh.summary == incident.summary
