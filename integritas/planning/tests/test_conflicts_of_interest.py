"""Pasal 15 and Pasal 10: nobody judges the unit he or she works in, nor a unit above or below it."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from integritas.accounts import access
from integritas.accounts.models import Role, RoleAssignment, User
from integritas.evaluation import services as evaluation_services
from integritas.evaluation.models import ReviewerAssignment
from integritas.organization.models import Employee, Unit
from integritas.planning import services as planning_services
from integritas.planning.models import ActionPlan, MonthlyReport

pytestmark = pytest.mark.django_db


@pytest.fixture
def puskesmas(world):
    """A puskesmas under unit A (the dinas)."""
    return Unit.objects.create(
        institution=world.institution,
        code="PKM-OEBOBO",
        name="Puskesmas Oebobo",
        type="puskesmas",
        parent=world.unit_a,
    )


def _member(world, username, unit, role):
    from integritas.organization.testing import make_nip

    employee = Employee.objects.create(
        nip=make_nip(__import__("random").Random(username)),
        name=username,
        unit=unit,
        position="Staf",
    )
    user = User.objects.create_user(username=username, password="x-Kupang-2025!", employee=employee)
    RoleAssignment.objects.create(user=user, role=role)
    return user


@pytest.mark.parametrize(
    ("works_in", "judged", "allowed"),
    [
        ("puskesmas", "unit_a", False),  # the puskesmas officer and his parent dinas
        ("puskesmas", "puskesmas", False),
        ("unit_a", "puskesmas", False),  # the dinas officer and its puskesmas
        ("unit_a", "unit_a", False),
        ("puskesmas", "unit_b", True),
        ("inspektorat", "puskesmas", True),
    ],
)
def test_a_tpi_member_never_reviews_his_unit_its_parents_or_its_children(
    world, puskesmas, works_in, judged, allowed
):
    units = {"puskesmas": puskesmas, "unit_a": world.unit_a, "unit_b": world.unit_b,
             "inspektorat": world.inspektorat}  # fmt: skip
    member = _member(world, "tpi_x", units[works_in], Role.TPI)
    assert access.can_review_unit(member, units[judged].pk) is allowed


@pytest.mark.parametrize(
    ("works_in", "judged", "allowed"),
    [
        ("unit_a", "unit_a", False),
        ("unit_a", "puskesmas", False),
        ("puskesmas", "unit_a", False),
        ("unit_a", "unit_b", True),
    ],
)
def test_a_pendamping_member_never_mentors_his_own_unit_tree(
    world, puskesmas, works_in, judged, allowed
):
    units = {"puskesmas": puskesmas, "unit_a": world.unit_a, "unit_b": world.unit_b}
    member = _member(world, "pendamping_x", units[works_in], Role.PENDAMPING)
    assert access.can_mentor_unit(member, units[judged].pk) is allowed


def test_the_administrator_cannot_assign_a_puskesmas_officer_to_review_its_dinas(world, puskesmas):
    member = _member(world, "tpi_pkm", puskesmas, Role.TPI)
    with pytest.raises(ValidationError):
        evaluation_services.reviewer_assign(
            unit=world.unit_a, year=2025, user=member, by=world.admin
        )
    assert not ReviewerAssignment.objects.filter(user=member).exists()


def test_the_assignment_page_refuses_it_too_and_writes_nothing(world, client_for, puskesmas):
    member = _member(world, "tpi_pkm", puskesmas, Role.TPI)
    response = client_for(world.admin).post(
        reverse("evaluation:assignments"),
        {"unit": world.unit_a.pk, "year": 2025, "user": member.pk},
    )
    assert response.status_code == 200
    assert "tidak dapat menilai unit ini" in response.content.decode()
    assert not ReviewerAssignment.objects.filter(user=member).exists()


def _submitted_report(world):
    from integritas.planning.tests.conftest import make_row

    plan = ActionPlan.objects.create(unit=world.unit_a, year=2025)
    make_row(plan, "MP", order=1)
    report = planning_services.monthly_report_start(
        plan=plan, month=3, by=world.kerja_a, today=date(2025, 3, 5)
    )
    planning_services.monthly_report_save(
        report=report,
        entries={r.pk: planning_services.Realisation(percent=50) for r in plan.rows.all()},
        by=world.kerja_a,
    )
    planning_services.monthly_report_submit(report=report, by=world.kerja_a)
    report.refresh_from_db()
    return report


def test_a_pendamping_member_cannot_accept_his_own_units_report(world, client_for):
    member = _member(world, "pendamping_a", world.unit_a, Role.PENDAMPING)
    report = _submitted_report(world)
    response = client_for(member).post(reverse("planning:report_accept", args=[report.pk]))
    assert response.status_code == 404
    report.refresh_from_db()
    assert report.status == MonthlyReport.Status.SUBMITTED
    with pytest.raises(PermissionDenied):
        planning_services.monthly_report_accept(report=report, by=member)
    with pytest.raises(PermissionDenied):
        planning_services.monthly_report_return(report=report, note="Tidak", by=member)
    report.refresh_from_db()
    assert report.status == MonthlyReport.Status.SUBMITTED and report.reviewed_by is None


def test_an_independent_pendamping_still_accepts(world, client_for):
    report = _submitted_report(world)
    client_for(world.pendamping).post(reverse("planning:report_accept", args=[report.pk]))
    report.refresh_from_db()
    assert report.status == MonthlyReport.Status.ACCEPTED
