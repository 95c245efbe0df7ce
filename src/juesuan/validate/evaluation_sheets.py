"""Sheets holding a 绩效自评表 → EvaluationTable, so an officer never retypes a table the finance office sent.

The forms are the standard 项目支出绩效自评表 and 部门整体支出绩效自评表 (财预〔2020〕10号) and the provinces' own
variants, known by how their title ends (Henan's 区级预算部门(单位)整体预算绩效自评表 is a department-wide form).
Every part is found by its label text (`norm`), never by position, because each office draws the form with its
own columns and merges: a value is the first filled cell right of its label; the figures are the 年度资金总额
(Henan: 部门预算总额) row under the funds header; the goal texts sit under 预期目标 | 实际完成情况; a department's
年度主要任务 are the rows under the 任务名称 | 主要内容 header until the next part; each row under the 一级/二级/三级指标
header is one indicator (merged 一级/二级 cells read on every row they cover) until 总分, a row-wide note or the
sheet's end. 执行率 is not read: it is computed from the figures. Every problem names workbook!sheet!cell, all
reported at once.
"""

from __future__ import annotations

import re
from pathlib import Path

from ..errors import DataError, Problem
from ..load.workbook import EMPTY, Cell, Sheet, ref
from ..load.yaml_reader import SourceMap, dotted
from ..tables.labels import norm
from .annex_model import DEPARTMENT_FORMS, PROJECT_FORM, Annex, Block, EvaluationTable
from .types import parse_amount, shown_as

TITLE_ROWS = 5
# A region or level before the form's name (区级预算部门(单位), 部门, 省级…), never a sentence or a note ("注：…").
FORM_TITLE = re.compile(r"^[^。，；：！？,;:!?]{0,20}(?:%s)$" % "|".join(map(re.escape, (PROJECT_FORM, *DEPARTMENT_FORMS))))
YEAR = re.compile(r"^\d{4}年度?|[(（]\d{4}年度?[)）]$")
UNIT = re.compile(r"\((万元|元)\)$")    # 部门预算总额（万元）: a label may carry its unit

NAME_LABELS = {norm(w) for w in ("项目名称", "部门（单位）名称", "部门名称", "单位名称")}
FIELD_LABELS = {"主管部门": {norm(w) for w in ("主管部门", "主管部门及代码")},
                "实施单位": {norm(w) for w in ("实施单位", "实施单位名称")}}
ALL_LABELS = NAME_LABELS.union(*FIELD_LABELS.values())

TOTAL_ROW = {"年度资金总额", "资金总额", "部门预算总额"}
FUND_COLUMNS = {"年初预算数": "年初预算数", "全年预算数": "全年预算数", "全年执行数": "全年执行数",
                "实际执行数": "全年执行数", "全年实际执行数": "全年执行数", "分值": "执行率分值", "得分": "执行率得分"}
REQUIRED_FUNDS = ("全年预算数", "全年执行数")

GOAL_LABELS = {"预期目标"}
ACHIEVED_LABELS = {"实际完成情况", "目标实际完成情况"}

_INDICATOR_WORDS = {
    "一级指标": ("一级指标",), "二级指标": ("二级指标",), "三级指标": ("三级指标",),
    "指标值": ("指标值", "年度指标值", "预期指标值"),
    "完成值": ("完成值", "实际完成值", "全年完成值", "实际完成指标值"),
    "分值": ("分值",), "得分": ("得分",),
    "偏差原因": ("偏差原因分析及改进措施", "偏差原因", "偏差原因分析", "未完成原因和改进措施", "实际完成值发生偏差原因"),
}
INDICATOR_COLUMNS = {norm(w): key for key, words in _INDICATOR_WORDS.items() for w in words}
LEVELS = ("一级指标", "二级指标", "三级指标")
SCORES = ("分值", "得分")
END_ROW = {"总分", "合计"}

_TASK_WORDS = {"任务名称": ("任务名称",), "主要内容": ("主要内容", "任务内容"),
               "实际完成情况": ("实际完成情况", "完成情况"), "偏差原因": _INDICATOR_WORDS["偏差原因"]}
TASK_COLUMNS = {norm(w): key for key, words in _TASK_WORDS.items() for w in words}
ORDINAL = re.compile(r"^(任务)?\d*$")        # 任务1： before a task's name is the form's numbering, not the name
# Labels that begin another part of the form, so the 年度主要任务 rows end above them.
OTHER_PARTS = (TOTAL_ROW | set(FUND_COLUMNS) | set(LEVELS) | GOAL_LABELS | END_ROW | ALL_LABELS)


def form_title(text: str) -> str | None:
    """The form a title cell names, as written (spaces and the year dropped: the document prints its own
    year); None when the cell is not a 绩效自评表 title."""
    if not FORM_TITLE.match(YEAR.sub("", norm(text))):
        return None
    return YEAR.sub("", re.sub(r"\s+", "", text))


def is_evaluation_sheet(sheet: Sheet) -> bool:
    """Is this sheet titled as a 绩效自评表 (so the 公开表 importer passes it over without a word)?"""
    return _Reader(Path(), sheet, [])._title() is not None


def evaluations_from_sheets(path: Path, sheets: list[Sheet]) -> list[EvaluationTable]:
    """One EvaluationTable per sheet titled as a 绩效自评表 (others are not ours to read); DataError lists every problem."""
    problems: list[Problem] = []
    tables = []
    for sheet in sheets:
        table = _Reader(Path(path), sheet, problems).read()
        if table is not None:
            tables.append(table)
    if problems:
        raise DataError(problems)
    return tables


def _label(text: str) -> str:
    """A label's words without the unit it may carry: 部门预算总额（万元） is the 部门预算总额 row."""
    return UNIT.sub("", norm(text))


def _last_row(sheet: Sheet, row: int, column: int) -> int:
    """The last row of the merged area covering a cell (the cell's own row when it is not merged)."""
    return next((r1 for r0, c0, r1, c1 in sheet.merged if r0 <= row <= r1 and c0 <= column <= c1), row)


class _Reader:
    def __init__(self, path: Path, sheet: Sheet, problems: list[Problem]):
        self.path, self.sheet, self.problems = path, sheet, problems

    def fail(self, at: tuple[int, int], zh: str, en: str) -> None:
        self.problems.append(Problem(self.path, None, None, "", zh, en, sheet=self.sheet.name, cell=ref(*at)))

    def read(self) -> EvaluationTable | None:
        """The sheet's table; None when it is another sheet or when a problem keeps it from being whole."""
        found = self._title()
        if found is None:
            return None
        title, at = found
        before = len(self.problems)
        data = {"表名": title, **self._labels(at), **self._funds(at), **self._goals(), "年度主要任务": self._tasks(),
                "绩效指标": self._indicators(at)}
        return EvaluationTable.model_validate(data) if len(self.problems) == before else None

    # -- locating ---------------------------------------------------------------------------------
    def _title(self) -> tuple[str, tuple[int, int]] | None:
        """The form named in the first rows (a year before or after it is dropped), and where it is."""
        for r in range(min(TITLE_ROWS, self.sheet.height)):
            for c, cell in enumerate(self.sheet.rows[r]):
                if cell.text and (title := form_title(cell.text)) is not None:
                    return title, (r, c)
        return None

    def _find(self, labels: set[str], below: int = -1) -> tuple[int, int] | None:
        """The first cell (reading order, after row `below`) whose own text is one of the labels."""
        for r in range(below + 1, self.sheet.height):
            for c, cell in enumerate(self.sheet.rows[r]):
                if cell.text and _label(cell.text) in labels:
                    return r, c
        return None

    def _columns(self, row: int, words: dict[str, str]) -> dict[str, int]:
        """Each key whose header word shows in `row`, with its first column (a header merged across counts once)."""
        columns: dict[str, int] = {}
        for c in range(self.sheet.width):
            key = words.get(norm(self.sheet.shown(row, c).text))
            if key is not None:
                columns.setdefault(key, c)
        return columns

    def _own(self, row: int, column: int) -> tuple[Cell, tuple[int, int]]:
        """A figure's cell in this row: a cell merged down from a row above is blank here, so it counts once."""
        r0, c0 = self.sheet.merged_origin(row, column)
        return (self.sheet.cell(r0, c0) if r0 == row else EMPTY), (r0, c0)

    def _number(self, row: int, column: int, name: str, required: bool = False) -> str | None:
        """The cell's number as exact text (the model refuses floats); None when blank or wrong (reported)."""
        cell, at = self._own(row, column)
        if not cell.text:
            if required:
                self.fail(at, f"没有填写「{name}」", f"{name} is blank")
            return None
        value = parse_amount(cell.text, lenient=True)
        if value is None:
            self.fail(at, f"「{name}」应填写数字（不带单位），{shown_as(cell.text)}", f"{name} should be a number")
            return None
        return f"{value:f}"

    # -- the parts of the form ----------------------------------------------------------------------
    def _labels(self, title: tuple[int, int]) -> dict[str, str]:
        """项目名称 (or the 部门's name), 主管部门 and 实施单位: each the first filled cell right of its label."""
        at = self._find(NAME_LABELS)
        if at is None:
            self.fail(title, "没有找到「项目名称」或「部门（单位）名称」", "no 项目名称 label")
            return {}
        values = {"项目名称": self._right_of(*at)}
        if not values["项目名称"]:
            self.fail(at, f"没有填写「{self.sheet.cell(*at).text}」", "the project name is blank")
        for key, labels in FIELD_LABELS.items():
            found = self._find(labels)
            values[key] = self._right_of(*found) if found else ""
        return values

    def _right_of(self, row: int, column: int) -> str:
        """The first filled cell right of a label (its own merged width is blank); blank if that is another label."""
        for c in range(column + 1, self.sheet.width):
            text = self.sheet.cell(row, c).text
            if text:
                return "" if norm(text) in ALL_LABELS else text
        return ""

    def _funds(self, title: tuple[int, int]) -> dict[str, str | None]:
        """The budget figures and the 执行率 分值/得分, from the 年度资金总额 (部门预算总额) row under its header."""
        total = self._find(TOTAL_ROW)
        if total is None:
            self.fail(title, "没有找到「年度资金总额」或「部门预算总额」行（预算数和执行数从这一行读取）",
                      "no 年度资金总额 row")
            return {}
        row = total[0]
        columns = next((found for r in range(row - 1, -1, -1)
                        if set(REQUIRED_FUNDS) <= (found := self._columns(r, FUND_COLUMNS)).keys()), None)
        if columns is None:
            self.fail(total, f"「{_label(self.sheet.cell(*total).text)}」上方没有「全年预算数」「全年执行数」"
                             "（或「实际执行数」）表头", "no 全年预算数 / 全年执行数 header above the funds row")
            return {}
        return {key: self._number(row, c, key, required=key in REQUIRED_FUNDS) for key, c in columns.items()}

    def _goals(self) -> dict[str, str]:
        """预期目标 and 实际完成情况: the texts under their headers (blank when the form leaves them out)."""
        at = self._find(GOAL_LABELS)
        if at is None:
            return {}
        values = {"预期目标": self._below(*at)}
        done = self._columns(at[0], {w: "实际完成情况" for w in ACHIEVED_LABELS}).get("实际完成情况")
        if done is not None:
            values["实际完成情况"] = self._below(at[0], done)
        return values

    def _below(self, row: int, column: int) -> str:
        """The text under a header, however many rows the header is merged over."""
        return self.sheet.shown(_last_row(self.sheet, row, column) + 1, column).text

    def _tasks(self) -> list[dict[str, str]]:
        """年度主要任务: one task per row under the 任务名称 | 主要内容 header, until a blank row or the next part
        (the funds header, 部门预算总额, the indicators). A form without the block has none."""
        header = next((r for r in range(self.sheet.height)
                       if {"任务名称", "主要内容"} <= self._columns(r, TASK_COLUMNS).keys()), None)
        if header is None:
            return []
        columns = self._columns(header, TASK_COLUMNS)
        names = self._span(header, columns.pop("任务名称"))
        cells = [*names, *columns.values()]
        tasks = []
        for r in range(max(_last_row(self.sheet, header, c) for c in cells) + 1, self.sheet.height):
            if any(_label(cell.text) in OTHER_PARTS for cell in self.sheet.rows[r] if cell.text):
                break
            if not any(self._own(r, c)[0].text for c in cells):
                break
            name = self._task_name(r, names)
            if not name:
                self.fail(self.sheet.merged_origin(r, names[-1]), "这一项年度主要任务没有填写「任务名称」",
                          "a 年度主要任务 row without 任务名称")
                continue
            tasks.append({"任务名称": name, **{key: self.sheet.shown(r, c).text for key, c in columns.items()}})
        return tasks

    def _task_name(self, row: int, columns: list[int]) -> str:
        """The texts under the 任务名称 header, without the form's own numbering (任务1：)."""
        texts = [self.sheet.cell(*at).text for at in dict.fromkeys(self.sheet.merged_origin(row, c) for c in columns)]
        return "".join(t for t in texts if not ORDINAL.match(norm(t)))

    def _span(self, row: int, column: int) -> list[int]:
        """The columns a header cell is merged across (任务名称 often spans the 任务1 column and the name's)."""
        return next((list(range(c0, c1 + 1)) for r0, c0, r1, c1 in self.sheet.merged
                     if r0 <= row <= r1 and c0 <= column <= c1), [column])

    def _indicators(self, title: tuple[int, int]) -> list[dict[str, str | None]]:
        """One indicator per row under the 一级/二级/三级指标 header, until 总分, a row-wide note or the end; a row
        with nothing of its own (the header merged down, a gap) is passed over."""
        header = next((r for r in range(self.sheet.height)
                       if set(LEVELS) <= self._columns(r, INDICATOR_COLUMNS).keys()), None)
        if header is None:
            self.fail(title, "没有找到绩效指标表头（「一级指标」「二级指标」「三级指标」）", "no indicator header")
            return []
        columns = self._columns(header, INDICATOR_COLUMNS)
        indicators = []
        for r in range(header + 1, self.sheet.height):
            if self._ends_table(r, columns):
                break
            if any(cell.text for cell in self.sheet.rows[r]):
                indicators.append(self._indicator(r, columns))
        return indicators

    def _ends_table(self, row: int, columns: dict[str, int]) -> bool:
        """总分 (its totals are computed elsewhere), or one cell spanning the levels: a note under the table."""
        if any(norm(cell.text) in END_ROW for cell in self.sheet.rows[row]):
            return True
        return self.sheet.merged_origin(row, columns["一级指标"]) == self.sheet.merged_origin(row, columns["三级指标"])

    def _indicator(self, row: int, columns: dict[str, int]) -> dict[str, str | None]:
        texts = {key: self.sheet.shown(row, c).text for key, c in columns.items() if key not in SCORES}
        scores = {key: self._number(row, columns[key], key) for key in SCORES if key in columns}
        return {**texts, **scores}


def resolve_references(annexes: list[Annex], tables: list[EvaluationTable], unit: str,
                       source: SourceMap) -> tuple[list[Annex], list[Problem]]:
    """The annexes with each `自评表: <项目名称>` block replaced by that sheet's table (its 万元 figures in the
    data file's `unit`), and a located problem for every name the workbook does not have."""
    by_name = {norm(t.project): t for t in tables}
    problems: list[Problem] = []

    def resolve(block: Block, path: tuple) -> Block:
        if block.from_workbook is not None:
            found = by_name.get(norm(block.from_workbook))
            if found is None:
                line, column = source.locate(path + ("自评表",))
                names = "、".join(f"「{t.project}」" for t in tables) or "（没有）"
                problems.append(Problem(source.file, line, column, dotted(path + ("自评表",)),
                                        f"决算报表中没有项目名称为「{block.from_workbook}」的绩效自评表；工作簿中有：{names}",
                                        f"no 绩效自评表 named {block.from_workbook!r} in the workbook"))
                return block
            return block.model_copy(update={"from_workbook": None, "evaluation": _in_unit(found, unit)})
        if block.content:
            kids = [resolve(b, path + ("内容", i)) for i, b in enumerate(block.content)]
            return block.model_copy(update={"content": kids})
        return block

    resolved = [a.model_copy(update={"content": [resolve(b, ("附件", i, "内容", j)) for j, b in enumerate(a.content)]})
                for i, a in enumerate(annexes)]
    return resolved, problems


def _in_unit(table: EvaluationTable, unit: str) -> EvaluationTable:
    """The sheet's 项目资金 are in 万元 (the form says so); the annex prints them in the data file's unit."""
    if unit == "万元":
        return table
    money = ("initial_budget", "budget", "executed")
    return table.model_copy(update={k: getattr(table, k).scaleb(4) for k in money if getattr(table, k) is not None})
