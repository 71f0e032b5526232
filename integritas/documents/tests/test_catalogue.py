"""Every catalogue type renders in both formats from the owning app's data: in the page, from
the download view and from ``integritas documents`` (exit codes and messages exactly)."""

import io
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from django.urls import reverse
from docx import Document

from integritas.documents import catalogue
from integritas.documents.tests.sources import EXPECTED

pytestmark = pytest.mark.django_db
needs_poppler = pytest.mark.skipif(not shutil.which("pdftotext"), reason="pdftotext not installed")


def pdf_text(data: bytes) -> str:
    out = subprocess.run(["pdftotext", "-layout", "-", "-"], input=data, capture_output=True,
                         check=True).stdout  # fmt: skip
    return " ".join(out.decode().split())


def docx_text(data: bytes) -> str:
    document = Document(io.BytesIO(data))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return " ".join(" ".join(parts).split())


def test_the_catalogue_lists_the_six_documents_with_their_templates():
    codes = [t.code for t in catalogue.all_types()]
    assert codes[:6] == ["deklarasi", "piagam", "keputusan-rencana-kerja", "rencana-aksi",
                         "laporan-skm", "rekap-lke"]  # fmt: skip
    for doc_type in catalogue.all_types():
        assert (Path(catalogue.__file__).parent / "docx" / doc_type.docx_template).exists()
        from django.urls import get_resolver

        app, name = doc_type.offered_on.split(":")
        assert name in get_resolver().namespace_dict[app][1].reverse_dict, doc_type.offered_on


@needs_poppler
def test_every_type_renders_both_formats_with_the_filled_fields(world, client_for, all_sources):
    client = client_for(world.head_a)
    for code, obj in all_sources.items():
        for fmt in ("docx", "pdf"):
            # the LKE recap is addressed by its assessment (as the score page links it)
            pk = obj.assessment_id if code == "rekap-lke" else obj.pk
            response = client.get(reverse("documents:download", args=[code, pk, fmt]))
            assert response.status_code == 200, (code, fmt)
            text = pdf_text(response.content) if fmt == "pdf" else docx_text(response.content)
            for expected in EXPECTED[code]:
                assert expected.upper() in text.upper(), (code, fmt, expected)
            assert "{{" not in text and "{%" not in text
            assert "Integritas ·" not in text  # no software footer


def test_another_units_employee_gets_no_document(world, client_for, all_sources):
    plan = all_sources["rencana-aksi"]
    url = reverse("documents:download", args=["rencana-aksi", plan.pk, "docx"])
    assert client_for(world.staff_b).get(url).status_code == 404
    assert client_for(world.staff_a).get(url).status_code == 200
    assert client_for(world.staff_a).get(url.replace(".docx", ".odt")).status_code == 404


def test_the_pages_offer_the_catalogue_downloads(world, client_for, all_sources):
    plan = all_sources["rencana-aksi"]
    page = client_for(world.kerja_a).get(
        reverse("planning:action_plan", args=[world.unit_a.pk, plan.year])
    )
    html = page.content.decode()
    assert reverse("documents:download", args=["rencana-aksi", plan.pk, "docx"]) in html
    assert reverse("documents:download", args=["rencana-aksi", plan.pk, "pdf"]) in html


def _run(*args):
    out, err = io.StringIO(), io.StringIO()
    code = 0
    try:
        call_command("documents", *args, stdout=out, stderr=err)
    except SystemExit as exc:
        code = exc.code
    return code, out.getvalue(), err.getvalue()


def test_list_prints_one_code_a_line():
    code, out, err = _run("list")
    assert code == 0 and err == ""
    assert out.splitlines() == [t.code for t in catalogue.all_types()]


def test_render_writes_one_document(world, all_sources, tmp_path):
    target = tmp_path / "c.docx"
    code, out, err = _run("render", "rencana-aksi", "--unit", "DUKCAPIL", "--year", "2025",
                          "--format", "docx", "--output", str(target))  # fmt: skip
    assert code == 0 and err == ""
    assert "Pasang banner anti gratifikasi" in docx_text(target.read_bytes())


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["nope", "--unit", "DUKCAPIL"], "Jenis dokumen tidak ada: nope"),
        ([], "Jenis dokumen tidak disebut"),
        (["rencana-aksi", "--unit", "TIDAKADA"], "Unit tidak ada: TIDAKADA."),
        (["rencana-aksi"], "Unit tidak disebut"),
        (["rencana-aksi", "--unit", "DPMPTSP"], "DPMPTSP belum memiliki rencana aksi."),
        (["rencana-aksi", "--unit", "DUKCAPIL", "--year", "2031"],
         "DUKCAPIL belum memiliki rencana aksi tahun 2031."),
        (["rekap-lke", "--unit", "DUKCAPIL"], "DUKCAPIL belum memiliki penilaian LKE final."),
    ],
)  # fmt: skip
def test_what_is_missing_exits_2_with_one_indonesian_line(world, tmp_path, args, message):
    from integritas.documents.tests.sources import make_action_plan

    make_action_plan(world)
    target = tmp_path / "x.pdf"
    code, out, err = _run("render", *args, "--format", "pdf", "--output", str(target))
    assert code == 2 and out == ""
    assert len(err.strip().splitlines()) == 1 and message in err
    assert not target.exists()


def test_a_missing_format_exits_2(world, tmp_path):
    code, out, err = _run("render", "deklarasi", "--unit", "DUKCAPIL", "--output", str(tmp_path))
    assert code == 2 and out == "" and "--format docx atau pdf" in err


def test_all_units_renders_who_has_the_data_and_reports_the_rest(world, tmp_path):
    from integritas.documents.tests.sources import make_action_plan

    make_action_plan(world)
    code, out, err = _run("render", "rencana-aksi", "--all-units", "--format", "pdf",
                          "--output", str(tmp_path))  # fmt: skip
    assert code == 0
    assert [p.name for p in tmp_path.iterdir()] == ["rencana-aksi-DUKCAPIL-2025.pdf"]
    assert "Dilewati: DPMPTSP belum memiliki rencana aksi." in err
    assert "Dilewati: INSP belum memiliki rencana aksi." in err


def test_the_console_script_keeps_the_contract():
    """The real entry point: stdout carries only results, the error is one line, exit 2."""
    script = Path(sys.executable).parent / "integritas"
    env = {**os.environ, "INTEGRITAS_TESTING": "true"}
    listed = subprocess.run([str(script), "documents", "list"], capture_output=True, text=True,
                            env=env, timeout=120)  # fmt: skip
    assert listed.returncode == 0 and "rencana-aksi\n" in listed.stdout
    failed = subprocess.run(
        [str(script), "documents", "render", "tidak-ada", "--unit", "X", "--format", "pdf",
         "--output", "/tmp/tidak-ada.pdf"],
        capture_output=True, text=True, env=env, timeout=120,
    )  # fmt: skip
    assert failed.returncode == 2 and failed.stdout == ""
    assert failed.stderr.strip().splitlines() == [
        "Jenis dokumen tidak ada: tidak-ada (lihat: integritas documents list)."
    ]
