"""LKE question codes an action row says it improves, checked against the published worksheet."""

import re
from functools import lru_cache

from integritas.evaluation.engine import FrameworkError, find_framework

CODE_FORMAT = re.compile(r"^[PR][1-6]\.[ivx]+\.[a-h]$")


@lru_cache(maxsize=1)
def _framework_codes() -> frozenset[str] | None:
    try:
        framework = find_framework()
    except (KeyError, FrameworkError, OSError):
        return None
    return frozenset(q.code for q in framework.questions)


def known_codes() -> frozenset[str] | None:
    """Codes of the latest published LKE (docs/zi-rules.md A.2), or None when no worksheet is found."""
    return _framework_codes()


def split_codes(text: str) -> list[str]:
    """Split "P1.i.a, R5.iii.b; P2.ii.c" into codes, keeping their order and dropping repeats."""
    seen: list[str] = []
    for part in re.split(r"[\s,;]+", text or ""):
        code = part.strip()
        if code and code not in seen:
            seen.append(code)
    return seen


def unknown_codes(codes: list[str]) -> list[str]:
    """Return the codes that are not LKE questions (by the worksheet, else by their format)."""
    known = known_codes()
    if known is not None:
        return [c for c in codes if c not in known]
    return [c for c in codes if not CODE_FORMAT.match(c)]
