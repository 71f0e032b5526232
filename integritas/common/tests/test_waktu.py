"""One date-time format everywhere: 2 Desember 2026 11.42 WITA."""

import re
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
from django.template import Context, Template

from integritas.common.formatting import waktu


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (datetime(2026, 12, 2, 3, 42, tzinfo=UTC), "2 Desember 2026 11.42 WITA"),
        (datetime(2026, 12, 31, 16, 5, tzinfo=UTC), "1 Januari 2027 00.05 WITA"),  # next day
        (datetime(2025, 7, 28, 9, 0), "28 Juli 2025 09.00 WITA"),  # naive: already local
        (
            datetime(2025, 3, 1, 8, 7, tzinfo=timezone(timedelta(hours=7))),
            "1 Maret 2025 09.07 WITA",
        ),
        (None, "–"),
    ],
)
def test_a_moment_is_shown_in_kupang_time_in_words(value, shown):
    assert waktu(value) == shown


def test_the_template_filters_show_moments_and_their_local_date():
    moment = datetime(2026, 12, 1, 17, 30, tzinfo=UTC)  # 2 Desember 01.30 in Kupang
    out = Template(
        "{% load integritas %}{{ m|waktu }} / {{ m|tanggal }} / {{ none|waktu }}"
    ).render(Context({"m": moment, "none": None}))
    assert out == "2 Desember 2026 01.30 WITA / 2 Desember 2026 / –"


def test_no_template_formats_a_moment_its_own_way():
    root = Path(__file__).resolve().parents[2]
    offenders = [
        str(p.relative_to(root))
        for p in root.rglob("*.html")
        if re.search(r"\|date:", p.read_text(encoding="utf-8"))
    ]
    assert offenders == []


def test_a_moment_printed_without_a_filter_reads_the_same():
    moment = datetime(2026, 12, 2, 3, 42, tzinfo=UTC)
    assert Template("{{ m }}").render(Context({"m": moment})) == waktu(moment)
