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
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
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


def fixed_widths(table, widths_mm) -> None:
    """Fix a table's column widths so Word, LibreOffice and WPS keep them (no autofit).

    Sets the table width, a fixed layout, the grid columns and every cell's width: LibreOffice
    reads ``w:tblGrid``, Word reads the cells; without both a table collapses to its content.
    """
    table.autofit = False
    tbl = table._tbl
    props = tbl.tblPr
    total = sum(widths_mm)
    width = props.find(qn("w:tblW"))
    if width is None:
        width = OxmlElement("w:tblW")
        props.append(width)
    width.set(qn("w:w"), str(int(Mm(total).twips)))
    width.set(qn("w:type"), "dxa")
    layout = props.find(qn("w:tblLayout"))
    if layout is None:
        layout = OxmlElement("w:tblLayout")
        props.append(layout)
    layout.set(qn("w:type"), "fixed")
    grid = tbl.tblGrid
    for col, mm in zip(grid.findall(qn("w:gridCol")), widths_mm, strict=False):
        col.set(qn("w:w"), str(int(Mm(mm).twips)))
    for row in table.rows:
        for cell, mm in zip(row.cells, widths_mm, strict=False):
            cell.width = Mm(mm)


def bottom_rule(paragraph) -> None:
    """A double rule under the letterhead, as a paragraph border (not a line of underscores)."""
    props = paragraph._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("val", "double"), ("sz", "12"), ("space", "1"), ("color", "000000")):
        bottom.set(qn(f"w:{key}"), value)
    borders.append(bottom)
    props.append(borders)


def _letterhead(doc, *, width_mm: float = 170):
    table = doc.add_table(rows=1, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    fixed_widths(table, [26, width_mm - 26])
    logo, text = table.rows[0].cells
    logo.paragraphs[0].add_run("{{ logo }}")
    first = text.paragraphs[0]
    first.alignment = CENTER
    run = first.add_run("{{ kop.government }}")
    run.bold = True
    run.font.size = Pt(14)
    _para(text, "{{ kop.unit_name }}", bold=True, size=15, align=CENTER)
    _para(text, "{{ kop.address_line }}", size=9, align=CENTER)
    rule = _para(doc, "", after=8)
    bottom_rule(rule)


def _signature(cell, title_tag: str, name_tag: str, *, blank: int = 3):
    cell.paragraphs[0].alignment = CENTER
    cell.paragraphs[0].add_run(title_tag).bold = True
    for _ in range(blank):
        _para(cell, "", align=CENTER)
    _para(cell, name_tag, bold=True, underline=True, align=CENTER)


# Lampiran A: the fixed wording of the commitment (the unit's name is the only field)
DEKLARASI_COMMITMENT = (
    "BAHWA DALAM RANGKA MEWUJUDKAN PEMERINTAHAN YANG BERSIH DAN BEBAS DARI KORUPSI, KOLUSI DAN "
    "NEPOTISME, {{ unit_name }} SIAP MELAKSANAKAN PEMBANGUNAN ZONA INTEGRITAS MENUJU WILAYAH BEBAS "
    "DARI KORUPSI (WBK) DAN MENUJU WILAYAH BIROKRASI BERSIH DAN MELAYANI (WBBM)"
)
PIAGAM_COMMITMENT = (
    "MELAKSANAKAN PEMBANGUNAN ZONA INTEGRITAS MENUJU WILAYAH BEBAS DARI KORUPSI (WBK) DAN MENUJU "
    "WILAYAH BIROKRASI BERSIH DAN MELAYANI (WBBM) KHUSUSNYA DALAM PENCEGAHAN KORUPSI DAN "
    "PENINGKATAN KUALITAS PELAYANAN PUBLIK"
)


def build_deklarasi(path: Path) -> None:
    """Lampiran A angka 1: Deklarasi Pembangunan Zona Integritas."""
    doc = _document()
    _letterhead(doc)
    _para(doc, "DEKLARASI PEMBANGUNAN ZONA INTEGRITAS", bold=True, size=14, align=CENTER)
    _para(doc, "{% if nomor %}Nomor: {{ nomor }}{% endif %}", align=CENTER, after=10)
    _para(doc, "{{ opening }}", align=CENTER, after=10)
    _para(doc, "SAYA, {{ head_name }} SELAKU {{ head_title }}", align=CENTER)
    _para(doc, "BESERTA SELURUH PEGAWAI DI LINGKUNGAN {{ unit_name }}", align=CENTER, after=12)
    _para(doc, "BERKOMITMEN", bold=True, size=14, align=CENTER, after=12)
    _para(doc, DEKLARASI_COMMITMENT, align=CENTER, after=24)
    table = doc.add_table(rows=1, cols=2)
    fixed_widths(table, [80, 90])
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
    """Lampiran A angka 2: Piagam Pencanangan — one landscape page, witnesses included."""
    doc = _document(landscape=True)
    section = doc.sections[0]
    section.top_margin = section.bottom_margin = Mm(10)
    section.left_margin = section.right_margin = Mm(15)
    doc.styles["Normal"].font.size = Pt(11)
    doc.styles["Normal"].paragraph_format.space_after = Pt(0)
    _letterhead(doc, width_mm=267)
    _para(doc, "PIAGAM PENCANANGAN PEMBANGUNAN ZONA INTEGRITAS", bold=True, size=15, align=CENTER)
    _para(doc, "{% if nomor %}Nomor: {{ nomor }}{% endif %}", align=CENTER, size=10)
    _para(doc, "{{ opening }}", align=CENTER, after=3)
    _para(doc, "SAYA, {{ head_name }} SELAKU {{ head_title }}", align=CENTER)
    _para(doc, "BESERTA SELURUH PEGAWAI DI LINGKUNGAN {{ unit_name }}", align=CENTER, after=3)
    _para(doc, "BERKOMITMEN", bold=True, size=13, align=CENTER, after=3)
    _para(doc, PIAGAM_COMMITMENT, align=CENTER, after=4)
    _para(doc, "{{ place_date }}", align=CENTER, after=2)
    signers = doc.add_table(rows=1, cols=2)
    fixed_widths(signers, [133, 134])
    _signature(signers.rows[0].cells[0], "WALI KOTA KUPANG,", "{{ walikota_name }}", blank=2)
    _signature(signers.rows[0].cells[1], "{{ head_title }},", "{{ head_name }}", blank=2)
    _para(doc, "DISAKSIKAN OLEH :", bold=True, align=CENTER, after=2)
    witnesses = doc.add_table(rows=1, cols=3)
    fixed_widths(witnesses, [89, 89, 89])
    _signature(witnesses.rows[0].cells[0], "INSPEKTORAT,", "{{ witness_inspektorat }}", blank=2)
    _signature(
        witnesses.rows[0].cells[1],
        "TIM PEMBANGUNAN ZONA INTEGRITAS,",
        "{{ witness_tim_zi }}",
        blank=2,
    )
    _signature(witnesses.rows[0].cells[2], "UNSUR MASYARAKAT,", "{{ witness_masyarakat }}", blank=2)
    doc.save(path)


def build_keputusan(path: Path) -> None:
    """Lampiran B: Keputusan Kepala Perangkat Daerah tentang Rencana Kerja Pembangunan ZI."""
    doc = _document()
    _letterhead(doc)
    _para(doc, "KEPUTUSAN {{ head_title }}", bold=True, align=CENTER)
    _para(doc, "NOMOR {{ nomor or number }}", bold=True, align=CENTER, after=8)
    _para(doc, "TENTANG", bold=True, align=CENTER)
    _para(
        doc,
        "RENCANA KERJA PEMBANGUNAN ZONA INTEGRITAS MENUJU WBK/WBBM TAHUN {{ year }}",
        bold=True,
        align=CENTER,
        after=8,
    )
    _para(doc, "{{ head_title }},", bold=True, align=CENTER, after=8)
    table = doc.add_table(rows=0, cols=4)
    for label, colon, mark, text in MENIMBANG_MENGINGAT:
        cells = table.add_row().cells
        cells[0].paragraphs[0].add_run(label)
        cells[1].paragraphs[0].add_run(colon)
        cells[2].paragraphs[0].add_run(mark)
        cells[3].paragraphs[0].add_run(text)
        cells[3].paragraphs[0].alignment = JUSTIFY
    fixed_widths(table, [27, 4, 7, 132])
    _para(doc, "MEMUTUSKAN:", bold=True, align=CENTER, after=6)
    decide = doc.add_table(rows=0, cols=3)
    for label, text in MEMUTUSKAN:
        cells = decide.add_row().cells
        cells[0].paragraphs[0].add_run(label)
        cells[1].paragraphs[0].add_run(":")
        cells[2].paragraphs[0].add_run(text)
        cells[2].paragraphs[0].alignment = JUSTIFY
    fixed_widths(decide, [27, 4, 139])
    for cell in decide.rows[-1].cells:  # KETIGA stays on the page of the signature
        for paragraph in cell.paragraphs:
            paragraph.paragraph_format.keep_with_next = True
    sign = doc.add_table(rows=1, cols=2)
    fixed_widths(sign, [85, 85])
    _keep_row_together(sign)
    right = sign.rows[0].cells[1]
    right.paragraphs[0].add_run("Ditetapkan di Kupang")
    _para(right, "pada tanggal {{ decree_date }}")
    _para(right, "{{ head_title }},", bold=True)
    for _ in range(3):
        _para(right, "")
    _para(right, "{{ head_name }}", bold=True, underline=True)
    doc.add_page_break()
    _para(doc, "LAMPIRAN KEPUTUSAN {{ head_title }}", size=10)
    _para(doc, "NOMOR {{ nomor or number }}", size=10)
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
    fixed_widths(targets, [10, 70, 20, 70])
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
    _para(doc, ACTION_PLAN_NOTE, size=10)
    doc.save(path)


MENIMBANG_MENGINGAT = [
    ("Menimbang", ":", "a.", "bahwa berdasarkan Peraturan Wali Kota Kupang Nomor 23 Tahun 2025 "
     "tentang Pedoman Pembangunan dan Evaluasi Zona Integritas Menuju Wilayah Bebas dari Korupsi "
     "dan Wilayah Birokrasi Bersih dan Melayani di Lingkungan Pemerintah Kota Kupang, perlu "
     "disusun Dokumen Rencana Kerja Pembangunan Zona Integritas;"),
    ("", "", "b.", "bahwa berdasarkan pertimbangan sebagaimana dimaksud pada huruf a, perlu "
     "ditetapkan dengan Keputusan Kepala {{ unit_title }};"),
    ("Mengingat", ":", "1.", "Undang-Undang Nomor 28 Tahun 1999 tentang Penyelenggara Negara yang "
     "Bersih dan Bebas dari Korupsi, Kolusi, dan Nepotisme (Lembaran Negara Republik Indonesia "
     "Tahun 1999 Nomor 75, Tambahan Lembaran Negara Republik Indonesia Nomor 3851);"),
    ("", "", "2.", "Undang-Undang Nomor 23 Tahun 2014 tentang Pemerintahan Daerah (Lembaran Negara "
     "Republik Indonesia Tahun 2014 Nomor 244, Tambahan Lembaran Negara Republik Indonesia Nomor "
     "5587) sebagaimana telah beberapa kali diubah terakhir dengan Undang-Undang Nomor 9 Tahun "
     "2015 tentang Perubahan Kedua atas Undang-Undang Nomor 23 Tahun 2014 tentang Pemerintahan "
     "Daerah (Lembaran Negara Republik Indonesia Tahun 2015 Nomor 58, Tambahan Lembaran Negara "
     "Republik Indonesia Nomor 5679);"),
    ("", "", "3.", "Peraturan Wali Kota Kupang Nomor 23 Tahun 2025 tentang Pedoman Pembangunan dan "
     "Evaluasi Zona Integritas Menuju Wilayah Bebas dari Korupsi dan Wilayah Birokrasi Bersih dan "
     "Melayani di Lingkungan Pemerintah Kota Kupang (Berita Daerah Kota Kupang Tahun 2025 Nomor "
     "717);"),
]  # fmt: skip
MEMUTUSKAN = [
    ("Menetapkan", "KEPUTUSAN {{ head_title }} TENTANG RENCANA KERJA PEMBANGUNAN ZONA INTEGRITAS "
     "MENUJU WBK/WBBM TAHUN {{ year }}."),
    ("KESATU", "Menetapkan Dokumen Rencana Kerja Pembangunan Zona Integritas Menuju Wilayah Bebas "
     "dari Korupsi dan Menuju Wilayah Birokrasi Bersih dan Melayani pada {{ unit_title }} Tahun "
     "{{ year }} sebagaimana tercantum dalam Lampiran Keputusan ini."),
    ("KEDUA", "Maksud dan tujuan ditetapkannya Dokumen Rencana Kerja sebagaimana dimaksud pada "
     "Diktum KESATU adalah: 1. sebagai acuan bagi {{ unit_title }} dan pemangku kepentingan "
     "lainnya dalam membangun Zona Integritas; dan 2. memberikan keseragaman pemahaman dan "
     "tindakan dalam membangun Zona Integritas menuju WBK/WBBM di lingkungan {{ unit_title }}."),
    ("KETIGA", "Keputusan ini mulai berlaku pada tanggal ditetapkan, dengan ketentuan akan "
     "ditinjau kembali apabila diperlukan."),
]  # fmt: skip
ACTION_PLAN_NOTE = (
    "Rencana aksi dengan target capaian bulanan (Lampiran C) merupakan bagian yang tidak "
    "terpisahkan dari dokumen rencana kerja ini (Pasal 12 ayat 3)."
)


def _keep_row_together(table) -> None:
    """A signature block never splits over a page (and never starts a page alone)."""
    for row in table.rows:
        props = row._tr.get_or_add_trPr()
        props.append(OxmlElement("w:cantSplit"))


def build_lampiran_c(path: Path) -> None:
    """Lampiran C: the action plan, A4 landscape, seven columns and the twelve months B01–B12."""
    doc = _document(landscape=True)
    section = doc.sections[0]
    section.top_margin = section.bottom_margin = Mm(12)
    section.left_margin = section.right_margin = Mm(10)
    doc.styles["Normal"].font.size = Pt(10)
    _letterhead(doc, width_mm=277)
    _para(doc, "RENCANA AKSI PEMBANGUNAN ZONA INTEGRITAS", bold=True, align=CENTER)
    _para(doc, "{{ unit_name }}", bold=True, align=CENTER)
    _para(doc, "TAHUN {{ year }}", bold=True, align=CENTER)
    _para(doc, "{% if nomor %}Nomor: {{ nomor }}{% endif %}", align=CENTER, after=4)
    widths = [24, 28, 28, 40, 22, 19, 19] + [8.08] * 12
    heads = ["KOMPONEN", "TUJUAN", "INDIKATOR", "RENCANA AKSI", "PIC", "ANGGARAN (Rp)", "SUMBER"]
    table = doc.add_table(rows=1, cols=19)
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, heads + [f"B{m:02d}" for m in range(1, 13)],
                          strict=True):  # fmt: skip
        run = cell.paragraphs[0].add_run(text)
        run.bold = True
        run.font.size = Pt(7)
        cell.paragraphs[0].alignment = CENTER
    _repeat_header(table.rows[0])
    _row(table, ["{%tr for group in groups %}"])
    _row(table, ["{{ group.label }}"], bold=True)
    _row(table, ["{%tr for row in group.rows %}"])
    cells = ["{{ row.component }}", "{{ row.goal }}", "{{ row.indicator }}", "{{ row.action }}",
             "{{ row.pic }}", "{{ row.budget }}", "{{ row.source }}"]  # fmt: skip
    cells += [f"{{{{ row.targets[{m}] }}}}" for m in range(12)]
    _row(table, ["{%tr if not row.last %}"])
    _cant_split(_row(table, cells))
    _row(table, ["{%tr else %}"])
    last = _row(table, cells)  # the last row keeps with the note and the signature below
    _cant_split(last)
    for cell in last:
        for paragraph in cell.paragraphs:
            paragraph.paragraph_format.keep_with_next = True
    _row(table, ["{%tr endif %}"])
    _row(table, ["{%tr endfor %}"])
    _row(table, ["{%tr endfor %}"])
    fixed_widths(table, widths)
    note = _para(doc, "Target capaian adalah persentase kumulatif penyelesaian rencana aksi pada "
                 "akhir bulan. Anggaran bersumber dari APBD atau sumber lain yang sah dan tidak "
                 "mengikat (Pasal 18).", size=8)  # fmt: skip
    note.paragraph_format.keep_with_next = True
    sign = doc.add_table(rows=1, cols=2)
    fixed_widths(sign, [180, 97])
    _keep_row_together(sign)
    right = sign.rows[0].cells[1]
    right.paragraphs[0].add_run("{{ head_title }},").bold = True
    right.paragraphs[0].alignment = CENTER
    for _ in range(3):
        _para(right, "")
    _para(right, "{{ head_name }}", bold=True, underline=True, align=CENTER)
    doc.save(path)


def _cant_split(cells) -> None:
    cells[0]._tc.getparent().get_or_add_trPr().append(OxmlElement("w:cantSplit"))


def _repeat_header(row) -> None:
    props = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    props.append(header)


def _row(table, texts, *, bold=False):
    cells = table.add_row().cells
    if len(texts) == 1:
        merged = cells[0].merge(cells[-1])
        cells = [merged]
    for cell, text in zip(cells, texts, strict=False):
        run = cell.paragraphs[0].add_run(text)
        run.font.size = Pt(7)
        run.bold = bold
    return cells


def main() -> None:
    build_deklarasi(HERE / "commitment_deklarasi.docx")
    build_piagam(HERE / "commitment_piagam.docx")
    build_keputusan(HERE / "planning_keputusan_rencana_kerja.docx")
    build_lampiran_c(HERE / "planning_lampiran_c.docx")


if __name__ == "__main__":
    main()
