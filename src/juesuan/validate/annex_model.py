"""The 绩效评价 annexes (第四部分) in the data file: nested blocks of the unit's own report text and tables.

Headings carry no numbers; the program numbers them by nesting depth, as it does the main text.
"""

from __future__ import annotations

from datetime import date as date_

from pydantic_core import PydanticCustomError
from pydantic import model_validator

from ..tables.labels import norm
from .types import F, Form, Money, Score, Text

PROJECT_FORM = "项目支出绩效自评表"
DEPARTMENT_FORMS = ("整体支出绩效自评表", "整体预算绩效自评表")   # national 部门整体…, Henan 区级预算部门(单位)整体…


class Indicator(Form):
    level1: Text = F("一级指标")
    level2: Text = F("二级指标")
    level3: Text = F("三级指标")
    target: Text = F("指标值", "")
    result: Text = F("完成值", "")
    weight: Score | None = F("分值", None)
    score: Score | None = F("得分", None)
    deviation: Text = F("偏差原因", "")


class Task(Form):
    """One row of a department-wide form's 年度主要任务 block."""

    name: Text = F("任务名称")
    content: Text = F("主要内容", "")
    achieved: Text = F("实际完成情况", "")
    deviation: Text = F("偏差原因", "")


class EvaluationTable(Form):
    """项目支出绩效自评表 / 部门整体支出绩效自评表 (its title as the form writes it, e.g. Henan's
    区级预算部门(单位)整体预算绩效自评表)."""

    title: Text = F("表名", "项目支出绩效自评表")
    project: Text = F("项目名称")
    department: Text = F("主管部门", "")
    implementer: Text = F("实施单位", "")
    initial_budget: Money | None = F("年初预算数", None)
    budget: Money = F("全年预算数")
    executed: Money = F("全年执行数")
    execution_weight: Score | None = F("执行率分值", None)
    execution_score: Score | None = F("执行率得分", None)
    goal: Text = F("预期目标", "")
    achieved: Text = F("实际完成情况", "")
    tasks: list[Task] = F("年度主要任务", [])
    indicators: list[Indicator] = F("绩效指标", [])

    @property
    def department_wide(self) -> bool:
        """A form for the whole department (its name is the department's, not a project's)."""
        return norm(self.title).endswith(DEPARTMENT_FORMS)


UP, LEFT = "^", "<"      # a cell that merges with the one above / to its left, as the office's table merges them


class Span:
    """One printed cell of a merged table: its text and how many rows and columns it covers."""

    def __init__(self, row: int, column: int, text: str):
        self.row, self.column, self.text, self.rowspan, self.colspan = row, column, text, 1, 1


def spans(rows: list[list[str]]) -> list[list[Span | None]]:
    """The grid with merges resolved: each cell is its Span, or None where a merge covers it. A merge must be a
    rectangle: `<` widens the cell to its left in that cell's own row, `^` lengthens the cell above across its
    whole width. Raises ValueError naming the row and column (1-based) of a merge that cannot be drawn."""
    owner: list[list[Span]] = []
    grid: list[list[Span | None]] = []
    for r, row in enumerate(rows):
        owner.append([])
        grid.append([])
        lengthened: set[int] = set()
        for c, text in enumerate(row):
            if text == LEFT:
                left = owner[r][c - 1] if c else None
                if left is None or left.row != r:
                    raise ValueError(f"第{r + 1}行第{c + 1}列的「{LEFT}」左边没有可合并的格")
                left.colspan += 1
                cell = left
            elif text == UP:
                above = owner[r - 1][c] if r and c < len(owner[r - 1]) else None
                if above is None:
                    raise ValueError(f"第{r + 1}行第{c + 1}列的「{UP}」上面没有可合并的格")
                width = range(above.column, above.column + above.colspan)
                if any(k >= len(row) or row[k] != UP for k in width):
                    raise ValueError(f"第{r + 1}行第{c + 1}列：「{UP}」须写满上面合并格的每一列")
                if id(above) not in lengthened:
                    above.rowspan += 1
                    lengthened.add(id(above))
                cell = above
            else:
                cell = Span(r, c, text)
            owner[r].append(cell)
            grid[r].append(cell if cell.row == r and cell.column == c else None)
    return grid


class Table(Form):
    caption: Text = F("表名", "")
    unit: Text = F("单位", "")
    header: list[Text] = F("表头")
    rows: list[list[Text]] = F("行")      # "^" merges a cell with the one above, "<" with the one to its left

    @model_validator(mode="after")
    def _merges_can_be_drawn(self):
        try:
            spans(self.rows)
        except ValueError as exc:
            raise PydanticCustomError("table_merge", "表格的行中{why}", {"why": str(exc)}) from None
        return self


class Block(Form):
    """One piece of an annex: a section with its own content, a paragraph, a list, a table or a self-evaluation table."""

    heading: Text | None = F("章节", None)
    content: list["Block"] = F("内容", [])
    paragraph: Text | None = F("段落", None)
    items: list[Text] | None = F("列表", None)
    table: Table | None = F("表格", None)
    evaluation: EvaluationTable | None = F("绩效自评表", None)
    from_workbook: Text | None = F("自评表", None)     # the 项目名称 of a 绩效自评表 sheet in the 决算报表 workbook

    @model_validator(mode="after")
    def _one_kind(self):
        kinds = [k for k in ("heading", "paragraph", "items", "table", "evaluation", "from_workbook")
                 if getattr(self, k) is not None]
        if len(kinds) != 1:
            given = "、".join(f"「{type(self).model_fields[k].alias}」" for k in kinds)
            found = f"这一项同时写了 {given}" if kinds else "这一项一样也没写"
            raise PydanticCustomError("block_kind",
                                      "每一项内容只能是「章节」「段落」「列表」「表格」「绩效自评表」「自评表」之一，"
                                      "{found}；请分成几项，各写一样", {"found": found})
        if self.content and self.heading is None:
            raise PydanticCustomError("block_content", "只有「章节」可以带「内容」")
        return self


class Signature(Form):
    """落款: who issues the report and when, printed at its end on the right."""

    unit: Text = F("单位")
    date: date_ | None = F("日期", None)


class Annex(Form):
    title: Text = F("标题")
    subtitle: Text = F("副标题", "")
    content: list[Block] = F("内容")
    signature: Signature | None = F("落款", None)


