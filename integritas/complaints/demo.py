"""Demo complaints: a TPI case about DUKCAPIL in clarification, a unit case, a LAPOR! case."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from integritas.complaints import services, workflow
from integritas.complaints.models import Channel, Complaint, ComplaintOfficer, Kind, Severity


def seed(world: dict[str, Any]) -> None:
    if Complaint.objects.exists():
        return
    units, users = world["units"], world["users"]
    admin, tpi = users["admin.org"], users["tpi.ketua"]
    with transaction.atomic():
        ComplaintOfficer.objects.get_or_create(unit=units["DPMPTSP"], user=users["pegawai.dpmptsp"])
        case, _code = services.complaint_submit_public(
            unit=units["DUKCAPIL"], service="Perekaman KTP-el",
            what="Petugas di loket perekaman meminta uang Rp50.000 agar KTP-el cepat jadi.",
            happened_where="Kantor Dukcapil, loket 2",
        )  # fmt: skip
        workflow.complaint_classify(
            complaint=case, kind=Kind.IMBALAN, severity=Severity.TIDAK_BERKADAR,
            route=case.route, whistleblowing=False, by=tpi,
        )  # fmt: skip
        if case.route == Complaint.Route.TPI:
            workflow.complaint_identify(complaint=case, note="Dugaan pungli di loket 2.", by=tpi)
            workflow.complaint_clarification_request(
                complaint=case, body="Mohon penjelasan atas kejadian di loket 2.", by=tpi
            )
        services.complaint_submit_public(
            unit=units["DPMPTSP"], service="Izin usaha",
            what="Antrean panjang dan petugas tidak menjelaskan syarat yang kurang.",
        )  # fmt: skip
        services.complaint_record(
            channel=Channel.LAPOR, unit=units["DPMPTSP"], lapor_tracking="LPR-DEMO-0001",
            title="Perizinan lambat", what="Izin belum terbit setelah tiga minggu.", by=admin,
        )  # fmt: skip
