"""SPAK/SPKP answers become the unit's own LKE hasil: held answers and paper sheets are decided
outside the unit, and the decisions are shown on the results; results say when they are not yet
representative."""

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import reverse

from integritas.audit.models import AuditRecord
from integritas.surveys import permissions, services
from integritas.surveys.models import Response
from integritas.surveys.tests.conftest import answers_for, make_wave

pytestmark = pytest.mark.django_db


@pytest.fixture
def spak(world):
    wave = make_wave(world, kind="spak", access_mode="link")
    wave.held = [
        services.response_submit_public(
            wave=wave, service=wave.services.get(), answers=answers_for(wave, 4), profile={},
            idempotency_key=f"h{i}", duration=2, ip=f"10.1.1.{i}",
        ).response
        for i in range(3)
    ]  # fmt: skip
    return wave


def paper_post(wave, sheet="77"):
    data = {f"q_{code}": "4" for code in wave.item_codes}
    data.update({"sheet_number": sheet, "service": str(wave.services.get().pk)})
    return data


def statuses(wave):
    return dict(Response.objects.filter(wave=wave).values_list("pk", "status"))


@pytest.mark.parametrize("username", ["head_a", "kerja_a", "tpi_in_a", "staff_a", "pimpinan"])
def test_the_unit_cannot_approve_its_own_held_spak_answers(world, client_for, spak, username):
    before = statuses(spak)
    audits = AuditRecord.objects.count()
    client = client_for(world.users[username])
    url = reverse("surveys:review_queue", args=[spak.pk])
    ids = [r.pk for r in spak.held]
    response = client.post(url, {"decision": "terima", "responses": ids, "note": "ok"})
    assert response.status_code == 404
    with pytest.raises(PermissionDenied):
        services.responses_review(
            wave=spak, response_ids=ids, accept=True, note="", by=world.users[username]
        )
    assert statuses(spak) == before and set(before.values()) == {"held"}
    assert AuditRecord.objects.count() == audits


@pytest.mark.parametrize("username", ["head_a", "kerja_a", "tpi_in_a"])
def test_the_unit_cannot_enter_paper_sheets_for_its_spak_wave(world, client_for, spak, username):
    count = Response.objects.count()
    client = client_for(world.users[username])
    url = reverse("surveys:paper_entry", args=[spak.pk])
    assert client.get(url).status_code == 404
    assert client.post(url, paper_post(spak)).status_code == 404
    with pytest.raises(PermissionDenied):
        services.response_enter_paper(
            wave=spak, service=spak.services.get(), answers=answers_for(spak, 4), profile={},
            sheet_number="78", by=world.users[username],
        )  # fmt: skip
    assert Response.objects.count() == count


USERS = ["admin", "pimpinan", "tpi", "tpi_in_a", "pendamping", "head_a", "kerja_a", "staff_a",
         "staff_b"]  # fmt: skip
DECIDE_A = {"admin", "tpi"}
WRITE_A = {"admin", "head_a", "kerja_a"}


@pytest.mark.parametrize("username", USERS)
def test_who_reaches_the_pages_of_an_lke_wave(world, client_for, spak, username):
    client = client_for(world.users[username])
    decide = 200 if username in DECIDE_A else 404
    see_queue = 200 if username in DECIDE_A | WRITE_A else 404
    run_kiosk = 200 if username in WRITE_A else 404
    assert client.get(reverse("surveys:paper_entry", args=[spak.pk])).status_code == decide
    assert client.get(reverse("surveys:policy_edit", args=[spak.pk])).status_code == decide
    assert client.get(reverse("surveys:review_queue", args=[spak.pk])).status_code == see_queue
    assert client.get(reverse("surveys:kiosk_unlock", args=[spak.pk])).status_code == run_kiosk


def test_the_unit_still_sees_its_queue_read_only(world, client_for, spak):
    page = client_for(world.head_a).get(reverse("surveys:review_queue", args=[spak.pk]))
    body = page.content.decode()
    assert page.status_code == 200
    assert "diputuskan oleh TPI atau administrator di luar unit" in body
    assert 'name="responses"' not in body and 'value="terima"' not in body
    assert 'id="select-all"' not in body
    detail = client_for(world.head_a).get(reverse("surveys:wave_detail", args=[spak.pk]))
    assert reverse("surveys:paper_entry", args=[spak.pk]) not in detail.content.decode()


def test_the_tpi_decides_and_the_results_show_who_when_and_how_many(world, client_for, spak):
    tpi = client_for(world.tpi)
    queue = reverse("surveys:review_queue", args=[spak.pk])
    page = tpi.get(queue).content.decode()
    assert f'value="{spak.held[0].pk}"' in page
    held = [r.pk for r in spak.held]
    tpi.post(queue, {"decision": "terima", "responses": held[:2], "note": "Dicek"})
    tpi.post(queue, {"decision": "tolak", "responses": held[2:], "note": "Ganda"})
    assert sorted(statuses(spak).values()) == ["accepted", "accepted", "rejected"]
    paper = tpi.post(reverse("surveys:paper_entry", args=[spak.pk]), paper_post(spak))
    assert paper.status_code == 302
    assert Response.objects.get(channel="paper").entered_by == world.tpi
    results = client_for(world.head_a).get(reverse("surveys:results", args=[spak.pk]))
    body = results.content.decode()
    reviews = body[body.index('id="oversight-reviews"') : body.index('id="oversight-paper"')]
    assert "tpi" in reviews and ">2</td>" in reviews and ">1</td>" in reviews
    sheets = body[body.index('id="oversight-paper"') :]
    assert "tpi" in sheets.split("</table>")[0] and ">1</td>" in sheets


def test_an_administrator_outside_the_unit_decides_too(world, spak):
    ids = [spak.held[0].pk]
    assert services.responses_review(
        wave=spak, response_ids=ids, accept=True, note="", by=world.admin
    ) == 1  # fmt: skip
    assert Response.objects.get(pk=ids[0]).reviewed_by == world.admin


def test_someone_working_in_a_sub_unit_is_not_outside(world):
    import random

    from integritas.accounts.models import Role, RoleAssignment, User
    from integritas.organization.models import Employee, Unit
    from integritas.organization.testing import make_nip

    puskesmas = Unit.objects.create(
        institution=world.institution, code="PKM1", name="Puskesmas Satu", type="puskesmas",
        parent=world.unit_a,
    )  # fmt: skip
    employee = Employee.objects.create(
        nip=make_nip(random.Random(3)), name="Tpi Puskesmas", unit=puskesmas, position="Staf"
    )
    user = User.objects.create_user(username="tpi_pkm", password="x-Pass-12345", employee=employee)
    RoleAssignment.objects.create(user=user, role=Role.TPI)
    wave_a = make_wave(world, kind="spkp", access_mode="link")
    assert not permissions.can_decide_responses(user, wave_a)
    assert permissions.can_decide_responses(world.tpi, wave_a)


def test_an_skm_wave_stays_the_units_own(world):
    wave = make_wave(world, kind="skm", access_mode="link")
    assert permissions.can_decide_responses(world.kerja_a, wave)
    assert not permissions.can_decide_responses(world.tpi, wave)


# --- representativeness -------------------------------------------------------------------------


def test_the_not_representative_banner_names_both_numbers_and_goes_at_target(world, client_for):
    wave = make_wave(world, kind="skm", access_mode="link", services_spec=(("KTP-el", 6),))
    target = wave.services.get().target_sample
    assert target == 6
    for i in range(target - 1):
        services.response_enter_paper(
            wave=wave, service=wave.services.get(), answers=answers_for(wave, 3), profile={},
            sheet_number=str(i), by=world.kerja_a,
        )  # fmt: skip
    staff = client_for(world.head_a).get(reverse("surveys:results", args=[wave.pk]))
    assert "belum representatif" in staff.content.decode()
    assert "Baru 5 responden dari target sampel 6 responden" in staff.content.decode()
    services.wave_close(wave=wave, by=world.kerja_a)
    public = Client().get(reverse("survey_public:results", args=[wave.token])).content.decode()
    assert 'id="not-representative"' in public
    assert "Baru 5 responden dari target sampel 6 responden" in public

    full = make_wave(world, kind="skm", access_mode="link", services_spec=(("KTP-el", 6),),
                     period_number=4)  # fmt: skip
    for i in range(6):
        services.response_enter_paper(
            wave=full, service=full.services.get(), answers=answers_for(full, 3), profile={},
            sheet_number=str(i), by=world.kerja_a,
        )  # fmt: skip
    staff = client_for(world.head_a).get(reverse("surveys:results", args=[full.pk]))
    assert 'id="not-representative"' not in staff.content.decode()
    services.wave_close(wave=full, by=world.kerja_a)
    public = Client().get(reverse("survey_public:results", args=[full.token])).content.decode()
    assert 'id="not-representative"' not in public and "belum representatif" not in public


def test_the_banner_reads_a_large_target_with_indonesian_digits(world, client_for):
    wave = make_wave(world, kind="skm", access_mode="link",
                     services_spec=(("KTP-el", 30000), ("Akta", 30000), ("KK", 30000)))  # fmt: skip
    target = sum(s.target_sample for s in wave.services.all())
    for i in range(6):
        services.response_enter_paper(
            wave=wave, service=wave.services.first(), answers=answers_for(wave, 3), profile={},
            sheet_number=str(i), by=world.kerja_a,
        )  # fmt: skip
    body = client_for(world.staff_a).get(reverse("surveys:results", args=[wave.pk]))
    text = body.content.decode()
    assert target > 999
    assert f"Baru 6 responden dari target sampel {target:,}".replace(",", ".") in text


def test_one_address_no_longer_adds_five_top_score_ballots_every_five_minutes(world):
    """The open-link attack: fresh browsers, one address, all answers at the top."""
    from datetime import UTC, datetime, timedelta

    wave = make_wave(world, kind="spkp", access_mode="link")
    start = datetime(2025, 8, 4, 9, 0, tzinfo=UTC)
    outcomes = []
    for i in range(15):
        outcomes.append(
            services.response_submit_public(
                wave=wave, service=wave.services.get(), answers=answers_for(wave, 4), profile={},
                idempotency_key=f"atk{i}", ip="192.0.2.66", browser_id=f"fresh-browser-{i:04d}",
                duration=60, now=start + timedelta(minutes=i),
            ).response.status
        )  # fmt: skip
    assert outcomes.count(Response.Status.ACCEPTED) == 2  # then held: same answers, same address
    held = Response.objects.filter(wave=wave, status=Response.Status.HELD).order_by("id").first()
    assert (
        "pola jawaban yang sama ke-3 dari alamat yang sama dalam 60 menit; batas: 3 kali"
        in (held.hold_explanations()[0])
    )


def test_the_waves_awaiting_an_outside_decision_are_listed_for_the_tpi(world, spak):
    from integritas.surveys.oversight import waves_awaiting_decision

    assert [w.pk for w in waves_awaiting_decision(world.tpi)] == [spak.pk]
    assert waves_awaiting_decision(world.tpi)[0].held_count == 3
    assert waves_awaiting_decision(world.tpi_in_a) == []
    assert waves_awaiting_decision(world.head_a) == []
    services.responses_review(
        wave=spak, response_ids=[r.pk for r in spak.held], accept=True, note="", by=world.tpi
    )
    assert waves_awaiting_decision(world.tpi) == []
