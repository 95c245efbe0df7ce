"""Sheets of a 决算 workbook → TableSet: each form found by its title and header labels, never by position.

What exports vary in, and how each is read:

* the sheet's name and order — ignored; the title row names the form (`forms.form_for_title`);
* 表号 / 编制单位 / 单位 rows — read where they are; `单位：万元` or `金额单位：元` is required (a missing unit
  is an error, never guessed);
* merged, multi-row headers — each column's label path (top → leaf) names its key (`forms.Column`);
* a `栏次` row and `行次` columns — skipped;
* two-sided tables (收入 | 支出) and the three-panel 基本支出表 — split where a label column follows figures;
* codes in one column or split `类 | 款 | 项` (款 and 项 holding only their own digits, parents possibly left
  blank on the rows below), names indented with spaces — joined and trimmed;
* blank = 0; numbers as floats (exactly at the cell's decimals, see `load.workbook`) or as text with thousands
  separators; footnotes (`注：…`) and the empty-table note — kept as notes.

Every problem names workbook!sheet!cell, and all of them are reported together. `sheet_layout` finds the
frame (title, unit, header, first data row); this module reads the rows inside it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Mapping

from ..errors import DataError, Problem
from ..load.workbook import MAX_COLUMNS, MAX_ROWS, Cell, Sheet, read_workbook, ref
from ..tables.forms import TOTAL, FixedRow, Form, Panel, classify, three_public_group, three_public_item
from ..tables.labels import nearest, norm
from ..tables.model import PanelData, Row, Source, Table, TableSet, to_wan
from .evaluation_sheets import is_evaluation_sheet
from .sheet_layout import (EMPTY_NOTE, NOTE_START, SECTION_WORDS, Column, SheetLayout, assign_panels, clean,
                           join_parts, split_panels)
from .types import parse_amount, shown_as


@dataclass
class Imported:
    """What a workbook gave: the tables, the year its titles name, and what was passed over (said, never silent)."""

    tables: TableSet
    notices: list[str] = field(default_factory=list)
    year: int | None = None


def tables_from_workbook(path: Path, class_codes: Mapping[str, str], unit: str | None = None,
                         sheets: list[Sheet] | None = None) -> Imported:
    """Read the 公开表 of the workbook at `path` (`sheets`: already read from it).

    `class_codes` maps a 功能分类 类 name (normalized) to its code, for the 总表s that list 类 by name.
    `unit` is the amount unit to assume for sheets that do not state one (None: such a sheet is an error).
    """
    path = Path(path)
    sheets = sheets if sheets is not None else read_workbook(path)
    problems: list[Problem] = []
    result = Imported(TableSet(source=Source(str(path))))
    first_sheet: dict[str, str] = {}
    for sheet in sheets:
        if sheet.beyond:
            result.notices.append(f"{path.name}!{sheet.name}!{sheet.beyond}：此处及以后的内容超出读取范围"
                                  f"（前 {MAX_ROWS} 行、{MAX_COLUMNS} 列），未读入")
        reader = _SheetReader(path, sheet, class_codes, unit, problems, result.notices)
        table = reader.read()
        if table is None:
            continue
        if table.id in result.tables.tables:
            problems.append(reader.problem(0, 0, f"「{table.id}」在工作表「{first_sheet[table.id]}」和「{sheet.name}」中"
                                                 "各出现一次，请删去重复的一张", f"{table.id} appears twice"))
            continue
        first_sheet[table.id] = sheet.name
        result.tables.tables[table.id] = table
        result.year = result.year or reader.layout.year
        if unit_name := reader.layout.unit_name:
            if not result.tables.unit_name:
                result.tables.unit_name = unit_name
            elif unit_name != result.tables.unit_name:
                result.notices.append(f"工作表「{sheet.name}」的编制单位是「{unit_name}」，"
                                      f"与其他表的「{result.tables.unit_name}」不同")
    if problems:
        raise DataError(problems)
    if not result.tables.tables:
        raise DataError([Problem(path, None, None, "", "工作簿中没有找到任何公开表（按表名识别，如「收入支出决算总表」）",
                                 "no 公开表 found in the workbook")])
    return result


class _SheetReader:
    """One sheet's body, row by row, inside the frame `SheetLayout` found."""

    def __init__(self, path: Path, sheet: Sheet, class_codes: Mapping[str, str], unit: str | None,
                 problems: list[Problem], notices: list[str]):
        self.path, self.sheet, self.class_codes, self.default_unit = path, sheet, class_codes, unit
        self.problems, self.notices = problems, notices
        self.layout = SheetLayout(sheet, class_codes)

    # -- locating --------------------------------------------------------------------------------
    def problem(self, row: int, column: int, zh: str, en: str = "") -> Problem:
        return Problem(self.path, None, None, "", zh, en or zh, sheet=self.sheet.name, cell=ref(row, column))

    def fail(self, row: int, column: int, zh: str, en: str = "") -> None:
        self.problems.append(self.problem(row, column, zh, en))

    def source(self, row: int, column: int) -> Source:
        return Source(str(self.path), sheet=self.sheet.name, cell=ref(row, column))

    # -- the sheet -------------------------------------------------------------------------------
    def read(self) -> Table | None:
        layout = self.layout
        found = layout.title()
        if found is None:
            if not is_evaluation_sheet(self.sheet):
                self.notices.append(f"工作表「{self.sheet.name}」中没有可识别的公开表表名，已跳过")
            return None
        title_row, title_col, form = found
        unit, number, header_start = layout.meta(title_row)
        unit = unit or layout.unit_near(title_row, header_start + 4)
        columns, body_start = layout.header(form, header_start)
        unit = unit or layout.header_unit or self.default_unit
        if unit is None:
            self.fail(title_row, title_col, f"「{form.id}」没有注明金额单位（应有“单位：万元”或“金额单位：元”一行）",
                      f"{form.id}: the amount unit is not stated")
            return None
        if body_start is None:
            self.fail(header_start, 0, f"「{form.id}」找不到表头下的数据行（应以“合计”、科目编码或行名开始）",
                      f"{form.id}: no body rows found")
            return None
        panels = split_panels(columns)
        table = Table(form, {}, unit, self.source(title_row, title_col), number)
        if form.single_row:
            self._single_row(form, table, panels, body_start, unit)
        else:
            self._rows(form, table, panels, body_start, unit)
        return table


    # -- the body --------------------------------------------------------------------------------
    def _value_keys(self, form_panel: Panel, columns: list[Column], start: int) -> dict[int, str]:
        keys: dict[int, str] = {}
        taken: dict[str, int] = {}
        for column in columns:
            if column.role != "value":
                continue
            scores = [(c.matches(column.path), i, c.key) for i, c in enumerate(form_panel.columns)]
            score, _, key = max(scores, key=lambda s: (s[0], -s[1]))
            if score == 0:
                if column.path and self._column_has_data(column.index, start):
                    self.notices.append(f"{self.path.name}!{self.sheet.name}：无法识别的列「{'／'.join(column.path)}」"
                                        f"（{ref(0, column.index)[:-1]} 列），其中的数未读入")
                continue
            if key in taken:
                self.fail(0, column.index, f"「{form_panel.name or '本表'}」有两列都像「{key}」"
                          f"（{ref(0, taken[key])[:-1]} 列和 {ref(0, column.index)[:-1]} 列），请改正表头",
                          f"two columns read as {key}")
                continue
            taken[key] = column.index
            keys[column.index] = key
        return keys

    def _column_has_data(self, c: int, start: int) -> bool:
        return any(self.sheet.cell(r, c).text for r in range(start, self.sheet.height))

    def _rows(self, form: Form, table: Table, panels: list[list[Column]], start: int, unit: str) -> None:
        sides = assign_panels(form, panels)
        keys = {id(cols): self._value_keys(form_panel, cols, start) for cols, form_panel in sides}
        for _, form_panel in sides:
            if form_panel.name not in table.panels:
                present = {k for cols, fp in sides if fp is form_panel for k in keys[id(cols)].values()}
                table.panels[form_panel.name] = PanelData([c.key for c in form_panel.columns if c.key in present])
        vertical = len(form.panels) > 1 and len(sides) == 1
        if vertical:               # both sides in one column of rows: each side has the columns found
            found = set(next(iter(keys.values())).values())
            for form_panel in form.panels:
                table.panels[form_panel.name] = PanelData([c.key for c in form_panel.columns if c.key in found])
        side = _RowState(form.panels[0]) if vertical else None
        body = [r for r in range(start, self._notes(table, start)) if not self.layout.is_count_row(r)]
        states: dict[tuple[int, str], _RowState] = {}
        for cols, form_panel in sides:          # panel by panel, so a side's rows keep their printed order
            for r in body:
                panel = self._side(form, cols, r, side) if side is not None else form_panel
                state = states.setdefault((id(cols), panel.name), _RowState())
                self._row(table, panel, cols, keys[id(cols)], r, unit, state)

    def _notes(self, table: Table, start: int) -> int:
        """Where the footnotes (注：…, or the empty-table note) begin; they are kept as the table's notes."""
        for r in range(start, self.sheet.height):
            first = next((t for c in range(self.sheet.width) if (t := self.sheet.cell(r, c).text)), "")
            if NOTE_START.match(first) or (EMPTY_NOTE.search(first) and not self.layout.row_has_numbers(r)):
                table.notes += [t for t in (self.layout.row_text(x) for x in range(r, self.sheet.height)) if t]
                return r
        return self.sheet.height

    def _side(self, form: Form, cols: list[Column], r: int, state: _RowState) -> Panel:
        """A two-sided form printed as one column of rows: 收入 rows first, then 支出 from its first row."""
        label = norm(self._label(cols, r)[2])
        expense = form.panels[1]
        if label == "支出" or (label and label not in {n for f in form.panels[0].fixed for n in f.names()}
                               and (label in self.class_codes
                                    or any(label in f.names() for f in expense.fixed))):
            state.side = expense
        return state.side or form.panels[0]

    def _label(self, cols: list[Column], r: int) -> tuple[str, int, str]:
        """(code, column of the label, name) of row r in a panel; code joined from 类|款|项 where split."""
        code, name, where = "", "", None
        parts: dict[int, tuple[str, int]] = {}
        for column in cols:
            cell = self.sheet.cell(r, column.index)
            text = clean(cell)
            if not text:
                continue
            if column.role == "code":
                if re.search(r"\d", text):
                    code, where = text.replace(" ", ""), column.index
                else:                       # 合计 written across the code and name columns
                    name, where = name or text, column.index
            elif column.role == "part":
                parts[column.part] = (text.replace(" ", ""), column.index)
            elif column.role in ("name", "label"):
                name = name or text
                where = column.index if where is None else where
        if parts:
            code, where = join_parts(parts), min(i for _, i in parts.values())
        if not code and (m := re.match(r"^(\d{3}(?:\d{2}){0,2})\s+(\S.*)$", name)):
            code, name = m.group(1), m.group(2)
        if where is None:
            where = next((c.index for c in cols if c.role in ("code", "part", "name", "label")), cols[0].index)
        return code, where, name

    def _row(self, table: Table, panel: Panel, cols: list[Column], keys: dict[int, str], r: int, unit: str,
             state: _RowState) -> None:
        code, where, name = self._label(cols, r)
        if any(c.role == "part" for c in cols):
            code = state.full_code(code, self._split_parts(cols, r))
        values = {k: i for i, k in keys.items()}
        if not code and not name:
            if any(self.sheet.cell(r, i).text for i in values.values()):
                self.fail(r, where, "这一行有数字但没有科目编码或行名", "figures without a row label")
            return
        if norm(name) in SECTION_WORDS and not any(self.sheet.cell(r, i).text for i in values.values()):
            return
        key = self._key(panel, code, name, r, where, state)
        if key is None:
            return
        data = table.panels[panel.name]
        if data.row(key) is not None:
            self.fail(r, where, f"「{name or code}」在本表中出现了两次，请删去重复的一行", f"row {key} twice")
            return
        shown_name = key if classify(key) is None else (name or key)
        row = Row(key, shown_name, {}, self.source(r, where))
        for column, index in values.items():
            amount = self._amount(self.sheet.cell(r, index), r, index, name or code, column)
            if amount is not None:
                row.values[column] = to_wan(amount, unit)
                row.sources[column] = self.source(r, index)
        data.rows.append(row)

    def _split_parts(self, cols: list[Column], r: int) -> dict[int, str]:
        return {c.part: clean(self.sheet.cell(r, c.index)).replace(" ", "") for c in cols if c.role == "part"}

    def _key(self, panel: Panel, code: str, name: str, r: int, where: int, state: _RowState) -> str | None:
        if code:
            coded = classify(code)
            if coded is None:
                self.fail(r, where, f"「{code}」不是有效的科目编码（功能分类为 3、5、7 位，经济分类为 3、5 位数字）",
                          f"not a classification code: {code}")
                return None
            if panel.rows == "fixed" and not (panel.classes_by_name and coded.level == 1 and coded.kind == "功能分类"):
                self.fail(r, where, f"本栏按行名列示，不应有科目编码「{code}」", f"unexpected code {code}")
                return None
            if panel.classification != "任意" and coded.kind != panel.classification:
                self.fail(r, where, f"「{code}」是{coded.kind}编码，「{panel.name or '本表'}」应为{panel.classification}",
                          f"{code} is not a {panel.classification} code")
                return None
            return code
        label = norm(name)
        fixed = state.fixed(panel, label)
        if fixed is not None:
            return fixed.key
        if panel.rows == "coded" and label in (norm(TOTAL), "总计"):
            return TOTAL
        if panel.classes_by_name:
            bare = re.sub(r"\(类\)$", "", label)
            if bare in self.class_codes:
                return self.class_codes[bare]
        known = [f.key for f in panel.fixed] + (sorted(self.class_codes) if panel.classes_by_name else [])
        near = nearest(name, known)
        hint = f"，是否想写：「{near[0]}」" if near else ""
        what = "行名" if panel.rows == "fixed" else "科目编码"
        self.fail(r, where, f"不认识的{what}「{name}」{hint}", f"unknown row label {name!r}")
        return None

    def _amount(self, cell: Cell, r: int, c: int, row: str, column: str) -> Decimal | None:
        if cell.unresolved:
            self.fail(r, c, f"「{row}」的「{column}」是公式，但文件中没有它的计算结果；请在 Excel 或 WPS 中打开、保存后再导入",
                      "a formula without a stored result")
            return None
        if cell.number is not None:
            return cell.number
        amount = parse_amount(cell.text, lenient=True)
        if amount is None:
            self.fail(r, c, f"「{row}」的「{column}」应为金额，{shown_as(cell.text)}", "not an amount")
        return amount

    def _single_row(self, form: Form, table: Table, panels: list[list[Column]], start: int, unit: str) -> None:
        """The 三公 table: one row of twelve figures, or (transposed) one row per item with 预算数 | 决算数."""
        cols = [c for panel in panels for c in panel]
        panel = form.panels[0]
        row_key = panel.fixed[0].key
        row = Row(row_key, row_key, {}, self.source(start, 0))
        labels = [c for c in cols if c.role in ("label", "name")]
        items = [r for r in range(start, self.sheet.height)
                 if labels and three_public_item(norm(self._label(labels, r)[2]))]
        keys = {} if len(items) >= 2 else self._value_keys(panel, cols, start)
        if keys:
            for r in range(start, self.sheet.height):
                # the first row with figures, or the labelled row whose cells are all blank (blank = 0)
                if self.layout.is_count_row(r) or not (self.layout.row_has_numbers(r) or self.layout.row_text(r)):
                    continue
                for index, key in keys.items():
                    amount = self._amount(self.sheet.cell(r, index), r, index, "“三公”经费", key)
                    if amount is not None:
                        row.values[key] = to_wan(amount, unit)
                        row.sources[key] = self.source(r, index)
                break
        else:
            self._transposed(cols, row, start, unit)
        table.panels[""] = PanelData([c.key for c in panel.columns if c.key in row.values], [row])

    def _transposed(self, cols: list[Column], row: Row, start: int, unit: str) -> None:
        groups = {c.index: g for c in cols if c.role == "value" and c.path
                  and (g := three_public_group(c.path[-1])) is not None}
        labels = [c for c in cols if c.role in ("label", "name")]
        for r in range(start, self.sheet.height):
            item = three_public_item(norm(self._label(labels, r)[2])) if labels else None
            if item is None:
                continue
            for index, group in groups.items():
                amount = self._amount(self.sheet.cell(r, index), r, index, item, group)
                if amount is not None:
                    row.values[f"{group}·{item}"] = to_wan(amount, unit)
                    row.sources[f"{group}·{item}"] = self.source(r, index)


class _RowState:
    """What the rows above tell about the row being read: the side of a vertical 总表, the fixed row whose
    sub-rows follow, and the 类/款 a split code inherits when its own cells are left blank."""

    def __init__(self, side: Panel | None = None):
        self.side = side
        self.parent: str | None = None
        self.last_parts: dict[int, str] = {}

    def fixed(self, panel: Panel, label: str) -> FixedRow | None:
        candidates = [f for f in panel.fixed if label in f.names() or label == norm(f.key)]
        sub = [f for f in candidates if f.after is not None and f.after == self.parent]
        chosen = sub[0] if sub else next((f for f in candidates if f.after is None), None)
        if chosen is not None and not sub:
            self.parent = chosen.key if any(f.after == chosen.key for f in panel.fixed) else None
        return chosen

    def full_code(self, code: str, parts: dict[int, str]) -> str:
        """A split code with blank parents filled from the rows above (款 "15" under 类 "210" → "21015")."""
        if not any(parts.values()):
            return code
        filled = {}
        for level in range(3):
            text = parts.get(level, "")
            if text:
                filled[level] = text
            elif any(parts.get(deeper) for deeper in range(level + 1, 3)):
                filled[level] = self.last_parts.get(level, "")
            else:
                break
        self.last_parts = {level: filled[level] for level in filled}
        return join_parts({level: (text, 0) for level, text in filled.items()})



__all__ = ["Imported", "tables_from_workbook"]
