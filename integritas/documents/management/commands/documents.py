"""``integritas documents``: the catalogue's types, and rendering them for batch printing.

    integritas documents list
    integritas documents render TYPE --unit CODE [--year YYYY] --format docx|pdf --output FILE
    integritas documents render TYPE --all-units [--year YYYY] --format docx|pdf --output DIR

Exit 0 when written; exit 2 with one Indonesian line on stderr (and nothing on stdout) when the
type, the unit, the format, the output or the data the type needs is missing. With
``--all-units`` every active unit that has the data is rendered and the others are reported as
skipped (exit 2 only when none had it).
"""

import sys
from pathlib import Path

from django.core.management.base import BaseCommand

from integritas.documents import catalogue
from integritas.organization.models import Unit


class Missing(Exception):
    """What is missing, as the one Indonesian line the command prints."""


class Command(BaseCommand):
    help = "Daftar jenis dokumen resmi, dan membuat dokumen satu unit atau semua unit."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action")
        sub.add_parser("list", help="satu kode jenis dokumen per baris")
        render = sub.add_parser("render", help="membuat dokumen")
        render.add_argument("type", nargs="?", default="")
        render.add_argument("--unit", default="")
        render.add_argument("--all-units", action="store_true")
        render.add_argument("--year", default="")
        render.add_argument("--format", dest="fmt", default="")
        render.add_argument("--output", default="")

    def handle(self, *args, **options):
        try:
            if options.get("action") == "list":
                for doc_type in catalogue.all_types():
                    self.stdout.write(doc_type.code)
                return
            if options.get("action") != "render":
                raise Missing("Perintah tidak ada: gunakan 'list' atau 'render'.")
            self._render(options)
        except Missing as missing:
            self.stderr.write(str(missing))
            sys.exit(2)

    def _render(self, options) -> None:
        code = options["type"]
        if not code:
            raise Missing("Jenis dokumen tidak disebut (lihat: integritas documents list).")
        doc_type = catalogue.get(code)
        if doc_type is None:
            raise Missing(f"Jenis dokumen tidak ada: {code} (lihat: integritas documents list).")
        fmt = options["fmt"]
        if fmt not in catalogue.FORMATS:
            raise Missing(
                "Format tidak disebut atau tidak dikenal: gunakan --format docx atau pdf."
            )
        year = None
        if options["year"]:
            if not options["year"].isdigit() or len(options["year"]) != 4:
                raise Missing(f"Tahun tidak dikenal: {options['year']} (tulis empat angka).")
            year = int(options["year"])
        output = options["output"]
        if not output:
            raise Missing("Keluaran tidak disebut: tambahkan --output.")
        if options["all_units"]:
            self._render_all(doc_type, fmt, year, Path(output))
            return
        if not options["unit"]:
            raise Missing("Unit tidak disebut: tambahkan --unit KODE atau --all-units.")
        unit = Unit.objects.filter(code=options["unit"]).first()
        if unit is None:
            raise Missing(f"Unit tidak ada: {options['unit']}.")
        obj = doc_type.find(unit, year)
        if obj is None:
            raise Missing(self._no_data(doc_type, unit, year))
        target = Path(output)
        if not target.parent.is_dir():
            raise Missing(f"Folder keluaran tidak ada: {target.parent}.")
        target.write_bytes(catalogue.render(doc_type, obj, fmt).data)
        self.stdout.write(str(target))

    def _render_all(self, doc_type, fmt: str, year: int | None, folder: Path) -> None:
        if not folder.is_dir():
            raise Missing(f"Folder keluaran tidak ada: {folder}.")
        written = 0
        for unit in Unit.objects.filter(is_active=True).order_by("code"):
            obj = doc_type.find(unit, year)
            if obj is None:
                self.stderr.write(f"Dilewati: {self._no_data(doc_type, unit, year)}")
                continue
            rendered = catalogue.render(doc_type, obj, fmt)
            (folder / rendered.filename).write_bytes(rendered.data)
            self.stdout.write(str(folder / rendered.filename))
            written += 1
        if not written:
            raise Missing(f"Tidak ada unit yang memiliki {doc_type.what}.")

    @staticmethod
    def _no_data(doc_type, unit, year: int | None) -> str:
        when = f" tahun {year}" if year else ""
        return f"{unit.code} belum memiliki {doc_type.what}{when}."
