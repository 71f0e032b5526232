"""STYLE.md: the engine is pure Python; it imports neither Django nor another integritas app."""

import ast
from pathlib import Path

import integritas.evaluation.engine as engine

ENGINE_DIR = Path(engine.__file__).resolve().parent
ALLOWED_INTEGRITAS = "integritas.evaluation.engine"


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


def test_the_engine_has_modules_to_scan():
    assert len(list(ENGINE_DIR.rglob("*.py"))) >= 5


def test_no_engine_module_imports_django():
    offenders = [
        f"{path.name}: {module}"
        for path in ENGINE_DIR.rglob("*.py")
        for module in imported_modules(path)
        if module == "django" or module.startswith("django.")
    ]
    assert offenders == []


def test_no_engine_module_imports_another_integritas_app():
    offenders = [
        f"{path.name}: {module}"
        for path in ENGINE_DIR.rglob("*.py")
        for module in imported_modules(path)
        if module.startswith("integritas") and not module.startswith(ALLOWED_INTEGRITAS)
    ]
    assert offenders == []


def test_the_scan_would_catch_a_django_import(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text("import os\nfrom django.conf import settings\n__import__('django.db')\n")
    assert [m for m in imported_modules(sample) if m.startswith("django")] == [
        "django.conf",
        "django.db",
    ]
