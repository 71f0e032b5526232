"""Demo predicates records (`integritas demo`): every stage of Pasal 14–17 is visible after `make run`.

- the instansi's facts of this year and DPMPTSP's unit facts and wajib-lapor register;
- DPMPTSP (final LKE this year): the TPI's recommendation, waiting for the Wali Kota;
- DUKCAPIL: a Menuju WBK granted two years ago, monitoring due now;
- DINSOS: a WBK revoked last year, so the checker names the date it may be proposed again.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.utils import timezone

from integritas.audit.services import record
from integritas.organization.models import Employee
from integritas.predicates import selectors, services
from integritas.predicates.engine import add_years
from integritas.predicates.models import Predicate, Recommendation, ReportingDuty


def seed(world: dict[str, Any]) -> None:
    users, units = world["users"], world["units"]
    if Predicate.objects.exists() or Recommendation.objects.exists():
        return
    admin, tpi = users["admin.org"], users["tpi.ketua"]
    today = timezone.localdate()
    year = today.year
    services.institution_facts_save(
        institution=world["institution"], year=year, by=admin,
        values={"kind": "pemda", "opini_bpk": "WTP", "opini_source": f"LHP BPK atas LKPD {year - 1}",
                "sakip": "BB", "sakip_source": f"LHE SAKIP KemenPANRB {year - 1}", "indeks_rb": "B",
                "indeks_rb_source": f"LHE RB KemenPANRB {year - 1}", "spip_level": 3,
                "spip_source": f"Penilaian maturitas SPIP BPKP {year - 1}"},
    )  # fmt: skip
    dpmptsp = units["DPMPTSP"]
    services.unit_facts_save(
        unit=dpmptsp, year=year, by=admin,
        values={"core_service": True, "core_service_reason": "Pelayanan perizinan terpadu satu pintu",
                "significant_impact": True, "significant_impact_reason": "Layanan langsung ke masyarakat dan pelaku usaha",
                "tlhp_percent": Decimal(100), "tlhp_source": f"LHP Inspektorat {year - 1}", "sakip_internal": "B",
                "sakip_internal_source": f"LHE SAKIP internal Inspektorat {year - 1}",
                "wbk_since": date(year - 1, 2, 1), "wbk_since_reason": "SK Tim Kerja ZI DPMPTSP (sebelum pencanangan tercatat)"},
    )  # fmt: skip
    employees = list(Employee.objects.filter(unit=dpmptsp, is_active=True).order_by("nip"))
    for kind in (ReportingDuty.Kind.LHKPN, ReportingDuty.Kind.LHKASN):
        for index, employee in enumerate(employees):
            ReportingDuty.objects.create(
                year=year, kind=kind, unit=dpmptsp, nip=employee.nip, name=employee.full_name, employee=employee,
                reported=not (kind == ReportingDuty.Kind.LHKASN and index == 0),
                reported_on=date(year, 3, 15), updated_by=admin,
            )  # fmt: skip
    candidate = selectors.candidate(dpmptsp, year, today)
    if candidate is not None:
        outcome = (
            Recommendation.Outcome.PROPOSED
            if candidate.proposable
            else Recommendation.Outcome.IMPROVE
        )
        services.recommendation_record(
            unit=dpmptsp, year=year, outcome=outcome, by=tpi,
            note="Hasil evaluasi TPI atas LKE final." if candidate.proposable else "Perlu perbaikan sebelum diusulkan.",
        )  # fmt: skip
    _history(units, admin, today)


def _history(units: dict[str, Any], admin: Any, today: date) -> None:
    """Register entries from earlier years (recorded as the administrator would from the decrees)."""
    granted = add_years(today, -2) - timedelta(days=14)  # monitoring two weeks overdue
    dukcapil = Predicate.objects.create(
        unit=units["DUKCAPIL"], level="wbk", granted_on=granted,
        decree_number=f"KEP/MENPANRB/{granted.year}/117", recorded_by=admin,
    )  # fmt: skip
    revoked = add_years(today, -1)
    dinsos = Predicate.objects.create(
        unit=units["DINSOS"], level="wbk", granted_on=add_years(today, -3),
        decree_number=f"KEP/MENPANRB/{today.year - 3}/088", recorded_by=admin, status=Predicate.Status.REVOKED,
        revoked_on=revoked, revocation_number=f"KEP/MENPANRB/{revoked.year}/201",
        tpn_revocation_note="Hasil evaluasi lapangan TPN: ditemukan maladministrasi pelayanan.",
        tpn_revocation_on=revoked,
    )  # fmt: skip
    for item, action in ((dukcapil, "predikat.ditetapkan"), (dinsos, "predikat.dicabut")):
        record(
            actor=admin,
            action=action,
            obj=item,
            unit_id=item.unit_id,
            changes={"demo": [None, True]},
        )
