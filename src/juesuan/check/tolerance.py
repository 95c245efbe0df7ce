"""When do rounded figures add up? The rule of XBRL Calculations 1.1, so real rounding passes and errors fail.

A figure reported to 0.01 stands for every value in [x − 0.005, x + 0.005]. An identity
``recorded = part₁ + … + partₙ`` holds when the intervals can meet: the recorded total's interval
overlaps the interval of the sum, i.e. |recorded − Σ parts| ≤ 0.005 · (n + 1). So a 类 subtotal of
84.38 over four 项 summing to 84.39 (each rounded from 元 on its own) passes, and 84.48 fails.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Sequence

from ..facts.numbers import round_half_up


def half_unit(places: int = 2) -> Decimal:
    """Half of the last reported digit: 0.005 for figures to 0.01."""
    return Decimal(5).scaleb(-(places + 1))


def tolerance(terms: int, places: int = 2) -> Decimal:
    """How far apart two sides with `terms` reported figures in all may be and still agree."""
    return half_unit(places) * terms


def balances(left: Sequence[Decimal], right: Sequence[Decimal], places: int = 2) -> bool:
    """Σ left = Σ right for rounded figures: the two sums' intervals overlap."""
    return abs(sum(left, Decimal(0)) - sum(right, Decimal(0))) <= tolerance(len(left) + len(right), places)


def consistent(recorded: Decimal, parts: Sequence[Decimal], places: int = 2) -> bool:
    """A recorded total agrees with its recorded parts: |recorded − Σ parts| ≤ 0.005·(n+1) at 2 places."""
    return balances([recorded], parts, places)


def rounds_to(recorded: Decimal, exact: Decimal, places: int = 2) -> bool:
    """A rounded figure is the 四舍五入 of an exact one (e.g. 0.39 万元 of 3864 元)."""
    return round_half_up(exact, places) == recorded
