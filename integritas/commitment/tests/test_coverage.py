"""Coverage per unit follows moves: a pact counts in the unit it was signed at or after moving in."""

from datetime import date

import pytest
from django.urls import reverse

from integritas.commitment import selectors
from integritas.organization.services import employee_move

pytestmark = pytest.mark.django_db


def test_coverage_counts_active_employees_of_the_unit(world, add_employees, sign):
    people = add_employees(world.unit_a, 6)
    sign([world.head_a.employee, *people[:3]])
    people[5].is_active = False
    people[5].save(update_fields=["is_active"])
    coverage = selectors.coverage_for(world.unit_a)
    assert (coverage.signed, coverage.total, coverage.head_signed) == (4, 9, True)


def test_someone_who_moves_in_without_a_new_pact_shows_as_missing(
    world, client_for, add_employees, sign
):
    mover = add_employees(world.unit_b, 1, prefix="Pindahan")[0]
    sign([mover], on=date(2025, 3, 1))
    assert selectors.coverage_for(world.unit_b).signed == 1
    employee_move(employee=mover, to_unit=world.unit_a, moved_on=date(2025, 6, 2), by=world.admin)

    before_a = selectors.coverage_for(world.unit_a)
    assert before_a.total == 5 and before_a.signed == 0
    assert selectors.coverage_for(world.unit_b).total == 1  # staff_b only
    assert selectors.coverage_for(world.unit_b).signed == 0
    page = client_for(world.head_a).get(reverse("commitment:unit_detail", args=[world.unit_a.pk]))
    missing = page.content.decode().split('id="missing-list"')[1].split("</ul>")[0]
    assert mover.nip in missing and "pindah masuk 2 Juni 2025" in missing


def test_a_pact_signed_at_the_new_unit_counts_from_the_day_of_the_move(world, add_employees, sign):
    mover = add_employees(world.unit_b, 1)[0]
    sign([mover], on=date(2025, 3, 1))
    employee_move(employee=mover, to_unit=world.unit_a, moved_on=date(2025, 6, 2), by=world.admin)
    sign([mover], on=date(2025, 6, 2))  # pelantikan dalam rangka mutasi, same day
    assert selectors.coverage_for(world.unit_a).signed == 1
    (row,) = [e for e in selectors.unit_employees(world.unit_a) if e.pk == mover.pk]
    assert row.pact_on == date(2025, 6, 2) and row.pact_since == date(2025, 6, 2)


def test_moving_back_needs_a_pact_after_the_latest_move_in(world, add_employees, sign):
    mover = add_employees(world.unit_a, 1)[0]
    sign([mover], on=date(2025, 1, 10))
    employee_move(employee=mover, to_unit=world.unit_b, moved_on=date(2025, 3, 1), by=world.admin)
    sign([mover], on=date(2025, 3, 1))
    employee_move(employee=mover, to_unit=world.unit_a, moved_on=date(2025, 9, 1), by=world.admin)
    (row,) = [e for e in selectors.unit_employees(world.unit_a) if e.pk == mover.pk]
    assert row.pact_on is None and row.pact_since == date(2025, 9, 1)


def test_an_unsigned_head_and_a_unit_without_head_are_told_apart(world, add_employees):
    add_employees(world.unit_b, 2)
    coverage = selectors.coverage_by_unit([world.unit_a.pk, world.unit_b.pk])
    assert coverage[world.unit_a.pk].has_head and not coverage[world.unit_a.pk].head_signed
    assert not coverage[world.unit_b.pk].has_head
