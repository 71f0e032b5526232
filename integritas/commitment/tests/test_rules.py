"""The Pasal 6 gate as a pure rule: exactly half is not "sebagian besar"."""

from decimal import Decimal

import pytest

from integritas.commitment.rules import (
    PactCoverage,
    declaration_gate,
    parse_share,
    percent_text,
)

HALF = Decimal("0.5")


def test_exactly_half_of_the_employees_is_refused():
    gate = declaration_gate(PactCoverage(signed=12, total=24, head_signed=True), HALF)
    assert not gate.allowed
    assert gate.share_too_low


def test_one_more_than_half_is_allowed_with_a_follow_up():
    gate = declaration_gate(PactCoverage(signed=13, total=24, head_signed=True), HALF)
    assert gate.allowed
    assert gate.follow_up_needed
    assert gate.coverage.missing == 11


def test_everyone_signed_needs_no_follow_up():
    gate = declaration_gate(PactCoverage(signed=24, total=24, head_signed=True), HALF)
    assert gate.allowed and not gate.follow_up_needed


def test_an_unsigned_head_is_refused_whatever_the_share():
    gate = declaration_gate(PactCoverage(signed=23, total=24, head_signed=False), HALF)
    assert not gate.allowed
    assert gate.head_unsigned and not gate.share_too_low


def test_a_unit_without_a_head_or_employees_is_refused():
    no_head = declaration_gate(PactCoverage(5, 5, head_signed=False, has_head=False), HALF)
    assert not no_head.allowed and no_head.no_head and not no_head.head_unsigned
    empty = declaration_gate(PactCoverage(0, 0, head_signed=True), HALF)
    assert not empty.allowed and empty.no_employees


@pytest.mark.parametrize(
    ("threshold", "signed", "total", "allowed"),
    [("0.5", 3, 6, False), ("0.5", 4, 6, True), ("0.75", 3, 4, False), ("0.75", 4, 5, True),
     ("0", 1, 10, True), ("0", 0, 10, False)],
)  # fmt: skip
def test_the_threshold_is_strictly_more_than_the_setting(threshold, signed, total, allowed):
    gate = declaration_gate(PactCoverage(signed, total, head_signed=True), parse_share(threshold))
    assert gate.allowed is allowed


@pytest.mark.parametrize("bad", ["1", "1.5", "-0.1", "separuh"])
def test_a_nonsense_threshold_setting_is_rejected(bad):
    with pytest.raises(ValueError):
        parse_share(bad)


def test_percentages_read_the_indonesian_way():
    assert percent_text(Decimal("0.5")) == "50"
    assert percent_text(Decimal("0.667")) == "66,7"
    assert PactCoverage(12, 24, True).percent == Decimal("50.00")
    assert PactCoverage(2, 3, True).percent == Decimal("66.67")
