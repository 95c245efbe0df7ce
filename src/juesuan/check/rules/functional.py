"""The 功能分类 tables: each recorded 类/款 subtotal adds up, each 项 splits into 基本 and 项目支出.

The 报表 prints 类 and 款 subtotals rounded from 元 separately from their 项, so a subtotal may differ
from its printed 项 by a cent or two; the tolerance of `check.tolerance` lets exactly that pass.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Iterator

from ...validate.model import FunctionRow, YearData
from ..engine import CheckContext, rule
from .common import Term, imbalance

FUNDS = (("一般公共预算", "general_budget"), ("政府性基金预算", "fund_budget"), ("国有资本经营预算", "capital_budget"))
NONFISCAL_INCOME = ("from_superior", "operations", "business", "from_affiliates", "other")


class Tree:
    """One 功能分类 table: recorded 类/款 subtotals and their 项, as terms that can be summed."""

    def __init__(self, ctx: CheckContext, path: tuple, rows: list[FunctionRow]):
        self.ctx, self.path = ctx, path
        self.items = [(i, r) for i, r in enumerate(rows) if len(r.code) == 7]
        self.recorded = {r.code: (i, r) for i, r in enumerate(rows) if len(r.code) < 7 and r.total is not None}

    def label(self, row: FunctionRow) -> str:
        entry = self.ctx.functional.get(row.code)
        return f"{row.code} {entry.name if entry else row.name}"

    def item_terms(self, row: FunctionRow) -> list[Term]:
        if row.total is not None:
            return [(self.label(row), row.total)]
        return [(f"{self.label(row)} 基本支出", row.basic), (f"{self.label(row)} 项目支出", row.project)]

    def terms(self, code: str) -> list[Term]:
        if code in self.recorded:
            row = self.recorded[code][1]
            return [(self.label(row), row.total)]
        return self.children(code)

    def children(self, code: str) -> list[Term]:
        if len(code) == 5:
            return [t for _, row in self.items if row.code[:5] == code for t in self.item_terms(row)]
        below = {row.code[:5] for _, row in self.items if row.code[:3] == code}
        below |= {c for c in self.recorded if len(c) == 5 and c[:3] == code}
        return [t for kuan in sorted(below) for t in self.terms(kuan)]

    def classes(self) -> list[Term]:
        codes = {row.code[:3] for _, row in self.items} | {c for c in self.recorded if len(c) == 3}
        return [t for code in sorted(codes) for t in self.terms(code)]


def trees(ctx: CheckContext) -> Iterator[tuple[str, Tree]]:
    for label, attr in FUNDS:
        path = ("财政拨款支出", label, "科目")
        yield label, Tree(ctx, path, getattr(ctx.data.fiscal_expenditure, attr).rows)
    yield "非财政拨款", Tree(ctx, ("非财政拨款支出",), ctx.data.nonfiscal_rows)


@rule("JS-BAL-007", "错误", "功能分类每个类、款的小计 = 其下各款、项之和")
def subtotals_add_up(ctx: CheckContext):
    for _, tree in trees(ctx):
        for code, (index, row) in tree.recorded.items():
            level = "类" if len(code) == 3 else "款"
            name = f"{level}「{tree.label(row)}」决算"
            yield from imbalance(
                tree.path + (index, "决算"),
                name,
                [(name, row.total)],
                "其下各科目之和",
                tree.children(code),
                "请对照决算报表改正该小计，或改正其下科目的金额；如漏填了科目，请补上。",
            )


@rule("JS-BAL-008", "错误", "功能分类每个项的决算 = 基本支出 + 项目支出")
def item_adds_up(ctx: CheckContext):
    for _, tree in trees(ctx):
        for index, row in tree.items:
            if row.total is not None:
                name = f"「{tree.label(row)}」决算"
                yield from imbalance(
                    tree.path + (index, "决算"),
                    name,
                    [(name, row.total)],
                    "基本支出与项目支出之和",
                    [("基本支出", row.basic), ("项目支出", row.project)],
                    "请分别填写该科目的基本支出和项目支出（见一般公共预算财政拨款支出决算表），使二者之和等于决算数。",
                )


def summary_basic(data: YearData) -> list[Term]:
    """基本支出 of 收入支出决算总表: its recorded 合计, else 人员经费 and 公用经费."""
    b = data.summary.expense.basic
    return [("基本支出", b.total)] if b.total is not None else [("人员经费", b.personnel), ("公用经费", b.public)]


def covers_all(data: YearData) -> bool:
    """Do the 功能分类 rows cover every yuan spent? Only then must their split equal the summary's."""
    income = data.summary.income
    nonfiscal = sum((getattr(income, attr) for attr in NONFISCAL_INCOME), income.nonfiscal_balance_used)
    fiscal_opening = sum((getattr(data.fiscal.opening_balance, attr) for _, attr in FUNDS), Decimal(0))
    return bool(data.nonfiscal_rows) or (nonfiscal == 0 and income.opening_balance == fiscal_opening)


def _split_rule(ctx: CheckContext, kind: str, attr: str, recorded: list[Term], path: tuple):
    if not covers_all(ctx.data):
        return
    parts = [
        (tree.label(row), getattr(row, attr)) for _, tree in trees(ctx) for _, row in tree.items if getattr(row, attr)
    ]
    yield from imbalance(
        ("收入支出决算总表",) + path,
        kind,
        recorded,
        f"各功能分类科目的{kind}之和",
        parts,
        f"收入支出决算总表的{kind}应等于各功能分类科目{kind}之和；请核对各科目的基本支出、项目支出划分。",
    )


@rule("JS-BAL-014", "错误", "基本支出 = 各功能分类科目基本支出之和")
def basic_by_function(ctx: CheckContext):
    yield from _split_rule(ctx, "基本支出", "basic", summary_basic(ctx.data), ("支出", "基本支出"))


@rule("JS-BAL-015", "错误", "项目支出 = 各功能分类科目项目支出之和")
def project_by_function(ctx: CheckContext):
    yield from _split_rule(
        ctx, "项目支出", "project", [("项目支出", ctx.data.summary.expense.project)], ("支出", "项目支出")
    )
