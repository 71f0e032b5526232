"""Budgets, targets and realisations typed the Indonesian way are read as meant, or refused."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from integritas.common.numbers import format_number
from integritas.planning import services
from integritas.planning.models import ActionRow, RealisationRow
from integritas.planning.tests.test_action_plan import HTMX, _row_data

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("budget", "stored"),
    [("15.000.000", Decimal(15000000)), ("15.000", Decimal(15000)), ("12.500.000,50", Decimal("12500000.50")),
     ("2500000", Decimal(2500000)), ("15 000 000", Decimal(15000000))],
)  # fmt: skip
def test_a_budget_with_thousands_dots_is_accepted(world, client_for, plan, budget, stored):
    data = _row_data(budget=budget, b01="8,5", b02="12.5")
    response = client_for(world.kerja_a).post(
        reverse("planning:action_row_new", args=[plan.pk]), data, **HTMX
    )
    assert response.status_code == 200
    row = ActionRow.objects.get(component="PW")
    assert (row.budget, row.b01, row.b02) == (stored, Decimal("8.5"), Decimal("12.5"))
    html = response.content.decode()
    assert format_number(stored) in html
    assert "8,5" in html and ">9<" not in html


@pytest.mark.parametrize(
    ("field", "typed", "words"),
    [("b01", "1.250", "1,25"), ("b01", "8,555", "paling banyak 2"), ("budget", "1,500,000", "Inggris"),
     ("b03", "1e5", "bukan angka")],
)  # fmt: skip
def test_an_ambiguous_or_foreign_number_is_refused_and_kept(
    world, client_for, plan, field, typed, words
):
    before = ActionRow.objects.count()
    response = client_for(world.kerja_a).post(
        reverse("planning:action_row_new", args=[plan.pk]), _row_data(**{field: typed}), **HTMX
    )
    html = response.content.decode()
    assert words in html and f'value="{typed}"' in html
    assert ActionRow.objects.count() == before


@pytest.fixture
def report(world, plan):
    return services.monthly_report_start(
        plan=plan, month=3, by=world.kerja_a, today=date(2025, 3, 5)
    )


def test_a_realisation_of_8_5_stays_8_5_and_is_shown_unrounded(world, client_for, plan, report):
    client = client_for(world.kerja_a)
    rows = list(plan.rows.all())
    data = {f"narrative_{r.pk}": "ok" for r in rows}
    data.update({f"percent_{rows[0].pk}": "8,5", f"percent_{rows[1].pk}": "87.5"})
    assert client.post(report.get_absolute_url(), data).status_code == 302
    stored = dict(RealisationRow.objects.values_list("action_row_id", "percent"))
    assert stored == {rows[0].pk: Decimal("8.5"), rows[1].pk: Decimal("87.5")}
    page = client.get(report.get_absolute_url()).content.decode()
    assert 'value="8,5"' in page and 'value="87,5"' in page and "87.50" not in page
    client.post(reverse("planning:report_submit", args=[report.pk]))
    shown = client_for(world.pendamping).get(report.get_absolute_url()).content.decode()
    assert ">87,5<" in shown and ">88<" not in shown


def test_a_realisation_written_87_comma_5_is_not_875(world, client_for, plan, report):
    client = client_for(world.kerja_a)
    rows = list(plan.rows.all())
    data = {f"narrative_{r.pk}": "ok" for r in rows}
    data.update({f"percent_{r.pk}": "87,5" for r in rows})
    client.post(report.get_absolute_url(), data)
    assert set(RealisationRow.objects.values_list("percent", flat=True)) == {Decimal("87.5")}


def test_the_heat_map_shows_87_5_not_88(world, client_for):
    from integritas.planning.models import MonthlyReport
    from integritas.planning.tests.test_heat_map import _units_with_plans

    (unit,) = _units_with_plans(world, 1)
    RealisationRow.objects.filter(report__plan__unit=unit, report__month=1).update(
        percent=Decimal("87.5")
    )
    assert MonthlyReport.objects.filter(plan__unit=unit, month=1, status="accepted").exists()
    page = client_for(world.admin).get(reverse("planning:heat_map") + "?tahun=2025")
    html = page.content.decode()
    assert "<strong>87,5</strong>" in html and "<strong>88</strong>" not in html


def _workbook_with(plan, cells):
    import io

    from openpyxl import load_workbook

    from integritas.planning import xlsx

    book = load_workbook(io.BytesIO(xlsx.export(plan, list(plan.rows.order_by("order")))))
    for ref, value in cells.items():
        book.active[ref] = value
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_an_action_plan_workbook_with_indonesian_numbers_is_read_as_meant(world, plan):
    from integritas.planning import xlsx

    data = _workbook_with(plan, {"F9": "Rp 15.000.000", "I9": "8,5", "J9": 12.5, "K9": "20"})
    result = xlsx.parse(data, plan=plan)
    assert result.problems == []
    first = result.rows[0]
    assert (first.budget, first.b01, first.b02, first.b03) == (
        Decimal(15000000),
        Decimal("8.5"),
        Decimal("12.5"),
        Decimal(20),
    )


def test_an_ambiguous_number_in_a_workbook_is_refused_by_row_and_column(world, plan):
    from integritas.planning import xlsx

    result = xlsx.parse(_workbook_with(plan, {"I9": "1.250"}), plan=plan)
    messages = [str(p) for p in result.problems]
    assert any(m.startswith("Baris 9, kolom I (B01): «1.250» dapat berarti") for m in messages)
