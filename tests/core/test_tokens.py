"""Tokens: the one-time code at the API door, expiry, scopes, the account page (finding 1)."""

from datetime import datetime, timedelta

import pytest
from django.utils import timezone
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice
from rest_framework.test import APIClient

from safecampus.core import tokens
from safecampus.core.models import ApiToken, AuditEvent

pytestmark = pytest.mark.django_db
PASSWORD = "SafeCampus-demo-1"


def _device(user) -> TOTPDevice:
    return TOTPDevice.objects.create(user=user, name="authenticator", confirmed=True)


def _code(device: TOTPDevice) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = timezone.now().timestamp()
    return f"{totp.token():06d}"


def _sign_in(**body):
    return APIClient().post("/api/v1/auth/token", body, format="json")


def test_a_user_with_a_device_needs_the_code(world, settings):
    settings.OTP_TOTP_THROTTLE_FACTOR = 0  # a wrong code makes the next try wait, by design
    device = _device(world.user("central"))
    without = _sign_in(username="central", password=PASSWORD)
    assert without.status_code == 401 and "otp" in without.json()["fields"] and "token" not in without.json()
    wrong = _sign_in(username="central", password=PASSWORD, otp="000000" if _code(device) != "000000" else "111111")
    assert wrong.status_code == 401 and "otp" in wrong.json()["fields"]
    ok = _sign_in(username="central", password=PASSWORD, otp=_code(device))
    assert ok.status_code == 200 and set(ok.json()) == {"token", "expires_at"}


def test_a_wrong_password_with_a_code_is_still_401_without_naming_otp(world):
    device = _device(world.user("central"))
    bad = _sign_in(username="central", password="nope", otp=_code(device))
    assert bad.status_code == 401 and "fields" not in bad.json()


def test_sign_in_tokens_expire_after_the_configured_hours(world, settings):
    settings.API_TOKEN_HOURS = 3
    body = _sign_in(username="officer_a", password=PASSWORD).json()
    token = ApiToken.objects.get(prefix=body["token"][:8])
    assert abs((token.expires_at - timezone.now()) - timedelta(hours=3)) < timedelta(minutes=1)
    # The moment itself (an instant in UTC), not a day: three hours on can be tomorrow in Shanghai.
    assert datetime.fromisoformat(body["expires_at"].replace("Z", "+00:00")) == token.expires_at
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {body['token']}")
    assert client.get("/api/v1/me").status_code == 200
    ApiToken.objects.filter(pk=token.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    assert client.get("/api/v1/me").status_code == 401


def test_every_use_records_when_and_from_where(world):
    key = _sign_in(username="officer_a", password=PASSWORD).json()["token"]
    client = APIClient(REMOTE_ADDR="10.1.2.3")
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {key}")
    client.get("/api/v1/me")
    token = ApiToken.objects.get(prefix=key[:8])
    assert token.last_used_ip == "10.1.2.3" and token.last_used_at is not None


def test_a_read_only_integration_token_reads_but_may_not_write(world):
    user = world.user("officer_a")
    token, key = tokens.create_integration_token(actor=user, name="county report", scope="read",
                                                 expires_on=timezone.localdate() + timedelta(days=30))
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {key}")
    assert client.get("/api/v1/hazards").status_code == 200
    refused = client.post("/api/v1/hazards", {"org_unit": world.school_a.pk, "title": "x"}, format="json")
    assert refused.status_code == 403 and "detail" in refused.json()
    assert client.post("/api/v1/auth/revoke").status_code == 204
    assert client.get("/api/v1/me").status_code == 401


def test_integration_token_inputs_are_checked(world):
    from safecampus.core.errors import InvalidInput

    user = world.user("officer_a")
    for bad in ({"name": "", "scope": "read", "expires_on": timezone.localdate() + timedelta(days=3)},
                {"name": "x", "scope": "admin", "expires_on": timezone.localdate() + timedelta(days=3)},
                {"name": "x", "scope": "read", "expires_on": timezone.localdate()},
                {"name": "x", "scope": "read", "expires_on": timezone.localdate() + timedelta(days=5000)}):
        with pytest.raises(InvalidInput):
            tokens.create_integration_token(actor=user, **bad)


def test_the_account_page_lists_makes_and_revokes_tokens(world):
    web = world.web("officer_a")
    key = _sign_in(username="officer_a", password=PASSWORD).json()["token"]
    page = web.get("/account/tokens/")
    assert page.status_code == 200 and key[:8] in page.content.decode()
    made = web.post("/account/tokens/", {"name": "door camera", "scope": "read_write",
                                         "expires_on": (timezone.localdate() + timedelta(days=60)).isoformat()})
    assert made.status_code == 201 and made["Cache-Control"] == "no-store"
    created = ApiToken.objects.get(user=world.user("officer_a"), name="door camera")
    assert created.kind == "integration" and created.scope == "read_write"
    assert made.context["key"] in made.content.decode()
    assert web.post(f"/account/tokens/{created.pk}/revoke/").status_code == 302
    created.refresh_from_db()
    assert created.revoked_at is not None
    assert AuditEvent.objects.filter(action="security.token_revoked", actor=world.user("officer_a")).exists()
    bad = web.post("/account/tokens/", {"name": "", "scope": "read", "expires_on": "2020-01-01"})
    assert bad.status_code == 400 and "name" in bad.context["form"].errors


def test_no_one_revokes_another_persons_token(world):
    token, _key = tokens.create_integration_token(actor=world.user("officer_b"), name="b", scope="read",
                                                  expires_on=timezone.localdate() + timedelta(days=3))
    assert world.web("officer_a").post(f"/account/tokens/{token.pk}/revoke/").status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None
