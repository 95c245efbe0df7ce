"""The 公开表 as data: what both readers (a workbook, the inline YAML) produce and everything after reads.

Values are exact Decimals in 万元. A 元 source is divided by 10 000 by moving the decimal point, so a value
keeps the precision it was given with: 84.38 万元 stands for ±0.005 万元, 3864.00 元 (0.386400 万元) for
±0.000 000 5 万元. Every value remembers where it came from, so a finding can name the cell to fix.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Iterator

from .forms import BY_ID, TOTAL, Form, classify

UNITS = {"万元": 0, "元": -4}          # exponent that turns a value in this unit into 万元
ZERO = Decimal(0)


@dataclass(frozen=True)
class Source:
    """Where a value was read: a workbook cell (book!sheet!A1) or a YAML position (file:line:col)."""

    file: str
    sheet: str | None = None
    cell: str | None = None
    line: int | None = None
    column: int | None = None

    def __str__(self) -> str:
        if self.sheet is not None:
            return f"{Path(self.file).name}!{self.sheet}" + (f"!{self.cell}" if self.cell else "")
        if self.line is not None:
            return f"{self.file}:{self.line}:{self.column}"
        return self.file


def to_wan(value: Decimal, unit: str) -> Decimal:
    """A value in `unit` as 万元, exactly (the exponent moves; no digit is rounded away)."""
    return value.scaleb(UNITS[unit])


def from_wan(value: Decimal, unit: str) -> Decimal:
    return value.scaleb(-UNITS[unit])


@dataclass
class Row:
    """One row of a panel: a classification code, a fixed row's key, or 合计; one exact value per column."""

    key: str
    name: str
    values: dict[str, Decimal]
    source: Source
    sources: dict[str, Source] = field(default_factory=dict)

    @property
    def code(self) -> str | None:
        return self.key if classify(self.key) else None

    def get(self, column: str) -> Decimal | None:
        return self.values.get(column)


@dataclass
class PanelData:
    columns: list[str]
    rows: list[Row] = field(default_factory=list)
    _index: tuple | None = field(default=None, init=False, repr=False, compare=False)

    def _indexed(self) -> tuple[dict[str, Row], dict[str | None, list[Row]]]:
        """Rows by key, and coded rows grouped under their nearest listed ancestor (None: no ancestor
        listed), built once per state of `rows`: a table of thousands of rows must not be walked per row."""
        stamp = (id(self.rows), len(self.rows))
        if self._index is None or self._index[0] != stamp:
            by_key: dict[str, Row] = {}
            for r in self.rows:
                by_key.setdefault(r.key, r)
            grouped: dict[str | None, list[Row]] = {}
            for r in self.coded():
                grouped.setdefault(_ancestor(r.key, by_key), []).append(r)
            self._index = (stamp, by_key, grouped)
        return self._index[1], self._index[2]

    def row(self, key: str) -> Row | None:
        return self._indexed()[0].get(key)

    def coded(self) -> list[Row]:
        return [r for r in self.rows if r.code is not None]

    def children(self, code: str) -> list[Row]:
        return list(self._indexed()[1].get(code, ()))

    def top(self) -> list[Row]:
        """Coded rows with no listed ancestor: what a 合计 adds up."""
        return list(self._indexed()[1].get(None, ()))


def _ancestor(key: str, listed) -> str | None:
    """The nearest listed ancestor of a code (a 项's 款, or its 类 when the 款 is not listed)."""
    kind = classify(key)
    ancestor = kind.parent if kind else None
    while ancestor:
        if ancestor in listed:
            return ancestor
        ancestor = classify(ancestor).parent
    return None


@dataclass
class Table:
    form: Form
    panels: dict[str, PanelData]
    unit: str                          # the unit the source declared (元 / 万元)
    source: Source                     # the title
    number: str = ""                   # 表号 as written
    notes: list[str] = field(default_factory=list)

    @property
    def id(self) -> str:
        return self.form.id

    def panel(self, name: str = "") -> PanelData:
        return self.panels.get(name) or PanelData([])

    def value(self, row: str, column: str, panel: str = "") -> Decimal | None:
        """A cell, or None when the row or the column is not in this table."""
        found = self.panel(panel).row(row)
        return found.get(column) if found is not None else None

    def cells(self) -> Iterator[tuple[str, Row, str, Decimal]]:
        for name, panel in self.panels.items():
            for row in panel.rows:
                for column, value in row.values.items():
                    yield name, row, column, value

    def is_zero(self) -> bool:
        return all(value == 0 for *_, value in self.cells())


@dataclass
class TableSet:
    """The 公开表 of one unit-year, by form id."""

    tables: dict[str, Table] = field(default_factory=dict)
    unit_name: str = ""                # 编制单位 as written in the source
    source: Source | None = None

    def get(self, form_id: str) -> Table | None:
        if form_id not in BY_ID:
            raise KeyError(f"unknown form {form_id!r}")
        return self.tables.get(form_id)

    def value(self, form_id: str, row: str, column: str, panel: str = "") -> Decimal | None:
        table = self.tables.get(form_id)
        return table.value(row, column, panel) if table is not None else None

    def __iter__(self) -> Iterator[Table]:
        return iter(self.tables.values())

    def __len__(self) -> int:
        return len(self.tables)


__all__ = ["PanelData", "Row", "Source", "Table", "TableSet", "TOTAL", "UNITS", "ZERO", "from_wan", "to_wan"]
