"""The .docx of every type opened in a real word processor (LibreOffice, headless): the page
count, the filled fields and no page holding only a signature block; the Word and the PDF
version say the same things.

Each type is rendered once and all files are converted in one LibreOffice run (module
fixture), so the suite pays for LibreOffice's start once. CI must have LibreOffice
(``scripts/ensure-system-deps.sh`` installs ``libreoffice-writer-nogui``): there the test fails
instead of skipping.
"""

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from django.db import transaction

from integritas.documents import catalogue
from integritas.documents.tests import sources

pytestmark = pytest.mark.django_db  # (also makes pytest-django create the test database)
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
# pages LibreOffice must give for the demo records of sources.make_all (the Piagam: one page)
PAGES = {"deklarasi": 1, "piagam": 1, "keputusan-rencana-kerja": 3, "rencana-aksi": 1}


def _text(pdf: Path, page: int | None = None) -> str:
    args = ["pdftotext", "-layout"]
    if page is not None:
        args += ["-f", str(page), "-l", str(page)]
    out = subprocess.run([*args, str(pdf), "-"], capture_output=True, check=True, text=True)
    return " ".join(out.stdout.split())


def _pages(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, check=True, text=True)
    return int(
        next(line.split()[-1] for line in info.stdout.splitlines() if line.startswith("Pages"))
    )


@pytest.fixture(scope="module")
def converted(django_db_setup, django_db_blocker, tmp_path_factory):
    if SOFFICE is None:
        message = "LibreOffice (soffice) not found: apt-get install libreoffice-writer-nogui"
        if os.environ.get("CI"):
            pytest.fail(f"CI needs {message}")
        pytest.skip(message)
    import conftest as root  # the named world of the repository's conftest

    folder = tmp_path_factory.mktemp("word")
    with django_db_blocker.unblock(), transaction.atomic():
        world = root._make_world()
        found = sources.make_all(world)
        found["piagam"] = found["deklarasi"]
        found["rencana-aksi-60"] = sources.make_action_plan(world, rows=60, unit=world.unit_b)
        for code, obj in found.items():
            doc_type = catalogue.get(code.removesuffix("-60"))
            assert doc_type is not None
            (folder / f"{code}.docx").write_bytes(catalogue.render(doc_type, obj, "docx").data)
            (folder / f"{code}.weasy").write_bytes(catalogue.render(doc_type, obj, "pdf").data)
        transaction.set_rollback(True)
    out = folder / "lo"
    profile = (folder / "profile").as_uri()
    subprocess.run(
        [SOFFICE, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
         "--outdir", str(out), *sorted(str(p) for p in folder.glob("*.docx"))],
        capture_output=True, check=True, timeout=300,
    )  # fmt: skip
    return {code: (out / f"{code}.pdf", folder / f"{code}.weasy") for code in found}


@pytest.mark.parametrize("code", list(sources.EXPECTED))
def test_word_shows_the_filled_fields_like_the_pdf(converted, code):
    word_pdf, weasy_pdf = converted[code]
    word, pdf = _text(word_pdf).upper(), _text(weasy_pdf).upper()
    for expected in sources.EXPECTED[code]:
        assert expected.upper() in word, (code, "word", expected)
        assert expected.upper() in pdf, (code, "pdf", expected)
    assert "{{" not in word and "{%" not in word


@pytest.mark.parametrize("code", [*sources.EXPECTED, "rencana-aksi-60"])
def test_no_page_holds_only_a_signature_block(converted, code):
    for pdf in converted[code]:
        pages = _pages(pdf)
        if code in PAGES and pdf.suffix == ".pdf":
            assert pages == PAGES[code], (code, pages)
        for page in range(1, pages + 1):
            words = _text(pdf, page).split()
            assert len(words) > 30, (code, pdf.name, page, " ".join(words))
        if code == "rencana-aksi-60":
            last = _text(pdf, pages)  # the signature shares its page with rows of the plan
            assert pages >= 3 and "2.500.000" in last and "KEPALA DINAS" in last
