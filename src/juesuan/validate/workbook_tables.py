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

Every problem names workbook!sheet!cell, and all of them are reported together.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Mapping

from ..errors import DataError, Problem
from ..load.workbook import Cell, Sheet, read_workbook, ref
from ..tables.forms import (TOTAL, FixedRow, Form, Panel, classify, form_for_title, three_public_group,
                            three_public_item)
from ..tables.labels import nearest, norm
from ..tables.model import PanelData, Row, Source, Table, TableSet, to_wan
from .evaluation_sheets import is_evaluation_sheet
from .types import parse_amount

CODE_WORDS = {norm(w) for w in ("科目编码", "编码", "科目代码", "代码", "功能分类科目编码", "支出功能分类科目编码",
                                "经济分类科目编码", "部门经济分类科目编码", "政府经济分类科目编码")}
PART_WORDS = {"类": 0, "款": 1, "项": 2}
NAME_WORDS = {norm(w) for w in ("科目名称", "名称", "功能分类科目名称", "经济分类科目名称")}
LABEL_WORDS = {"项目", "项目名称"}
SKIP_WORDS = {"行次", "栏次"}
NOTE_START = re.compile(r"^(注|说明|备注|填表说明)\s*\d*[:：.、]")
UNIT_TEXT = re.compile(r"(?:金额)?单位\s*[:：]\s*(万元|元)")
UNIT_NAME = re.compile(r"(?:编制单位|编报单位|部门|单位名称|部门名称)\s*[:：]\s*([^\s:：]+)")
NUMBER_TEXT = re.compile(r"(公开\s*\d+\s*表|附表\s*\d+|表\s*[一二三四五六七八九十\d]+)")
SECTION_WORDS = {"收入", "支出"}
YEAR_TEXT = re.compile(r"(20\d\d)\s*年度?")
HEADER_UNIT = re.compile(r"\((万元|元)\)$")
EMPTY_NOTE = re.compile(r"(无此项|为空表|无数据|没有.*收支)")


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
        result.year = result.year or reader.year
        if reader.unit_name:
            if not result.tables.unit_name:
                result.tables.unit_name = reader.unit_name
            elif reader.unit_name != result.tables.unit_name:
                result.notices.append(f"工作表「{sheet.name}」的编制单位是「{reader.unit_name}」，"
                                      f"与其他表的「{result.tables.unit_name}」不同")
    if problems:
        raise DataError(problems)
    if not result.tables.tables:
        raise DataError([Problem(path, None, None, "", "工作簿中没有找到任何公开表（按表名识别，如「收入支出决算总表」）",
                                 "no 公开表 found in the workbook")])
    return result


@dataclass
class _Column:
    index: int
    path: tuple[str, ...]
    role: str                       # code | part | name | label | skip | value
    part: int = -1


class _SheetReader:
    def __init__(self, path: Path, sheet: Sheet, class_codes: Mapping[str, str], unit: str | None,
                 problems: list[Problem], notices: list[str]):
        self.path, self.sheet, self.class_codes, self.default_unit = path, sheet, class_codes, unit
        self.problems, self.notices = problems, notices
        self.unit_name = ""
        self.year: int | None = None
        self.header_unit: str | None = None      # "金额（元）": a unit written in a column header

    # -- locating --------------------------------------------------------------------------------
    def problem(self, row: int, column: int, zh: str, en: str = "") -> Problem:
        return Problem(self.path, None, None, "", zh, en or zh, sheet=self.sheet.name, cell=ref(row, column))

    def fail(self, row: int, column: int, zh: str, en: str = "") -> None:
        self.problems.append(self.problem(row, column, zh, en))

    def source(self, row: int, column: int) -> Source:
        return Source(str(self.path), sheet=self.sheet.name, cell=ref(row, column))

    # -- the sheet -------------------------------------------------------------------------------
    def read(self) -> Table | None:
        found = self._title()
        if found is None:
            if not is_evaluation_sheet(self.sheet):
                self.notices.append(f"工作表「{self.sheet.name}」中没有可识别的公开表表名，已跳过")
            return None
        title_row, title_col, form = found
        unit, number, header_start = self._meta(title_row)
        unit = unit or self._unit_near(title_row, header_start + 4)
        columns, body_start = self._header(form, header_start)
        unit = unit or self.header_unit or self.default_unit
        if unit is None:
            self.fail(title_row, title_col, f"「{form.id}」没有注明金额单位（应有“单位：万元”或“金额单位：元”一行）",
                      f"{form.id}: the amount unit is not stated")
            return None
        if body_start is None:
            self.fail(header_start, 0, f"「{form.id}」找不到表头下的数据行（应以“合计”、科目编码或行名开始）",
                      f"{form.id}: no body rows found")
            return None
        panels = _split_panels(columns)
        table = Table(form, {}, unit, self.source(title_row, title_col), number)
        if form.single_row:
            self._single_row(form, table, panels, body_start, unit)
        else:
            self._rows(form, table, panels, body_start, unit)
        return table

    def _title(self) -> tuple[int, int, Form] | None:
        for r in range(min(self.sheet.height, 12)):
            for c in range(self.sheet.width):
                text = self.sheet.cell(r, c).text
                if text and len(text) <= 80:
                    form = form_for_title(text)
                    if form is not None:
                        return r, c, form
        return None

    def _meta(self, title_row: int) -> tuple[str | None, str, int]:
        """Unit, 表号 and the first header row, read from the title row and the short rows below it."""
        unit, number, row = None, "", title_row
        for r in range(title_row, min(title_row + 6, self.sheet.height)):
            texts = [self.sheet.cell(r, c).text for c in range(self.sheet.width) if self.sheet.cell(r, c).text]
            if r > title_row and texts and not all(_is_meta(t) for t in texts):
                break
            row = r
            for text in texts:
                if (m := YEAR_TEXT.search(text)) and self.year is None:
                    self.year = int(m.group(1))
                if (m := UNIT_TEXT.search(text)) and unit is None:
                    unit = m.group(1)
                if (m := UNIT_NAME.search(text)) and not self.unit_name:
                    self.unit_name = m.group(1)
                if (m := NUMBER_TEXT.search(text)) and not number and not form_for_title(text):
                    number = re.sub(r"\s+", "", m.group(1))
        return unit, number, row + 1

    def _label_columns(self, start: int) -> set[int]:
        """Columns whose header names a code, a name or a row label (where a data row shows what it is)."""
        words = CODE_WORDS | NAME_WORDS | LABEL_WORDS | SKIP_WORDS | set(PART_WORDS)
        return {c for r in range(start, min(start + 6, self.sheet.height)) for c in range(self.sheet.width)
                if norm(self.sheet.shown(r, c).text) in words}

    def _unit_near(self, first: int, last: int) -> str | None:
        """A unit written beside the header rather than above it."""
        for r in range(first, min(last, self.sheet.height)):
            for c in range(self.sheet.width):
                if m := UNIT_TEXT.search(self.sheet.cell(r, c).text):
                    return m.group(1)
        return None

    def _header(self, form: Form, start: int) -> tuple[list[_Column], int | None]:
        body = None
        labels = self._label_columns(start)
        for r in range(start, min(start + 12, self.sheet.height)):
            if r > start and self._is_body(form, r, labels):
                body = r
                break
        if body is None:
            return [], None
        header_rows = [r for r in range(start, body) if not self._is_count_row(r)]
        columns = []
        for c in range(self.sheet.width):
            path: list[str] = []
            for r in header_rows:
                shown = self.sheet.shown(r, c).text
                text = HEADER_UNIT.sub("", norm(shown))
                if (m := HEADER_UNIT.search(norm(shown))) and self.header_unit is None:
                    self.header_unit = m.group(1)
                if text and not _is_meta(shown) and (not path or path[-1] != text):
                    path.append(text)
            columns.append(_role(c, tuple(path)))
        return columns, body

    def _is_body(self, form: Form, r: int, label_columns: set[int]) -> bool:
        """Is row r the first data row? It holds a code, 合计, a fixed row's label, a 类 name, or is a 栏次 row."""
        if self._is_count_row(r):
            return True
        if form.single_row and not label_columns:
            return self._row_has_numbers(r)
        labels = set()
        for c in sorted(label_columns or {0}):
            origin = self.sheet.merged_origin(r, c)
            if origin[0] < r:        # part of a header cell merged from above
                continue
            text = self.sheet.cell(r, c).text
            if text:
                labels.add(norm(text))
                if classify(text.replace(" ", "")) is not None or re.match(r"^\d{3}(\d{2}){0,2}\s*\S", text):
                    return True
        fixed = {name for panel in form.panels for f in panel.fixed for name in f.names()}
        if labels & (fixed | {norm(TOTAL), "总计"} | set(self.class_codes) | SECTION_WORDS):
            return True
        if form.single_row:
            return any(self.sheet.cell(r, c).number is not None for c in range(self.sheet.width))
        return False

    def _is_count_row(self, r: int) -> bool:
        """The 栏次 row: "栏次" or nothing but the column numbers 1, 2, 3 …"""
        cells = [self.sheet.cell(r, c) for c in range(self.sheet.width)]
        if any(norm(c.text) == "栏次" for c in cells):
            return True
        numbers = [c.number for c in cells if c.number is not None]
        texts = [c for c in cells if c.text and c.number is None]
        return (len(numbers) >= 3 and not texts
                and [int(n) for n in numbers] == list(range(int(numbers[0]), int(numbers[0]) + len(numbers))))

    # -- the body --------------------------------------------------------------------------------
    def _value_keys(self, form_panel: Panel, columns: list[_Column], start: int) -> dict[int, str]:
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

    def _rows(self, form: Form, table: Table, panels: list[list[_Column]], start: int, unit: str) -> None:
        sides = _assign_panels(form, panels)
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
        states = {p.name: _RowState() for p in form.panels}
        side = _RowState(form.panels[0]) if vertical else None
        end = self.sheet.height
        for r in range(start, end):
            if self._is_count_row(r):
                continue
            first = next((self.sheet.cell(r, c).text for c in range(self.sheet.width) if self.sheet.cell(r, c).text), "")
            if NOTE_START.match(first) or (EMPTY_NOTE.search(first) and not self._row_has_numbers(r)):
                table.notes += [t for t in (self._row_text(x) for x in range(r, end)) if t]
                break
            for cols, form_panel in sides:
                if side is not None:
                    form_panel = self._side(form, cols, r, side)
                self._row(table, form_panel, cols, keys[id(cols)], r, unit, states[form_panel.name])

    def _row_has_numbers(self, r: int) -> bool:
        return any(self.sheet.cell(r, c).number is not None for c in range(self.sheet.width))

    def _row_text(self, r: int) -> str:
        return "".join(self.sheet.cell(r, c).text for c in range(self.sheet.width)).strip()

    def _side(self, form: Form, cols: list[_Column], r: int, state: _RowState) -> Panel:
        """A two-sided form printed as one column of rows: 收入 rows first, then 支出 from its first row."""
        label = norm(self._label(cols, r)[2])
        expense = form.panels[1]
        if label == "支出" or (label and label not in {n for f in form.panels[0].fixed for n in f.names()}
                               and (label in self.class_codes
                                    or any(label in f.names() for f in expense.fixed))):
            state.side = expense
        return state.side or form.panels[0]

    def _label(self, cols: list[_Column], r: int) -> tuple[str, int, str]:
        """(code, column of the label, name) of row r in a panel; code joined from 类|款|项 where split."""
        code, name, where = "", "", None
        parts: dict[int, tuple[str, int]] = {}
        for column in cols:
            cell = self.sheet.cell(r, column.index)
            text = _clean(cell)
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
            code, where = _join_parts(parts), min(i for _, i in parts.values())
        if not code and (m := re.match(r"^(\d{3}(?:\d{2}){0,2})\s+(\S.*)$", name)):
            code, name = m.group(1), m.group(2)
        if where is None:
            where = next((c.index for c in cols if c.role in ("code", "part", "name", "label")), cols[0].index)
        return code, where, name

    def _row(self, table: Table, panel: Panel, cols: list[_Column], keys: dict[int, str], r: int, unit: str,
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

    def _split_parts(self, cols: list[_Column], r: int) -> dict[int, str]:
        return {c.part: _clean(self.sheet.cell(r, c.index)).replace(" ", "") for c in cols if c.role == "part"}

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
            self.fail(r, c, f"「{row}」的「{column}」应为金额，实际为「{cell.text}」", f"not an amount: {cell.text!r}")
        return amount

    def _single_row(self, form: Form, table: Table, panels: list[list[_Column]], start: int, unit: str) -> None:
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
                if self._is_count_row(r) or not self._row_has_numbers(r):
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

    def _transposed(self, cols: list[_Column], row: Row, start: int, unit: str) -> None:
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
        return _join_parts({level: (text, 0) for level, text in filled.items()})


def _clean(cell: Cell) -> str:
    return cell.text.replace("\u3000", " ").strip()


def _join_parts(parts: dict[int, tuple[str, int]]) -> str:
    """类 "210", 款 "15", 项 "01" → "2101501"; a 款 or 项 typed as the number 1 is "01"."""
    code = ""
    for level in range(3):
        if level not in parts or not parts[level][0]:
            break
        text = parts[level][0]
        if level > 0 and text.isdigit() and len(text) < 2:
            text = text.zfill(2)
        if level > 0 and len(text) > 2 and text.startswith(code) and code:
            text = text[len(code):]               # a 款 cell that repeats its 类 ("21015")
        code += text
    return code


def _is_meta(text: str) -> bool:
    return bool(UNIT_TEXT.search(text) or UNIT_NAME.search(text) or NUMBER_TEXT.fullmatch(re.sub(r"\s+", "", text))
                or re.fullmatch(r"[（(]?\s*\d{4}\s*年度?\s*[)）]?", text) or form_for_title(text))


def _role(index: int, path: tuple[str, ...]) -> _Column:
    leaf = path[-1] if path else ""
    if leaf in PART_WORDS:
        return _Column(index, path, "part", PART_WORDS[leaf])
    if leaf in CODE_WORDS:
        return _Column(index, path, "code")
    if leaf in NAME_WORDS:
        return _Column(index, path, "name")
    if leaf in LABEL_WORDS:
        return _Column(index, path, "label")
    if leaf in SKIP_WORDS:
        return _Column(index, path, "skip")
    return _Column(index, path, "value")


def _split_panels(columns: list[_Column]) -> list[list[_Column]]:
    """Columns grouped into side-by-side panels: a label column after a figure column starts a new panel."""
    panels: list[list[_Column]] = []
    current: list[_Column] = []
    seen_value = False
    for column in columns:
        is_label = column.role in ("code", "part", "name", "label")
        if is_label and seen_value:
            panels.append(current)
            current, seen_value = [], False
        if column.role == "value":
            seen_value = True
        current.append(column)
    if current:
        panels.append(current)
    return [p for p in panels if any(c.role != "skip" for c in p)]


def _assign_panels(form: Form, panels: list[list[_Column]]) -> list[tuple[list[_Column], Panel]]:
    """Which of the form's panels each sheet panel holds: in order for a two-sided form, all one for the rest."""
    if len(form.panels) == 1:
        return [(p, form.panels[0]) for p in panels]
    named = []
    for i, p in enumerate(panels[: len(form.panels)]):
        tops = {c.path[0] for c in p if c.path}
        chosen = next((fp for fp in form.panels if fp.name in tops), form.panels[min(i, len(form.panels) - 1)])
        named.append((p, chosen))
    return named


__all__ = ["Imported", "tables_from_workbook"]
