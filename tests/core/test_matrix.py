from safecampus.core import audit
from safecampus.core.testing.matrix import Case, matrix_test


def _event_a(world):
    event = audit.record("test.touched", obj=world.school_a, org_unit=world.school_a)
    return {"kwargs": {"object_type": event.object_type, "object_id": event.object_id}}


def _png():
    from io import BytesIO

    from PIL import Image

    buf = BytesIO()
    Image.new("RGB", (4, 4), "red").save(buf, "PNG")
    buf.seek(0)
    buf.name = "x.png"
    return buf


def _attachment_a(world):
    from safecampus.core.files import store

    att = store(_png(), target=world.user("officer_a").staff, actor=world.user("officer_a"))
    return {"kwargs": {"uid": att.uid}}


def _incident_photo_a(world):
    from safecampus.core.files import store
    from safecampus.incidents.models import Incident

    incident = Incident.objects.filter(org_unit__path__startswith=world.school_a.path).first()
    att = store(_png(), target=incident, actor=world.user("officer_a"), purpose="evidence")
    return {"kwargs": {"uid": att.uid}}


def _token_of_officer_a(world):
    from datetime import timedelta

    from django.utils import timezone

    from safecampus.core.tokens import create_integration_token

    token, _key = create_integration_token(actor=world.user("officer_a"), name="matrix", scope="read",
                                           expires_on=timezone.localdate() + timedelta(days=5))
    return {"kwargs": {"pk": token.pk}}


CASES = [
    # A person's own tokens: everyone has the page; another person's token does not exist for them.
    Case("account-tokens", allowed=("officer_a", "guard_a", "authority")),
    Case("account-token-revoke", method="post", setup=_token_of_officer_a, allowed=("officer_a",),
         hidden=("officer_b", "central")),
    Case("history", setup=_event_a, allowed=("officer_a", "central"), hidden=("officer_b", "teacher_a")),
    # An attachment is read by whoever may read its record (a staff record: org.view_people).
    Case("attachment", setup=_attachment_a, allowed=("officer_a", "central", "authority"),
         forbidden=("teacher_a", "guard_a"), hidden=("officer_b", "officer_c"), id="staff file"),
    Case("attachment", setup=_incident_photo_a, allowed=("officer_a", "principal_a", "central"),
         forbidden=("teacher_a", "guard_a"), hidden=("officer_b",), id="incident photo"),
    Case("audit-event-list", allowed=("officer_a", "teacher_a", "central")),
    Case("audit-event-detail", setup=lambda w: {"kwargs": {"pk": audit.record(
        "test.touched", obj=w.school_b, org_unit=w.school_b).seq}},
        allowed=("officer_b", "central"), hidden=("officer_a",)),
    Case("notification-list", allowed=("officer_a", "guard_a")),
    Case("notification-detail", setup=lambda w: {"kwargs": {"pk": __import__(
        "safecampus.core.notify", fromlist=["notify"]).notify(
        [w.user("officer_a")], kind="test", title="t")[0].pk}}, allowed=("officer_a",), hidden=("officer_b",)),
    Case("notification-read", method="post", setup=lambda w: {"kwargs": {"pk": __import__(
        "safecampus.core.notify", fromlist=["notify"]).notify(
        [w.user("officer_a")], kind="test", title="t")[0].pk}}, allowed=("officer_a",), hidden=("officer_b",)),
]

test_matrix = matrix_test(CASES)
