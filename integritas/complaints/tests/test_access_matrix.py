"""Every complaint page and action × the named world: allowed, denied (404, nothing changed)."""

import pytest
from django.urls import reverse

from integritas.audit.models import AuditRecord
from integritas.complaints import workflow
from integritas.complaints.formkeys import form_key
from integritas.complaints.models import Complaint, ComplaintOfficer, Kind, Message, Severity
from integritas.complaints.tests.factories import designate, file_public, pdf
from tests.access import Row, check, covered, ids

pytestmark = pytest.mark.django_db
EVERYONE = ["admin", "pimpinan", "tpi", "tpi_in_a", "pendamping", "head_a", "kerja_a", "staff_a",
            "staff_b", None]  # fmt: skip


@pytest.fixture
def cases(world):
    """A TPI case about unit A (in clarification), a unit case about B, a WBS report about A."""
    designate(world.unit_a)
    ComplaintOfficer.objects.create(unit=world.unit_b, user=world.staff_b)
    tpi_case, _c = file_public(world.unit_a, uploads=[pdf()])
    workflow.complaint_classify(
        complaint=tpi_case, kind=Kind.IMBALAN, severity=Severity.NORMATIF,
        route=Complaint.Route.TPI, whistleblowing=False, by=world.tpi,
    )  # fmt: skip
    workflow.complaint_identify(complaint=tpi_case, note="catatan internal TPI", by=world.tpi)
    workflow.complaint_clarification_request(
        complaint=tpi_case, body="Mohon jelaskan", by=world.tpi
    )
    unit_case, _c = file_public(world.unit_b, reporter_name="Maria Pelapor")
    wbs, _c = file_public(world.unit_a, whistleblowing=True)
    return {"tpi": tpi_case, "unit": unit_case, "wbs": wbs}


PAGES = {
    # name: (url builder, users allowed 200)
    "home-register": (lambda c: reverse("complaints:register"),
                      {"admin", "tpi", "tpi_in_a", "head_a", "staff_b"}),
    "record": (lambda c: reverse("complaints:record"), {"admin", "head_a", "staff_b"}),
    "import": (lambda c: reverse("complaints:lapor_import"), {"admin", "head_a", "staff_b"}),
    "template": (lambda c: reverse("complaints:lapor_template"), {"admin", "head_a", "staff_b"}),
    "settings": (lambda c: reverse("complaints:settings"), {"admin"}),
    "figures": (lambda c: reverse("complaints:figures"),
                {"admin", "pimpinan", "tpi", "tpi_in_a", "pendamping", "head_a", "kerja_a",
                 "staff_b"}),
    "tpi-case": (lambda c: reverse("complaints:case", args=[c["tpi"].pk]), {"admin", "tpi", "head_a"}),
    "unit-case": (lambda c: reverse("complaints:case", args=[c["unit"].pk]), {"admin", "staff_b"}),
    "wbs-case": (lambda c: reverse("complaints:case", args=[c["wbs"].pk]), {"admin", "tpi"}),
    "tpi-file": (lambda c: reverse("complaints:download", args=[c["tpi"].pk, c["tpi"].attachments.get().pk]),
                 {"admin", "tpi", "head_a"}),
}  # fmt: skip


@pytest.mark.parametrize("page", sorted(PAGES))
@pytest.mark.parametrize("who", EVERYONE)
def test_each_page_answers_only_those_allowed(world, cases, client_for, page, who):
    url_for, allowed = PAGES[page]
    client = client_for(world.users[who] if who else None)
    response = client.get(url_for(cases))
    if who is None:
        assert response.status_code == 302 and "/akun/" in response["Location"]
    elif who in allowed:
        assert response.status_code == 200
    else:
        assert response.status_code == 404


def test_pimpinan_get_counts_and_never_contents(world, cases, client_for):
    body = client_for(world.pimpinan).get(reverse("complaints:figures")).content.decode()
    assert world.unit_a.name in body
    assert "Petugas meminta uang" not in body and "Maria" not in body


def test_the_unit_does_not_see_the_identity_without_consent(world, cases, client_for):
    client_for(world.admin).post(
        reverse("complaints:classify", args=[cases["unit"].pk]),
        {"kind": Kind.KUALITAS, "severity": Severity.RINGAN, "route": "unit"},
    )
    body = (
        client_for(world.staff_b)
        .get(reverse("complaints:case", args=[cases["unit"].pk]))
        .content.decode()
    )
    assert "Maria Pelapor" not in body and "disembunyikan" in body
    assert (
        "Maria Pelapor"
        in client_for(world.admin)
        .get(reverse("complaints:case", args=[cases["unit"].pk]))
        .content.decode()
    )


def test_the_unit_does_not_read_the_tpis_internal_notes(world, cases, client_for):
    body = (
        client_for(world.head_a)
        .get(reverse("complaints:case", args=[cases["tpi"].pk]))
        .content.decode()
    )
    assert "Mohon jelaskan" in body and "catatan internal TPI" not in body


def test_every_reading_of_a_case_is_audited(world, cases, client_for):
    before = AuditRecord.objects.filter(action="complaint.view").count()
    client_for(world.tpi).get(reverse("complaints:case", args=[cases["tpi"].pk]))
    entry = AuditRecord.objects.filter(action="complaint.view").latest("id")
    assert AuditRecord.objects.filter(action="complaint.view").count() == before + 1
    assert entry.actor == world.tpi and entry.object_id == str(cases["tpi"].pk)


ACTIONS = {
    "classify": (lambda c: reverse("complaints:classify", args=[c["tpi"].pk]),
                 {"kind": Kind.PROSEDUR, "severity": Severity.BERKADAR, "route": "tpi"}),
    "monitor": (lambda c: reverse("complaints:step", args=[c["tpi"].pk, "monitor"]), {"body": "x"}),
    "message": (lambda c: reverse("complaints:message", args=[c["tpi"].pk]), {"body": "halo", "formulir": form_key()}),
    "close": (lambda c: reverse("complaints:close", args=[c["tpi"].pk]),
              {"outcome": "resolved", "body": "beres"}),
    "unit-answer": (lambda c: reverse("complaints:unit_answer", args=[c["tpi"].pk]),
                    {"body": "jawab", "formulir": form_key()}),
}  # fmt: skip


def _state(complaint):
    complaint.refresh_from_db()
    return (complaint.status, complaint.kind, complaint.severity, complaint.unit_answered_on,
            Message.objects.filter(complaint=complaint).count())  # fmt: skip


@pytest.mark.parametrize("action", sorted(ACTIONS))
@pytest.mark.parametrize(
    "who", ["pimpinan", "tpi_in_a", "pendamping", "kerja_a", "staff_a", "staff_b"]
)
def test_a_denied_action_answers_404_and_changes_nothing(world, cases, client_for, action, who):
    url_for, data = ACTIONS[action]
    before = _state(cases["tpi"])
    response = client_for(world.users[who]).post(url_for(cases), data)
    assert response.status_code == 404
    assert _state(cases["tpi"]) == before


def test_the_unit_head_answers_the_clarification_but_cannot_steer_the_case(
    world, cases, client_for
):
    client = client_for(world.head_a)
    response = client.post(
        reverse("complaints:unit_answer", args=[cases["tpi"].pk]),
        {"body": "Sudah", "formulir": form_key()},
    )
    assert response.status_code == 302
    before = _state(cases["tpi"])
    assert before[3] is not None
    refused = client.post(
        reverse("complaints:step", args=[cases["tpi"].pk, "monitor"]), {"body": "x"}
    )
    assert refused.status_code == 404 and _state(cases["tpi"]) == before


def _row_count(html: str, unit_id: int) -> str:
    import re

    match = re.search(rf'data-unit="{unit_id}"><td>[^<]*</td><td class="text-end">(\d+)', html)
    return match.group(1) if match else "0"


def test_a_whistleblowing_report_is_not_even_counted_for_its_unit(world, cases, client_for):
    unit_a = world.unit_a.pk
    head_view = client_for(world.head_a).get(reverse("complaints:figures")).content.decode()
    city_view = client_for(world.pimpinan).get(reverse("complaints:figures")).content.decode()
    assert _row_count(head_view, unit_a) == "1"  # the TPI case, not the report
    assert _row_count(city_view, unit_a) == "2"
    public = client_for(None).get(reverse("complaints_public:figures")).content.decode()
    assert '<td class="text-end">2</td>' not in public


def test_pimpinan_see_counts_per_category(world, cases, client_for):
    body = client_for(world.pimpinan).get(reverse("complaints:figures")).content.decode()
    assert "Menurut klasifikasi" in body and "permintaan imbalan/pungli" in body


@pytest.mark.parametrize("who", EVERYONE)
def test_only_the_units_writers_adopt_its_lke_figures(world, cases, client_for, who):
    url = reverse("complaints:lke_adopt", args=[world.unit_a.pk, 2026])
    response = client_for(world.users[who] if who else None).post(url)
    if who is None:
        assert response.status_code == 302 and "/akun/" in response["Location"]
    elif who in {"admin", "head_a", "kerja_a"}:
        assert response.status_code == 302 and "/pengaduan/kelola/angka/" in response["Location"]
    else:
        assert response.status_code == 404


# One row per URL over the `cases` world (officers of unit A and B designated).
ROWS = [
    Row("complaints:home", allowed="head_a", denied=None),
    Row("complaints:lapor_commit", allowed="head_a", denied="kerja_a", method="post"),
]
COVERED = covered(ROWS, __file__)


@pytest.mark.parametrize("row", ROWS, ids=ids(ROWS))
def test_each_view_admits_its_role_and_refuses_others_leaving_the_database_as_it_was(
    world, client_for, cases, unchanged, row
):
    check(row, world=world, client_for=client_for, objects=cases, unchanged=unchanged)
