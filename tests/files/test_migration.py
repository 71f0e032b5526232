"""Files stored before the store: their type is sniffed, user suffixes dropped, unknowns downloaded."""

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from integritas.common import files
from integritas.organization.models import Team

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n%%EOF\n"


def _legacy_team(world, name, body):
    stored = default_storage.save(name, ContentFile(body))
    return Team.objects.create(
        kind=Team.Kind.TPI, name="TPI", decree_number="800/9", decree_date="2025-01-02",
        period_start="2025-01-02", decree_file=stored,
    )  # fmt: skip


def test_a_legacy_file_gets_its_sniffed_type_and_loses_its_suffix(
    world, django_capture_on_commit_callbacks
):
    team = _legacy_team(world, "decrees/scan.html", PDF)
    old = team.decree_file.name
    with django_capture_on_commit_callbacks(execute=True):
        files.migrate_stored(
            Team, "decree_file", "decree_file_content_type", "organization/decrees"
        )
    team.refresh_from_db()
    assert team.decree_file_content_type == "application/pdf"
    assert (
        team.decree_file.name.startswith("organization/decrees/")
        and "." not in team.decree_file.name
    )
    assert default_storage.open(team.decree_file.name).read() == PDF
    assert not default_storage.exists(old)
    assert files.serve(team.decree_file)["Content-Type"] == "application/pdf"


def test_a_legacy_file_of_unknown_content_is_only_ever_downloaded(
    world, django_capture_on_commit_callbacks
):
    team = _legacy_team(world, "decrees/page.html", b"<html><script>alert(1)</script></html>")
    with django_capture_on_commit_callbacks(execute=True):
        files.migrate_stored(
            Team, "decree_file", "decree_file_content_type", "organization/decrees"
        )
    team.refresh_from_db()
    assert team.decree_file_content_type == ""
    response = files.serve(team.decree_file)
    assert response["Content-Type"] == files.OCTET_STREAM
    assert response["Content-Disposition"].startswith("attachment;")


def test_a_legacy_row_whose_file_is_gone_keeps_its_name_and_no_type(world):
    team = Team.objects.create(
        kind=Team.Kind.TPI, name="TPI", decree_number="800/9", decree_date="2025-01-02",
        period_start="2025-01-02", decree_file="decrees/hilang.pdf",
    )  # fmt: skip
    files.migrate_stored(Team, "decree_file", "decree_file_content_type", "organization/decrees")
    team.refresh_from_db()
    assert team.decree_file.name == "decrees/hilang.pdf" and team.decree_file_content_type == ""
