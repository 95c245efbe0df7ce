"""Printed figures that add up down each column, for sources finer than the printed 0.01 万元.

Rounding each 元 figure to 0.01 万元 on its own can make a printed 类 differ from its printed 款 by a cent
(check JS-TAB-011 says where). A county may choose (`附表舍入: 保持相加`) to print instead, column by column,
合计 rounded half up and each level below distributed by the largest-remainder method: every child is its
exact value rounded down or up, and the printed children add to the printed parent exactly. Where the source
itself does not add up, the figures keep their own rounding.
"""

from __future__ import annotations

from decimal import ROUND_FLOOR, Decimal

from ..tables.forms import TOTAL
from ..tables.model import PanelData, Row
from .numbers import round_half_up


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
    unit = Decimal(1).scaleb(-places)
    floors = [r.values[column].quantize(unit, rounding=ROUND_FLOOR) for r in rows]
    extra = int((whole - sum(floors, Decimal(0))) / unit)
    if sum((r.values[column] for r in rows), Decimal(0)) != exact or not 0 <= extra <= len(rows):
        shares = [round_half_up(r.values[column], places) for r in rows]    # the source itself does not add up
    else:
        order = sorted(range(len(rows)), key=lambda i: (-(rows[i].values[column] - floors[i]), i))
        shares = [f + (unit if i in order[:extra] else 0) for i, f in enumerate(floors)]
    for row, share in zip(rows, shares):
        printed[(row.key, column)] = share
        _share(printed, panel, column, share, row.values[column], panel.children(row.key), places)
