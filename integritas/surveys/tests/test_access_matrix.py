"""Who may see and change which survey pages: roles × unit A's wave → 200, 404 (or login)."""

import pytest
from django.test import Client
from django.urls import reverse

from integritas.surveys import kiosk, services
from integritas.surveys.models import FollowUp
from integritas.surveys.tests.conftest import answers_for, make_wave
from tests.access import Row, check, covered, ids

pytestmark = pytest.mark.django_db

USERS = [
    "admin",
    "pimpinan",
    "tpi",
    "tpi_in_a",
    "pendamping",
    "head_a",
    "kerja_a",
    "staff_a",
    "staff_b",
]
READ_A = {"admin", "pimpinan", "tpi", "tpi_in_a", "pendamping", "head_a", "kerja_a", "staff_a"}
WRITE_A = {"admin", "head_a", "kerja_a"}


@pytest.fixture
def wave_a(world):
    wave = make_wave(world, kind="skm", access_mode="code")
    batch = services.codes_issue(
        wave=wave, service=wave.services.get(), count=2, validity_days=3, by=world.kerja_a
    )
    services.response_enter_paper(
        wave=wave, service=wave.services.get(), answers=answers_for(wave, 3), profile={},
        sheet_number="1", by=world.kerja_a,
    )  # fmt: skip
    wave.batch = batch
    return wave


def read_urls(wave):
    service = wave.services.get()
    return [
        reverse("surveys:wave_detail", args=[wave.pk]),
        reverse("surveys:results", args=[wave.pk]),
        reverse("surveys:export", args=[wave.pk, "jawaban", "csv"]),
        reverse("surveys:export", args=[wave.pk, "jawaban", "xlsx"]),
        reverse("surveys:export", args=[wave.pk, "hasil", "csv"]),
        reverse("surveys:export", args=[wave.pk, "hasil", "xlsx"]),
        reverse("documents:survey_skm_report", args=[wave.pk, "pdf"]),
        reverse("documents:survey_skm_report", args=[wave.pk, "docx"]),
        reverse("documents:survey_poster", args=[wave.pk, service.pk]),
    ]


def write_urls(wave):
    return [
        reverse("surveys:wave_edit", args=[wave.pk]),
        reverse("surveys:wave_close", args=[wave.pk]),
        reverse("surveys:codes_issue", args=[wave.pk]),
        reverse("surveys:code_batch", args=[wave.pk, wave.batch.pk]),
        reverse("documents:survey_code_slips", args=[wave.pk, wave.batch.pk]),
        reverse("surveys:paper_entry", args=[wave.pk]),
        reverse("surveys:review_queue", args=[wave.pk]),
        reverse("surveys:follow_up_create", args=[wave.pk]),
        reverse("surveys:service_edit", args=[wave.pk, wave.services.get().pk]),
        reverse("surveys:kiosk_unlock", args=[wave.pk]),
        reverse("surveys:policy_edit", args=[wave.pk]),
    ]


@pytest.mark.parametrize("username", USERS)
def test_reading_unit_as_survey_pages_follows_the_matrix(world, client_for, wave_a, username):
    client = client_for(world.users[username])
    expected = 200 if username in READ_A else 404
    for url in read_urls(wave_a):
        assert client.get(url).status_code == expected, url


@pytest.mark.parametrize("username", USERS)
def test_writing_unit_as_survey_pages_follows_the_matrix(world, client_for, wave_a, username):
    client = client_for(world.users[username])
    expected = 200 if username in WRITE_A else 404
    for url in write_urls(wave_a):
        assert client.get(url).status_code == expected, url


@pytest.mark.parametrize("username", [u for u in USERS if u not in WRITE_A])
def test_readers_cannot_post_any_survey_change(world, client_for, wave_a, username):
    client = client_for(world.users[username])
    posts = [
        (reverse("surveys:wave_close", args=[wave_a.pk]), {}),
        (
            reverse("surveys:codes_issue", args=[wave_a.pk]),
            {"service": wave_a.services.get().pk, "count": 3},
        ),
        (
            reverse("surveys:review_queue", args=[wave_a.pk]),
            {"decision": "terima", "responses": [1]},
        ),
        (reverse("surveys:service_create", args=[wave_a.pk]), {"name": "X", "population": 5}),
    ]
    for url, data in posts:
        assert client.post(url, data).status_code == 404, url
    wave_a.refresh_from_db()
    assert wave_a.status == "open" and wave_a.code_batches.count() == 1


def test_the_wave_list_shows_only_readable_units(world, client_for, wave_a):
    wave_b = make_wave(world, unit=world.unit_b, kind="spak", access_mode="link")
    body_b = client_for(world.staff_b).get(reverse("surveys:wave_list")).content.decode()
    assert wave_b.get_absolute_url() in body_b and wave_a.get_absolute_url() not in body_b
    body_city = client_for(world.pimpinan).get(reverse("surveys:wave_list")).content.decode()
    assert wave_a.get_absolute_url() in body_city and wave_b.get_absolute_url() in body_city


def test_only_writers_may_create_a_wave(world, client_for):
    for username in USERS:
        status = client_for(world.users[username]).get(reverse("surveys:wave_create")).status_code
        assert status == (200 if username in WRITE_A else 404), username


def test_a_missing_wave_and_a_forbidden_wave_look_the_same(world, client_for, wave_a):
    client = client_for(world.staff_b)
    assert client.get(reverse("surveys:wave_detail", args=[wave_a.pk])).status_code == 404
    assert client.get(reverse("surveys:wave_detail", args=[999999])).status_code == 404


def test_the_public_sees_only_the_form(world, wave_a):
    anonymous = Client()
    for url in [*read_urls(wave_a), *write_urls(wave_a), reverse("surveys:wave_list")]:
        response = anonymous.get(url)
        assert response.status_code == 302 and "/akun/masuk/" in response["Location"], url
    assert anonymous.get(reverse("survey_public:form", args=[wave_a.token])).status_code == 200


@pytest.fixture
def objects(world, wave_a):
    """Unit A's open wave with a kiosk and a follow-up row, and a draft wave of unit A."""
    draft = make_wave(world, kind="spak", access_mode="link", open_=False,
                      services_spec=(("KTP-el", 100), ("Akta", 50)))  # fmt: skip
    found, _raw = kiosk.kiosk_unlock(wave=wave_a, label="Loket 1", by=world.kerja_a)
    follow_up = FollowUp.objects.create(wave=wave_a, item_code=wave_a.item_codes[0],
                                        action="Perbaiki antrean", timeline="Juli",
                                        responsible="Sekretaris")  # fmt: skip
    return {"wave": wave_a.pk, "draft": draft.pk, "kiosk": found.pk, "follow_up": follow_up.pk,
            "service": draft.services.order_by("pk").last().pk, "item": draft.item_codes[-1]}  # fmt: skip


# One row per URL: unit A's wave, the role that may use it, a user it must refuse.
ROWS = [
    Row("surveys:wave_open", lambda o: [o["draft"]], "kerja_a", method="post"),
    Row("surveys:wave_open", lambda o: [o["draft"]], "kerja_a", "staff_a", method="post",
        label="readers-do-not-open"),
    Row("surveys:service_remove", lambda o: [o["draft"], o["service"]], "kerja_a", method="post"),
    Row("surveys:item_add", lambda o: [o["draft"]], "kerja_a"),
    Row("surveys:item_add", lambda o: [o["draft"]], "kerja_a", method="post",
        data=lambda o: {"name": "Butir", "text": "Baru?"}, label="post"),
    Row("surveys:item_remove", lambda o: [o["draft"], o["item"]], "kerja_a", method="post"),
    Row("surveys:weights_edit", lambda o: [o["draft"]], "kerja_a"),
    Row("surveys:weights_edit", lambda o: [o["draft"]], "kerja_a", "pimpinan", method="post",
        label="pimpinan-reads-only"),
    Row("surveys:kiosk_lock", lambda o: [o["wave"], o["kiosk"]], "kerja_a", method="post"),
    Row("surveys:follow_up_edit", lambda o: [o["wave"], o["follow_up"]], "kerja_a"),
    Row("surveys:follow_up_edit", lambda o: [o["wave"], o["follow_up"]], "kerja_a", "staff_a",
        method="post", data=lambda o: {"action": "Diubah"}, label="readers-do-not-write"),
    Row("surveys:follow_up_remove", lambda o: [o["wave"], o["follow_up"]], "kerja_a",
        method="post"),
]  # fmt: skip
COVERED = covered(ROWS, __file__)


@pytest.mark.parametrize("row", ROWS, ids=ids(ROWS))
def test_each_view_admits_its_role_and_refuses_others_leaving_the_database_as_it_was(
    world, client_for, objects, unchanged, row
):
    check(row, world=world, client_for=client_for, objects=objects, unchanged=unchanged)
