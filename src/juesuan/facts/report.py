"""Compute every figure and phrase of the document into one finished Report before anything renders.

Templates receive this and do no arithmetic; each printed figure is one Amount/Percent object here, so
the same figure can never be printed two ways. Wording that depends on a sign (增加/减少, 持平, 大于/小于)
comes from the Change and Completion facts.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from ..validate.model import EconomicRow, YearData
from . import headline as hl
from .catalog import Catalog, GlossaryTerm
from .functional import FunctionNode, build_tree, fund_total, merge_trees
from .numbers import Amount, Percent, plain, share
from .phrases import Change, Completion, change, completion
from .settings import Settings


@dataclass
class Line:
    """A labelled figure and its share of the whole it is listed under."""

    label: str
    amount: Amount
    share: Percent | None = None
    node: Any = None


@dataclass
class YearOverYear:
    current: Amount
    change: Change
    reason: str = ""
    share: Percent | None = None


@dataclass
class Part:
    """One of the three public expenses (or the fleet's two halves) with all its sentences' figures."""

    label: str
    actual: Amount
    budget: Amount
    completion: Completion
    share: Percent | None
    change: Change
    reason: str = ""


@dataclass
class GlossaryEntry:
    title: str
    text: str


@dataclass
class Report:
    year: int
    prior_year: int
    settings: Settings
    data: YearData
    title: str
    publish_date: str
    subunit_total: int
    totals: dict[str, Any]
    income: dict[str, Any]
    expense: dict[str, Any]
    fiscal: dict[str, Any]
    general: dict[str, Any]
    basic: dict[str, Any]
    three_public: dict[str, Any]
    fund: YearOverYear
    capital: YearOverYear
    operating_costs: YearOverYear
    procurement: dict[str, Any]
    assets: dict[str, Any]
    glossary: list[GlossaryEntry]
    trees: dict[str, list[FunctionNode]] = field(default_factory=dict)
    economic: list[dict[str, Any]] = field(default_factory=list)
    income_rows: list[dict[str, Any]] = field(default_factory=list)

    @property
    def zero(self) -> Amount:
        return Amount(Decimal(0), self.settings.number_format)

    @property
    def trees_all(self) -> list[FunctionNode]:
        """Every budget type and non-fiscal money in one 类/款/项 tree (支出决算表, 收入支出决算总表)."""
        return merge_trees([self.trees[k] for k in ("general", "fund", "capital", "nonfiscal")])

    @property
    def trees_fiscal(self) -> list[FunctionNode]:
        return merge_trees([self.trees[k] for k in ("general", "fund", "capital")])

    def node(self, kind: str, code: str) -> FunctionNode | None:
        return next((n for root in self.trees[kind] for n in root.walk() if n.code == code), None)

    def by_type(self, code: str) -> list[Amount]:
        """A 功能分类 row's amount under each of the three budget types."""
        return [(n.actual if (n := self.node(kind, code)) else self.zero) for kind in ("general", "fund", "capital")]

    @property
    def general_basic(self) -> Amount:
        return sum((root.basic for root in self.trees["general"]), self.zero)

    @property
    def general_project(self) -> Amount:
        return sum((root.project for root in self.trees["general"]), self.zero)


def chinese_date(d: date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


def compute_report(data: YearData, prior: hl.Headline, functional: Catalog, economic: Catalog,
                   glossary: list[GlossaryTerm], settings: Settings) -> Report:
    """The whole document's facts. Pure: same inputs, same Report."""
    fmt = settings.number_format
    scale = hl.SCALE[data.money_unit]
    money = lambda v: Amount(v * scale, fmt)  # noqa: E731 - amounts as written, scaled to 万元
    wan = lambda v: Amount(v, fmt)  # noqa: E731 - already in 万元
    now = hl.headline_of(data)
    unit = data.unit
    inc, exp = data.summary.income, data.summary.expense

    income_all = _shares([
        ("一般公共预算财政拨款收入", money(inc.general_budget)), ("政府性基金预算财政拨款收入", money(inc.fund_budget)),
        ("国有资本经营预算财政拨款收入", money(inc.capital_budget)), ("上级补助收入", money(inc.from_superior)),
        ("事业收入", money(inc.operations)), ("经营收入", money(inc.business)),
        ("附属单位上缴收入", money(inc.from_affiliates)), ("其他收入", money(inc.other)),
    ], money(hl.income_subtotal(data)), True)
    expense_all = _shares([
        ("基本支出", money(hl.basic_total(data))), ("项目支出", money(exp.project)),
        ("上缴上级支出", money(exp.to_superior)), ("经营支出", money(exp.business)),
        ("对附属单位补助支出", money(exp.to_affiliates)),
    ], money(hl.expense_subtotal(data)), True)
    keep = settings.list_zero_rows
    income_lines = [line for line in income_all if keep or not line.amount.is_zero]
    expense_lines = [line for line in expense_all if keep or not line.amount.is_zero]
    expense_subtotal = money(hl.expense_subtotal(data))

    trees = {
        "general": build_tree(data.fiscal_expenditure.general_budget.rows, functional, scale, fmt),
        "fund": build_tree(data.fiscal_expenditure.fund_budget.rows, functional, scale, fmt),
        "capital": build_tree(data.fiscal_expenditure.capital_budget.rows, functional, scale, fmt),
        "nonfiscal": build_tree(data.nonfiscal_rows, functional, scale, fmt),
    }
    general_total = fund_total(trees["general"], fmt)
    general_items = [n for root in trees["general"] for n in root.walk() if n.level == "项"]
    budgets = [n.budget for n in general_items]
    general_budget = None
    if general_items and all(b is not None for b in budgets):
        general_budget = wan(sum((b.value for b in budgets), Decimal(0)))
    fx = data.fiscal_expenditure

    basic = data.basic_by_economic
    econ_rows = [_economic(row, economic, money) for row in basic.rows]
    tp = _three_public(data, prior, money, wan)

    proc = data.other.procurement
    proc_total = money(proc.total if proc.total is not None else proc.goods + proc.works + proc.services)
    sme, micro = money(proc.sme), money(proc.micro)
    all_items = [n for root in merge_trees(list(trees.values())) for n in root.walk() if n.level == "项"]

    return Report(
        year=data.year, prior_year=data.year - 1, settings=settings, data=data,
        title=f"{unit.region}{unit.name}",
        publish_date=chinese_date(unit.publish_date) if unit.publish_date else "",
        subunit_total=(unit.organization.subunits.administrative + unit.organization.subunits.civil_service_managed
                       + unit.organization.subunits.other_public),
        totals=_pair(wan(now.income_total), wan(prior.income_total), wan(now.expense_total), wan(prior.expense_total),
                     data.summary.reason),
        income={"subtotal": money(hl.income_subtotal(data)), "lines": income_lines, "lines_all": income_all,
                "opening_balance": money(inc.opening_balance), "nonfiscal_balance_used": money(inc.nonfiscal_balance_used),
                "total": wan(now.income_total)},
        expense={"subtotal": expense_subtotal, "lines": expense_lines, "lines_all": expense_all,
                 "closing_balance": money(exp.closing_balance), "surplus_distribution": money(exp.surplus_distribution),
                 "total": wan(now.expense_total), "personnel": money(exp.basic.personnel), "public": money(exp.basic.public)},
        fiscal={**_pair(wan(now.fiscal_income_total), wan(prior.fiscal_income_total), wan(now.fiscal_expense_total),
                        wan(prior.fiscal_expense_total), data.fiscal.reason),
                "income_by_type": [money(inc.general_budget), money(inc.fund_budget), money(inc.capital_budget)],
                "expense_by_type": [general_total, fund_total(trees["fund"], fmt), fund_total(trees["capital"], fmt)],
                "opening_by_type": _by_type(data.fiscal.opening_balance, money),
                "closing_by_type": _by_type(data.fiscal.closing_balance, money)},
        general={"total": general_total, "share": share(general_total, expense_subtotal),
                 "change": change(general_total, wan(prior.general_budget_expense)), "reason": fx.general_budget.reason,
                 "classes": _shares([(r.name, r.actual, r) for r in trees["general"]], general_total, True),
                 "leaves": general_items, "budget": general_budget,
                 "completion": completion(general_total, general_budget) if general_budget is not None else None},
        basic={"total": money(basic.total if basic.total is not None else basic.personnel + basic.public), "personnel": money(basic.personnel),
               "public": money(basic.public),
               "personnel_items": [r for r in econ_rows if r["funding"] == "人员经费"],
               "public_items": [r for r in econ_rows if r["funding"] == "公用经费"],
               "has_amounts": any(r["amount"] is not None for r in econ_rows)},
        three_public=tp,
        fund=_year_over_year(fund_total(trees["fund"], fmt), wan(prior.fund_budget_expense), fx.fund_budget.reason,
                             expense_subtotal),
        capital=_year_over_year(fund_total(trees["capital"], fmt), wan(prior.capital_budget_expense),
                                fx.capital_budget.reason, expense_subtotal),
        operating_costs=YearOverYear(wan(now.operating_costs), change(wan(now.operating_costs),
                                     wan(prior.operating_costs)), data.other.operating_costs.reason),
        procurement={"total": proc_total, "goods": money(proc.goods), "works": money(proc.works),
                     "services": money(proc.services), "sme": sme, "sme_share": share(sme, proc_total),
                     "micro": micro, "micro_share": share(micro, proc_total), "purpose": proc.purpose},
        assets={"vehicle_total": sum(data.other.assets.vehicles.values()), **data.other.assets.model_dump()},
        glossary=_glossary(glossary, data, all_items),
        trees=trees, economic=econ_rows,
        income_rows=[{"code": row.code, "name": row.name, "amounts": [money(a) for a in (
            row.fiscal + row.from_superior + row.operations + row.business + row.from_affiliates + row.other,
            row.fiscal, row.from_superior, row.operations, row.business, row.from_affiliates, row.other)]}
            for row in sorted(data.income_rows, key=lambda row: row.code)],
    )


def _pair(income_now: Amount, income_before: Amount, expense_now: Amount, expense_before: Amount, reason: str) -> dict:
    """Income and expense totals with their changes; `same` when one sentence can say both."""
    income_change, expense_change = change(income_now, income_before), change(expense_now, expense_before)
    same = (income_now.rounded == expense_now.rounded and income_before.rounded == expense_before.rounded)
    return {"income": income_now, "expense": expense_now, "income_change": income_change,
            "expense_change": expense_change, "same": same, "reason": reason}


def _year_over_year(current: Amount, before: Amount, reason: str, whole: Amount) -> YearOverYear:
    return YearOverYear(current, change(current, before), reason, share(current, whole))


def _shares(items: list[tuple], whole: Amount, keep_zero: bool) -> list[Line]:
    return [Line(label, amount, share(amount, whole), *rest) for label, amount, *rest in items
            if keep_zero or not amount.is_zero]


def _by_type(by_type, money) -> list[Amount]:
    return [money(by_type.general_budget), money(by_type.fund_budget), money(by_type.capital_budget)]


def _economic(row: EconomicRow, catalog: Catalog, money) -> dict:
    entry = catalog.get(row.code)
    funding = entry.funding if entry and entry.funding else ("人员经费" if row.code[:3] in ("301", "303") else "公用经费")
    return {"code": row.code, "name": entry.name if entry else row.name, "funding": funding,
            "amount": money(row.amount) if row.amount is not None else None}


def _three_public(data: YearData, prior: hl.Headline, money, wan) -> dict:
    tp = data.three_public
    cars = tp.cars
    travel_a, purchase_a, operation_a = money(tp.travel.actual), money(cars.purchase.actual), money(cars.operation.actual)
    reception_a = money(hl.receptions_actual(data))
    cars_a = purchase_a + operation_a
    total = travel_a + cars_a + reception_a
    travel_b, purchase_b, operation_b = money(tp.travel.budget), money(cars.purchase.budget), money(cars.operation.budget)
    reception_b = money(tp.receptions.budget)
    cars_b = purchase_b + operation_b
    budget = travel_b + cars_b + reception_b

    def part(label, actual, budget_, before, reason):
        return Part(label, actual, budget_, completion(actual, budget_), share(actual, total), change(actual, wan(before)),
                    reason)

    rec = tp.receptions
    return {
        "total": total, "budget": budget, "completion": completion(total, budget),
        "change": change(total, wan(prior.three_public)), "reason": tp.reason, "budget_reason": tp.budget_reason,
        "travel": part("因公出国（境）费", travel_a, travel_b, prior.travel, tp.travel.reason),
        "cars": part("公务用车购置及运行维护费", cars_a, cars_b, prior.car_purchase + prior.car_operation, cars.reason),
        "car_purchase": part("公务用车购置费", purchase_a, purchase_b, prior.car_purchase, ""),
        "car_operation": part("公务用车运行维护费", operation_a, operation_b, prior.car_operation, ""),
        "receptions": part("公务接待费", reception_a, reception_b, prior.receptions, rec.reason),
        "domestic": {"actual": money(rec.domestic.actual), "model": rec.domestic,
                     "receptions": [{"subject": i.subject, "times": i.times, "yuan": plain(i.yuan)} for i in rec.domestic.items]},
        "foreign": {"actual": money(rec.foreign.actual), "model": rec.foreign},
        "purchases": [{"kind": p.kind, "count": p.count, "amount": money(p.amount)} for p in cars.purchase.purchases],
        "purchase_count": sum(p.count for p in cars.purchase.purchases),
        "travel_model": tp.travel, "fleet": cars.fleet, "operation_purpose": cars.operation.purpose,
    }


_FIGURE_OF = {
    "上级补助收入": lambda d: d.summary.income.from_superior, "事业收入": lambda d: d.summary.income.operations,
    "经营收入": lambda d: d.summary.income.business, "附属单位上缴收入": lambda d: d.summary.income.from_affiliates,
    "其他收入": lambda d: d.summary.income.other, "使用非财政拨款结余": lambda d: d.summary.income.nonfiscal_balance_used,
    "年初结转和结余": lambda d: d.summary.income.opening_balance, "结余分配": lambda d: d.summary.expense.surplus_distribution,
    "年末结转和结余": lambda d: d.summary.expense.closing_balance, "经营支出": lambda d: d.summary.expense.business,
    "上缴上级支出": lambda d: d.summary.expense.to_superior, "对附属单位补助支出": lambda d: d.summary.expense.to_affiliates,
}


def applies(term: GlossaryTerm, data: YearData) -> bool:
    """A standard term is explained only when the figure it names is not zero for this unit."""
    if term.applies_when == "总是":
        return True
    return _FIGURE_OF[term.applies_when](data) != 0


def _glossary(terms: list[GlossaryTerm], data: YearData, items: list[FunctionNode]) -> list[GlossaryEntry]:
    """Standard terms that apply, with one entry per 功能分类 项 used inserted before 基本支出 (the Sichuan order)."""
    standard = [GlossaryEntry(t.name, t.text) for t in terms if applies(t, data)]
    functional = [GlossaryEntry(n.path, n.explanation or "") for n in items]
    cut = next((i for i, e in enumerate(standard) if e.title == "基本支出"), len(standard))
    return standard[:cut] + functional + standard[cut:]
