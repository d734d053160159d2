import pytest
from django.core import mail
from django.test import Client
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from safecampus.core.models import AuditEvent
from safecampus.core.notify import notify
from safecampus.core.testing.queries import exact_queries

pytestmark = pytest.mark.django_db
PASSWORD = "SafeCampus-demo-1"


def _login(client, username, password=PASSWORD, **extra):
    return client.post("/login/", {"username": username, "password": password, **extra})


def test_sign_in_and_out_are_in_the_audit_trail():
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    assert _login(client, "officer_a").status_code == 302
    assert client.get("/").status_code == 200
    client.post("/logout/")
    actions = list(AuditEvent.objects.filter(actor_name="officer_a").values_list("action", flat=True))
    assert actions[-2:] == ["security.login", "security.logout"]


def test_failed_sign_in_is_recorded_without_the_password():
    _login(Client(HTTP_ACCEPT_LANGUAGE="en"), "officer_a", "wrong-password-123")
    event = AuditEvent.objects.filter(action="security.login_failed").last()
    assert event.changes["username"] == "officer_a"
    assert "wrong-password-123" not in str(event.changes)


def test_lockout_after_repeated_failures(settings):
    client = Client(REMOTE_ADDR="10.9.9.9", HTTP_ACCEPT_LANGUAGE="en")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _login(client, "teacher_b", "bad-password-xyz")
    locked = _login(client, "teacher_b")
    assert locked.status_code == 429 and "try again in 15 minutes" in locked.content.decode()
    assert "_auth_user_id" not in client.session


def test_the_api_lockout_is_json_with_detail(settings):
    from rest_framework.test import APIClient

    client = APIClient(REMOTE_ADDR="10.9.9.8", HTTP_ACCEPT_LANGUAGE="en")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post("/api/v1/auth/token", {"username": "teacher_b", "password": "bad-password-xyz"}, format="json")
    locked = client.post("/api/v1/auth/token", {"username": "teacher_b", "password": PASSWORD}, format="json")
    assert locked.status_code == 429 and locked["Content-Type"] == "application/json"
    assert "try again" in locked.json()["detail"] and int(locked["Retry-After"]) > 0


def test_totp_is_required_once_a_device_is_confirmed(world):
    device = TOTPDevice.objects.create(user=world.user("central"), name="phone", confirmed=True)
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    without = _login(client, "central")
    assert without.status_code == 200 and "one-time code" in without.content.decode()
    code = f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift):06d}"
    assert _login(client, "central", otp_token=code).status_code == 302


def test_notification_goes_to_inbox_and_email(world, django_capture_on_commit_callbacks):
    before = world.user("officer_a").notifications.count()
    with django_capture_on_commit_callbacks(execute=True):
        notify([world.user("officer_a")], kind="hazard.overdue", title="Hazard overdue", url="/")
    assert world.user("officer_a").notifications.count() == before + 1
    assert mail.outbox[-1].to == ["officer_a@demo.safecampus.local"]


def test_notification_with_the_same_key_is_sent_once(world):
    for _ in range(2):
        notify([world.user("officer_a")], kind="x", title="Once", dedupe_key="rule:1:2026-11")
    assert world.user("officer_a").notifications.filter(title="Once").count() == 1


def test_unit_switcher_changes_the_active_unit(world):
    client = world.web("teacher_a")
    client.post("/unit/switch/", {"unit": world.class_a.pk, "next": "/"})
    assert client.session["active_unit"] == world.class_a.pk
    client.post("/unit/switch/", {"unit": world.school_b.pk, "next": "/"})
    assert client.session["active_unit"] == world.class_a.pk  # a unit without a role is ignored


def _queries(client, url) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize(("url", "budget"), [("/org/students/", 6), ("/org/staff/", 7), ("/org/units/", 6)])
def test_list_pages_have_a_fixed_query_count(world, url, budget):
    from safecampus.org import services

    client = world.web("central")
    client.get(url)
    with exact_queries(budget):
        client.get(url)
    for i in range(5):
        student = services.create_student(actor=None, org_unit=world.class_a, name=f"新生{i}")
        services.create_staff(actor=None, org_unit=world.school_a, name=f"新教师{i}", posts=["subject_teacher"])
        services.create_unit(actor=None, kind="class", name=f"Class 9-{i}", org_unit=student.org_unit.parent)
    client.get(url)  # the new classes are read into the unit filter once
    assert _queries(client, url) == budget


def test_api_list_query_count_is_pinned(world):
    api = world.api("central")
    api.get("/api/v1/students?page_size=50")
    # session/token lookup, grants, count, page
    with exact_queries(4):
        assert api.get("/api/v1/students?page_size=50").status_code == 200


def test_two_step_enrolment_for_a_central_account(world):
    client = world.web("central")
    page = client.get("/account/two-step/")
    assert page.status_code == 200 and b"data:image/svg+xml;base64," in page.content
    device = TOTPDevice.objects.get(user=world.user("central"), confirmed=False)
    assert client.post("/account/two-step/", {"code": "000000"}).status_code == 400
    device.refresh_from_db()
    device.throttle_reset()  # a wrong code makes the next try wait; the test does not
    code = f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift):06d}"
    assert client.post("/account/two-step/", {"code": code}).status_code == 302
    assert TOTPDevice.objects.filter(user=world.user("central"), confirmed=True).exists()
    assert AuditEvent.objects.filter(action="security.two_step_enabled", actor_name="central").exists()


def test_two_step_page_is_for_district_accounts_only(world):
    assert world.web("teacher_a").get("/account/two-step/").status_code == 403
    assert world.web(None).get("/account/two-step/").status_code == 302
