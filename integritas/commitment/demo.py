"""Demo commitment records: pacts, the city and DUKCAPIL declarations, this year's designation."""

from datetime import date

from django.db import transaction
from django.utils import timezone

from integritas.commitment import services
from integritas.commitment.models import (
    Declaration,
    DeclarationWitness,
    DesignationDecree,
    Occasion,
)
from integritas.organization.models import Employee


def _on(month: int, day: int) -> date:
    today = timezone.localdate()
    return min(date(today.year, month, day), today)


@transaction.atomic
def seed(world: dict) -> None:
    """Pacts for most of DUKCAPIL and DPMPTSP, DUKCAPIL declared, a designation decree."""
    if Declaration.objects.exists():
        return
    units, users = world["units"], world["users"]
    admin = users["admin.org"]
    for code, skip, month in (("DUKCAPIL", 2, 1), ("DPMPTSP", 4, 2)):
        unit = units[code]
        people = list(Employee.objects.filter(unit=unit, is_active=True).order_by("pk"))
        # Leave some ordinary employees (not the head, not a demo login) for the follow-up list.
        ordinary = list(
            Employee.objects.filter(unit=unit, is_active=True, user__isnull=True)
            .exclude(pk=unit.head_id).order_by("pk").values_list("pk", flat=True)
        )  # fmt: skip
        missing = set(ordinary[-skip:])
        services.pacts_mass_sign(
            unit=unit, signed_on=_on(month, 15), occasion=Occasion.MASSAL,
            employees=[p for p in people if p.pk not in missing],
            note="Penandatanganan serentak pada apel pagi", by=users[f"kadis.{code.lower()}"],
        )  # fmt: skip
    walikota = users["walikota"]
    services.city_declaration_create(
        declared_on=_on(1, 6), place="Balai Kota Kupang",
        head_name=f"dr. {walikota.get_full_name()}", head_position="Wali Kota Kupang",
        witnesses=[
            {"role": DeclarationWitness.Role.INSPEKTORAT, "name": users["tpi.ketua"].get_full_name(), "position": "Inspektur Daerah"},
            {"role": DeclarationWitness.Role.MASYARAKAT, "name": "Pdt. Maria Ndoen, S.Th.", "position": "Tokoh agama"},
        ],
        by=admin,
    )  # fmt: skip
    dukcapil = units["DUKCAPIL"]
    declaration = services.declaration_create(
        unit=dukcapil, declared_on=_on(1, 20),
        place="Aula Dinas Kependudukan dan Pencatatan Sipil Kota Kupang",
        witnesses=[
            {"role": DeclarationWitness.Role.INSPEKTORAT, "name": users["tpi.ketua"].get_full_name(), "position": "Inspektur Daerah"},
            {"role": DeclarationWitness.Role.TIM_ZI, "name": users["timkerja.dukcapil"].get_full_name(), "position": "Ketua Tim Kerja ZI"},
            {"role": DeclarationWitness.Role.MASYARAKAT, "name": "Yohanes Manafe, S.H.", "position": "Ketua RT 05 Oebobo"},
        ],
        by=users["kadis.dukcapil"],
    )  # fmt: skip
    services.publication_add(
        declaration=declaration, kind="link",
        url="https://kupangkota.go.id/berita/dukcapil-canangkan-zona-integritas",
        caption="Berita laman Pemerintah Kota Kupang", by=users["timkerja.dukcapil"],
    )  # fmt: skip
    year = timezone.localdate().year
    decree = services.decree_save(
        decree=DesignationDecree(
            number=f"188.45/KEP/045/{year}", decree_date=_on(1, 27), year=year,
            title="Penetapan Perangkat Daerah Pembangunan Zona Integritas Menuju WBK/WBBM",
        ),
        by=admin,
    )  # fmt: skip
    reasons = {
        "DUKCAPIL": ("Layanan administrasi kependudukan adalah layanan dasar bagi seluruh warga.", True, True, True),
        "DPMPTSP": ("Perizinan berusaha berisiko pungutan liar dan percaloan.", True, True, True),
        "RSUD": ("Layanan kesehatan rujukan dengan volume dan dampak sangat luas.", True, False, True),
    }  # fmt: skip
    for code, (text, core, risk, impact) in reasons.items():
        services.designated_unit_add(
            decree=decree, unit=units[code], core_business=core, high_risk=risk,
            wide_impact=impact, reasons=text, by=admin,
        )  # fmt: skip
