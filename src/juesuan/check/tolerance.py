"""When do rounded figures add up? The rule of XBRL Calculations 1.1, so real rounding passes and errors fail.

A figure stands for every value within half its last digit: 84.38 万元 for [84.375, 84.385], 3864.00 元
(0.386400 万元) for ±0.000 000 5 万元. An identity ``Σ left = Σ right`` holds when the two sums' intervals
meet: |Σ left − Σ right| ≤ the sum of every term's half-unit. A blank cell (a bare 0) is exact; 0.00 was
rounded like any two-place figure and may stand for 0.004.
So a 类 of 84.38 over 项 summing to 84.39 (each rounded from 元 on its own) passes, and 84.48 fails.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Sequence


def half_unit(value: Decimal) -> Decimal:
    """Half the last digit a figure was given with; 0 for a bare 0 (a blank cell)."""
    exponent = value.as_tuple().exponent
    if value == 0 and exponent >= 0:
        return Decimal(0)
    return Decimal(5).scaleb(exponent - 1)


def tolerance(terms: Sequence[Decimal]) -> Decimal:
    """How far apart two sums of these figures may be and still agree."""
    return sum((half_unit(t) for t in terms), Decimal(0))


def balances(left: Sequence[Decimal], right: Sequence[Decimal]) -> bool:
    """Σ left = Σ right for rounded figures: the two sums' intervals overlap."""
    return abs(sum(left, Decimal(0)) - sum(right, Decimal(0))) <= tolerance([*left, *right])


def consistent(recorded: Decimal, parts: Sequence[Decimal]) -> bool:
    """A recorded total agrees with its recorded parts."""
    return balances([recorded], parts)
