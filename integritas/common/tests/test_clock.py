"""One clock: the date is Kupang's (WITA), never the machine's, in every module."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
MACHINE_CLOCK = re.compile(r"\b(?:date\.today|datetime\.(?:now|today|utcnow))\(\)")


def test_no_module_reads_the_machine_clock():
    """`timezone.localdate()` / `timezone.now()` only: a new `date.today()` fails here."""
    offenders = [
        f"{path.relative_to(ROOT)}:{number}"
        for path in ROOT.rglob("*.py")
        if "/tests/" not in str(path) and "/migrations/" not in str(path)
        for number, line in enumerate(path.read_text().splitlines(), start=1)
        if MACHINE_CLOCK.search(line)
    ]
    assert offenders == []
