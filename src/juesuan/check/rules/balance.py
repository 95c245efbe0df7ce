"""The identities of 收入支出决算总表 and 财政拨款收入支出决算总表: totals, subtotals, 收支平衡.

Every identity is checked only where its total was recorded (a total the program computes cannot
disagree with its parts), and within the rounding tolerance of `check.tolerance`, so the ±0.01 that
real tables kept in 万元 carry passes and a true error fails. Each budget type's income and carry-over
must meet its 功能分类 expenditure and closing balance, which ties the two tables together.
"""

from __future__ import annotations

from ...validate.model import YearData
from ..engine import CheckContext, rule
from .common import Term, imbalance
from .functional import FUNDS, summary_basic, trees

INCOME = (
    ("一般公共预算财政拨款收入", "general_budget"),
    ("政府性基金预算财政拨款收入", "fund_budget"),
    ("国有资本经营预算财政拨款收入", "capital_budget"),
    ("上级补助收入", "from_superior"),
    ("事业收入", "operations"),
    ("经营收入", "business"),
    ("附属单位上缴收入", "from_affiliates"),
    ("其他收入", "other"),
)
SUMMARY = ("收入支出决算总表",)
FIX_TABLE = "请对照决算报表核对这几个数，改正填错的一个。"


# ---------------------------------------------------------------- terms of the summary table
def income_rows(data: YearData) -> list[Term]:
    income = data.summary.income
    return [(label, getattr(income, attr)) for label, attr in INCOME]


def income_subtotal(data: YearData) -> list[Term]:
    income = data.summary.income
    return [("本年收入合计", income.subtotal)] if income.subtotal is not None else income_rows(data)


def income_total(data: YearData) -> list[Term]:
    income = data.summary.income
    if income.total is not None:
        return [("收入总计", income.total)]
    return [
        *income_subtotal(data),
        ("使用非财政拨款结余", income.nonfiscal_balance_used),
        ("年初结转和结余", income.opening_balance),
    ]


def expense_rows(data: YearData) -> list[Term]:
    e = data.summary.expense
    return [
        *summary_basic(data),
        ("项目支出", e.project),
        ("上缴上级支出", e.to_superior),
        ("经营支出", e.business),
        ("对附属单位补助支出", e.to_affiliates),
    ]


def expense_subtotal(data: YearData) -> list[Term]:
    e = data.summary.expense
    return [("本年支出合计", e.subtotal)] if e.subtotal is not None else expense_rows(data)


def expense_total(data: YearData) -> list[Term]:
    e = data.summary.expense
    if e.total is not None:
        return [("支出总计", e.total)]
    return [*expense_subtotal(data), ("结余分配", e.surplus_distribution), ("年末结转和结余", e.closing_balance)]


# ---------------------------------------------------------------- rules
@rule("JS-BAL-001", "错误", "收入总计 = 本年收入合计 + 使用非财政拨款结余 + 年初结转和结余")
def income_total_adds_up(ctx: CheckContext):
    income = ctx.data.summary.income
    if income.total is not None:
        parts = [
            *income_subtotal(ctx.data),
            ("使用非财政拨款结余", income.nonfiscal_balance_used),
            ("年初结转和结余", income.opening_balance),
        ]
        yield from imbalance(
            SUMMARY + ("收入", "收入总计"), "收入总计", [("收入总计", income.total)], "各项之和", parts, FIX_TABLE
        )


@rule("JS-BAL-002", "错误", "支出总计 = 本年支出合计 + 结余分配 + 年末结转和结余")
def expense_total_adds_up(ctx: CheckContext):
    e = ctx.data.summary.expense
    if e.total is not None:
        parts = [
            *expense_subtotal(ctx.data),
            ("结余分配", e.surplus_distribution),
            ("年末结转和结余", e.closing_balance),
        ]
        yield from imbalance(
            SUMMARY + ("支出", "支出总计"), "支出总计", [("支出总计", e.total)], "各项之和", parts, FIX_TABLE
        )


@rule("JS-BAL-003", "错误", "收入总计 = 支出总计")
def totals_balance(ctx: CheckContext):
    path = SUMMARY + ("收入", "收入总计") if ctx.data.summary.income.total is not None else SUMMARY
    yield from imbalance(
        path,
        "收入总计",
        income_total(ctx.data),
        "支出总计",
        expense_total(ctx.data),
        "收入总计与支出总计必须相等；请核对收入、支出及年初、年末结转和结余。",
    )


@rule("JS-BAL-004", "错误", "本年收入合计 = 各项收入之和")
def income_subtotal_adds_up(ctx: CheckContext):
    income = ctx.data.summary.income
    if income.subtotal is not None:
        yield from imbalance(
            SUMMARY + ("收入", "本年收入合计"),
            "本年收入合计",
            [("本年收入合计", income.subtotal)],
            "各项收入之和",
            income_rows(ctx.data),
            FIX_TABLE,
        )


@rule("JS-BAL-005", "错误", "本年支出合计 = 基本支出 + 项目支出 + 上缴上级支出 + 经营支出 + 对附属单位补助支出")
def expense_subtotal_adds_up(ctx: CheckContext):
    e = ctx.data.summary.expense
    if e.subtotal is not None:
        yield from imbalance(
            SUMMARY + ("支出", "本年支出合计"),
            "本年支出合计",
            [("本年支出合计", e.subtotal)],
            "各项支出之和",
            expense_rows(ctx.data),
            FIX_TABLE,
        )


@rule("JS-BAL-006", "错误", "基本支出合计 = 人员经费 + 公用经费（收入支出决算总表、一般公共预算财政拨款基本支出表）")
def basic_adds_up(ctx: CheckContext):
    for path, block in (
        (SUMMARY + ("支出", "基本支出"), ctx.data.summary.expense.basic),
        (("一般公共预算财政拨款基本支出",), ctx.data.basic_by_economic),
    ):
        if block.total is not None:
            yield from imbalance(
                path + ("合计",),
                "基本支出合计",
                [("基本支出合计", block.total)],
                "人员经费与公用经费之和",
                [("人员经费", block.personnel), ("公用经费", block.public)],
                FIX_TABLE,
            )


@rule("JS-BAL-009", "错误", "各类财政拨款：本年收入 + 年初结转和结余 = 本年支出 + 年末结转和结余")
def fiscal_balance(ctx: CheckContext):
    data = ctx.data
    fiscal_trees = dict(trees(ctx))
    for label, attr in FUNDS:
        income = getattr(data.summary.income, attr)
        opening, closing = getattr(data.fiscal.opening_balance, attr), getattr(data.fiscal.closing_balance, attr)
        spent = fiscal_trees[label].classes()
        left = [(f"{label}财政拨款收入", income), ("年初结转和结余", opening)]
        right = [*spent, ("年末结转和结余", closing)]
        yield from imbalance(
            SUMMARY + ("收入", f"{label}财政拨款收入"),
            f"{label}财政拨款收入与年初结转和结余之和",
            left,
            "支出与年末结转和结余之和",
            right,
            f"{label}财政拨款的收入、年初结转和结余、功能分类支出、年末结转和结余四者不平衡；"
            f"请核对「财政拨款收入支出决算总表」与「财政拨款支出 → {label}」。",
        )


@rule("JS-BAL-013", "错误", "收入决算表（收入功能分类）各列之和 = 收入支出决算总表的相应收入")
def income_by_function(ctx: CheckContext):
    rows, income = ctx.data.income_rows, ctx.data.summary.income
    if not rows:
        return
    columns = (
        ("财政拨款收入", "fiscal", [(label, getattr(income, attr)) for label, attr in INCOME[:3]]),
        *((label, attr, [(label, getattr(income, attr))]) for label, attr in INCOME[3:]),
    )
    for label, attr, recorded in columns:
        parts = [(row.code, getattr(row, attr)) for row in rows]
        yield from imbalance(
            ("收入功能分类",),
            f"收入支出决算总表的{label}",
            recorded,
            f"收入功能分类各行的{label}之和",
            parts,
            f"请核对收入功能分类各行的{label}。",
        )
