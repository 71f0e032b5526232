"""The commitment rules as pure Python (no Django): pact coverage and the declaration gate."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

ZERO = Decimal(0)
ONE = Decimal(1)


@dataclass(frozen=True)
class PactCoverage:
    """How many active employees of a unit hold a valid pact, and whether the head does."""

    signed: int
    total: int
    head_signed: bool
    has_head: bool = True

    @property
    def share(self) -> Decimal:
        """Return signed / total (0 for a unit without active employees)."""
        if self.total <= 0:
            return ZERO
        return Decimal(self.signed) / Decimal(self.total)

    @property
    def percent(self) -> Decimal:
        """Return the share as a percentage rounded half up to 2 decimals."""
        return (self.share * 100).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)

    @property
    def missing(self) -> int:
        return max(self.total - self.signed, 0)

    @property
    def complete(self) -> bool:
        return self.total > 0 and self.signed >= self.total


@dataclass(frozen=True)
class Gate:
    """The outcome of the Pasal 6 gate, with every reason it refuses."""

    coverage: PactCoverage
    min_share: Decimal
    no_head: bool
    head_unsigned: bool
    no_employees: bool
    share_too_low: bool

    @property
    def allowed(self) -> bool:
        return not (self.no_head or self.head_unsigned or self.no_employees or self.share_too_low)

    @property
    def follow_up_needed(self) -> bool:
        """Pasal 6 ayat (3): some employees still have to sign after the declaration."""
        return self.allowed and self.coverage.missing > 0


def parse_share(value: str | Decimal | float) -> Decimal:
    """Return the DECLARATION_MIN_PACT_SHARE setting as a Decimal in [0, 1)."""
    try:
        share = Decimal(str(value).strip().replace(",", "."))
    except InvalidOperation as exc:
        raise ValueError(f"share must be a number, not {value!r}") from exc
    if not (ZERO <= share < ONE):
        raise ValueError(f"share must be at least 0 and below 1, not {share}")
    return share


def declaration_gate(coverage: PactCoverage, min_share: Decimal) -> Gate:
    """Pasal 6 ayat (1): the head and "seluruh atau sebagian besar" (more than min_share) signed."""
    return Gate(
        coverage=coverage,
        min_share=min_share,
        no_head=not coverage.has_head,
        head_unsigned=coverage.has_head and not coverage.head_signed,
        no_employees=coverage.total <= 0,
        share_too_low=coverage.total > 0 and not coverage.share > min_share,
    )


def pact_counts_since(last_move_in: date | None) -> date:
    """Pasal 6 ayat (2): a pact counts for the unit only if signed on/after the move into it.

    Pacts are signed at pelantikan, including pelantikan "dalam rangka mutasi": an employee who
    moves is expected to sign again at the new unit, so a pact signed before the latest move
    into the current unit does not count there.
    """
    return last_move_in or date.min


def percent_text(share: Decimal) -> str:
    """Return a share in [0, 1] as an Indonesian percentage without needless decimals: 50, 66,7."""
    number = (share * 100).normalize()
    text = f"{number:f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text.replace(".", ",")
