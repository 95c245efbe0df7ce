"""The 附表 (第五部分) as data a layout's templates lay out: panels of columns and rows, every figure computed here.

A table offers exactly the rows and columns its data has, each figure printed from its own value (or, with
`附表舍入: 保持相加`, rounded so that columns add up: `facts.rounding`), so a table adds up wherever its
source does. Templates choose, order and label what prints (`TablePanel.pick`, `.renamed`, `.part`) and
lay panels side by side (`TableSpec.grid`); they never compute a figure. Which tables print, in which
order, is the layout's `附表` setting. A table the data lacks is derived when other tables determine it
(`tables.derive`), else it keeps its place with a note saying its data was not provided.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field, replace
from typing import Mapping, Sequence

from jinja2.exceptions import UndefinedError

from ..tables.derive import derive
from ..tables.forms import TOTAL, Panel, classify, personnel
from ..tables.headers import HeaderCell, collapse, header_rows
from ..tables.model import PanelData, Table, TableSet
from .numbers import Amount, NumberFormat
from .rounding import adding_up

EMPTY_NOTE = "本部门本年度无此项收支，故本表为空表。"
MISSING_NOTE = "本表数据未提供。"
TOTAL_ROWS = {TOTAL, "总计", "本年收入合计", "本年支出合计", "人员经费合计", "公用经费合计"}
WIDE = 6                          # a table of more columns prints in the wide style
PARTS = ("人员经费", "公用经费")    # the 基本支出表's two parts, by 经济分类 类 (`forms.personnel`)
BASIC = "一般公共预算财政拨款基本支出决算表"   # the one table with parts


@dataclass(frozen=True)
class TableColumn:
    key: str                      # the figure's name in the data (本年支出合计, 预算数·合计) or a label column's
    path: tuple[str, ...]         # its printed header, top → leaf: ("本年支出", "小计")

    @property
    def label(self) -> str:
        return self.path[-1]


@dataclass(frozen=True)
class TableRow:
    key: str                      # the code, or a fixed row's key (合计, 年初财政拨款结转和结余·政府性基金预算财政拨款)
    code: str                     # "" for a fixed row
    name: str                     # its own words, without indent
    level: int                    # coded: 1 类, 2 款, 3 项; fixed: 1, a sub-row 2
    total: bool                   # a 合计/总计 row (printed bold)
    values: dict[str, Amount]     # column key → the figure as printed, only for the columns the row has
    part: str = ""                # 人员经费 / 公用经费 in the 基本支出表; else ""

    @property
    def indent(self) -> str:
        """Full-width spaces that set a sub-row under its row ("　一般公共预算财政拨款")."""
        return "\u3000" * (self.level - 1)

    @property
    def foot(self) -> bool:
        """A part's own total: side by side, the parts' totals share the table's last line, as on the form."""
        return bool(self.part) and self.key == f"{self.part}合计"


@dataclass(frozen=True)
class TablePanel:
    name: str                     # printed above its columns when not "": 收入 / 支出 / 人员经费 / 公用经费
    coded: bool                   # rows carry a code: label columns 科目编码 | 科目名称, else 项目
    labels: tuple[TableColumn, ...]
    columns: tuple[TableColumn, ...]      # the figure columns that print, in order
    rows: tuple[TableRow, ...]
    _table: str = ""                              # the table's title, for messages
    _choices: tuple[TableColumn, ...] = ()        # every figure column the data has, in the form's order
    _known: tuple[TableColumn, ...] = ()          # every figure column the form knows, present or not
    _fixed: tuple[str, ...] = ()                  # every fixed row key the form knows

    @property
    def keys(self) -> list[str]:
        return [c.key for c in self.columns]

    @property
    def width(self) -> int:
        return len(self.labels) + len(self.columns)

    def pick(self, *keys: str) -> TablePanel:
        """Only these figure columns, in this order; a key the form has but this table's data lacks is left out."""
        by_key = {c.key: c for c in self._choices}
        known = [c.key for c in self._known]
        for key in keys:
            if key not in known:
                _unknown(f"「{self._table}」没有「{key}」这一栏", key, known, "本表的栏有")
        return replace(self, columns=tuple(by_key[k] for k in keys if k in by_key))

    def renamed(self, names: Mapping[str, object]) -> TablePanel:
        """Printed labels changed: a column key gets a new leaf label (a text) or a whole header path (a
        list); any other header label (a group such as 本年支出, a label column, the panel's name) is
        replaced wherever it prints. A name the form has is accepted where this table's data lacks it, so
        one layout serves every unit."""
        keys = {c.key for c in self._known}
        printed = {label for c in (*self.labels, *self._known) for label in c.path} | ({self.name} - {""})
        for name in names:
            if name not in keys and name not in printed:
                _unknown(f"「{self._table}」的表头中没有「{name}」", name, sorted(keys | printed), "可改名的有")

        def new(column: TableColumn) -> TableColumn:
            path = tuple(given if isinstance(given := names.get(x), str) else x for x in column.path)
            given = names.get(column.key)
            if isinstance(given, str):
                path = (*path[:-1], given)
            elif given is not None:
                path = tuple(str(x) for x in given)
            return replace(column, path=path)

        title = names.get(self.name)
        return replace(self, name=title if isinstance(title, str) else self.name, labels=tuple(map(new, self.labels)),
                       columns=tuple(map(new, self.columns)), _choices=tuple(map(new, self._choices)))

    def part(self, name: str, first: str | None = None) -> TablePanel:
        """Only the rows of one part (人员经费 or 公用经费 of the 基本支出表), named after it; `first`: a row
        of the table printed at its head when the table has it (the Sichuan form puts 合计 there)."""
        parts = PARTS if self._table == BASIC else ()
        if name not in parts:
            _unknown(f"「{self._table}」没有「{name}」这一部分", name, parts or ["（本表不分部分）"], "本表的部分有")
        if first is not None and first not in self._fixed and classify(first) is None:
            _unknown(f"「{self._table}」没有「{first}」这一行", first, self._fixed, "本表的固定行有")
        head = [r for r in self.rows if r.key == first][:1]
        own = [r for r in self.rows if r.part == name]
        return replace(self, name=name, rows=tuple(head + [r for r in own if not r.foot] + [r for r in own if r.foot]))

    def row(self, key: str) -> TableRow:
        """The row of this key (a code or a fixed row's key)."""
        found = next((r for r in self.rows if r.key == key), None)
        if found is None:
            _unknown(f"「{self._table}」没有「{key}」这一行", key, [r.key for r in self.rows], "本表的行有")
        return found


@dataclass(frozen=True)
class Grid:
    """Panels laid side by side: merged header rows, and lines holding each panel's row (None: blank)."""

    header: list[list[HeaderCell]]
    lines: list[list[tuple[TablePanel, TableRow | None]]]
    wide: bool


@dataclass
class TableSpec:
    title: str
    panels: list[TablePanel] = field(default_factory=list)    # as the data has them, in the form's order
    empty: bool = False
    missing: bool = False
    unit: str = "单位：万元"
    note: str = ""

    def panel(self, name: str = "") -> TablePanel:
        """One panel by name: 收入 / 支出 for the two-sided 总表s, "" for every other table."""
        found = next((p for p in self.panels if p.name == name), None)
        if found is None:
            _unknown(f"「{self.title}」没有「{name}」这一面", name, [p.name or '""' for p in self.panels], "本表的面有")
        return found

    def grid(self, panels: Sequence[TablePanel] | None = None) -> Grid:
        """`panels` (default: the table's own) side by side, line by line; where a panel is shorter, blank
        lines go at its end, or just above its last row when that is a part's total (`TableRow.foot`)."""
        panels = list(self.panels if panels is None else panels)
        paths = [path for p in panels for path in _paths(p)]
        height = max((len(p.rows) for p in panels), default=0)
        columns = []
        for p in panels:
            rows: list[TableRow | None] = list(p.rows)
            gap: list[TableRow | None] = [None] * (height - len(rows))
            at = len(rows) - 1 if rows and rows[-1].foot else len(rows)
            columns.append([(p, r) for r in rows[:at] + gap + rows[at:]])
        return Grid(header_rows(paths), [list(line) for line in zip(*columns)], len(paths) > WIDE)


def _paths(panel: TablePanel) -> list[tuple[str, ...]]:
    paths = [c.path for c in panel.labels] + collapse([c.path for c in panel.columns])
    return [(panel.name, *p) if panel.name else p for p in paths]


def _unknown(what: str, name: object, known: Sequence[str], listed: str) -> None:
    """Stop the template at a misspelt name: UndefinedError, so the message names the template's file and line."""
    near = difflib.get_close_matches(str(name), list(known), n=1, cutoff=0.5)
    hint = f"是否想写「{near[0]}」？" if near else f"{listed}：{'、'.join(known)}"
    raise UndefinedError(f"{what}。{hint}")


def build_tables(tables: TableSet, titles: Sequence[str], fmt: NumberFormat, adding: bool = False) -> list[TableSpec]:
    """The 附表 in the layout's order; `adding`: columns printed so that they add up (`facts.rounding`)."""
    specs = []
    for title in titles:
        table = tables.tables.get(title) or derive(title, tables)
        specs.append(printable(table, fmt, adding) if table is not None
                     else TableSpec(title, missing=True, note=MISSING_NOTE))
    return specs


def printable(table: Table, fmt: NumberFormat, adding: bool = False) -> TableSpec:
    panels = [_panel(table, form_panel, table.panel(form_panel.name), fmt, adding) for form_panel in table.form.panels]
    empty = not any(row.values for p in panels for row in p.rows) or table.is_zero()
    return TableSpec(table.id, panels, empty=empty, note=EMPTY_NOTE if empty else "")


def _panel(table: Table, form: Panel, data: PanelData, fmt: NumberFormat, adding: bool) -> TablePanel:
    printed = adding_up(data, fmt.amount_places) if adding else {}
    columns = tuple(TableColumn(c.key, c.header) for c in form.columns if c.key in data.columns)
    labels = ("科目编码", "科目名称") if form.rows == "coded" else ("项目",)
    rows = []
    for row in data.rows:
        kind = classify(row.key)
        values = {key: Amount(printed.get((row.key, key), value), fmt) for key, value in row.values.items()}
        rows.append(TableRow(row.key, row.key if kind else "", row.name if kind else row.key.split("·")[-1],
                             kind.level if kind else 2 if "·" in row.key else 1, row.key in TOTAL_ROWS, values,
                             _part(table, row.key, kind is not None)))
    return TablePanel(form.name, form.rows == "coded", tuple(TableColumn(x, (x,)) for x in labels), columns,
                      tuple(rows), table.id, columns, tuple(TableColumn(c.key, c.header) for c in form.columns),
                      tuple(f.key for f in form.fixed))


def _part(table: Table, key: str, coded: bool) -> str:
    """Which part of the 基本支出表 a row belongs to: its 类 decides; a part's total is its own."""
    if table.id != BASIC:
        return ""
    if coded:
        return PARTS[0] if personnel(key) else PARTS[1]
    return next((p for p in PARTS if key == f"{p}合计"), "")


__all__ = ["Grid", "TableColumn", "TablePanel", "TableRow", "TableSpec", "build_tables", "printable"]
