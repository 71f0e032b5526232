"""Only `evaluation` reads a final snapshot's JSON; every other app gets its typed reader.

`evaluation.snapshots.read_snapshot` (and `read_totals`) parse the frozen record once, into
frozen dataclasses. A document, portal page or predicate that walks `snapshot.data[...]` itself
breaks silently when the record's shape changes, and decides on its own what a value means.
"""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent / "integritas"
OWNER = ROOT / "evaluation"
SOURCES = sorted(
    p
    for p in ROOT.rglob("*.py")
    if OWNER not in p.parents and "tests" not in p.parts and "migrations" not in p.parts
)
TEMPLATES = sorted(p for p in ROOT.rglob("*.html") if OWNER not in p.parents)


def raw_snapshot_reads(source: str) -> list[str]:
    """Each place the code reads a snapshot's JSON or queries snapshots itself."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Attribute):
            owner = ast.unparse(node.value)
            if node.attr == "data" and "snapshot" in owner.lower():
                found.append(f"{node.lineno}: {ast.unparse(node)}")
            if node.attr == "objects" and owner.endswith("AssessmentSnapshot"):
                found.append(f"{node.lineno}: {ast.unparse(node)} (query through evaluation)")
        elif (
            isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and ("snapshot__data" in node.value or "snapshot.data" in node.value)
        ):
            found.append(f"{node.lineno}: {node.value!r}")
    return found


def test_the_guard_finds_the_old_walks() -> None:
    old = (
        "scores = snapshot.data['scores']['self']\n"
        "at = assessment.snapshot.data.get('finalised')\n"
        "rows = AssessmentSnapshot.objects.filter(assessment__year=2025)\n"
        "values = qs.values('assessment__snapshot__data')\n"
    )
    assert len(raw_snapshot_reads(old)) == 4
    assert raw_snapshot_reads("final = read_snapshot(snapshot)\nform.data['x']\n") == []
    assert len(SOURCES) > 100 and TEMPLATES


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_app_but_evaluation_walks_the_snapshot_json(path: Path) -> None:
    found = raw_snapshot_reads(path.read_text(encoding="utf-8"))
    assert not found, f"{path.relative_to(ROOT)}: use evaluation.snapshots: {found}"


def test_no_template_outside_evaluation_walks_the_snapshot_json() -> None:
    found = [str(p.relative_to(ROOT)) for p in TEMPLATES if "snapshot.data" in p.read_text("utf-8")]
    assert not found
