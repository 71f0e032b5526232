"""The access matrix as a table: one row per URL name, requested by the row's parametrized test.

Each `integritas/<app>/tests/test_access_matrix.py` declares `COVERED = covered(ROWS, __file__)`;
`tests/test_every_url.py` fails for a URL name that no matrix covers. A name enters COVERED only
by being requested: as a row of ROWS (which the module's parametrized test runs through
`check`), or as a literal URL name given to `reverse(...)` (or in a `(name, args)` pair) in the
module's own code.
"""

import ast
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.urls import reverse


@dataclass(frozen=True)
class Row:
    """One URL: who gets through on unit A's object, who of another unit does not."""

    name: str
    args: Callable[[dict], list] = lambda o: []
    allowed: str = "admin"
    denied: str | None = "staff_b"  # None: signed out, sent to the login page
    method: str = "get"
    data: Callable[[dict], dict] = lambda o: {}
    denied_status: int = 404
    label: str = ""
    query: str = ""
    extra: dict = field(default_factory=dict)  # headers, e.g. HTTP_HX_REQUEST
    # a list page answers the denied user 200, without this text of unit A's object
    absent: Callable[[dict], str] | None = None

    @property
    def id(self) -> str:
        return f"{self.name}{'-' + self.label if self.label else ''}"


def ids(rows) -> list[str]:
    return [row.id for row in rows]


def _literal_url_names(path: str) -> set[str]:
    """URL names the module passes to reverse() or pairs with their args in its own code."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(Path(path).read_text())):
        candidates = []
        if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "reverse" and node.args:
            candidates.append(node.args[0])
        if isinstance(node, ast.Tuple) and len(node.elts) == 2:
            candidates.append(node.elts[0])
        for c in candidates:
            if isinstance(c, ast.Constant) and isinstance(c.value, str) and ":" in c.value:
                names.add(c.value)
    return names


def covered(rows, module_file: str) -> frozenset[str]:
    """The URL names a matrix module requests (its table rows and its own reverse() calls)."""
    return frozenset({row.name for row in rows} | _literal_url_names(module_file))


def _client(world, client_for, username):
    return client_for(world.users[username] if username else None)


def _send(client, row: Row, url: str, objects: dict):
    send = getattr(client, row.method)
    if row.method == "get":
        return send(url, **row.extra)
    return send(url, row.data(objects), **row.extra)


def check(row: Row, *, world, client_for, objects: dict, unchanged) -> Any:
    """The denied user is refused and the database stays as it was; the allowed user gets in."""
    url = reverse(row.name, args=row.args(objects)) + row.query
    denied = _client(world, client_for, row.denied)  # logging in stamps last_login: before
    with unchanged():
        refused = _send(denied, row, url, objects)
    if row.denied is None:
        assert refused.status_code == 302, (row.id, refused.status_code)
        assert refused["Location"].startswith(reverse("accounts:login")), row.id
    elif row.absent is not None:
        assert refused.status_code == 200, (row.id, refused.status_code)
        assert row.absent(objects) not in refused.content.decode(), row.id
    else:
        assert refused.status_code == row.denied_status, (row.id, refused.status_code)
    response = _send(_client(world, client_for, row.allowed), row, url, objects)
    assert response.status_code < 400, (row.id, row.allowed, response.status_code)
    return response
