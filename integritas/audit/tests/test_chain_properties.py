"""The keyed digest (audit.chain) as a pure function: table-driven cases and properties."""

from datetime import UTC, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from integritas.audit import chain

KEY = b"k" * 40
FIELDS = {
    "created_at": "2026-03-02T01:00:00.000000+00:00", "actor_id": 7, "actor_label": "Admin",
    "action": "uji", "object_type": "uji", "object_id": "1", "object_repr": "Uji",
    "unit_id": None, "changes": {"n": [1, 2]},
}  # fmt: skip
names = st.sampled_from(sorted(FIELDS))
values = st.one_of(st.text(max_size=20), st.integers(), st.none())


@pytest.mark.parametrize(
    ("change", "same"),
    [
        ({}, True),
        ({"action": "lain"}, False),
        ({"changes": {"n": [1, 3]}}, False),
        ({"unit_id": 0}, False),
        ({"actor_id": None}, False),
    ],
)
def test_what_the_digest_covers(change, same):
    base = chain.digest(version=1, key=KEY, fields=FIELDS, prev_hash=chain.GENESIS)
    other = chain.digest(version=1, key=KEY, fields={**FIELDS, **change}, prev_hash=chain.GENESIS)
    assert (base == other) is same


def test_an_unknown_version_is_refused():
    with pytest.raises(ValueError):
        chain.digest(version=2, key=KEY, fields=FIELDS, prev_hash=chain.GENESIS)


@given(name=names, value=values)
def test_changing_any_field_changes_the_digest(name, value):
    if FIELDS[name] == value:
        return
    base = chain.digest(version=1, key=KEY, fields=FIELDS, prev_hash=chain.GENESIS)
    changed = chain.digest(
        version=1, key=KEY, fields={**FIELDS, name: value}, prev_hash=chain.GENESIS
    )
    assert base != changed


@given(
    other=st.binary(min_size=1, max_size=64),
    prev=st.text(alphabet="0123456789abcdef", min_size=64, max_size=64),
)
def test_another_key_or_predecessor_gives_another_digest(other, prev):
    base = chain.digest(version=1, key=KEY, fields=FIELDS, prev_hash=chain.GENESIS)
    if other != KEY:
        assert chain.digest(version=1, key=other, fields=FIELDS, prev_hash=chain.GENESIS) != base
    if prev != chain.GENESIS:
        assert chain.digest(version=1, key=KEY, fields=FIELDS, prev_hash=prev) != base
    assert chain.plain_sha256(FIELDS, chain.GENESIS) != base  # keyed ≠ unkeyed


def test_content_reads_the_hashed_fields_of_a_record():
    class Entry:
        created_at = datetime(2026, 3, 2, 1, 0, tzinfo=UTC)
        actor_id, actor_label, action, object_type = 7, "Admin", "uji", "uji"
        object_id, object_repr, unit_id, changes = "1", "Uji", None, {"n": [1, 2]}

    assert chain.content(Entry()) == FIELDS
