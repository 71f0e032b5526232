"""No app serves a stored file itself: every download goes through ``common.files.serve``."""

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2] / "integritas"
FORBIDDEN = [
    re.compile(r"\bFileResponse\b"),
    re.compile(r"django\.views\.static"),
    re.compile(r"X-Sendfile|X-Accel-Redirect", re.IGNORECASE),
    re.compile(r"\bMEDIA_URL\b"),
]
# A view module that opens a model's stored file is serving it (a staged import is read from
# the storage by name, which is not a download).
FORBIDDEN_IN_VIEWS = [re.compile(r"(?<!storage)\.open\(\s*[\"']rb[\"']\s*\)")]


def _sources():
    for path in sorted(ROOT.rglob("*.py")):
        parts = path.relative_to(ROOT).parts
        if parts[0] == "common" or "tests" in parts or "migrations" in parts:
            continue
        if path.name == "settings.py":
            continue
        yield path


SOURCES = list(_sources())


def test_the_scan_sees_the_apps():
    names = {p.relative_to(ROOT).parts[0] for p in SOURCES}
    assert {"commitment", "organization", "planning", "evaluation", "documents"} <= names


@pytest.mark.parametrize("path", SOURCES, ids=[str(p.relative_to(ROOT)) for p in SOURCES])
def test_no_app_serves_a_file_itself(path):
    text = path.read_text(encoding="utf-8")
    patterns = FORBIDDEN + (FORBIDDEN_IN_VIEWS if "views" in path.stem else [])
    found = [p.pattern for p in patterns if p.search(text)]
    assert not found, f"{path}: serve stored files with integritas.common.files.serve ({found})"
