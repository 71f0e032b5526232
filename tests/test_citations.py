"""The repository explains itself: what code cites is in the repository.

Comments cite the Pasal of the Perwali, or a section (§1.7) or a decision (A.6) of
`docs/zi-rules.md`; a file that cites the latter names that document, and the section or
decision it cites exists there. Documents the repository does not hold (a team's notes, an
issue tracker) are never cited.
"""

import re
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
RULES = (REPO / "docs" / "zi-rules.md").read_text(encoding="utf-8")
SOURCES = sorted(
    p
    for folder in ("integritas", "tests", "benchmarks", "scripts")
    for p in (REPO / folder).rglob("*")
    if p.suffix in {".py", ".yaml", ".html", ".txt", ".js", ".css"}
    and "migrations" not in p.parts
    and "vendor" not in p.parts
    and p.name != "test_citations.py"
) + [REPO / "conftest.py", REPO / "README.md", REPO / "pyproject.toml", REPO / "Makefile"]

# "A.6", "decision A.9" — but not a Lampiran's number ("Lampiran A.1") or a code like "P1.A.2".
DECISION = re.compile(r"(?<![\w.])(?<!Lampiran )A\.(\d+)\b")
SECTION = re.compile(r"§\s?(\d+(?:\.\d+)?)")
ELSEWHERE = re.compile(
    r"\b(?:ZI-RULES|GLOSSARY|ARCHITECTURE|STYLE|STACK-NOTES)\.md\b|\.\./shared/|\b[Ii]ssue #?\d+"
)

DECISIONS = {
    int(n) for n in re.findall(r"^(\d+)\. \*\*", RULES.split("## A.")[1].split("\n## ")[0], re.M)
}
SECTIONS = set(re.findall(r"^#{2,3} (\d+(?:\.\d+)?)[ .]", RULES, re.M))


def _text(path: Path) -> str:
    return path.read_text(encoding="utf-8", errors="replace")


def test_the_rules_document_is_read() -> None:
    assert {1, 6, 9} <= DECISIONS and {"1.3", "1.7", "3.6"} <= SECTIONS


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: str(p.relative_to(REPO)))
def test_citations_resolve_in_the_repository(path: Path) -> None:
    text = _text(path)
    assert not ELSEWHERE.findall(text), (
        f"cites a document the repository does not hold: {ELSEWHERE.findall(text)}"
    )
    decisions = {int(n) for n in DECISION.findall(text)}
    sections = set(SECTION.findall(text))
    if not (decisions or sections):
        return
    if path.name != "README.md":
        assert "zi-rules" in text, "cites §/A. without naming docs/zi-rules.md"
    assert decisions <= DECISIONS, f"no such decision in docs/zi-rules.md: {decisions - DECISIONS}"
    unknown = {s for s in sections if s not in SECTIONS and s.split(".")[0] not in SECTIONS}
    assert not unknown, f"no such section in docs/zi-rules.md: {unknown}"
