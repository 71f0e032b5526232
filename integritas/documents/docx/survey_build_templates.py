"""Write the survey .docx templates (docxtpl) with python-docx.

Run from the repository root: ``.venv/bin/python integritas/documents/docx/survey_build_templates.py``.
Every Jinja tag is written as one run; each ``{%tr %}`` tag sits alone in its table row.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from planning_build_templates import _keep_row_together, bottom_rule, fixed_widths

CONTENT_MM = 165  # A4 minus the 2,5 cm and 2 cm margins
WIDE_FIELDS = ("name", "label", "action", "responsible", "timeline")

HERE = Path(__file__).resolve().parent


def _base() -> DocxDocument:
    document = Document()
    section = document.sections[0]
    section.page_height, section.page_width = Cm(29.7), Cm(21.0)
    section.left_margin = Cm(2.5)
    section.right_margin = section.top_margin = section.bottom_margin = Cm(2.0)
    style = document.styles["Normal"]
    style.font.name = "Times New Roman"
    style.font.size = Pt(11)
    style.element.rPr.rFonts.set(qn("w:eastAsia"), "Times New Roman")
    return document


def _para(document, text: str = "", *, bold=False, size=None, align=None, space_after=4):
    paragraph = document.add_paragraph()
    if text:
        run = paragraph.add_run(text)
        run.bold = bold
        if size:
            run.font.size = Pt(size)
    if align == "center":
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    elif align == "justify":
        paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    paragraph.paragraph_format.space_after = Pt(space_after)
    return paragraph


def _runs(document, parts: list[tuple[str, bool]], *, align=None):
    paragraph = document.add_paragraph()
    for text, bold in parts:
        paragraph.add_run(text).bold = bold
    if align == "justify":
        paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    paragraph.paragraph_format.space_after = Pt(4)
    return paragraph


def _cell(cell, text: str, *, bold=False, align=None, size=10):
    cell.text = ""
    paragraph = cell.paragraphs[0]
    run = paragraph.add_run(text)
    run.bold = bold
    run.font.size = Pt(size)
    if align == "right":
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    elif align == "center":
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER


def _shade(cell, fill="E9ECEF"):
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill)
    cell._tc.get_or_add_tcPr().append(shading)


def _loop_table(document, headers, fields, loop: str, *, aligns=None, total=None):
    """A bordered table: header, a {%tr for %} row, the data row, a {%tr endfor %} row."""
    aligns = aligns or [None] * len(headers)
    table = document.add_table(rows=0, cols=len(headers))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    row = table.add_row().cells
    for cell, header in zip(row, headers, strict=True):
        _cell(cell, header, bold=True, align="center")
        _shade(cell)
    _cell(table.add_row().cells[0], "{%tr for " + loop + " %}")
    row = table.add_row().cells
    for cell, field, align in zip(row, fields, aligns, strict=True):
        _cell(cell, "{{ " + field + " }}", align=align)
    _cell(table.add_row().cells[0], "{%tr endfor %}")
    if total:
        row = table.add_row().cells
        for cell, text, align in zip(row, total, aligns, strict=True):
            _cell(cell, text, bold=True, align=align)
    weights = [
        3.2 if any(w in f for w in WIDE_FIELDS) else max(1.0, len(h) / 6)
        for f, h in zip(fields, headers, strict=True)
    ]
    unit = CONTENT_MM / sum(weights)
    fixed_widths(table, [w * unit for w in weights])
    _para(document, space_after=2)
    return table


def skm_report() -> DocxDocument:
    document = _base()
    kop = document.add_table(rows=1, cols=2)
    kop.alignment = WD_TABLE_ALIGNMENT.CENTER
    fixed_widths(kop, [24, 141])
    logo, text = kop.rows[0].cells
    _cell(logo, "{{ logo }}")
    _cell(text, "{{ kop.government }}", bold=True, align="center", size=13)
    for line, bold, size in (
        ("{{ kop.unit_name }}", True, 14),
        ("{{ kop.address_line }}", False, 8),
    ):
        paragraph = text.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = paragraph.add_run(line)
        run.bold, run.font.size = bold, Pt(size)
    bottom_rule(_para(document, space_after=8))

    _para(document, "{{ title }}", bold=True, size=13, align="center", space_after=2)
    _para(document, "{{ unit_name }}", bold=True, align="center", space_after=2)
    _para(document, "{{ period }} ({{ start }} – {{ end }})", align="center")
    _para(document, "{{ status_note }}", bold=True)

    _para(document, "I. PENDAHULUAN", bold=True)
    _runs(
        document,
        [
            ("Survei Kepuasan Masyarakat (SKM) dilaksanakan berdasarkan ", False),
            ("{{ regulation }}", False),
            (
                " tentang Pedoman Penyusunan Survei Kepuasan Masyarakat Unit Penyelenggara "
                "Pelayanan Publik, untuk mengetahui tingkat kepuasan penerima layanan terhadap "
                "sembilan unsur pelayanan dan sebagai bahan perbaikan kualitas pelayanan publik.",
                False,
            ),
        ],
        align="justify",
    )

    _para(document, "II. PENGUMPULAN DATA", bold=True)
    _runs(
        document,
        [
            ("Data dikumpulkan melalui kuesioner elektronik (tautan dan kode QR) serta kuesioner "
             "kertas yang dimasukkan petugas, pada ", False),
            ("{{ start }}", False), (" sampai dengan ", False), ("{{ end }}", False),
            (". Jumlah sampel minimal per jenis layanan ditetapkan dengan ", False),
            ("{{ sample_method }}", False),
            ("; jawaban yang mencurigakan ditinjau sebelum dihitung.", False),
        ],
        align="justify",
    )  # fmt: skip
    _loop_table(
        document,
        ["Jenis layanan", "Populasi", "Target sampel", "Responden", "IKM", "Mutu"],
        ["s.name", "s.population", "s.target", "s.respondents", "s.ikm", "s.mutu"],
        "s in services",
        aligns=[None, "right", "right", "right", "right", "center"],
        total=[
            "Jumlah",
            "{{ population }}",
            "{{ target }}",
            "{{ respondents }}",
            "{{ ikm }}",
            "{{ mutu }}",
        ],
    )
    _para(document, "{%p for w in warnings %}")
    _para(document, "{{ w }}")
    _para(document, "{%p endfor %}")

    _para(document, "III. HASIL PENGOLAHAN DATA", bold=True)
    _runs(
        document, [("A. Profil responden (", True), ("{{ respondents }}", True), (" orang)", True)]
    )
    _para(document, "{%p for section in profile %}")
    _loop_table(
        document,
        ["{{ section.label }}", "Jumlah", "%"],
        ["row.label", "row.n", "row.percent"],
        "row in section.rows",
        aligns=[None, "right", "right"],
    )
    _para(document, "{%p endfor %}")
    _para(document, "B. Nilai rata-rata (NRR) per unsur", bold=True)
    _loop_table(
        document,
        ["Kode", "Unsur pelayanan", "Jawaban", "NRR", "Bobot", "NRR tertimbang", "Mutu unsur"],
        [
            "item.code",
            "item.name",
            "item.count",
            "item.nrr",
            "item.weight",
            "item.weighted",
            "item.mutu",
        ],
        "item in items",
        aligns=[None, None, "right", "right", "right", "right", "center"],
        total=["", "Nilai interval (Σ NRR tertimbang)", "", "", "", "{{ interval }}", ""],
    )
    _runs(
        document,
        [("Indeks Kepuasan Masyarakat (IKM = nilai interval × 25): ", False), ("{{ ikm }}", True)],
    )
    _runs(
        document,
        [
            ("Mutu pelayanan: ", False),
            ("{{ mutu }}", True),
            (" — kinerja unit pelayanan: ", False),
            ("{{ kinerja }}", True),
        ],
    )
    _runs(document, [("Selang kepercayaan 95 % untuk IKM: ", False), ("{{ ci }}", False)])
    _para(
        document,
        "Klasifikasi PermenPANRB 14/2017: A (Sangat Baik) 88,31–100; B (Baik) 76,61–88,30; "
        "C (Kurang Baik) 65,00–76,60; D (Tidak Baik) 25,00–64,99.",
        size=9,
    )

    _para(document, "IV. ANALISIS DAN RENCANA TINDAK LANJUT", bold=True)
    _runs(
        document,
        [
            ("Unsur dengan nilai terendah: ", False),
            ('{{ weakest|join("; ") }}', False),
            (".", False),
        ],
    )
    _runs(
        document,
        [
            ("Unsur dengan nilai tertinggi: ", False),
            ('{{ strongest|join("; ") }}', False),
            (".", False),
        ],
    )
    _para(document, "{{ analysis }}", align="justify")
    _loop_table(
        document,
        ["Unsur", "Program/kegiatan", "Waktu", "Penanggung jawab"],
        ["f.code", "f.action", "f.timeline", "f.responsible"],
        "f in follow_ups",
    )

    _para(document, "V. KESIMPULAN", bold=True).paragraph_format.keep_with_next = True
    conclusion = _runs(
        document,
        [("Indeks Kepuasan Masyarakat ", False), ("{{ unit_name }}", False), (" ", False),
         ("{{ period }}", False), (" adalah ", False), ("{{ ikm }}", True),
         (" dengan mutu pelayanan ", False), ("{{ mutu }}", True), (" (", False),
         ("{{ kinerja }}", False), ("), dari ", False), ("{{ respondents }}", False),
         (" responden.", False)],
        align="justify",
    )  # fmt: skip
    conclusion.paragraph_format.keep_with_next = True  # the signature never stands alone

    signature = document.add_table(rows=1, cols=2)
    fixed_widths(signature, [75, 90])
    _keep_row_together(signature)
    cell = signature.rows[0].cells[1]
    _cell(cell, "{{ place_date }}", align="center", size=11)
    for line, bold in (("{{ head_title }}", False), ("", False), ("", False), ("", False),
                       ("{{ head_name }}", True), ("NIP {{ head_nip }}", False)):  # fmt: skip
        paragraph = cell.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        if line:
            paragraph.add_run(line).bold = bold
    return document


def main() -> None:
    skm_report().save(str(HERE / "skm_report.docx"))
    print(f"wrote {HERE / 'skm_report.docx'}")


if __name__ == "__main__":
    main()
