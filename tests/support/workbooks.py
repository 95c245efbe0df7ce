"""Workbooks laid out the way other 决算 exports are, to test the importer against more than our own exporter.

`write_workbook` puts a TableSet into an .xls (xlwt) or .xlsx (openpyxl) with the quirks real exports have:
split 类 | 款 | 项 code columns (parents left blank below), amounts as text with thousands separators, sheets
renamed and reordered, 元 instead of 万元 (floats), names indented with full-width spaces, a 项目 super-header
over the code and name columns, 行次 columns and a 栏次 row, the unit written beside the header.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from juesuan.tables.forms import classify
from juesuan.tables.headers import header_rows
from juesuan.tables.layout import Block, blocks
from juesuan.tables.model import Table, TableSet, from_wan


@dataclass
class Quirks:
    split_codes: bool = False           # 类 | 款 | 项 columns
    blank_parents: bool = False         # with split codes: 类/款 cells left blank on 项 rows
    text_numbers: bool = False          # amounts as text "1,778.52"
    text_tables: tuple[str, ...] = ()   # only these tables' amounts as text
    unit: str | None = None             # "元" to write 元 floats; None keeps each table's unit
    sheet_names: dict[str, str] = field(default_factory=dict)
    order: list[str] | None = None
    indent: bool = False                # names indented by level with full-width spaces
    super_header: bool = False          # "项目" above 科目编码 / 科目名称
    title_prefix: str = ""              # "2021年度" before the title
    unit_beside_header: bool = False    # "金额单位：元" in the first header row, not above it
    general_format: bool = False        # numbers without a number format (General)


def _cells(table: Table, q: Quirks, unit_name: str) -> tuple[list[list[object]], list[tuple[int, int, int, int]]]:
    """The sheet as a grid of values (Decimal, str or None) and merged ranges (r0, c0, r1, c1)."""
    unit = q.unit or table.unit
    parts = blocks(table)
    paths: list[tuple[str, ...]] = []
    for block in parts:
        for p in block.paths(counted=True):
            if q.split_codes and p[-1] == "科目编码":
                paths += [p + (x,) for x in ("类", "款", "项")]
            elif q.super_header and p[-1] in ("科目编码", "科目名称"):
                paths.append(p[:-1] + ("项目", p[-1]))
            else:
                paths.append(p)
    width = len(paths)
    grid: list[list[object]] = [[None] * width for _ in range(3)]
    merges = [(0, 0, 0, width - 1)]
    grid[0][0] = q.title_prefix + table.id
    grid[1][width - 1] = table.number or None
    grid[2][0] = f"编制单位：{unit_name}"
    unit_text = "金额单位：元" if unit == "元" else "单位：万元"
    if not q.unit_beside_header:
        grid[2][width - 1] = unit_text
    top = len(grid)
    header = header_rows(paths)
    for level, cells in enumerate(header):
        grid.append([None] * width)
        for cell in cells:
            grid[top + level][cell.column] = cell.label
            if cell.colspan > 1 or cell.rowspan > 1:
                merges.append((top + level, cell.column, top + level + cell.rowspan - 1, cell.column + cell.colspan - 1))
    if q.unit_beside_header:
        grid[top].append(unit_text)
        for row in grid:
            row += [None] * (len(grid[top]) - len(row))
    count = [None] * len(grid[top])
    count[0] = "栏次"
    grid.append(count)
    first = len(grid)
    height = max((len(b.rows) for b in parts), default=0)
    for _ in range(height):
        grid.append([None] * len(grid[top]))
    column = 0
    n = 0
    for block in parts:
        labels = block.labels(counted=True)
        label_width = len(labels) + (2 if q.split_codes and block.panel.rows == "coded" else 0)
        for j, _ in enumerate(block.values):
            n += 1
            grid[first - 1][column + label_width + j] = n
        last: dict[int, str] = {}
        for i, row in enumerate(block.rows):
            r = first + i
            _labels(grid[r], column, block, row, labels, i, q, last)
            for j, col in enumerate(block.values):
                value = row.values.get(col.key)
                if value is not None and not (value == 0 and value.as_tuple().exponent >= 0):
                    as_text = q.text_numbers or table.id in q.text_tables
                    grid[r][column + label_width + j] = _value(from_wan(value, unit), as_text)
        column += label_width + len(block.values)
    for note in table.notes:
        grid.append([note] + [None] * (len(grid[top]) - 1))
    return grid, merges


def _labels(cells, column, block: Block, row, labels, index, q: Quirks, last: dict[int, str]) -> None:
    name = row.name if row.code else row.key.split("·")[-1]
    kind = classify(row.key)
    if q.indent and kind is not None:
        name = "\u3000" * (kind.level - 1) + name
    if block.panel.rows != "coded":
        cells[column] = name
        if "行次" in labels:
            cells[column + 1] = index + 1
        return
    if not q.split_codes:
        cells[column] = row.key if row.code else None
        cells[column + 1] = name
        return
    if row.code and kind.kind == "功能分类":
        parts = [row.key[:3], row.key[3:5], row.key[5:7]]
        for level, text in enumerate(parts):
            if not text:
                continue
            if q.blank_parents and level < kind.level - 1 and last.get(level) == text:
                continue
            cells[column + level] = text
            last[level] = text
    elif row.code:
        cells[column] = row.key
    cells[column + 3] = name


def _value(value: Decimal, as_text: bool):
    if as_text:
        return f"{value:,.2f}" if value.as_tuple().exponent >= -2 else f"{value:,f}"
    return value


def write_workbook(tables: TableSet, path: Path, quirks: Quirks = Quirks()) -> Path:
    order = quirks.order or [t.id for t in tables]
    sheets = [(quirks.sheet_names.get(fid, fid[:31]), *_cells(tables.tables[fid], quirks, tables.unit_name))
              for fid in order]
    if path.suffix == ".xls":
        _write_xls(sheets, path, quirks)
    else:
        _write_xlsx(sheets, path, quirks)
    return path


def _write_xls(sheets, path: Path, q: Quirks) -> None:
    import xlwt

    book = xlwt.Workbook(encoding="utf-8")
    number = xlwt.easyxf(num_format_str="General" if q.general_format else "#,##0.00")
    for name, grid, merges in sheets:
        ws = book.add_sheet(name)
        covered = set()
        for r0, c0, r1, c1 in merges:
            ws.write_merge(r0, r1, c0, c1, grid[r0][c0])
            covered |= {(r, c) for r in range(r0, r1 + 1) for c in range(c0, c1 + 1)}
        for r, row in enumerate(grid):
            for c, value in enumerate(row):
                if (r, c) in covered or value is None:
                    continue
                if isinstance(value, Decimal):
                    ws.write(r, c, float(value), number)
                else:
                    ws.write(r, c, value)
    book.save(str(path))


def _write_xlsx(sheets, path: Path, q: Quirks) -> None:
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    for name, grid, merges in sheets:
        ws = book.create_sheet(name)
        for r, row in enumerate(grid):
            for c, value in enumerate(row):
                if value is None:
                    continue
                cell = ws.cell(r + 1, c + 1, float(value) if isinstance(value, Decimal) else value)
                if isinstance(value, Decimal) and not q.general_format:
                    cell.number_format = "#,##0.00"
        for r0, c0, r1, c1 in merges:
            if (r0, c0) != (r1, c1):
                ws.merge_cells(start_row=r0 + 1, start_column=c0 + 1, end_row=r1 + 1, end_column=c1 + 1)
    book.save(str(path))
