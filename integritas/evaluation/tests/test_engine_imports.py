"""docs/style.md: the rule engines are pure Python; they import neither Django nor another integritas app."""

import ast
from importlib.util import find_spec
from pathlib import Path

import pytest

import integritas.evaluation.engine as engine

# (directory, the one integritas package it may import: itself)
ENGINES = [
    (Path(engine.__file__).resolve().parent, "integritas.evaluation.engine"),
    # found without importing it, so this test adds no dependency between apps
    (
        Path(find_spec("integritas.predicates.engine").origin).resolve().parent,
        "integritas.predicates.engine",
    ),
]
ENGINE_IDS = ["lke", "predicates"]


def imported_modules(path):
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            yield node.module
        elif (
            isinstance(node, ast.Call)
            and getattr(node.func, "id", "") == "__import__"
            and node.args
        ):
            first = node.args[0]
            if isinstance(first, ast.Constant) and isinstance(first.value, str):
                yield first.value


@pytest.mark.parametrize(("engine_dir", "allowed"), ENGINES, ids=ENGINE_IDS)
def test_the_engine_has_modules_to_scan(engine_dir, allowed):
    assert len(list(engine_dir.rglob("*.py"))) >= 4


@pytest.mark.parametrize(("engine_dir", "allowed"), ENGINES, ids=ENGINE_IDS)
def test_no_engine_module_imports_django(engine_dir, allowed):
    offenders = [
        f"{path.name}: {module}"
        for path in engine_dir.rglob("*.py")
        for module in imported_modules(path)
        if module == "django" or module.startswith("django.")
    ]
    assert offenders == []


@pytest.mark.parametrize(("engine_dir", "allowed"), ENGINES, ids=ENGINE_IDS)
def test_no_engine_module_imports_another_integritas_app(engine_dir, allowed):
    offenders = [
        f"{path.name}: {module}"
        for path in engine_dir.rglob("*.py")
        for module in imported_modules(path)
        if module.startswith("integritas") and not module.startswith(allowed)
    ]
    assert offenders == []


def test_the_scan_would_catch_a_django_import(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text("import os\nfrom django.conf import settings\n__import__('django.db')\n")
    assert [m for m in imported_modules(sample) if m.startswith("django")] == [
        "django.conf",
        "django.db",
    ]
