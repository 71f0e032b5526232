"""Lampiran A (Deklarasi, Piagam Pencanangan), B (Keputusan rencana kerja) and C (rencana aksi)."""

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import path

from integritas.accounts import access
from integritas.commitment.models import Declaration, DeclarationWitness
from integritas.commitment.selectors import city_declaration
from integritas.common.formatting import BULAN, angka, tanggal
from integritas.documents.render import (
    DOCX_MIME,
    PDF_MIME,
    file_response,
    letterhead,
    render_docx,
    render_pdf,
)
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


def _kop_context(unit) -> tuple[dict, dict]:
    kop = letterhead(unit)
    parts = [kop["address"]]
    if kop["phone"]:
        parts.append(f"Telp. {kop['phone']}")
    if kop["email"]:
        parts.append(f"Surel: {kop['email']}")
    if kop["website"]:
        parts.append(kop["website"])
    kop["address_line"] = " · ".join(p for p in parts if p)
    images = {"logo": (kop["logo_bytes"], 22)} if kop.get("logo_bytes") else {}
    return kop, images


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
        "commitment_text": (
            "BAHWA DALAM RANGKA MEWUJUDKAN PEMERINTAHAN YANG BERSIH DAN BEBAS DARI KORUPSI, "
            f"KOLUSI DAN NEPOTISME, {unit_name} SIAP MELAKSANAKAN PEMBANGUNAN ZONA INTEGRITAS "
            "MENUJU WILAYAH BEBAS DARI KORUPSI (WBK) DAN MENUJU WILAYAH BIROKRASI BERSIH DAN "
            "MELAYANI (WBBM)"
        ),
        "piagam_text": (
            "MELAKSANAKAN PEMBANGUNAN ZONA INTEGRITAS MENUJU WILAYAH BEBAS DARI KORUPSI (WBK) "
            "DAN MENUJU WILAYAH BIROKRASI BERSIH DAN MELAYANI (WBBM) KHUSUSNYA DALAM PENCEGAHAN "
            "KORUPSI DAN PENINGKATAN KUALITAS PELAYANAN PUBLIK"
        ),
        "walikota_name": city.head_name if city else blank,
        "witness_inspektorat": ", ".join(names.get(DeclarationWitness.Role.INSPEKTORAT, [])) or blank,
        "witness_tim_zi": ", ".join(names.get(DeclarationWitness.Role.TIM_ZI, [])) or blank,
        "witness_masyarakat": ", ".join(names.get(DeclarationWitness.Role.MASYARAKAT, [])) or blank,
    }  # fmt: skip


def declaration_doc(request, pk: int, kind: str, fmt: str):
    """Lampiran A: the Deklarasi or the Piagam Pencanangan of a unit, as PDF or .docx."""
    if kind not in ("deklarasi", "piagam") or fmt not in ("pdf", "docx"):
        raise Http404
    declaration = get_object_or_404(
        Declaration.objects.select_related("unit"), pk=pk, scope=Declaration.Scope.UNIT
    )
    unit = declaration.unit
    assert unit is not None
    access.require(access.can_read_unit(request.user, unit.pk))
    context = _declaration_context(declaration)
    kop, images = _kop_context(unit)
    filename = f"{kind}-pencanangan-zi-{unit.code}"
    if fmt == "pdf":
        data = render_pdf(f"documents/planning/{kind}.html", {**context, "kop": kop})
        return file_response(data, filename=f"{filename}.pdf", content_type=PDF_MIME, inline=True)
    data = render_docx(f"commitment_{kind}.docx", {**context, "kop": kop}, images=images)
    return file_response(data, filename=f"{filename}.docx", content_type=DOCX_MIME)


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
        "year": plan.year,
        "decree_date": tanggal(plan.decree_date),
        "menimbang_a": (
            "a. bahwa berdasarkan Peraturan Wali Kota Kupang Nomor 23 Tahun 2025 tentang Pedoman "
            "Pembangunan dan Evaluasi Zona Integritas Menuju Wilayah Bebas dari Korupsi dan "
            "Wilayah Birokrasi Bersih dan Melayani di Lingkungan Pemerintah Kota Kupang, perlu "
            "disusun Dokumen Rencana Kerja Pembangunan Zona Integritas;"
        ),
        "menimbang_b": (
            "b. bahwa berdasarkan pertimbangan sebagaimana dimaksud pada huruf a, perlu "
            f"ditetapkan dengan Keputusan Kepala {unit_name};"
        ),
        "mengingat_1": (
            "1. Undang-Undang Nomor 28 Tahun 1999 tentang Penyelenggara Negara yang Bersih dan "
            "Bebas dari Korupsi, Kolusi, dan Nepotisme (Lembaran Negara Republik Indonesia Tahun "
            "1999 Nomor 75, Tambahan Lembaran Negara Republik Indonesia Nomor 3851);"
        ),
        "mengingat_2": (
            "2. Undang-Undang Nomor 23 Tahun 2014 tentang Pemerintahan Daerah (Lembaran Negara "
            "Republik Indonesia Tahun 2014 Nomor 244, Tambahan Lembaran Negara Republik Indonesia "
            "Nomor 5587) sebagaimana telah beberapa kali diubah terakhir dengan Undang-Undang "
            "Nomor 9 Tahun 2015 tentang Perubahan Kedua atas Undang-Undang Nomor 23 Tahun 2014 "
            "tentang Pemerintahan Daerah (Lembaran Negara Republik Indonesia Tahun 2015 Nomor 58, "
            "Tambahan Lembaran Negara Republik Indonesia Nomor 5679);"
        ),
        "mengingat_3": (
            "3. Peraturan Wali Kota Kupang Nomor 23 Tahun 2025 tentang Pedoman Pembangunan dan "
            "Evaluasi Zona Integritas Menuju Wilayah Bebas dari Korupsi dan Wilayah Birokrasi "
            "Bersih dan Melayani di Lingkungan Pemerintah Kota Kupang (Berita Daerah Kota Kupang "
            "Tahun 2025 Nomor 717);"
        ),
        "kesatu": (
            "Menetapkan Dokumen Rencana Kerja Pembangunan Zona Integritas Menuju Wilayah Bebas "
            "dari Korupsi dan Menuju Wilayah Birokrasi Bersih dan Melayani pada "
            f"{unit_name} Tahun {plan.year} sebagaimana tercantum dalam Lampiran Keputusan ini."
        ),
        "kedua": (
            "Maksud dan tujuan ditetapkannya Dokumen Rencana Kerja sebagaimana dimaksud pada "
            f"Diktum KESATU adalah: 1. sebagai acuan bagi {unit_name} dan pemangku kepentingan "
            "lainnya dalam membangun Zona Integritas; dan 2. memberikan keseragaman pemahaman dan "
            f"tindakan dalam membangun Zona Integritas menuju WBK/WBBM di lingkungan {unit_name}."
        ),
        "ketiga": (
            "Keputusan ini mulai berlaku pada tanggal ditetapkan, dengan ketentuan akan ditinjau "
            "kembali apabila diperlukan."
        ),
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
        "action_plan_note": (
            "Rencana aksi dengan target capaian bulanan (Lampiran C) merupakan bagian yang tidak "
            "terpisahkan dari dokumen rencana kerja ini (Pasal 12 ayat 3)."
        ),
    }


def workplan_decree(request, pk: int, fmt: str):
    """Lampiran B: the unit head's decree setting the work plan, as PDF or .docx."""
    if fmt not in ("pdf", "docx"):
        raise Http404
    plan = get_object_or_404(WorkPlan.objects.select_related("unit", "unit__head"), pk=pk)
    access.require(access.can_read_unit(request.user, plan.unit_id))
    context = _work_plan_context(plan)
    kop, images = _kop_context(plan.unit)
    filename = f"keputusan-rencana-kerja-zi-{plan.unit.code}-{plan.year}"
    if fmt == "pdf":
        data = render_pdf(
            "documents/planning/keputusan_rencana_kerja.html", {**context, "kop": kop}
        )
        return file_response(data, filename=f"{filename}.pdf", content_type=PDF_MIME, inline=True)
    data = render_docx(
        "planning_keputusan_rencana_kerja.docx", {**context, "kop": kop}, images=images
    )
    return file_response(data, filename=f"{filename}.docx", content_type=DOCX_MIME)


def actionplan_pdf(request, pk: int):
    """Lampiran C: the action plan with its monthly targets, A4 landscape."""
    plan = get_object_or_404(ActionPlan.objects.select_related("unit", "unit__head"), pk=pk)
    access.require(access.can_read_unit(request.user, plan.unit_id))
    rows = list(action_rows(plan))
    kop, _images = _kop_context(plan.unit)
    data = render_pdf(
        "documents/planning/lampiran_c.html",
        {"plan": plan, "groups": rows_by_group(rows), "kop": kop,
         "head": plan.unit.head, "months": [f"B{m:02d}" for m in range(1, 13)]},
    )  # fmt: skip
    return file_response(
        data, filename=f"rencana-aksi-{plan.unit.code}-{plan.year}.pdf", content_type=PDF_MIME,
        inline=True,
    )  # fmt: skip


urlpatterns = [
    path("pencanangan/<int:pk>/<str:kind>.<str:fmt>", declaration_doc, name="declaration_doc"),
    path("rencana-kerja/<int:pk>/keputusan.<str:fmt>", workplan_decree, name="workplan_decree"),
    path("rencana-aksi/<int:pk>/lampiran-c.pdf", actionplan_pdf, name="actionplan_pdf"),
]
