"""Lampiran A (Deklarasi, Piagam Pencanangan), B (Keputusan rencana kerja) and C (rencana aksi).

The read models of the commitment app's declaration (Pasal 5–7) and of the planning app's work
plan (Pasal 11) and action plan (Pasal 12), registered in the catalogue.
"""

from typing import Any

from django.shortcuts import get_object_or_404

from integritas.accounts import access
from integritas.commitment.models import Declaration, DeclarationWitness
from integritas.commitment.selectors import city_declaration
from integritas.common.formatting import BULAN, angka, tanggal
from integritas.common.numbers import format_number
from integritas.documents.catalogue import DocumentType, register
from integritas.planning import components
from integritas.planning.models import ActionPlan, WorkPlan
from integritas.planning.selectors import action_rows, rows_by_group

HARI = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")
_ONES = ("", "satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan", "sembilan",
         "sepuluh", "sebelas")  # fmt: skip


def terbilang(number: int) -> str:
    """Spell a whole number 0–9999 in Indonesian, as official letters write dates."""
    if number < 0 or number > 9999:
        raise ValueError(number)
    if number < 12:
        return _ONES[number] or "nol"
    if number < 20:
        return f"{_ONES[number - 10]} belas"
    if number < 100:
        tens, rest = divmod(number, 10)
        return f"{_ONES[tens]} puluh" + (f" {_ONES[rest]}" if rest else "")
    if number < 1000:
        hundreds, rest = divmod(number, 100)
        head = "seratus" if hundreds == 1 else f"{_ONES[hundreds]} ratus"
        return head + (f" {terbilang(rest)}" if rest else "")
    thousands, rest = divmod(number, 1000)
    head = "seribu" if thousands == 1 else f"{_ONES[thousands]} ribu"
    return head + (f" {terbilang(rest)}" if rest else "")


def _opening(day) -> str:
    """ "PADA HARI INI SENIN TANGGAL TUJUH BELAS BULAN AGUSTUS TAHUN DUA RIBU DUA PULUH LIMA"."""
    return (
        f"PADA HARI INI {HARI[day.weekday()]} TANGGAL {terbilang(day.day)} "
        f"BULAN {BULAN[day.month - 1]} TAHUN {terbilang(day.year)}"
    ).upper()


def _head_title(unit) -> str:
    """Lampiran A and B: "KEPALA (nama PD)" — from the unit's name, whatever the position text."""
    return f"KEPALA {unit.name}".upper()


def _declaration_context(declaration: Declaration) -> dict:
    unit = declaration.unit
    assert unit is not None  # only unit declarations have these documents
    names: dict[str, list[str]] = {}
    for witness in declaration.witnesses.all():
        names.setdefault(witness.role, []).append(witness.name)
    city = city_declaration()
    blank = "(nama lengkap dan gelar)"
    unit_name = unit.name.upper()
    return {
        "unit_name": unit_name,
        "head_name": declaration.head_name,
        "head_title": _head_title(unit),
        "opening": _opening(declaration.declared_on),
        "place_date": f"{declaration.place}, {tanggal(declaration.declared_on)}".upper(),
        "walikota_name": city.head_name if city else blank,
        "witness_inspektorat": ", ".join(names.get(DeclarationWitness.Role.INSPEKTORAT, [])) or blank,
        "witness_tim_zi": ", ".join(names.get(DeclarationWitness.Role.TIM_ZI, [])) or blank,
        "witness_masyarakat": ", ".join(names.get(DeclarationWitness.Role.MASYARAKAT, [])) or blank,
    }  # fmt: skip


def _work_plan_context(plan: WorkPlan) -> dict:
    unit = plan.unit
    head = unit.head
    head_title = _head_title(unit)
    targets = {t.component: t.targets for t in plan.targets.all()}
    unit_name = unit.name
    return {
        "unit_name": unit_name.upper(),
        "head_title": head_title,
        "head_name": head.full_name if head else "(nama lengkap)",
        "number": plan.decree_number,
        "year": str(plan.year),
        "decree_date": tanggal(plan.decree_date),
        "unit_title": unit_name,
        "targets": [
            {
                "number": str(number),
                "name": f"{components.GROUP_LABELS[c.group][0]}. {c.name}",
                "weight": f"{angka(c.weight, 2)} %",
                "targets": targets.get(c.code) or "–",
            }
            for number, c in enumerate(components.COMPONENTS, start=1)
        ],
        "socialisation_lines": [line for line in plan.socialisation.splitlines() if line.strip()],
    }


def _action_plan_context(plan: ActionPlan) -> dict:
    """Lampiran C as display strings: the rows by group, the budget and the twelve targets."""
    unit = plan.unit
    head = unit.head
    groups: list[dict[str, Any]] = []
    for _group, label, rows in rows_by_group(action_rows(plan)):
        groups.append(
            {
                "label": label,
                "rows": [
                    {
                        "component": str(row.get_component_display()),
                        "goal": row.goal,
                        "indicator": row.indicator,
                        "action": row.action,
                        "pic": row.pic_label,
                        "budget": format_number(row.budget) if row.budget is not None else "–",
                        "source": row.budget_source_label,
                        "targets": [format_number(v) for v in row.targets],
                        "last": False,
                    }
                    for row in rows
                ],
            }
        )
    filled = [group for group in groups if group["rows"]]
    if filled:  # the Word version keeps the last row with the signature
        filled[-1]["rows"][-1]["last"] = True
    return {
        "unit_name": unit.name.upper(),
        "year": str(plan.year),
        "head_title": _head_title(unit),
        "head_name": head.full_name if head else "(nama lengkap)",
        "months": [f"B{m:02d}" for m in range(1, 13)],
        "groups": groups,
    }


def _declaration_for_user(user, pk: int) -> Declaration:
    declaration = get_object_or_404(
        Declaration.objects.select_related("unit"), pk=pk, scope=Declaration.Scope.UNIT
    )
    assert declaration.unit_id is not None
    access.require(access.can_read_unit(user, declaration.unit_id))
    return declaration


def _find_declaration(unit, year: int | None) -> Declaration | None:
    found = Declaration.objects.select_related("unit").filter(
        scope=Declaration.Scope.UNIT, unit=unit
    )
    if year is not None:
        found = found.filter(declared_on__year=year)
    return found.order_by("-declared_on", "-pk").first()


def _work_plan_for_user(user, pk: int) -> WorkPlan:
    plan = get_object_or_404(WorkPlan.objects.select_related("unit", "unit__head"), pk=pk)
    access.require(access.can_read_unit(user, plan.unit_id))
    return plan


def _action_plan_for_user(user, pk: int) -> ActionPlan:
    plan = get_object_or_404(ActionPlan.objects.select_related("unit", "unit__head"), pk=pk)
    access.require(access.can_read_unit(user, plan.unit_id))
    return plan


def _find_yearly(model):
    def find(unit, year: int | None):
        found = model.objects.select_related("unit", "unit__head").filter(unit=unit)
        if year is not None:
            found = found.filter(year=year)
        return found.order_by("-year", "-pk").first()

    return find


def _demo_declaration() -> dict:
    return {
        "unit_name": "DINAS CONTOH", "head_name": "Drs. Nama Kepala, M.Si.",
        "head_title": "KEPALA DINAS CONTOH",
        "opening": "PADA HARI INI SENIN TANGGAL DELAPAN BELAS BULAN AGUSTUS TAHUN DUA RIBU DUA PULUH LIMA",
        "place_date": "KUPANG, 18 AGUSTUS 2025",
        "walikota_name": "Nama Wali Kota", "witness_inspektorat": "Nama Inspektur",
        "witness_tim_zi": "Nama Ketua Tim", "witness_masyarakat": "Nama Tokoh",
    }  # fmt: skip


def _demo_work_plan() -> dict:
    return {
        "unit_name": "DINAS CONTOH", "unit_title": "Dinas Contoh", "head_title": "KEPALA DINAS CONTOH",
        "head_name": "Drs. Nama Kepala, M.Si.", "number": "800/1/ORG/2026", "year": "2026",
        "decree_date": "5 Januari 2026",
        "targets": [{"number": "1", "name": "A. Manajemen Perubahan", "weight": "8,00 %", "targets": "–"}],
        "socialisation_lines": ["Apel pagi setiap Senin."],
    }  # fmt: skip


def _demo_action_plan() -> dict:
    row = {"component": "Manajemen Perubahan", "goal": "Tujuan", "indicator": "Indikator",
           "action": "Rencana aksi", "pic": "Nama PIC", "budget": "15.000.000", "source": "APBD",
           "targets": [str(m * 8) for m in range(1, 13)]}  # fmt: skip
    return {
        "unit_name": "DINAS CONTOH", "year": "2026", "head_title": "KEPALA DINAS CONTOH",
        "head_name": "Drs. Nama Kepala, M.Si.", "months": [f"B{m:02d}" for m in range(1, 13)],
        "groups": [{"label": "A. KOMPONEN PENGUNGKIT", "rows": [row]}],
    }  # fmt: skip


register(
    DocumentType(
        code="deklarasi", title="Lampiran A.1 — Deklarasi Pembangunan Zona Integritas",
        owner="commitment", docx_template="commitment_deklarasi.docx",
        pdf_template="documents/planning/deklarasi.html", offered_on="commitment:declaration_detail",
        what="pencanangan unit", find=_find_declaration, fetch=_declaration_for_user,
        context=_declaration_context, unit_of=lambda d: d.unit, year_of=lambda d: d.declared_on.year,
        filename=lambda d: f"deklarasi-pencanangan-zi-{d.unit.code}", demo=_demo_declaration,
    )
)  # fmt: skip
register(
    DocumentType(
        code="piagam", title="Lampiran A.2 — Piagam Pencanangan Pembangunan Zona Integritas",
        owner="commitment", docx_template="commitment_piagam.docx",
        pdf_template="documents/planning/piagam.html", offered_on="commitment:declaration_detail",
        what="pencanangan unit", find=_find_declaration, fetch=_declaration_for_user,
        context=_declaration_context, unit_of=lambda d: d.unit, year_of=lambda d: d.declared_on.year,
        filename=lambda d: f"piagam-pencanangan-zi-{d.unit.code}", demo=_demo_declaration, logo_mm=16,
    )
)  # fmt: skip
register(
    DocumentType(
        code="keputusan-rencana-kerja", title="Lampiran B — Keputusan tentang Rencana Kerja Pembangunan ZI",
        owner="planning", docx_template="planning_keputusan_rencana_kerja.docx",
        pdf_template="documents/planning/keputusan_rencana_kerja.html", offered_on="planning:work_plan",
        what="rencana kerja", find=_find_yearly(WorkPlan), fetch=_work_plan_for_user,
        context=_work_plan_context, unit_of=lambda p: p.unit, year_of=lambda p: p.year,
        filename=lambda p: f"keputusan-rencana-kerja-zi-{p.unit.code}-{p.year}", demo=_demo_work_plan,
    )
)  # fmt: skip
register(
    DocumentType(
        code="rencana-aksi", title="Lampiran C — Rencana Aksi Pembangunan Zona Integritas",
        owner="planning", docx_template="planning_lampiran_c.docx",
        pdf_template="documents/planning/lampiran_c.html", offered_on="planning:action_plan",
        what="rencana aksi", find=_find_yearly(ActionPlan), fetch=_action_plan_for_user,
        context=_action_plan_context, unit_of=lambda p: p.unit, year_of=lambda p: p.year,
        filename=lambda p: f"rencana-aksi-{p.unit.code}-{p.year}", demo=_demo_action_plan, logo_mm=16,
    )
)  # fmt: skip
