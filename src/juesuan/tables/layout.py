"""How a table is laid out on a sheet of the exported workbook: its panels side by side, each with label and
figure columns.

The two-sided 总表s put 收入 beside 支出; the 基本支出表 puts 人员经费 beside 公用经费 (the national form's
layout). The printed 附表 are laid out by the layout's templates from `facts.tables`; the default ones print
this same arrangement, so the document and the workbook show the same columns and rows.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .forms import TOTAL, Column, Form, Panel, personnel
from .headers import collapse
from .model import PanelData, Row, Table


@dataclass
class Block:
    form: Form
    panel: Panel
    data: PanelData
    group: str = ""                        # printed above the block (收入 / 支出 / 人员经费 / 公用经费)
    rows: list[Row | None] = field(default_factory=list)   # None: a blank line, so both totals share a line

    def labels(self, counted: bool = False) -> list[str]:
        """Label columns: 科目编码 | 科目名称, or 项目 (and 行次 on a sheet of a two-sided form)."""
        if self.panel.rows == "coded":
            return ["科目编码", "科目名称"]
        return ["项目", "行次"] if counted and self.group in ("收入", "支出") else ["项目"]

    @property
    def values(self) -> list[Column]:
        return [c for c in self.panel.columns if c.key in self.data.columns]

    def paths(self, counted: bool = False) -> list[tuple[str, ...]]:
        paths = [(label,) for label in self.labels(counted)] + collapse([c.header for c in self.values])
        return [((self.group,) + p) if self.group else p for p in paths]


def blocks(table: Table) -> list[Block]:
    form = table.form
    if form.id == "一般公共预算财政拨款基本支出决算表" and table.panel("").columns == ["决算数"]:
        data = table.panel("")
        panel = form.panels[0]
        left = Block(form, panel, data, "人员经费", [r for r in data.coded() if personnel(r.key)])
        right = Block(form, panel, data, "公用经费", [r for r in data.coded() if not personnel(r.key)])
        for block, key in ((left, "人员经费合计"), (right, "公用经费合计")):
            block.rows += [r for r in data.rows if r.key == key]
        total = data.row(TOTAL)
        if total is not None:
            left.rows.insert(0, total)
        _totals_on_one_line(left, right)
        return [left, right]
    return [Block(form, p, table.panel(p.name), p.name, list(table.panel(p.name).rows)) for p in form.panels]


def _totals_on_one_line(*sides: Block) -> None:
    """人员经费合计 and 公用经费合计 on the last line, as on the form: the shorter side gets blank lines above its own."""
    height = max(len(b.rows) for b in sides)
    for block in sides:
        last = block.rows[-1] if block.rows else None
        if last is not None and last.key.endswith("经费合计"):
            block.rows[-1:-1] = [None] * (height - len(block.rows))
