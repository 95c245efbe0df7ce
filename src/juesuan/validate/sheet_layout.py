"""Where a 公开表 sits on its sheet: the title row, the 表号 / 编制单位 / 单位 rows, the header and its columns'
roles, and the first data row — found by words, never by position (see `workbook_tables` for what varies).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Mapping

from ..load.workbook import Cell, Sheet
from ..tables.forms import TOTAL, Form, Panel, classify, form_for_title
from ..tables.labels import norm

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
class Column:
    """A sheet column: its header's label path (top → leaf) and what it holds."""

    index: int
    path: tuple[str, ...]
    role: str                       # code | part | name | label | skip | value
    part: int = -1                  # for a split code: 0 类, 1 款, 2 项


class SheetLayout:
    """Reads a sheet's frame; what it meets on the way (year, 编制单位, a unit in a header) it keeps."""

    def __init__(self, sheet: Sheet, class_codes: Mapping[str, str]):
        self.sheet, self.class_codes = sheet, class_codes
        self.unit_name = ""
        self.year: int | None = None
        self.header_unit: str | None = None      # "金额（元）": a unit written in a column header

    def title(self) -> tuple[int, int, Form] | None:
        """(row, column, form) of the first cell near the top that names a form."""
        for r in range(min(self.sheet.height, 12)):
            for c in range(self.sheet.width):
                text = self.sheet.cell(r, c).text
                if text and len(text) <= 80:
                    form = form_for_title(text)
                    if form is not None:
                        return r, c, form
        return None

    def meta(self, title_row: int) -> tuple[str | None, str, int]:
        """Unit, 表号 and the first header row, read from the title row and the short rows below it."""
        unit, number, row = None, "", title_row
        for r in range(title_row, min(title_row + 6, self.sheet.height)):
            texts = [self.sheet.cell(r, c).text for c in range(self.sheet.width) if self.sheet.cell(r, c).text]
            if r > title_row and texts and not all(is_meta(t) for t in texts):
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

    def unit_near(self, first: int, last: int) -> str | None:
        """A unit written beside the header rather than above it."""
        for r in range(first, min(last, self.sheet.height)):
            for c in range(self.sheet.width):
                if m := UNIT_TEXT.search(self.sheet.cell(r, c).text):
                    return m.group(1)
        return None

    def header(self, form: Form, start: int) -> tuple[list[Column], int | None]:
        """The columns (label paths from the header rows) and the first data row (None: not found)."""
        body = None
        labels = self._label_columns(start)
        for r in range(start, min(start + 12, self.sheet.height)):
            if r > start and self._is_body(form, r, labels):
                body = r
                break
        if body is None:
            return [], None
        header_rows = [r for r in range(start, body) if not self.is_count_row(r)]
        columns = []
        for c in range(self.sheet.width):
            path: list[str] = []
            for r in header_rows:
                shown = self.sheet.shown(r, c).text
                text = HEADER_UNIT.sub("", norm(shown))
                if (m := HEADER_UNIT.search(norm(shown))) and self.header_unit is None:
                    self.header_unit = m.group(1)
                if text and not is_meta(shown) and (not path or path[-1] != text):
                    path.append(text)
            columns.append(role(c, tuple(path)))
        return columns, body

    def is_count_row(self, r: int) -> bool:
        """The 栏次 row: "栏次" or nothing but the column numbers 1, 2, 3 …"""
        cells = [self.sheet.cell(r, c) for c in range(self.sheet.width)]
        if any(norm(c.text) == "栏次" for c in cells):
            return True
        numbers = [c.number for c in cells if c.number is not None]
        texts = [c for c in cells if c.text and c.number is None]
        return (len(numbers) >= 3 and not texts
                and [int(n) for n in numbers] == list(range(int(numbers[0]), int(numbers[0]) + len(numbers))))

    def row_has_numbers(self, r: int) -> bool:
        return any(self.sheet.cell(r, c).number is not None for c in range(self.sheet.width))

    def row_text(self, r: int) -> str:
        return "".join(self.sheet.cell(r, c).text for c in range(self.sheet.width)).strip()

    def _label_columns(self, start: int) -> set[int]:
        """Columns whose header names a code, a name or a row label (where a data row shows what it is)."""
        words = CODE_WORDS | NAME_WORDS | LABEL_WORDS | SKIP_WORDS | set(PART_WORDS)
        return {c for r in range(start, min(start + 6, self.sheet.height)) for c in range(self.sheet.width)
                if norm(self.sheet.shown(r, c).text) in words}

    def _is_body(self, form: Form, r: int, label_columns: set[int]) -> bool:
        """Is row r the first data row? It holds a code, 合计, a fixed row's label, a 类 name, or is a 栏次 row."""
        if self.is_count_row(r):
            return True
        if form.single_row and not label_columns:
            return self.row_has_numbers(r)
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
            return self.row_has_numbers(r)
        return False


def clean(cell: Cell) -> str:
    """A label cell's text without ideographic spaces or indentation."""
    return cell.text.replace("\u3000", " ").strip()


def join_parts(parts: dict[int, tuple[str, int]]) -> str:
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


def is_meta(text: str) -> bool:
    """Title, year, unit, 编制单位 or 表号 text: above the header, never a column label."""
    return bool(UNIT_TEXT.search(text) or UNIT_NAME.search(text) or NUMBER_TEXT.fullmatch(re.sub(r"\s+", "", text))
                or re.fullmatch(r"[（(]?\s*\d{4}\s*年度?\s*[)）]?", text) or form_for_title(text))


def role(index: int, path: tuple[str, ...]) -> Column:
    leaf = path[-1] if path else ""
    if leaf in PART_WORDS:
        return Column(index, path, "part", PART_WORDS[leaf])
    if leaf in CODE_WORDS:
        return Column(index, path, "code")
    if leaf in NAME_WORDS:
        return Column(index, path, "name")
    if leaf in LABEL_WORDS:
        return Column(index, path, "label")
    if leaf in SKIP_WORDS:
        return Column(index, path, "skip")
    return Column(index, path, "value")


def split_panels(columns: list[Column]) -> list[list[Column]]:
    """Columns grouped into side-by-side panels: a label column after a figure column starts a new panel."""
    panels: list[list[Column]] = []
    current: list[Column] = []
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


def assign_panels(form: Form, panels: list[list[Column]]) -> list[tuple[list[Column], Panel]]:
    """Which of the form's panels each sheet panel holds: in order for a two-sided form, all one for the rest."""
    if len(form.panels) == 1:
        return [(p, form.panels[0]) for p in panels]
    named = []
    for i, p in enumerate(panels[: len(form.panels)]):
        tops = {c.path[0] for c in p if c.path}
        chosen = next((fp for fp in form.panels if fp.name in tops), form.panels[min(i, len(form.panels) - 1)])
        named.append((p, chosen))
    return named
