"""Write the .docx templates of Lampiran A and B (commitment_*.docx, planning_*.docx).

Run from the repository root: `.venv/bin/python integritas/documents/docx/planning_build_templates.py`.
Every Jinja tag is written in one run, and each `{%tr %}` / `{%p %}` tag sits alone in its row or
paragraph, so docxtpl can render the files.
"""

from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Mm, Pt

HERE = Path(__file__).resolve().parent
CENTER = WD_ALIGN_PARAGRAPH.CENTER
JUSTIFY = WD_ALIGN_PARAGRAPH.JUSTIFY


def _document(*, landscape: bool = False):
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = Mm(297), Mm(210)
    section.top_margin = section.bottom_margin = Mm(18)
    section.left_margin, section.right_margin = Mm(22), Mm(18)
    style = doc.styles["Normal"]
    style.font.name = "Times New Roman"
    style.font.size = Pt(12)
    style.paragraph_format.space_after = Pt(2)
    return doc


def _para(doc_or_cell, text="", *, bold=False, size=None, align=None, underline=False, after=None):
    paragraph = doc_or_cell.add_paragraph()
    if text:
        run = paragraph.add_run(text)
        run.bold = bold
        run.underline = underline
        if size:
            run.font.size = Pt(size)
    if align is not None:
        paragraph.alignment = align
    if after is not None:
        paragraph.paragraph_format.space_after = Pt(after)
    return paragraph


def _letterhead(doc):
    table = doc.add_table(rows=1, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    logo, text = table.rows[0].cells
    logo.width, text.width = Mm(28), Mm(142)
    logo.paragraphs[0].add_run("{{ logo }}")
    first = text.paragraphs[0]
    first.alignment = CENTER
    run = first.add_run("{{ kop.government }}")
    run.bold = True
    run.font.size = Pt(14)
    _para(text, "{{ kop.unit_name }}", bold=True, size=15, align=CENTER)
    _para(text, "{{ kop.address_line }}", size=9, align=CENTER)
    _para(doc, "_" * 78, align=CENTER, after=8)


def _signature(cell, title_tag: str, name_tag: str):
    cell.paragraphs[0].alignment = CENTER
    cell.paragraphs[0].add_run(title_tag).bold = True
    for _ in range(3):
        _para(cell, "", align=CENTER)
    _para(cell, name_tag, bold=True, underline=True, align=CENTER)


def build_deklarasi(path: Path) -> None:
    """Lampiran A angka 1: Deklarasi Pembangunan Zona Integritas."""
    doc = _document()
    _letterhead(doc)
    _para(doc, "DEKLARASI PEMBANGUNAN ZONA INTEGRITAS", bold=True, size=14, align=CENTER, after=12)
    _para(doc, "{{ opening }}", align=CENTER, after=10)
    _para(doc, "SAYA, {{ head_name }} SELAKU {{ head_title }}", align=CENTER)
    _para(doc, "BESERTA SELURUH PEGAWAI DI LINGKUNGAN {{ unit_name }}", align=CENTER, after=12)
    _para(doc, "BERKOMITMEN", bold=True, size=14, align=CENTER, after=12)
    _para(doc, "{{ commitment_text }}", align=CENTER, after=24)
    table = doc.add_table(rows=1, cols=2)
    left, right = table.rows[0].cells
    _para(left, "")
    right.paragraphs[0].alignment = CENTER
    right.paragraphs[0].add_run("{{ place_date }}")
    _para(right, "{{ head_title }},", bold=True, align=CENTER)
    for _ in range(3):
        _para(right, "", align=CENTER)
    _para(right, "{{ head_name }}", bold=True, underline=True, align=CENTER)
    doc.save(path)


def build_piagam(path: Path) -> None:
    """Lampiran A angka 2: Piagam Pencanangan Pembangunan Zona Integritas."""
    doc = _document(landscape=True)
    _letterhead(doc)
    _para(doc, "PIAGAM PENCANANGAN PEMBANGUNAN ZONA INTEGRITAS", bold=True, size=16, align=CENTER)
    _para(doc, "{{ opening }}", align=CENTER, after=6)
    _para(doc, "SAYA, {{ head_name }} SELAKU {{ head_title }}", align=CENTER)
    _para(doc, "BESERTA SELURUH PEGAWAI DI LINGKUNGAN {{ unit_name }}", align=CENTER, after=6)
    _para(doc, "BERKOMITMEN", bold=True, size=14, align=CENTER, after=6)
    _para(doc, "{{ piagam_text }}", align=CENTER, after=10)
    _para(doc, "{{ place_date }}", align=CENTER, after=6)
    signers = doc.add_table(rows=1, cols=2)
    _signature(signers.rows[0].cells[0], "WALI KOTA KUPANG,", "{{ walikota_name }}")
    _signature(signers.rows[0].cells[1], "{{ head_title }},", "{{ head_name }}")
    _para(doc, "DISAKSIKAN OLEH :", bold=True, align=CENTER, after=4)
    witnesses = doc.add_table(rows=1, cols=3)
    _signature(witnesses.rows[0].cells[0], "INSPEKTORAT,", "{{ witness_inspektorat }}")
    _signature(
        witnesses.rows[0].cells[1], "TIM PEMBANGUNAN ZONA INTEGRITAS,", "{{ witness_tim_zi }}"
    )
    _signature(witnesses.rows[0].cells[2], "UNSUR MASYARAKAT,", "{{ witness_masyarakat }}")
    doc.save(path)


def build_keputusan(path: Path) -> None:
    """Lampiran B: Keputusan Kepala Perangkat Daerah tentang Rencana Kerja Pembangunan ZI."""
    doc = _document()
    _letterhead(doc)
    _para(doc, "KEPUTUSAN {{ head_title }}", bold=True, align=CENTER)
    _para(doc, "NOMOR {{ number }}", bold=True, align=CENTER, after=8)
    _para(doc, "TENTANG", bold=True, align=CENTER)
    _para(
        doc,
        "RENCANA KERJA PEMBANGUNAN ZONA INTEGRITAS MENUJU WBK/WBBM TAHUN {{ year }}",
        bold=True,
        align=CENTER,
        after=8,
    )
    _para(doc, "{{ head_title }},", bold=True, align=CENTER, after=8)
    table = doc.add_table(rows=0, cols=3)
    rows = [
        ("Menimbang", ":", "{{ menimbang_a }}"),
        ("", "", "{{ menimbang_b }}"),
        ("Mengingat", ":", "{{ mengingat_1 }}"),
        ("", "", "{{ mengingat_2 }}"),
        ("", "", "{{ mengingat_3 }}"),
    ]
    for label, colon, text in rows:
        cells = table.add_row().cells
        cells[0].width, cells[1].width, cells[2].width = Mm(30), Mm(5), Mm(135)
        cells[0].paragraphs[0].add_run(label)
        cells[1].paragraphs[0].add_run(colon)
        cells[2].paragraphs[0].add_run(text)
        cells[2].paragraphs[0].alignment = JUSTIFY
    _para(doc, "MEMUTUSKAN:", bold=True, align=CENTER, after=6)
    decide = doc.add_table(rows=0, cols=3)
    for label, text in [
        ("Menetapkan", ""),
        ("KESATU", "{{ kesatu }}"),
        ("KEDUA", "{{ kedua }}"),
        ("KETIGA", "{{ ketiga }}"),
    ]:
        cells = decide.add_row().cells
        cells[0].width, cells[1].width, cells[2].width = Mm(30), Mm(5), Mm(135)
        cells[0].paragraphs[0].add_run(label)
        cells[1].paragraphs[0].add_run(":")
        cells[2].paragraphs[0].add_run(text)
        cells[2].paragraphs[0].alignment = JUSTIFY
    sign = doc.add_table(rows=1, cols=2)
    right = sign.rows[0].cells[1]
    right.paragraphs[0].add_run("Ditetapkan di Kupang")
    _para(right, "pada tanggal {{ decree_date }}")
    _para(right, "{{ head_title }},", bold=True)
    for _ in range(3):
        _para(right, "")
    _para(right, "{{ head_name }}", bold=True, underline=True)
    doc.add_page_break()
    _para(doc, "LAMPIRAN KEPUTUSAN {{ head_title }}", size=10)
    _para(doc, "NOMOR {{ number }}", size=10)
    _para(doc, "TANGGAL {{ decree_date }}", size=10, after=8)
    _para(
        doc,
        "DOKUMEN RENCANA KERJA PEMBANGUNAN ZONA INTEGRITAS TAHUN {{ year }}",
        bold=True,
        align=CENTER,
        after=8,
    )
    targets = doc.add_table(rows=1, cols=4)
    targets.style = "Table Grid"
    for cell, text in zip(
        targets.rows[0].cells,
        ["No", "Komponen (Pasal 11 ayat 6–8)", "Bobot", "Target prioritas"],
        strict=True,
    ):
        cell.paragraphs[0].add_run(text).bold = True
    loop_open = targets.add_row().cells
    loop_open[0].paragraphs[0].add_run("{%tr for t in targets %}")
    body = targets.add_row().cells
    body[0].paragraphs[0].add_run("{{ t.number }}")
    body[1].paragraphs[0].add_run("{{ t.name }}")
    body[2].paragraphs[0].add_run("{{ t.weight }}")
    body[3].paragraphs[0].add_run("{{ t.targets }}")
    loop_close = targets.add_row().cells
    loop_close[0].paragraphs[0].add_run("{%tr endfor %}")
    _para(doc, "")
    _para(doc, "Sosialisasi pembangunan ZI (Pasal 11 ayat 5):", bold=True)
    _para(doc, "{%p for line in socialisation_lines %}")
    _para(doc, "{{ line }}", align=JUSTIFY)
    _para(doc, "{%p endfor %}")
    _para(doc, "")
    _para(doc, "{{ action_plan_note }}", size=10)
    doc.save(path)


def main() -> None:
    build_deklarasi(HERE / "commitment_deklarasi.docx")
    build_piagam(HERE / "commitment_piagam.docx")
    build_keputusan(HERE / "planning_keputusan_rencana_kerja.docx")


if __name__ == "__main__":
    main()
