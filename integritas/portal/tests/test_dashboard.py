"""The pimpinan dashboard: who may see it, what it says per unit, its filters, export and cost."""

import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from integritas.commitment.models import Declaration
from integritas.organization.models import Unit
from integritas.portal import dashboard
from integritas.portal.tests.dashboard_world import add_units

pytestmark = pytest.mark.django_db
YEAR = 2026
URL = reverse("portal:city_dashboard")


@pytest.mark.parametrize(
    ("who", "status"),
    [("admin", 200), ("pimpinan", 200), ("tpi", 200), ("head_a", 404), ("staff_b", 404)],
)
def test_only_city_readers_see_the_dashboard(world, client_for, who, status):
    assert client_for(world.users[who]).get(URL).status_code == status
    assert client_for(world.users[who]).get(URL + "xlsx/").status_code == status


def test_the_public_is_sent_to_log_in(client):
    response = client.get(URL)
    assert response.status_code == 302 and "masuk" in response.url


def test_each_unit_shows_its_stage_and_what_holds_it_back(world, client_for):
    add_units(2, year=YEAR)
    response = client_for(world.users["pimpinan"]).get(URL, {"tahun": YEAR})
    assert response.status_code == 200
    board = response.context["board"]
    rows = {row.unit.code: row for row in board.rows}
    # A head who signed alone is enough for no unit with more staff; here the head is all staff.
    assert rows["UPT0"].current == "declaration"
    assert "mencanangkan" in rows["UPT0"].held_by
    # Unit A has employees without a pact: it is held at the pact stage with the count.
    assert rows["DUKCAPIL"].current == "pact"
    body = response.content.decode()
    assert "belum tersedia" in body  # stages whose app is not installed yet
    assert "Rekomendasi" in body


def test_a_stage_with_no_provider_is_never_shown_as_done(world):
    from integritas.predicates import dashboard as predicate_dashboard

    without = [p for p in dashboard.PROVIDERS if p is not predicate_dashboard.part]
    board = dashboard.build(dashboard.Filters(year=YEAR), dashboard_today(), providers=without)
    for row in board.rows:
        states = {s.key: s.state for s in row.stages}
        assert states["recommendation"] == "na"
        assert states["predicate"] == "na"
    # With the predicates register in place the same stages are reported, not guessed.
    board = dashboard.build(dashboard.Filters(year=YEAR), dashboard_today())
    for row in board.rows:
        states = {s.key: s.state for s in row.stages}
        assert states["recommendation"] != "na" and states["predicate"] != "na"


def dashboard_today():
    from django.utils import timezone

    return timezone.localdate()


def test_a_declared_unit_moves_on_to_designation(world):
    (unit,) = add_units(1, year=YEAR)
    Declaration.objects.create(
        scope=Declaration.Scope.UNIT, unit=unit, declared_on="2026-02-01", place="Kupang",
        head_name="Kepala", head_position="Kepala", pact_signed=1, pact_total=1, head_signed=True,
        min_share="0.5",
    )  # fmt: skip
    board = dashboard.build(dashboard.Filters(year=YEAR), dashboard_today())
    (row,) = [r for r in board.rows if r.unit == unit]
    assert row.current == "designation"
    assert "Penetapan" in row.current_label


def test_filters_by_type_and_by_kecamatan(world):
    kecamatan = Unit.objects.create(
        institution=world.institution, code="KEC", name="Kecamatan Alak", type="district"
    )
    kelurahan = Unit.objects.create(
        institution=world.institution, code="KEL", name="Kelurahan Namosain", type="urban_village",
        parent=kecamatan,
    )  # fmt: skip
    add_units(2, year=YEAR)
    by_type = dashboard.build(dashboard.Filters(year=YEAR, unit_type="upt"), dashboard_today())
    assert {r.unit.code for r in by_type.rows} == {"UPT0", "UPT1"}
    by_area = dashboard.build(
        dashboard.Filters(year=YEAR, kecamatan_id=kecamatan.pk), dashboard_today()
    )
    assert {r.unit for r in by_area.rows} == {kecamatan, kelurahan}


def test_bad_filters_fall_back_to_everything(world, client_for):
    response = client_for(world.users["pimpinan"]).get(
        URL, {"tahun": "abc", "jenis": "<script>", "kecamatan": "x"}
    )
    assert response.status_code == 200
    assert response.context["filters"] == dashboard.Filters(year=YEAR)


def test_the_export_has_what_is_shown_and_keeps_text_as_text(world, client_for):
    world.unit_b.name = '=HYPERLINK("http://x")'
    world.unit_b.save(update_fields=["name"])
    response = client_for(world.users["admin"]).get(URL + "xlsx/", {"tahun": YEAR})
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "Unit kerja" and "Tahap saat ini" in rows[0]
    names = [r[0] for r in rows[1:]]
    assert "Dinas Kependudukan dan Pencatatan Sipil" in names
    cell = next(c for c in sheet["A"] if c.value == '=HYPERLINK("http://x")')
    assert cell.data_type == "s"


def test_charts_are_inline_svg_without_scripts(world, client_for):
    add_units(3, year=YEAR)
    body = client_for(world.users["pimpinan"]).get(URL).content.decode()
    assert "<svg" in body
    assert "<script" not in body.split("<main", 1)[1].split("</main>", 1)[0]


def _count(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url, {"tahun": YEAR}).status_code == 200
    return len(queries)


def test_the_query_count_does_not_grow_with_the_units(world, client_for):
    client = client_for(world.users["pimpinan"])
    add_units(3, year=YEAR, prefix="A")
    _count(client, URL)  # warm: framework files parsed once per process
    small = _count(client, URL)
    add_units(27, year=YEAR, prefix="B")
    assert Unit.objects.count() > 30
    assert _count(client, URL) == small
    assert _count(client, URL + "xlsx/") <= small


def test_the_demo_world_shows_scores_both_verdicts_and_survey_indices():
    from django.test import Client

    from integritas.accounts.models import User
    from integritas.portal import demo

    demo.build(employees_per_unit=2)
    client = Client()
    client.force_login(User.objects.get(username="walikota"))
    response = client.get(URL)
    assert response.status_code == 200
    board = response.context["board"]
    keys = [c.key for c in board.columns]
    assert len([k for k in keys if k.startswith("verdict:")]) == 2  # both rule sets
    index = {k: i for i, k in enumerate(keys)}
    rows = {row.unit.code: row for row in board.rows}
    final = rows["DPMPTSP"]
    assert "TPI" in final.cells[index["score"]].text
    assert any(row.cells[index["IKM"]].value is not None for row in board.rows)
    body = response.content.decode()
    assert body.count("<svg") >= 3
    assert 'nonce="' in body.split("<svg", 1)[1].split("</svg>", 1)[0]


def test_late_reports_agree_with_the_overdue_list(world):
    """Pasal 12 ayat 4: the dashboard counts late reports exactly as the overdue list does."""
    from integritas.planning import selectors as planning_selectors
    from integritas.planning.models import ActionPlan

    today = dashboard_today()
    ActionPlan.objects.create(unit=world.unit_a, year=today.year)
    board = dashboard.build(dashboard.Filters(year=today.year), today)
    index = [c.key for c in board.columns].index("overdue")
    late = {row.unit.pk: row.cells[index].value for row in board.rows}
    listed = planning_selectors.overdue_reports(today)
    assert late[world.unit_a.pk] == sum(1 for i in listed if i.plan.unit_id == world.unit_a.pk)
    assert late[world.unit_b.pk] == 0  # no plan yet: nothing can be late
