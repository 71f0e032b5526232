"""The proposal and monitoring documents as .docx (python-docx), the same content as their PDFs.

User text is added as text runs (never parsed), so nothing a user typed becomes a field or a tag.
"""

from __future__ import annotations

import io
from typing import Any

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt

from integritas.common.formatting import angka, tanggal


class Writer:
    def __init__(self, kop: dict[str, Any]) -> None:
        self.document = Document()
        section = self.document.sections[0]
        section.page_height, section.page_width = Cm(29.7), Cm(21.0)
        section.left_margin = Cm(2.5)
        section.right_margin = section.top_margin = section.bottom_margin = Cm(2.0)
        style = self.document.styles["Normal"]
        style.font.name = "Times New Roman"
        style.font.size = Pt(11)
        self._kop(kop)

    def _kop(self, kop: dict[str, Any]) -> None:
        table = self.document.add_table(rows=1, cols=2)
        logo, text = table.rows[0].cells
        logo.width, text.width = Cm(2.6), Cm(13.9)
        if kop.get("logo_bytes"):
            logo.paragraphs[0].add_run().add_picture(io.BytesIO(kop["logo_bytes"]), width=Cm(2.0))
        for index, (line, bold, size) in enumerate(
            (
                (kop["government"], True, 13),
                (kop["unit_name"], True, 14),
                (kop.get("address", ""), False, 8),
            )
        ):
            paragraph = text.paragraphs[0] if index == 0 else text.add_paragraph()
            run = paragraph.add_run(line or "")
            run.bold, run.font.size = bold, Pt(size)
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        self.para("_" * 78, align="center")

    def para(
        self,
        text: str = "",
        *,
        bold: bool = False,
        align: str | None = None,
        size: int | None = None,
    ) -> None:
        paragraph = self.document.add_paragraph()
        run = paragraph.add_run(text)
        run.bold = bold
        if size:
            run.font.size = Pt(size)
        paragraph.alignment = {
            "center": WD_ALIGN_PARAGRAPH.CENTER, "justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
            "right": WD_ALIGN_PARAGRAPH.RIGHT,
        }.get(align or "", WD_ALIGN_PARAGRAPH.LEFT)  # fmt: skip
        paragraph.paragraph_format.space_after = Pt(4)

    def table(self, header: list[str], rows: list[list[str]]) -> None:
        table = self.document.add_table(rows=1, cols=len(header))
        table.style = "Table Grid"
        for cell, text in zip(table.rows[0].cells, header, strict=True):
            cell.paragraphs[0].add_run(text).bold = True
        for row in rows:
            cells = table.add_row().cells
            for cell, text in zip(cells, row, strict=True):
                cell.paragraphs[0].add_run(text)
        self.para()

    def signature(self, lines: list[str], name: str) -> None:
        for line in lines:
            self.para(line, align="right")
        self.para("\n\n")
        self.para(name, bold=True, align="right")

    def bytes(self) -> bytes:
        out = io.BytesIO()
        self.document.save(out)
        return out.getvalue()


def cover_letter(context: dict[str, Any]) -> bytes:
    year = context["year"]
    w = Writer(context["kop"])
    w.para(f"Kupang, {context['today']}", align="right")
    for line in ("Nomor : ........................", "Sifat : Penting", "Lampiran : 1 (satu) berkas",
                 f"Perihal : Pengajuan Evaluasi Zona Integritas Menuju WBK/WBBM Tahun {year}"):  # fmt: skip
        w.para(line)
    w.para(
        "Kepada Yth. Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi c.q. Deputi Bidang Reformasi "
        "Birokrasi, Akuntabilitas Aparatur dan Pengawasan selaku penanggung jawab Tim Penilai Nasional di Jakarta"
    )
    w.para(
        "Berdasarkan hasil evaluasi Tim Penilai Internal (TPI) Pemerintah Kota Kupang sesuai Peraturan Wali Kota "
        "Kupang Nomor 23 Tahun 2025 Pasal 16, bersama ini kami mengusulkan unit kerja berikut untuk dievaluasi oleh "
        "Tim Penilai Nasional:", align="justify",
    )  # fmt: skip
    w.table(
        ["No", "Unit kerja", "Usulan predikat", "Nilai LKE (TPI)", "Keterangan"],
        [[str(i), r.unit.name, r.get_level_display(), angka(r.total, 2),
          "Afirmasi Stranas PK: syarat masih dalam pemenuhan" if r.affirmation else ""]
         for i, r in enumerate(context["items"], start=1)],
    )  # fmt: skip
    w.para(
        "Sebagai kelengkapan kami lampirkan Surat Pernyataan Tanggung Jawab Mutlak (SPTJM) instansi dan setiap unit "
        f"kerja, Lembar Kerja Evaluasi (LKE) serta data dukung, yang juga kami unggah melalui {context['portal_url']}.",
        align="justify",
    )
    w.para("Demikian disampaikan, atas perhatian dan kerja samanya kami ucapkan terima kasih.")
    w.signature(["WALI KOTA KUPANG,"], context["mayor"] or "........................")
    return w.bytes()


def sptjm_unit(context: dict[str, Any]) -> bytes:
    item, head = context["item"], context["head"]
    w = Writer(context["kop"])
    w.para("SURAT PERNYATAAN TANGGUNG JAWAB MUTLAK", bold=True, align="center")
    w.para("Nomor : ........................", align="center")
    w.para("Yang bertanda tangan di bawah ini:")
    dots = "........................"
    for label, value in (("Nama", head.full_name if head else dots), ("NIP", head.nip if head else dots),
                         ("Pangkat, Gol/ruang", (head.rank if head else "") or dots),
                         ("Jabatan", f"{(head.position if head else '') or 'Kepala'} {item.unit.name}")):  # fmt: skip
        w.para(f"{label} : {value}")
    w.para("Dengan ini menyatakan dengan sesungguhnya bahwa:")
    w.para(
        f"Seluruh data dan dokumen yang saya lampirkan dalam pengajuan {item.unit.name} untuk mendapatkan predikat "
        f"{item.get_level_display()} tahun {item.year} adalah benar adanya.", align="justify",
    )  # fmt: skip
    w.para(
        "Saya bertanggung jawab penuh atas kebenaran data dan dokumen tersebut, dan bersedia menerima sanksi sesuai "
        "dengan peraturan perundang-undangan yang berlaku jika di kemudian hari ditemukan adanya ketidakbenaran atau "
        "pemalsuan data.", align="justify",
    )  # fmt: skip
    w.para(
        "Demikian surat pernyataan ini saya buat dengan sebenar-benarnya dan penuh tanggung jawab."
    )
    w.signature(
        [f"Kupang, {context['today']}", "Kepala Perangkat Daerah/Unit Kerja", "Meterai Rp10.000"],
        head.full_name if head else dots,
    )
    return w.bytes()


def sptjm_institution(context: dict[str, Any]) -> bytes:
    w = Writer(context["kop"])
    w.para("SURAT PERNYATAAN TANGGUNG JAWAB MUTLAK", bold=True, align="center")
    w.para("Nomor : ........................", align="center")
    w.para(
        "Yang bertanda tangan di bawah ini, Wali Kota Kupang, dengan ini menyatakan dengan sesungguhnya bahwa untuk "
        f"unit kerja yang diusulkan memperoleh predikat Menuju WBK/WBBM tahun {context['year']}:", align="justify",
    )  # fmt: skip
    for number, text in enumerate((
        "unit kerja yang diusulkan telah memenuhi syarat pengusulan sebagaimana ditetapkan dalam Peraturan Menteri "
        "PANRB Nomor 5 Tahun 2024;",
        "data dukung komponen pengungkit yang disampaikan sesuai dengan kondisi yang sebenarnya; dan",
        "data dukung komponen hasil yang disampaikan sesuai dengan kondisi yang sebenarnya.",
    ), start=1):  # fmt: skip
        w.para(f"{number}. {text}", align="justify")
    w.table(["No", "Unit kerja", "Usulan predikat"],
            [[str(i), r.unit.name, r.get_level_display()] for i, r in enumerate(context["items"], start=1)])  # fmt: skip
    w.signature([f"Kupang, {context['today']}", "WALI KOTA KUPANG,", "Meterai Rp10.000"],
                context["mayor"] or "........................")  # fmt: skip
    return w.bytes()


def monitoring_letter(context: dict[str, Any]) -> bytes:
    monitoring, predicate = context["monitoring"], context["predicate"]
    w = Writer(context["kop"])
    w.para(f"Kupang, {context['today']}", align="right")
    for line in (f"Nomor : 070/......../{context['year']}", "Sifat : Penting", "Lampiran : -",
                 "Perihal : Penyampaian Hasil Monitoring Pembangunan Zona Integritas"):  # fmt: skip
        w.para(line)
    w.para(
        "Kepada Yth. Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi c.q. Tim Penilai Nasional"
    )
    w.para("Dengan hormat,")
    w.para(
        "Dalam rangka mendukung pelaksanaan reformasi birokrasi dan mewujudkan Wilayah Bebas dari Korupsi (WBK) serta "
        "Wilayah Birokrasi Bersih dan Melayani (WBBM), bersama ini kami sampaikan hasil kegiatan Monitoring dan "
        f"Evaluasi (Monev) internal terhadap pembangunan Zona Integritas (ZI) di lingkungan {predicate.unit.name} "
        f"(predikat {predicate.get_level_display()}, {predicate.decree_number}).", align="justify",
    )  # fmt: skip
    w.para(f"Hari/Tanggal : {context['done_on']}")
    w.para(f"Tempat : {predicate.unit.name}")
    w.para("Tim Pemantau : Tim Penilai Internal Pemerintah Kota Kupang")
    verdict = "masih memenuhi" if monitoring.still_meets else "tidak lagi memenuhi"
    w.para(f"Kesimpulan: unit {verdict} kriteria predikat. Catatan dan temuan utama:")
    for number, line in enumerate([x for x in context["findings"] if x.strip()], start=1):
        w.para(f"{number}. {line}")
    w.para(
        "Sehubungan dengan hal tersebut, kami mohon tindak lanjut dan perbaikan pada area yang menjadi catatan, serta "
        "peningkatan kinerja ZI secara berkelanjutan.", align="justify",
    )  # fmt: skip
    w.para("Demikian disampaikan, atas perhatian dan kerja samanya kami ucapkan terima kasih.")
    w.signature(["Ketua Tim Penilai Internal"], "........................")
    return w.bytes()


def internal_report(context: dict[str, Any]) -> bytes:
    w = Writer(context["kop"])
    w.para(
        f"LAPORAN HASIL EVALUASI INTERNAL PEMBANGUNAN ZONA INTEGRITAS TAHUN {context['year']}",
        bold=True,
        align="center",
    )
    w.para("A. Hasil evaluasi dan rekomendasi", bold=True)
    rows = []
    for i, row in enumerate(context["rows"], start=1):
        r = row["recommendation"]
        rows.append([
            str(i), row["unit"].name, angka(row["pengungkit"], 2), angka(row["hasil"], 2), angka(row["total"], 2),
            f"{r.get_outcome_display()} ({r.get_level_display()})" if r else "belum",
            r.get_decision_display() if r else "", r.get_tpn_result_display() if r else "",
        ])  # fmt: skip
    w.table(
        [
            "No",
            "Unit kerja",
            "Pengungkit",
            "Hasil",
            "Total",
            "Rekomendasi TPI",
            "Keputusan",
            "Hasil TPN",
        ],
        rows,
    )
    w.para("B. Tindak lanjut rekomendasi", bold=True)
    follow = [
        [row["unit"].name, f.action, f.responsible, tanggal(f.due_on),
         f"selesai {tanggal(f.done_on)}" if f.done_on else "berjalan"]
        for row in context["rows"] if row["recommendation"]
        for f in row["recommendation"].follow_ups.all()
    ]  # fmt: skip
    w.table(["Unit kerja", "Tindak lanjut", "Penanggung jawab", "Target", "Status"], follow)
    w.signature(
        [f"Kupang, {context['today']}", "Ketua Tim Penilai Internal"], "........................"
    )
    return w.bytes()
