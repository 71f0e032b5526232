"""Who may open and change the organization pages: one row per URL over the named world."""

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from integritas.common import files
from integritas.organization.models import Team, TeamMember
from tests.access import Row, check, covered, ids

pytestmark = pytest.mark.django_db

PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00\x90wS"
    b"\xde\x00\x00\x00\x0cIDATx\x9cc\xf8\xcf\xc0\x00\x00\x03\x01\x01\x00\xc9\xfe\x92\xef\x00\x00\x00"
    b"\x00IEND\xaeB`\x82"
)
PDF = b"%PDF-1.4\n%%EOF\n"


@pytest.fixture
def objects(world):
    """Unit A with a logo, its Tim Kerja with a decree file and one member."""
    unit = world.unit_a
    files.store(unit.logo, SimpleUploadedFile("logo.png", PNG))
    unit.save()
    team = Team(kind=Team.Kind.TIM_KERJA, unit=unit, name="Tim Kerja ZI Dukcapil",
                decree_number="800/ZI/1", decree_date=date(2025, 1, 10), period_start=date(2025, 1, 10))  # fmt: skip
    files.store(team.decree_file, SimpleUploadedFile("sk.pdf", PDF))
    team.save()
    member = TeamMember.objects.create(team=team, employee=world.kerja_a.employee)
    return {
        "a": unit.pk,
        "team": team.pk,
        "member": member.pk,
        "employee": world.staff_a.employee.pk,
    }


# One row per URL: the registry is the administrator's (even a unit head is refused); unit A's
# own team is its head's; another unit's employee reads neither.
ROWS = [
    Row("organization:unit_list", allowed="staff_b", denied=None),
    Row("organization:unit_create", allowed="admin", denied="head_a"),
    Row("organization:unit_create", allowed="admin", denied="head_a", method="post",
        data=lambda o: {"code": "BARU", "name": "Unit Baru", "type": "dinas"}, label="post"),
    Row("organization:unit_logo", lambda o: [o["a"]], "staff_a"),
    Row("organization:institution_edit", allowed="admin", denied="head_a"),
    Row("organization:institution_edit", allowed="admin", denied="head_a", method="post",
        data=lambda o: {"name": "Diubah", "short_name": "Diubah"}, label="post"),
    Row("organization:employee_create", allowed="admin", denied="head_a"),
    Row("organization:employee_detail", lambda o: [o["employee"]], "staff_a"),
    Row("organization:employee_edit", lambda o: [o["employee"]], "admin", "head_a"),
    Row("organization:employee_edit", lambda o: [o["employee"]], "admin", "head_a", method="post",
        data=lambda o: {"name": "Diubah"}, label="post"),
    Row("organization:employee_move", lambda o: [o["employee"]], "admin", "head_a"),
    Row("organization:employee_move", lambda o: [o["employee"]], "admin", "head_a", method="post",
        data=lambda o: {"unit": o["a"], "moved_on": "2026-06-01"}, label="post"),
    Row("organization:import_commit", allowed="admin", denied="head_a", method="post"),
    Row("organization:import_template", lambda o: ["units"], "admin", "head_a"),
    Row("organization:team_list", allowed="staff_a", denied=None),
    Row("organization:team_detail", lambda o: [o["team"]], "staff_a"),
    Row("organization:team_edit", lambda o: [o["team"]], "head_a"),
    Row("organization:team_edit", lambda o: [o["team"]], "head_a", "kerja_a", method="post",
        data=lambda o: {"name": "Diubah"}, label="only-the-head"),
    Row("organization:team_decree", lambda o: [o["team"]], "staff_a"),
    Row("organization:team_member_add", lambda o: [o["team"]], "head_a", method="post",
        data=lambda o: {"employee": o["employee"], "role": "anggota"}),
    Row("organization:team_member_remove", lambda o: [o["team"], o["member"]], "head_a",
        method="post"),
]  # fmt: skip
COVERED = covered(ROWS, __file__)


@pytest.mark.parametrize("row", ROWS, ids=ids(ROWS))
def test_each_view_admits_its_role_and_refuses_others_leaving_the_database_as_it_was(
    world, client_for, objects, unchanged, row
):
    check(row, world=world, client_for=client_for, objects=objects, unchanged=unchanged)
