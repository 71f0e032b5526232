"""Write the .docx template of the LKE recap (evaluation_rekap.docx).

Run from the repository root: `.venv/bin/python integritas/documents/docx/evaluation_build_templates.py`.
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from docx.shared import Pt  # noqa: E402
from planning_build_templates import (  # noqa: E402
    CENTER,
    _document,
    _keep_row_together,
    _letterhead,
    _para,
    _repeat_header,
    fixed_widths,
)

HERE = Path(__file__).resolve().parent


def _grid(doc, heads, cells, widths, *, loop: str):
    table = doc.add_table(rows=1, cols=len(heads))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, heads, strict=True):
        cell.paragraphs[0].add_run(text).bold = True
    _repeat_header(table.rows[0])
    table.add_row().cells[0].paragraphs[0].add_run(f"{{%tr for {loop} %}}")
    body = table.add_row().cells
    for cell, text in zip(body, cells, strict=True):
        cell.paragraphs[0].add_run(text).font.size = Pt(9)
    table.add_row().cells[0].paragraphs[0].add_run("{%tr endfor %}")
    return table


def build_rekap(path: Path) -> None:
    doc = _document()
    doc.styles["Normal"].font.size = Pt(11)
    _letterhead(doc)
    _para(doc, "REKAPITULASI HASIL EVALUASI ZONA INTEGRITAS", bold=True, align=CENTER)
    _para(doc, "OLEH TIM PENILAI INTERNAL", bold=True, align=CENTER)
    _para(doc, "{{ unit_name }} · Tahun {{ year }}{% if revision %} · {{ revision }}{% endif %}",
          align=CENTER)  # fmt: skip
    _para(doc, "{% if nomor %}Nomor: {{ nomor }}{% endif %}", align=CENTER, after=6)
    meta = doc.add_table(rows=0, cols=2)
    for label, value in [
        ("Lembar Kerja Evaluasi", "{{ framework_title }}"),
        ("Dasar penilaian", "Peraturan Wali Kota Kupang Nomor 23 Tahun 2025 Pasal 15, 16 dan 19; "
         "{{ regulation }}"),
        ("Difinalkan", "{{ finalised_name }}, {{ finalised_on }}"),
        ("Tim penilai", "{{ reviewers }}"),
    ]:  # fmt: skip
        cells = meta.add_row().cells
        cells[0].paragraphs[0].add_run(label)
        cells[1].paragraphs[0].add_run(value)
    fixed_widths(meta, [50, 120])
    _para(doc, "A. Nilai", bold=True)
    areas = _grid(doc, ["Komponen", "Bobot", "Penilaian mandiri", "Penilaian TPI"],
                  ["{{ a.name }}", "{{ a.weight }}", "{{ a.self }}", "{{ a.tpi }}"],
                  [80, 25, 32, 33], loop="a in areas")  # fmt: skip
    for label, key in [("Pengungkit", "pengungkit"), ("Hasil", "hasil"), ("Nilai total", "total")]:
        cells = areas.add_row().cells
        cells[0].paragraphs[0].add_run(label).bold = True
        cells[2].paragraphs[0].add_run(f"{{{{ totals.self.{key} }}}}")
        cells[3].paragraphs[0].add_run(f"{{{{ totals.tpi.{key} }}}}")
    fixed_widths(areas, [80, 25, 32, 33])
    _para(doc, "")
    comps = _grid(doc, ["Komponen hasil", "Bobot", "Nilai TPI"],
                  ["{{ c.name }}", "{{ c.weight }}", "{{ c.points }}"], [100, 35, 35],
                  loop="c in components")  # fmt: skip
    fixed_widths(comps, [100, 35, 35])
    _para(doc, "B. Syarat pengusulan WBK/WBBM", bold=True)
    _para(doc, "{%p for v in verdicts %}")
    _para(doc, "{{ v.title }} — {{ v.basis }}", bold=True)
    _para(doc, "{%p for p in v.predicates %}")
    # the verdicts keep with the signature below: it never stands alone on a page
    _para(doc, "{{ p.name }}: {{ p.status }}. {{ p.notes }}").paragraph_format.keep_with_next = True
    _para(doc, "{%p endfor %}")
    _para(doc, "{%p endfor %}")
    sign = doc.add_table(rows=1, cols=2)
    fixed_widths(sign, [85, 85])
    _keep_row_together(sign)
    right = sign.rows[0].cells[1]
    right.paragraphs[0].add_run("Kupang, {{ finalised_on }}")
    right.paragraphs[0].alignment = CENTER
    _para(right, "Ketua Tim Penilai Internal", align=CENTER)
    for _ in range(3):
        _para(right, "")
    _para(right, "{{ finalised_name }}", bold=True, align=CENTER)
    doc.add_page_break()
    _para(doc, "Lampiran: jawaban per pertanyaan dan data dukung", bold=True)
    answers = _grid(doc, ["Kode", "Mandiri", "TPI", "Nilai TPI", "Data dukung"],
                    ["{{ q.code }}", "{{ q.self }}", "{{ q.tpi }}", "{{ q.value }}",
                     "{{ q.evidence }}"], [18, 32, 32, 20, 68], loop="q in questions")  # fmt: skip
    fixed_widths(answers, [18, 32, 32, 20, 68])
    doc.save(path)


if __name__ == "__main__":
    build_rekap(HERE / "evaluation_rekap.docx")
