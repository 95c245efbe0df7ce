"""Printed figures that add up down each column, for sources finer than the printed 0.01 万元.

Rounding each 元 figure to 0.01 万元 on its own can make a printed 类 differ from its printed 款 by a cent
(check JS-TAB-011 says where). A county may choose (`附表舍入: 保持相加`) to print instead, column by column,
合计 rounded half up and each level below distributed by the largest-remainder method: every child is its
exact value rounded down or up, and the printed children add to the printed parent exactly. Where the source
itself does not add up, the figures keep their own rounding. The same method prints the shares of one whole
(`占比舍入: 保持相加`) so that they add to exactly 100%.
"""

from __future__ import annotations

from decimal import ROUND_FLOOR, ROUND_HALF_UP, Context, Decimal
from typing import Sequence

from ..tables.forms import TOTAL
from ..tables.model import PanelData, Row
from .numbers import round_half_up

_CONTEXT = Context(prec=50, rounding=ROUND_HALF_UP)   # a division exact far below any printed place


def adding_up(panel: PanelData, places: int) -> dict[tuple[str, str], Decimal]:
    """(row key, column) → the figure to print, for the coded rows and 合计 of `panel`."""
    printed: dict[tuple[str, str], Decimal] = {}
    total = panel.row(TOTAL)
    for column in panel.columns:
        top = [r for r in panel.top() if column in r.values]
        if total is not None and column in total.values:
            exact = total.values[column]
            printed[(TOTAL, column)] = round_half_up(exact, places)
            _share(printed, panel, column, printed[(TOTAL, column)], exact, top, places)
        else:
            for row in top:
                printed[(row.key, column)] = round_half_up(row.values[column], places)
                _share(printed, panel, column, printed[(row.key, column)], row.values[column],
                       panel.children(row.key), places)
    return printed


def _share(printed, panel: PanelData, column: str, whole: Decimal, exact: Decimal, rows: list[Row],
           places: int) -> None:
    """Print `rows` so that they add to `whole` (their parent as printed), then their own children."""
    rows = [r for r in rows if column in r.values]
    if not rows:
        return
    values = [r.values[column] for r in rows]
    adding = sum(values, Decimal(0)) == exact
    shares = largest_remainder(values, whole, places) if adding else None
    if shares is None:
        shares = [round_half_up(v, places) for v in values]    # the source itself does not add up
    for row, share in zip(rows, shares):
        printed[(row.key, column)] = share
        _share(printed, panel, column, share, row.values[column], panel.children(row.key), places)


def largest_remainder(values: Sequence[Decimal], whole: Decimal, places: int) -> list[Decimal] | None:
    """`values` rounded to `places` so that they add to `whole` (already rounded to `places`): each is rounded
    down, and the units still missing go to the largest remainders (the first of equal ones). None when no such
    rounding exists (`whole` is below the values rounded down or more than one unit each above it)."""
    unit = Decimal(1).scaleb(-places)
    floors = [v.quantize(unit, rounding=ROUND_FLOOR) for v in values]
    extra = (whole - sum(floors, Decimal(0))) / unit
    if extra != extra.to_integral_value() or not 0 <= extra <= len(values):
        return None
    order = sorted(range(len(values)), key=lambda i: (-(values[i] - floors[i]), i))[:int(extra)]
    return [f + unit if i in order else f for i, f in enumerate(floors)]


def shares_adding_up(parts: Sequence[Decimal], places: int) -> list[Decimal] | None:
    """The percentage of each part in their sum, rounded to `places` so that they add to exactly 100 (largest
    remainders); None when there is no whole to share (the sum is not positive or a part is negative)."""
    whole = sum(parts, Decimal(0))
    if whole <= 0 or any(p < 0 for p in parts):
        return None
    exact = [_CONTEXT.divide(p * 100, whole) for p in parts]
    return largest_remainder(exact, Decimal(100), places)
