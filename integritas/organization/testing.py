"""Valid NIPs for demo data and tests."""

import random
from datetime import date

from django.utils import timezone


def make_nip(
    rng: random.Random | None = None,
    *,
    birth: date | None = None,
    gender: int | None = None,
    serial: int | None = None,
) -> str:
    """Return a NIP that passes parse_nip: birth date, TMT after age 20, gender, serial."""
    rng = rng or random.Random()
    if birth is None:
        birth = date(rng.randint(1966, 1999), rng.randint(1, 12), rng.randint(1, 28))
    tmt_year = min(birth.year + rng.randint(21, 30), timezone.localdate().year - 1)
    tmt_month = rng.randint(1, 12)
    return (
        f"{birth:%Y%m%d}{tmt_year:04d}{tmt_month:02d}"
        f"{gender or rng.randint(1, 2)}{serial or rng.randint(1, 999):03d}"
    )
