"""Home cards and public rows of commitment and planning (pacts, declaration, monthly reports)."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from integritas.accounts import access
from integritas.accounts.models import Role
from integritas.commitment import selectors as commitment
from integritas.common.cards import Card, PublicRow, PublicSection
from integritas.common.formatting import BULAN, angka, tanggal
from integritas.organization.models import Employee, Unit
from integritas.planning import rules
from integritas.planning import selectors as planning
from integritas.planning.models import ActionPlan, MonthlyReport

MAX_UNITS = 3


def _unit_cards(user) -> list:
    """Unit roles: pact coverage, declared or not, and the report due now."""
    if access.can_read_city(user):
        return []
    units = list(access.units_for_user(user).filter(is_active=True).order_by("name")[:MAX_UNITS])
    if not units:
        return []
    ids = [u.pk for u in units]
    coverage = commitment.coverage_by_unit(ids)
    declared = commitment.declarations_by_unit(ids)
    today = timezone.localdate()
    # The report due now is last month's (Pasal 12 ayat 4).
    year, month = (today.year - 1, 12) if today.month == 1 else (today.year, today.month - 1)
    plans = {p.unit_id: p for p in ActionPlan.objects.filter(unit_id__in=ids, year=year)}
    reports = {
        r.plan_id: r for r in MonthlyReport.objects.filter(plan__in=plans.values(), month=month)
    }
    due = rules.due_date(year, month, planning.due_day())
    cards = []
    for unit in units:
        cov = coverage[unit.pk]
        declaration = declared.get(unit.pk)
        cards.append(
            Card(
                title=_("Pakta integritas — %(unit)s") % {"unit": unit.code},
                value=f"{angka(cov.percent, 0)} %",
                text=(
                    _("%(s)d dari %(t)d pegawai; dicanangkan %(d)s")
                    % {"s": cov.signed, "t": cov.total, "d": tanggal(declaration.declared_on)}
                    if declaration
                    else _("%(s)d dari %(t)d pegawai; belum dicanangkan")
                    % {"s": cov.signed, "t": cov.total}
                ),
                url=reverse("commitment:unit_detail", args=[unit.pk]),
                tone="success" if declaration else "warning",
            )
        )
        plan = plans.get(unit.pk)
        if plan is None:
            continue
        report = reports.get(plan.pk)
        submitted = bool(report and report.revision)
        overdue = rules.is_overdue(
            year=year, month=month, submitted=submitted, today=today,
            due_day=planning.due_day(), since=planning.plan_made_on(plan),
        )  # fmt: skip
        status = report.get_status_display() if report else _("belum dibuat")
        cards.append(
            Card(
                title=_("Laporan bulanan %(m)s %(y)d — %(unit)s")
                % {"m": BULAN[month - 1], "y": year, "unit": unit.code},
                value=_("Terlambat") if overdue else str(status),
                text=_("batas penyampaian %(d)s") % {"d": tanggal(due)},
                url=report.get_absolute_url()
                if report
                else reverse("planning:unit_detail", args=[unit.pk]) + f"?tahun={year}",
                tone="danger" if overdue else ("success" if submitted else "secondary"),
            )
        )
    return cards


def _pendamping_cards(user) -> list:
    """Tim Pendamping: reports to accept; every city reader: reports overdue."""
    if not access.can_read_city(user):
        return []
    cards = []
    if access.is_pendamping(user) or access.can_administer(user):
        waiting = planning.review_queue().count()
        cards.append(
            Card(
                title=_("Laporan bulanan menunggu penerimaan"),
                value=str(waiting),
                text=_("Pasal 12 ayat (5): disampaikan melalui Tim Pendamping"),
                url=reverse("planning:review_queue"),
                tone="primary" if waiting else "secondary",
            )
        )
    # Every city reader (Wali Kota, Sekda, TPI) monitors the units that fall behind.
    overdue = len(planning.overdue_reports(timezone.localdate()))
    return [
        *cards,
        Card(
            title=_("Laporan bulanan terlambat"),
            value=str(overdue),
            text=_("melewati batas tanggal %(d)d bulan berikutnya") % {"d": planning.due_day()},
            url=reverse("planning:overdue_list"),
            tone="danger" if overdue else "secondary",
        ),
    ]


def _admin_cards(user) -> list:
    """City readers: designated units that have not declared yet."""
    if not access.can_read_city(user):
        return []
    year = timezone.localdate().year
    declared = set(commitment.declarations_by_unit())
    designated = set(commitment.designations_by_unit(year))
    if designated:
        missing = designated - declared
        text = _("unit yang ditetapkan tahun %(y)d belum mencanangkan (Pasal 5 ayat 2)") % {
            "y": year
        }
    else:
        missing = set(Unit.objects.filter(is_active=True).values_list("pk", flat=True)) - declared
        text = _("unit aktif belum mencanangkan pembangunan ZI (Pasal 5 ayat 2)")
    names = list(Unit.objects.filter(pk__in=missing).order_by("name")[:5])
    return [
        Card(
            title=_("Unit belum mencanangkan"),
            value=str(len(missing)),
            text=text,
            url=reverse("commitment:overview"),
            tone="warning" if missing else "success",
            items=[(u.name, reverse("commitment:unit_detail", args=[u.pk])) for u in names]
            if designated
            else [],
        )
    ]


def _own_pact_cards(user) -> list:
    """Pasal 6 ayat (1) dan (3): every employee signs the integrity pact, also after declaration."""

    if Role.PIMPINAN in access.grants_for(user).city_roles:
        return _city_declaration_cards()
    if not user.employee_id:
        return []
    # Any: pact_on is an annotation of with_pact_state, unknown to the model's type.
    employee: Any = commitment.with_pact_state(Employee.objects.filter(pk=user.employee_id)).first()
    if employee is None or (employee.pact_on and access.can_read_city(user)):
        return []
    if employee.pact_on:
        return [
            Card(
                title=_("Pakta integritas Anda"),
                value=_("Sudah"),
                text=_("ditandatangani %(d)s") % {"d": tanggal(employee.pact_on)},
                tone="success",
            )
        ]
    return [
        Card(
            title=_("Pakta integritas Anda"),
            value=_("Belum"),
            text=_(
                "belum tercatat untuk unit Anda; tandatangani bersama Tim Kerja unit "
                "(Pasal 6 ayat 1 dan 3)"
            ),
            url=reverse("commitment:unit_detail", args=[employee.unit_id])
            if access.can_read_unit(user, employee.unit_id)
            else "",
            tone="warning",
        )
    ]


def _city_declaration_cards() -> list:
    """Pasal 5 ayat (1): the Wali Kota declares ZI for the city; his card is that, not a unit pact."""

    city = commitment.city_declaration()
    if city:
        return [
            Card(
                title=_("Pencanangan ZI tingkat kota"),
                value=_("Sudah"),
                text=_("dicanangkan Wali Kota %(d)s (Pasal 5 ayat 1)")
                % {"d": tanggal(city.declared_on)},
                url=city.get_absolute_url(),
                tone="success",
            )
        ]
    return [
        Card(
            title=_("Pencanangan ZI tingkat kota"),
            value=_("Belum"),
            text=_(
                "Wali Kota mencanangkan pembangunan ZI Pemerintah Daerah secara resmi; "
                "dicatat oleh Bagian Organisasi (Pasal 5 ayat 1)"
            ),  # fmt: skip
            url=reverse("commitment:overview"),
            tone="warning",
        )
    ]


def cards(user) -> list:
    return [
        *_own_pact_cards(user),
        *_unit_cards(user),
        *_pendamping_cards(user),
        *_admin_cards(user),
    ]


def declared_sections() -> list[PublicSection]:
    """Pasal 7 ayat (2): the declarations are published widely."""
    rows = []
    city = commitment.city_declaration()
    if city:
        rows.append(
            PublicRow(
                label=_("Pemerintah Kota Kupang (oleh Wali Kota)"),
                url=reverse("commitment:public_declaration", args=[city.pk]),
                detail=tanggal(city.declared_on),
            )
        )
    for declaration in commitment.declared_units():
        rows.append(
            PublicRow(
                label=str(declaration.unit),
                url=reverse("commitment:public_declaration", args=[declaration.pk]),
                detail=_("dicanangkan %(d)s") % {"d": tanggal(declaration.declared_on)},
            )
        )
    return [
        PublicSection(
            title=_("Pencanangan pembangunan Zona Integritas"),
            text=_(
                "Perangkat daerah/unit kerja yang telah mencanangkan pembangunan ZI menuju WBK/WBBM "
                "(Pasal 5–7 Perwali Kota Kupang 23/2025). Masyarakat dapat memantau dan mengawalnya."
            ),
            rows=rows,
        )
    ]
