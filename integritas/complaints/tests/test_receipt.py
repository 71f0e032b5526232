"""Receipt codes: shape, entropy, normalisation and the keyed hash."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from integritas.complaints import receipt

raw_codes = st.text(alphabet=receipt.ALPHABET, min_size=receipt.LENGTH, max_size=receipt.LENGTH)


@given(raw_codes)
def test_a_code_read_aloud_and_typed_any_way_hashes_the_same(raw):
    grouped = receipt.format_code(raw)
    assert grouped.count("-") == 3
    for typed in (grouped, raw, grouped.lower(), " ".join(grouped.split("-")), f"  {raw}  "):
        assert receipt.code_hash(typed) == receipt.code_hash(grouped)
        assert receipt.matches(typed, receipt.code_hash(grouped))


@given(raw_codes, raw_codes)
def test_different_codes_have_different_hashes(a, b):
    if a != b:
        assert receipt.code_hash(a) != receipt.code_hash(b)


def test_an_empty_stored_hash_never_matches():
    assert not receipt.matches("", "")
    assert not receipt.matches("7KQ2-M9XD-4TPA-W3HC", "")


def test_the_hash_depends_on_the_key(settings):
    code = receipt.new_code()
    before = receipt.code_hash(code)
    settings.COMPLAINTS_RECEIPT_KEY = "kunci-khusus-pengaduan"
    assert receipt.code_hash(code) != before
    assert receipt.code_hash(code) != code.replace("-", "")


@pytest.mark.parametrize("symbol", ["0", "O", "1", "I"])
def test_the_alphabet_leaves_out_look_alikes(symbol):
    assert symbol not in receipt.ALPHABET
