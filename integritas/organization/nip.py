"""NIP (Nomor Induk Pegawai): 18 digits = birth date YYYYMMDD, TMT YYYYMM, gender 1/2, serial."""

from dataclasses import dataclass
from datetime import date

from django.utils import timezone
from django.utils.translation import gettext as _


@dataclass(frozen=True)
class NipParts:
    birth_date: date
    tmt_year: int
    tmt_month: int
    gender: str  # "L" or "P"
    serial: str


class NipError(ValueError):
    """A NIP that cannot be a real one; the message says why, in Indonesian."""


def parse_nip(raw: str, *, today: date | None = None) -> NipParts:
    """Check a NIP and return its parts, or raise NipError with the reason."""
    nip = (raw or "").replace(" ", "").replace(".", "")
    if not nip.isdigit():
        raise NipError(_("NIP hanya boleh berisi angka."))
    if len(nip) != 18:
        raise NipError(_("NIP harus 18 digit, bukan %(n)d digit.") % {"n": len(nip)})
    year, month, day = int(nip[0:4]), int(nip[4:6]), int(nip[6:8])
    try:
        birth = date(year, month, day)
    except ValueError:
        raise NipError(
            _("Tanggal lahir pada NIP (%(d)s-%(m)s-%(y)s) bukan tanggal yang ada.")
            % {"d": nip[6:8], "m": nip[4:6], "y": nip[0:4]}
        ) from None
    today = today or timezone.localdate()
    age = today.year - birth.year - ((today.month, today.day) < (birth.month, birth.day))
    if age < 17 or age > 80:
        raise NipError(
            _("Tanggal lahir pada NIP memberi usia %(age)d tahun; itu tidak mungkin.")
            % {"age": age}
        )
    tmt_year, tmt_month = int(nip[8:12]), int(nip[12:14])
    if not 1 <= tmt_month <= 12:
        raise NipError(_("Bulan TMT pada NIP (%(m)s) harus 01–12.") % {"m": nip[12:14]})
    if (tmt_year, tmt_month) > (today.year, today.month):
        raise NipError(
            _("TMT pada NIP (%(m)s/%(y)s) ada di masa depan.") % {"m": nip[12:14], "y": nip[8:12]}
        )
    if tmt_year < birth.year + 17:
        raise NipError(_("TMT pada NIP (%(y)s) lebih awal dari usia 17 tahun.") % {"y": nip[8:12]})
    gender_digit = nip[14]
    if gender_digit not in "12":
        raise NipError(
            _("Digit jenis kelamin pada NIP (ke-15) harus 1 atau 2, bukan %(g)s.")
            % {"g": gender_digit}
        )
    serial = nip[15:18]
    if serial == "000":
        raise NipError(_("Nomor urut pada NIP tidak boleh 000."))
    return NipParts(birth, tmt_year, tmt_month, "L" if gender_digit == "1" else "P", serial)


def validate_nip(value: str) -> None:
    """Model-field validator wrapping parse_nip."""
    from django.core.exceptions import ValidationError

    try:
        parse_nip(value)
    except NipError as exc:
        raise ValidationError(str(exc), code="invalid_nip") from exc
