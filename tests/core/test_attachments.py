"""Attachments are read by whoever may read their record, under a random address, sandboxed."""

import io

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from safecampus.core.attachments import registered
from safecampus.core.files import store
from safecampus.incidents.models import Incident

pytestmark = pytest.mark.django_db

PDF_WITH_SCRIPT = (b"%PDF-1.4\n1 0 obj<</Type/Catalog/OpenAction<</S/JavaScript/JS(app.alert(1))>>>>endobj\n"
                   b"trailer<</Root 1 0 R>>\n%%EOF\n")


def _png() -> SimpleUploadedFile:
    buf = io.BytesIO()
    Image.new("RGB", (4, 4), "blue").save(buf, "PNG")
    return SimpleUploadedFile("injury.png", buf.getvalue())


def _incident_a(world) -> Incident:
    return Incident.objects.filter(org_unit__path__startswith=world.school_a.path).first()


def test_a_photo_follows_its_record_not_the_unit(world):
    incident = _incident_a(world)
    att = store(_png(), target=incident, actor=world.user("officer_a"), purpose="evidence")
    url = att.get_absolute_url()
    for who in ("guard_a", "teacher_a"):  # in the school, but may not read the incident
        assert world.web(who).get(incident.get_absolute_url()).status_code == 403
        assert world.web(who).get(url).status_code == 403
    assert world.web("officer_b").get(url).status_code == 404
    ok = world.web("officer_a").get(url)
    assert ok.status_code == 200 and ok["Content-Type"] == "image/png"
    assert ok["Content-Disposition"].startswith("inline;")
    assert "sandbox" in ok["Content-Security-Policy"] and ok["X-Content-Type-Options"] == "nosniff"


def test_the_address_is_random_not_the_row_number(world):
    att = store(_png(), target=_incident_a(world), actor=world.user("officer_a"))
    url = att.get_absolute_url()
    assert str(att.uid) in url and f"/{att.pk}/" not in url
    assert world.web("officer_a").get(f"/attachments/{att.pk}/").status_code == 404


def test_a_pdf_is_a_sandboxed_download(world):
    att = store(SimpleUploadedFile("report.pdf", PDF_WITH_SCRIPT), target=_incident_a(world),
                actor=world.user("officer_a"))
    response = world.web("officer_a").get(att.get_absolute_url())
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"


def test_a_signed_duty_proof_is_read_by_its_signer_and_compliance_viewers(world):
    from safecampus.compliance.models import Attestation

    item = Attestation.objects.filter(org_unit__path__startswith=world.school_a.path).first()
    if item is None:
        pytest.skip("the demo signs no duty at school A")
    att = store(_png(), target=item, actor=item.signed_by)
    assert world.web("officer_a").get(att.get_absolute_url()).status_code == 200
    assert world.web("officer_b").get(att.get_absolute_url()).status_code == 404


def test_a_file_of_an_unregistered_model_cannot_be_stored(world):
    with pytest.raises(ImproperlyConfigured):
        store(_png(), target=world.school_a, actor=None)


def test_every_app_that_keeps_files_registered_how_to_read_them():
    assert {"hazards.hazard", "incidents.incident", "inspections.inspection", "responsibility.meeting",
            "compliance.attestation", "org.staff"} <= set(registered())


def test_the_hazard_api_names_photos_by_their_random_address(world):
    from safecampus.hazards.models import Hazard

    hazard = Hazard.objects.filter(org_unit__path__startswith=world.school_a.path).first()
    att = store(_png(), target=hazard, actor=world.user("officer_a"))
    body = world.api("officer_a").get(f"/api/v1/hazards/{hazard.pk}").json()
    assert {"id": str(att.uid), "purpose": "", "url": att.get_absolute_url(), "mime_type": "image/png"} \
        in body["photos"]
