"""TableSet → an .xlsx in the official layout: `juesuan export` (the figures) and `juesuan template` (a blank
fill-in workbook whose 合计 and subtotal cells are formulas).

Each form is one sheet named by its title: title row, 表号, 编制单位 and 单位 rows, the merged header, a 栏次
row, the body, the notes. Two-sided forms put 收入 and 支出 side by side with a 行次 column; the 基本支出表
puts 人员经费 beside 公用经费. Figures are written as exact decimals in the unit the table declared, with a
number format showing all their places, so `juesuan import` reads back exactly what was exported.
"""

from __future__ import annotations

import io
from datetime import datetime
from decimal import Decimal
from typing import Sequence

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

from ..tables.forms import TOP, TOP_PERSONNEL, TOP_PUBLIC, personnel
from ..tables.headers import header_rows
from ..tables.layout import Block, blocks
from ..tables.model import PanelData, Row, Table, from_wan

_THIN = Side(style="thin")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_UNIT_TEXT = {"万元": "单位：万元", "元": "金额单位：元"}


def workbook_bytes(tables: Sequence[Table], unit_name: str = "", template: bool = False,
                   created: datetime | None = None) -> bytes:
    """The workbook for `tables`, in order; `template` leaves figures blank and writes totals as formulas."""
    book = Workbook()
    book.remove(book.active)
    for table in tables:
        _sheet(book, table, unit_name, template)
    if created is not None:
        book.properties.created = book.properties.modified = created.replace(tzinfo=None)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _sheet(book: Workbook, table: Table, unit_name: str, template: bool) -> None:
    ws = book.create_sheet(table.id[:31])
    parts = blocks(table)
    paths = [p for b in parts for p in b.paths(counted=True)]
    width = len(paths)
    ws.cell(1, 1, table.id).font = Font(bold=True, size=16)
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=width)
    ws.cell(1, 1).alignment = Alignment(horizontal="center")
    if table.number:
        ws.cell(2, width, table.number).alignment = Alignment(horizontal="right")
    ws.cell(3, 1, f"编制单位：{unit_name}" if unit_name else "编制单位：")
    ws.cell(3, width, _UNIT_TEXT[table.unit]).alignment = Alignment(horizontal="right")
    top = 4
    grid = header_rows(paths)
    for level, cells in enumerate(grid):
        for cell in cells:
            target = ws.cell(top + level, cell.column + 1, cell.label)
            target.font = Font(bold=True)
            target.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
            if cell.colspan > 1 or cell.rowspan > 1:
                ws.merge_cells(start_row=top + level, start_column=cell.column + 1,
                               end_row=top + level + cell.rowspan - 1, end_column=cell.column + cell.colspan)
    count_row = top + len(grid)
    first = count_row + 1
    height = max((len(b.rows) for b in parts), default=0)
    column = 1
    numbered = 0
    for block in parts:
        labels = block.labels(counted=True)
        ws.cell(count_row, column, "栏次")
        values = block.values
        for j in range(len(values)):
            numbered += 1
            ws.cell(count_row, column + len(labels) + j, numbered)
        where = {row.key: first + i for i, row in enumerate(block.rows) if row is not None}
        for i, row in enumerate(block.rows):
            if row is None:
                continue
            r = first + i
            if block.panel.rows == "coded" and row.code is not None:
                ws.cell(r, column, row.key)
                ws.cell(r, column + 1, row.name)
            elif block.panel.rows == "coded":
                ws.cell(r, column, row.key)
                ws.merge_cells(start_row=r, start_column=column, end_row=r, end_column=column + 1)
            else:
                ws.cell(r, column, row.name if row.code is not None else row.key)
                if "行次" in labels:
                    ws.cell(r, column + 1, i + 1)
            for j, col in enumerate(values):
                target = ws.cell(r, column + len(labels) + j)
                target.number_format = "#,##0.00"
                if template:
                    formula = _formula(block, row, col.key, where, values, column + len(labels))
                    if formula:
                        target.value = formula
                elif col.key in row.values:
                    _figure(target, from_wan(row.values[col.key], table.unit))
        column += len(labels) + len(values)
    for r in range(top, first + height):
        for c in range(1, width + 1):
            ws.cell(r, c).border = _BOX
    for i, note in enumerate(table.notes):
        ws.cell(first + height + 1 + i, 1, note)
    for c in range(1, width + 1):
        ws.column_dimensions[get_column_letter(c)].width = 14 if c > 2 else 22


def _figure(cell, value: Decimal) -> None:
    """A figure with a format showing exactly its places (so it reads back as written); a bare 0 stays blank."""
    places = max(0, -value.as_tuple().exponent)
    if value == 0 and places == 0:
        cell.value = None
        return
    cell.value = value + 0
    cell.number_format = "#,##0" + ("." + "0" * places if places else "")


def _formula(block: Block, row: Row, key: str, where: dict[str, int], values: list, first_value: int) -> str:
    """A template cell's formula: a parent code sums its children, a fixed total sums its parts, a row's total
    column sums its part columns; '' for a cell the officer fills in."""
    keys = [c.key for c in values]
    letter = get_column_letter(first_value + keys.index(key))
    data = block.data
    if row.code is not None:
        children = [r for r in data.children(row.key) if r.key in where]
        if children:
            return "=" + "+".join(f"{letter}{where[r.key]}" for r in children)
    for rule in block.panel.sums_of_rows():
        if rule.total != row.key:
            continue
        parts = _parts(data, rule.parts, where)
        if parts:
            return "=" + "+".join(f"{letter}{where[k]}" for k in parts)
    for rule in block.form.sums:
        if rule.total == key and all(p in keys for p in rule.parts):
            cells = [get_column_letter(first_value + keys.index(p)) for p in rule.parts]
            return "=" + "+".join(f"{c}{where[row.key]}" for c in cells)
    return ""


def _parts(data: PanelData, parts: tuple[str, ...], where: dict[str, int]) -> list[str]:
    keys: list[str] = []
    for part in parts:
        if part == TOP:
            keys += [r.key for r in data.top()]
        elif part == TOP_PERSONNEL:
            keys += [r.key for r in data.top() if personnel(r.key)]
        elif part == TOP_PUBLIC:
            keys += [r.key for r in data.top() if not personnel(r.key)]
        else:
            keys.append(part)
    return [k for k in keys if k in where]


__all__ = ["workbook_bytes"]
