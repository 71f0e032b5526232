"""The reported attack end to end: a unit uploads a PDF/GIF polyglot named .html, the admin opens it."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from integritas.commitment.models import IntegrityPact
from integritas.organization.models import Team

from .test_upload_points import GIF_POLYGLOT, MARKUP, PDF_POLYGLOT, assert_guarded

pytestmark = pytest.mark.django_db


def _post_team(client, world, upload):
    return client.post(
        reverse("organization:team_create") + f"?unit={world.unit_a.pk}",
        {"kind": "work_team", "unit": world.unit_a.pk, "name": "Tim Kerja ZI",
         "decree_number": "800/1/2025", "decree_date": "2025-01-06", "period_start": "2025-01-06",
         "selection_method": "", "is_active": "on", "decree_file": upload},
    )  # fmt: skip


@pytest.mark.parametrize("attack", [PDF_POLYGLOT, GIF_POLYGLOT], ids=["pdf", "gif"])
def test_a_team_decree_polyglot_reaches_the_admin_only_as_its_content(world, client_for, attack):
    name, body, content_type = attack
    response = _post_team(
        client_for(world.head_a), world, SimpleUploadedFile(name, body, "text/html")
    )
    assert response.status_code == 302
    team = Team.objects.get()
    assert not team.decree_file.name.endswith(".html")
    assert team.decree_file_content_type == content_type
    download = client_for(world.admin).get(reverse("organization:team_decree", args=[team.pk]))
    assert download.status_code == 200
    assert_guarded(download, content_type, inline=True, suffix=content_type.split("/")[1])


def test_an_html_team_decree_is_refused_with_a_message_and_nothing_saved(world, client_for):
    name, body = MARKUP["html"]
    response = _post_team(
        client_for(world.head_a), world, SimpleUploadedFile(name, body, "application/pdf")
    )
    assert response.status_code == 200
    assert "Jenis berkas tidak diterima" in response.content.decode()
    assert not Team.objects.exists()


def test_a_pact_scan_polyglot_is_stored_as_a_pdf(world, client_for):
    name, body, content_type = PDF_POLYGLOT
    response = client_for(world.head_a).post(
        reverse("commitment:pact_create", args=[world.unit_a.pk]),
        {"employee": world.staff_a.employee.pk, "signed_on": "2025-02-03", "occasion": "mass_signing",
         "occasion_note": "", "document": SimpleUploadedFile(name, body, "text/html")},
    )  # fmt: skip
    assert response.status_code == 302
    pact = IntegrityPact.objects.get()
    assert pact.document_content_type == content_type and "." not in pact.document.name[-6:]
    download = client_for(world.admin).get(reverse("commitment:pact_document", args=[pact.pk]))
    assert_guarded(download, content_type, inline=True, suffix="pdf")
    assert 'filename="scan.pdf"' in download["Content-Disposition"]


def test_an_svg_unit_logo_is_refused_on_the_unit_form(world, client_for):
    name, body = MARKUP["svg"]
    unit = world.unit_a
    response = client_for(world.admin).post(
        reverse("organization:unit_edit", args=[unit.pk]),
        {"name": unit.name, "code": unit.code, "type": unit.type, "address": "", "phone": "",
         "email": "", "website": "", "is_active": "on", "logo": SimpleUploadedFile(name, body)},
    )  # fmt: skip
    assert response.status_code == 200
    unit.refresh_from_db()
    assert not unit.logo
