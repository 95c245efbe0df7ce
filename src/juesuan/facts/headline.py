"""The handful of figures compared year over year, computed the same way for this year and last.

Last year's figures come from last year's data file when it exists, otherwise from the 上年 block;
both paths end in the same Headline, so the document cannot tell which was used.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from ..validate.model import FunctionRow, PriorYear, YearData

SCALE = {"万元": Decimal(1), "元": Decimal("0.0001")}


@dataclass(frozen=True)
class Headline:
    """Exact values in 万元."""

    income_total: Decimal
    expense_total: Decimal
    fiscal_income_total: Decimal
    fiscal_expense_total: Decimal
    general_budget_expense: Decimal
    fund_budget_expense: Decimal
    capital_budget_expense: Decimal
    travel: Decimal
    car_purchase: Decimal
    car_operation: Decimal
    receptions: Decimal
    operating_costs: Decimal

    @property
    def three_public(self) -> Decimal:
        return self.travel + self.car_purchase + self.car_operation + self.receptions


def income_subtotal(data: YearData) -> Decimal:
    i = data.summary.income
    if i.subtotal is not None:
        return i.subtotal
    return (i.general_budget + i.fund_budget + i.capital_budget + i.from_superior + i.operations
            + i.business + i.from_affiliates + i.other)


def income_total(data: YearData) -> Decimal:
    i = data.summary.income
    return i.total if i.total is not None else income_subtotal(data) + i.nonfiscal_balance_used + i.opening_balance


def basic_total(data: YearData) -> Decimal:
    b = data.summary.expense.basic
    return b.total if b.total is not None else b.personnel + b.public


def expense_subtotal(data: YearData) -> Decimal:
    e = data.summary.expense
    if e.subtotal is not None:
        return e.subtotal
    return basic_total(data) + e.project + e.to_superior + e.business + e.to_affiliates


def expense_total(data: YearData) -> Decimal:
    e = data.summary.expense
    return e.total if e.total is not None else expense_subtotal(data) + e.surplus_distribution + e.closing_balance


def rows_total(rows: list[FunctionRow]) -> Decimal:
    """A budget type's total as the 报表 prints it: recorded 类 subtotals where given, else their 项."""
    classes: dict[str, Decimal] = {}
    recorded = {r.code: r.total for r in rows if len(r.code) == 3 and r.total is not None}
    for row in rows:
        if len(row.code) == 7:
            amount = row.total if row.total is not None else row.basic + row.project
            classes[row.code[:3]] = classes.get(row.code[:3], Decimal(0)) + amount
    classes.update({code: value for code, value in recorded.items() if code in classes})
    return sum(classes.values(), Decimal(0))


def receptions_actual(data: YearData) -> Decimal:
    r = data.three_public.receptions
    return r.actual if r.actual is not None else r.domestic.actual + r.foreign.actual


def headline_of(data: YearData) -> Headline:
    """This year's headline figures, in 万元."""
    s = SCALE[data.money_unit]
    fx = data.fiscal_expenditure
    general, fund, capital = (rows_total(fx.general_budget.rows), rows_total(fx.fund_budget.rows),
                              rows_total(fx.capital_budget.rows))
    inc = data.summary.income
    fiscal_income = (inc.general_budget + inc.fund_budget + inc.capital_budget
                     + _by_type_sum(data.fiscal.opening_balance))
    fiscal_expense = general + fund + capital + _by_type_sum(data.fiscal.closing_balance)
    tp = data.three_public
    return Headline(
        income_total(data) * s, expense_total(data) * s, fiscal_income * s, fiscal_expense * s,
        general * s, fund * s, capital * s,
        tp.travel.actual * s, tp.cars.purchase.actual * s, tp.cars.operation.actual * s,
        receptions_actual(data) * s, data.other.operating_costs.actual * s,
    )


def headline_of_prior(prior: PriorYear, money_unit: str) -> Headline:
    """Last year's headline figures from the 上年 block, in 万元."""
    s = SCALE[money_unit]
    tp = prior.three_public
    return Headline(
        prior.income_total * s, prior.expense_total * s, prior.fiscal_income_total * s, prior.fiscal_expense_total * s,
        prior.general_budget_expense * s, prior.fund_budget_expense * s, prior.capital_budget_expense * s,
        tp.travel * s, tp.car_purchase * s, tp.car_operation * s, tp.receptions * s, prior.operating_costs * s,
    )


def _by_type_sum(by_type) -> Decimal:
    return by_type.general_budget + by_type.fund_budget + by_type.capital_budget
