"""The one number reader of the product: what every typed text must become, or why it is refused."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from integritas.common.numbers import (
    NumberError,
    format_input,
    format_number,
    parse_number,
)

D = Decimal

# text, decimals, integer, expected value (or the words the refusal must contain)
TABLE = [
    ("1.250", 0, True, D(1250)),
    ("15.000.000", 0, True, D(15000000)),
    ("15.000.000", 2, False, D(15000000)),
    ("15 000 000", 2, False, D(15000000)),
    ("1\u00a0250", 0, True, D(1250)),
    ("87,5", 2, False, D("87.5")),
    ("8,5", 2, False, D("8.5")),
    ("66,7", 2, False, D("66.7")),
    ("87.5", 2, False, D("87.5")),
    ("87.50", 2, False, D("87.5")),
    ("87,50", 1, False, D("87.5")),
    ("1.234.567,89", 2, False, D("1234567.89")),
    ("0.125", 3, False, D("0.125")),
    ("0,125", 3, False, D("0.125")),
    ("-3", 0, True, D(-3)),
    ("\u22123", 2, False, D(-3)),
    ("+3", 0, True, D(3)),
    ("  42  ", 0, True, D(42)),
    ("- 3", 2, False, D(-3)),
    ("-0", 0, True, D(0)),
    ("007", 0, True, D(7)),
    ("100", 2, False, D(100)),
    ("1.250,0", 0, True, D(1250)),
    ("2100", 0, True, D(2100)),
    # refused, with how it was read
    ("1.250", 2, False, "1,25"),
    ("100.000", 2, False, "titik desimal"),
    ("1,250.5", 2, False, "cara Inggris"),
    ("1,234,567", 0, True, "cara Inggris"),
    ("8,555", 2, False, "paling banyak 2"),
    ("87,5", 0, True, "bukan bilangan bulat"),
    ("87.5", 0, True, "bukan bilangan bulat"),
    ("1,250", 0, True, "bukan bilangan bulat"),
    ("1.25.0", 2, False, "tidak dapat dibaca"),
    ("12.34,5", 2, False, "tidak dapat dibaca"),
    ("1 25", 0, True, "tidak dapat dibaca"),
    ("1 250.5", 2, False, "bukan angka"),
    ("1e5", 2, False, "bukan angka"),
    ("\u00b2", 0, True, "bukan angka"),
    ("\u0663", 0, True, "bukan angka"),
    ("Rp 5.000", 0, True, "bukan angka"),
    ("87,", 2, False, "bukan angka"),
    (",5", 2, False, "bukan angka"),
    ("-", 0, True, "bukan angka"),
    ("NaN", 2, False, "bukan angka"),
    ("Infinity", 2, False, "bukan angka"),
    ("", 2, False, "Isi angka"),
    ("9" * 41, 0, True, "terlalu panjang"),
]


@pytest.mark.parametrize(("text", "decimals", "integer", "expected"), TABLE)
def test_table(text, decimals, integer, expected):
    if isinstance(expected, Decimal):
        value = parse_number(text, decimals=decimals, integer=integer)
        assert value == expected
        assert format_number(value) == format_number(expected)
    else:
        with pytest.raises(NumberError) as caught:
            parse_number(text, decimals=decimals, integer=integer)
        assert expected in caught.value.message
        if text.strip() and len(text) <= 40:
            assert f"«{text.strip()}»" in caught.value.message


@pytest.mark.parametrize(
    ("text", "expected"),
    [("15.000", D(15000)), ("12.500.000,50", D("12500000.5")), ("1.250", D(1250)),
     ("1250,5", D("1250.5")), ("0,5", D("0.5"))],
)  # fmt: skip
def test_money_reads_every_dot_as_thousands(text, expected):
    assert parse_number(text, decimals=2, dot_groups=True) == expected


@pytest.mark.parametrize("text", ["12500000.5", "1.25", "0.5", "1.2345"])
def test_money_refuses_a_decimal_point(text):
    with pytest.raises(NumberError, match="tidak dapat dibaca"):
        parse_number(text, decimals=2, dot_groups=True)


def test_ambiguous_message_shows_both_readings():
    with pytest.raises(NumberError) as caught:
        parse_number("1.250", decimals=2)
    assert caught.value.message == (
        "«1.250» dapat berarti 1.250 (titik pemisah ribuan) atau 1,25 (titik desimal); "
        "tulis 1250 untuk bilangan bulat atau 1,25 untuk desimal."
    )


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (D("87.50"), "87,5"),
        (D("87.5"), "87,5"),
        (D("15000000"), "15.000.000"),
        (D("15000000.00"), "15.000.000"),
        (D("1234567.89"), "1.234.567,89"),
        (D("-3"), "-3"),
        (D("0.00"), "0"),
        (D("-0.0"), "0"),
        (D("0.125"), "0,125"),
        (1250, "1.250"),
        (None, ""),
    ],
)
def test_format_never_rounds(value, text):
    assert format_number(value) == text


def test_format_input_avoids_the_ambiguous_form_in_decimal_fields():
    assert format_input(D("1250.00")) == "1250"
    assert format_input(D("1250.5")) == "1.250,5"
    assert format_input(D("1250000")) == "1.250.000"
    assert format_input(1250, integer=True) == "1.250"


decimals_st = st.decimals(
    min_value=D("-1e12"), max_value=D("1e12"), places=4, allow_nan=False, allow_infinity=False
)


@given(decimals_st)
def test_format_then_parse_round_trips(value):
    assert parse_number(format_input(value), decimals=4) == value
    assert parse_number(format_number(value).replace(".", " "), decimals=4) == value


@given(st.integers(min_value=-(10**15), max_value=10**15))
def test_integers_round_trip(value):
    assert parse_number(format_input(value, integer=True), integer=True) == value
    assert parse_number(format_number(value), integer=True) == value


@given(
    st.text(alphabet="0123456789.,- ²٣e", min_size=1, max_size=20),
    st.integers(min_value=0, max_value=4),
    st.booleans(),
)
def test_parse_never_silently_rescales(text, decimals, integer):
    """Whatever is accepted has the same digits as typed, in the same order (no ×10, no ÷1000)."""
    try:
        value = parse_number(text, decimals=decimals, integer=integer)
    except NumberError as exc:
        assert exc.message
        return
    typed = "".join(c for c in text if c.isdigit()).lstrip("0").rstrip("0")
    got = f"{abs(value):f}".replace(".", "").lstrip("0").rstrip("0")
    assert got == typed
    # the decimal separator was read where the text has it
    if "," in text:
        fraction = text.rsplit(",", 1)[1].strip().rstrip("0")
        assert -value.as_tuple().exponent == len(fraction) or value == value.to_integral_value()
