"""Every write names its actor with a type: `by: User` (or the auth base class below accounts).

A service that takes `by: Any` (or no annotation) lets a view pass anything — an employee, a
username, None — and the audit record it writes would name the wrong actor or none.
"""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent / "integritas"
ALLOWED = {
    "User",
    "AbstractBaseUser",
    "User | None",
    "AbstractBaseUser | None",
    # audit.record: a user, the anonymous public, or a named system actor ("sistem").
    "AbstractBaseUser | AnonymousUser | str | None",
}
SERVICES = sorted(p for p in ROOT.rglob("*.py") if "services" in p.stem and "tests" not in p.parts)


def _actor_annotations(path: Path) -> list[tuple[int, str, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            args = node.args.args + node.args.kwonlyargs
            for arg in args:
                if arg.arg in {"by", "actor"}:
                    text = ast.unparse(arg.annotation) if arg.annotation else ""
                    found.append((node.lineno, node.name, text))
    return found


def test_services_are_found() -> None:
    assert len(SERVICES) >= 10


@pytest.mark.parametrize("path", SERVICES, ids=lambda p: str(p.relative_to(ROOT)))
def test_service_actor_is_typed(path: Path) -> None:
    untyped = [
        f"{path.name}:{line} {name}(by: {text or '—'})"
        for line, name, text in _actor_annotations(path)
        if text not in ALLOWED
    ]
    assert not untyped, untyped
