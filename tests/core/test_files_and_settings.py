import io
import os
import subprocess
import sys

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from safecampus.core.errors import InvalidInput
from safecampus.core.files import store
from safecampus.core.models import Attachment

pytestmark = pytest.mark.django_db


def _jpeg_with_gps() -> bytes:
    img = Image.new("RGB", (32, 32), "green")
    exif = Image.Exif()
    exif[0x8825] = {1: "N", 2: (31.0, 12.0, 0.0)}  # GPSInfo
    exif[0x010F] = "PhoneMaker"
    buf = io.BytesIO()
    img.save(buf, "JPEG", exif=exif)
    return buf.getvalue()


def test_exif_and_location_are_stripped(world):
    data = _jpeg_with_gps()
    assert Image.open(io.BytesIO(data)).getexif()
    staff = world.user("officer_a").staff
    att = store(SimpleUploadedFile("gate.jpg", data), target=staff, actor=world.user("officer_a"))
    with att.file.open("rb") as fh:
        stored = fh.read()
    assert not Image.open(io.BytesIO(stored)).getexif()
    assert att.mime_type == "image/jpeg" and len(att.sha256) == 64 and att.org_unit == staff.org_unit


def test_content_is_sniffed_not_the_name(world):
    staff = world.user("officer_a").staff
    with pytest.raises(InvalidInput) as exc:
        store(SimpleUploadedFile("photo.jpg", b"#!/bin/sh\necho pwned\n"), target=staff, actor=None)
    assert "file" in exc.value.fields
    assert not Attachment.objects.filter(original_name="photo.jpg").exists()


def test_size_is_capped(world, settings):
    settings.ATTACHMENT_MAX_BYTES = 1000
    staff = world.user("officer_a").staff
    with pytest.raises(InvalidInput):
        store(SimpleUploadedFile("big.jpg", _jpeg_with_gps() + b"0" * 2000), target=staff, actor=None)


def test_corrupt_image_is_refused(world):
    staff = world.user("officer_a").staff
    with pytest.raises(InvalidInput):
        store(SimpleUploadedFile("x.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 50), target=staff, actor=None)


def _django(args: list[str], **env) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("SAFECAMPUS_")}
    return subprocess.run([sys.executable, "-m", "safecampus.manage", *args], env={**clean, **env},
                          capture_output=True, text=True, timeout=120)


def test_production_refuses_to_start_without_keys(tmp_path):
    result = _django(["check"], SAFECAMPUS_DATA_DIR=str(tmp_path))
    assert result.returncode != 0
    assert "SAFECAMPUS_SECRET_KEY and SAFECAMPUS_FIELD_KEY must be set" in result.stderr


def test_a_command_without_keys_says_why_without_a_traceback(tmp_path):
    result = _django(["audit", "verify"], SAFECAMPUS_DATA_DIR=str(tmp_path))
    assert result.returncode == 2 and "Traceback" not in result.stderr and "KeyError" not in result.stderr
    assert "must be set" in result.stderr and "SAFECAMPUS_DEBUG=true" in result.stderr


def test_production_refuses_to_start_without_an_audit_key(tmp_path):
    keys = {"SAFECAMPUS_SECRET_KEY": GOOD_SECRET, "SAFECAMPUS_FIELD_KEY": GOOD_FIELD_KEY}
    result = _django(["check"], SAFECAMPUS_DATA_DIR=str(tmp_path), **keys)
    assert result.returncode != 0
    assert "SAFECAMPUS_AUDIT_KEY must be set" in result.stderr
    result = _django(["check"], SAFECAMPUS_DATA_DIR=str(tmp_path), **keys,
                     SAFECAMPUS_AUDIT_KEY="dev-only-audit-key-never-use-in-production")
    assert "SAFECAMPUS_AUDIT_KEY must be set" in result.stderr


def test_production_settings_pass_check_deploy(tmp_path):
    result = _django(["check", "--deploy", "--fail-level", "WARNING"], SAFECAMPUS_DATA_DIR=str(tmp_path),
                     SAFECAMPUS_SECRET_KEY="x" * 20 + "Q7!kz#Lm9@pR2$vT5^wY8&bN1*cF4(hJ6",
                     SAFECAMPUS_FIELD_KEY=GOOD_FIELD_KEY, SAFECAMPUS_ALLOWED_HOSTS="safe.example.org",
                     SAFECAMPUS_AUDIT_KEY="audit-key-for-the-check")
    assert result.returncode == 0, result.stdout + result.stderr


GOOD_SECRET = "x" * 20 + "Q7!kz#Lm9@pR2$vT5^wY8&bN1*cF4(hJ6"
GOOD_FIELD_KEY = "Jc8uR1-qv3ZtX9mW2pLk7sYb5Nh0fDg4"
DEV_FIELD_KEY = "dev-only-field-key-never-use-in-production"


@pytest.mark.parametrize(("secret", "field", "why"), [
    (GOOD_SECRET, "x", "SAFECAMPUS_FIELD_KEY must be at least 32 characters"),
    (GOOD_SECRET, GOOD_SECRET, "SAFECAMPUS_FIELD_KEY must differ from SAFECAMPUS_SECRET_KEY"),
    (GOOD_SECRET, DEV_FIELD_KEY, "SAFECAMPUS_FIELD_KEY is the published development key"),
    ("dev-only-insecure-secret-key-change-me-0123456789abcdef", GOOD_FIELD_KEY,
     "SAFECAMPUS_SECRET_KEY is the published development key"),
    ("short", GOOD_FIELD_KEY, "SAFECAMPUS_SECRET_KEY must be at least 50 characters"),
])
def test_production_refuses_weak_keys_at_start_up(tmp_path, secret, field, why):
    result = _django(["check"], SAFECAMPUS_DATA_DIR=str(tmp_path), SAFECAMPUS_SECRET_KEY=secret,
                     SAFECAMPUS_FIELD_KEY=field, SAFECAMPUS_ALLOWED_HOSTS="safe.example.org")
    assert result.returncode != 0 and why in result.stderr, result.stderr[-600:]


def test_check_deploy_says_why_a_key_is_weak(tmp_path):
    result = _django(["check", "--deploy"], SAFECAMPUS_DATA_DIR=str(tmp_path), SAFECAMPUS_DEBUG="true",
                     SAFECAMPUS_SECRET_KEY=GOOD_SECRET, SAFECAMPUS_FIELD_KEY=GOOD_SECRET)
    assert result.returncode != 0
    assert "safecampus.E005" in result.stderr and "must differ from SAFECAMPUS_SECRET_KEY" in result.stderr
    dev = _django(["check", "--deploy"], SAFECAMPUS_DATA_DIR=str(tmp_path), SAFECAMPUS_DEBUG="true")
    assert "safecampus.E001" in dev.stderr and "safecampus.E003" in dev.stderr
