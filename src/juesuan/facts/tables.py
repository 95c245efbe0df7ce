"""The 附表 (第五部分) as finished cells, each printed from its own value in the 公开表.

A table prints exactly the rows and columns its data has, rounded cell by cell: a recorded subtotal is never
printed beside children computed from other data, so a table adds up wherever its source does. Which tables
print, in which order, is the layout's `附表` setting. A table the data lacks is derived when other tables
determine it (`tables.derive`), else it keeps its place with a note saying its data was not provided.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Sequence

from ..tables.derive import derive
from ..tables.forms import TOTAL
from ..tables.headers import header_rows
from ..tables.layout import blocks
from ..tables.model import Table, TableSet
from .numbers import Amount, NumberFormat
from .rounding import adding_up

EMPTY_NOTE = "本部门本年度无此项收支，故本表为空表。"
MISSING_NOTE = "本表数据未提供。"
TOTAL_ROWS = {TOTAL, "总计", "本年收入合计", "本年支出合计", "人员经费合计", "公用经费合计"}


@dataclass
class Cell:
    value: object                # str or Amount
    kind: str = "text"           # text | num | head
    colspan: int = 1
    rowspan: int = 1
    total: bool = False          # printed bold (a 合计/总计 cell)


@dataclass
class Row:
    cells: list[Cell]
    total: bool = False


@dataclass
class TableSpec:
    title: str
    header: list[Row] = field(default_factory=list)
    body: list[Row] = field(default_factory=list)
    empty: bool = False
    missing: bool = False
    wide: bool = False
    unit: str = "单位：万元"
    note: str = ""


def build_tables(tables: TableSet, titles: Sequence[str], fmt: NumberFormat, adding: bool = False) -> list[TableSpec]:
    """The 附表 in the layout's order; `adding`: columns printed so that they add up (`facts.rounding`)."""
    specs = []
    for title in titles:
        table = tables.tables.get(title) or derive(title, tables)
        specs.append(printable(table, fmt, adding) if table is not None
                     else TableSpec(title, missing=True, note=MISSING_NOTE))
    return specs


def printable(table: Table, fmt: NumberFormat, adding: bool = False) -> TableSpec:
    parts = blocks(table)
    printed = {(name, *key): v for name, panel in table.panels.items()
               for key, v in adding_up(panel, fmt.amount_places).items()} if adding else {}

    def amount(name: str, row, column: str) -> Amount:
        return Amount(printed.get((name, row.key, column), row.values[column]), fmt)

    paths = [p for b in parts for p in b.paths()]
    header = [Row([Cell(h.label, "head", h.colspan, h.rowspan) for h in cells]) for cells in header_rows(paths)]
    body = []
    for i in range(max((len(b.rows) for b in parts), default=0)):
        cells: list[Cell] = []
        for block in parts:
            width = len(block.labels()) + len(block.values)
            row = block.rows[i] if i < len(block.rows) else None
            if row is None:
                cells += [Cell("") for _ in range(width)]
                continue
            total = row.key in TOTAL_ROWS
            if block.panel.rows == "coded":
                cells += ([Cell(row.key), Cell(row.name)] if row.code
                          else [Cell(_label(row.key), colspan=2, total=total)])
            else:
                cells.append(Cell(row.name if row.code else _label(row.key), total=total))
            cells += [Cell(amount(block.panel.name, row, c.key), "num", total=total) if c.key in row.values
                      else Cell("", "num") for c in block.values]
        body.append(Row(cells))
    empty = not any(row.values for b in parts for row in b.rows if row is not None) or table.is_zero()
    return TableSpec(table.id, header, body, empty=empty, wide=len(paths) > 6, note=EMPTY_NOTE if empty else "")


def _label(key: str) -> str:
    """A fixed row's printed label: its own words, a sub-row indented ("　一般公共预算财政拨款")."""
    return "　" + key.split("·")[-1] if "·" in key else key


__all__ = ["Cell", "Row", "TableSpec", "build_tables", "printable"]
