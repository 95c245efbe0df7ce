"""Money and percentages exactly as the published document prints them.

All rounding is 四舍五入 (ROUND_HALF_UP) on exact decimals, done in one place and only for printing.
Shares, changes and completion rates are computed from the figures at the precision the source gives
(a bureau computes 公务接待费's 20.67% from its 元 accounts, not from the 0.32 and 0.27 万元 it prints); a
county may choose to compute them from the printed figures instead (`NumberFormat.exact_ratios`).
Python's round() and format() round half to even and must never touch money; floats are refused outright.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Context, Decimal

from markupsafe import escape

# Private arithmetic context: independent of the thread's global decimal context, and precise
# enough that a division is never rounded before round_half_up rounds it for printing.
_CONTEXT = Context(prec=50, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class NumberFormat:
    """How figures print. Configurable per county."""

    amount_places: int = 2            # 1778.52 ; 0.4 prints 0.40 ; 15 prints 15.00
    zero_amount: str = "0"            # an amount that rounds to zero prints as this, never "0.00"
    percent_places: int = 2           # 74.91%
    strip_whole_percent: bool = True  # 100.00 -> "100%", 21.00 -> "21%"; 4.80 stays "4.80%"
    amount_unit: str = "万元"
    exact_ratios: bool = True         # ratios from the figures as given; False: from the printed figures
    strip_amount_zeros: bool = False  # 0.90 -> "0.9", 15.00 -> "15" (some provinces print amounts so)
    strip_percent_zeros: bool = False # 25.40 -> "25.4%", 4.80 -> "4.8%"
    share_places: int | None = None       # 占X%; None: percent_places
    change_places: int | None = None      # 增长/下降X%
    completion_places: int | None = None  # 完成预算X%
    flat_wording: str = "与上年持平"       # what an unchanged figure is said to be

    def places(self, kind: str) -> int:
        """Decimal places of a percentage of this kind (share / change / completion)."""
        own = {"share": self.share_places, "change": self.change_places, "completion": self.completion_places}.get(kind)
        return self.percent_places if own is None else own


def without_trailing_zeros(value: Decimal) -> str:
    """An already rounded figure without the zeros its places padded it with: 0.90 -> "0.9", 15.00 -> "15"."""
    text = f"{value:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def round_half_up(value: Decimal, places: int) -> Decimal:
    """Round to `places` decimals, halves away from zero (四舍五入): 2.345 -> 2.35, -0.125 -> -0.13."""
    return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP, context=_CONTEXT)


def _check_decimal(value: object) -> None:
    if not isinstance(value, Decimal):
        raise TypeError(f"expected decimal.Decimal, got {type(value).__name__}: {value!r}")
    if not value.is_finite():
        raise ValueError(f"expected a finite number, got {value}")


@dataclass(frozen=True)
class Amount:
    """A sum of money in 万元, kept exact; printed rounded."""

    value: Decimal
    fmt: NumberFormat = NumberFormat()

    def __post_init__(self) -> None:
        _check_decimal(self.value)

    @property
    def rounded(self) -> Decimal:
        return round_half_up(self.value, self.fmt.amount_places)

    @property
    def is_zero(self) -> bool:
        return self.rounded == 0

    @property
    def basis(self) -> Decimal:
        """The value ratios are computed from: exact, or as printed when the county says so."""
        return self.value if self.fmt.exact_ratios else self.rounded

    def __str__(self) -> str:
        if self.is_zero:
            return self.fmt.zero_amount
        if self.fmt.strip_amount_zeros:
            return without_trailing_zeros(self.rounded)
        return f"{self.rounded:f}"  # layout only: the value is already rounded

    def __html__(self) -> str:
        return str(escape(str(self)))        # the zero text comes from a county's config

    def with_unit(self) -> str:
        return f"{self}{self.fmt.amount_unit}"

    def abs(self) -> Amount:
        return Amount(abs(self.value), self.fmt)

    def __add__(self, other: Amount) -> Amount:
        return Amount(self.value + other.value, self.fmt)

    def __sub__(self, other: Amount) -> Amount:
        return Amount(self.value - other.value, self.fmt)


@dataclass(frozen=True)
class Percent:
    """A percentage, in percent units (Decimal("74.9055") is 74.9055%), rounded only when printed."""

    value: Decimal
    fmt: NumberFormat = NumberFormat()
    kind: str = ""                       # share / change / completion: a layout may round each its own way

    def __post_init__(self) -> None:
        _check_decimal(self.value)

    @property
    def rounded(self) -> Decimal:
        return round_half_up(self.value, self.fmt.places(self.kind))

    def __str__(self) -> str:
        rounded = self.rounded
        if rounded == 0:
            return "0%"
        if self.fmt.strip_percent_zeros:
            return f"{without_trailing_zeros(rounded)}%"
        if self.fmt.strip_whole_percent and rounded == rounded.to_integral_value():
            rounded = round_half_up(rounded, 0)
        return f"{rounded:f}%"

    def __html__(self) -> str:
        return str(escape(str(self)))


def ratio_percent(numerator: Amount, denominator: Amount, kind: str = "") -> Percent | None:
    """numerator / denominator * 100 (see `Amount.basis`); None when the denominator prints as zero."""
    if denominator.is_zero or denominator.basis == 0:
        return None
    quotient = _CONTEXT.divide(_CONTEXT.multiply(numerator.basis, 100), denominator.basis)
    return Percent(quotient, numerator.fmt, kind)


def share(part: Amount, whole: Amount) -> Percent | None:
    """The "占74.91%" of a part in its whole; None when either is negative (no share of a deficit)."""
    if part.rounded < 0 or whole.rounded < 0:
        return None
    return ratio_percent(part, whole, "share")


def plain(value: Decimal) -> str:
    """An exact figure as written, without padding zeros: 2270 → "2270", 94.30 → "94.3" (scores, 元 amounts)."""
    _check_decimal(value)
    return without_trailing_zeros(value)
