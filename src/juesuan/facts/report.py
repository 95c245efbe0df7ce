"""Compute every figure and phrase of the document into one finished Report before anything renders.

Figures come from the 公开表 (`tables.figures`) and the few the narrative carries (机关运行经费, 政府采购);
last year's from last year's tables or its 上年 block, by the same names. Templates receive this and do no
arithmetic; each printed figure is one Amount/Percent object here, so it can never be printed two ways. A
comparison with a figure that is unknown is None, and the sentence that needs it is left out.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Sequence

from ..tables.figures import SPENT, THREE, Figures, figures_of
from ..tables.forms import BUDGETS, EXPENSE_KINDS, INCOME_KINDS
from ..tables.labels import norm
from ..tables.model import TableSet, to_wan
from ..validate.annex_model import EvaluationTable
from ..validate.model import UNKNOWN, YearData
from .annexes import chinese_date, evaluation_facts
from .catalog import Catalog, GlossaryTerm
from .functional import FunctionNode, build_tree, items
from .glossary import GlossaryEntry, glossary
from .numbers import Amount, Percent, plain, share
from .phrases import Change, Completion, change, completion
from .rounding import shares_adding_up
from .settings import Settings
from .tables import TableSpec, build_tables

GENERAL = "一般公共预算财政拨款支出决算表"
ALL_SPENDING = "支出决算表"
FUND_TABLES = ("政府性基金预算财政拨款收入支出决算表", "国有资本经营预算财政拨款收入支出决算表",
               "国有资本经营预算财政拨款支出决算表")


@dataclass
class Line:
    """A labelled figure and its share of the whole it is listed under."""

    label: str
    amount: Amount
    share: Percent | None = None
    node: Any = None


@dataclass
class Compared:
    """A figure this year, its change from last year (None when either is unknown) and the reason written."""

    current: Amount | None
    change: Change | None
    reason: str = ""
    share: Percent | None = None
    initial_budget: Amount | None = None        # 年初预算数, where the data gives it
    initial_completion: Completion | None = None
    budget: Amount | None = None                # 全年预算数, where the data gives it
    completion: Completion | None = None        # against the layout's basis (预算口径)


@dataclass
class Part:
    """One of the three public expenses with all its sentences' figures."""

    name: str                   # the figure (and reason) name
    label: str                  # as the sentences print it
    actual: Amount | None
    budget: Amount | None
    completion: Completion | None
    share: Percent | None
    change: Change | None
    reason: str = ""
    initial_budget: Amount | None = None        # 年初预算数 (the 三公 table prints it in some provinces)
    initial_completion: Completion | None = None


@dataclass
class Report:
    year: int
    prior_year: int
    settings: Settings
    data: YearData
    title: str
    publish_date: str
    subunit_total: int
    subunit_kinds: list[dict[str, Any]]     # the kinds of 下属单位 the unit has: 行政单位 / 参公事业单位 / 事业单位
    totals: dict[str, Any]
    income: dict[str, Any]
    expense: dict[str, Any]
    fiscal: dict[str, Any]
    fiscal_general: dict[str, Any]   # the same for 一般公共预算 alone (where a province's 财政拨款 means only it)
    general: dict[str, Any]
    basic: dict[str, Any]
    three_public: dict[str, Any]
    fund: Compared
    capital: Compared
    fund_split: dict[str, Any]       # 基本支出 / 项目支出 of the 政府性基金 spending and their shares of it
    capital_split: dict[str, Any]
    operating_costs: Compared | None
    procurement: dict[str, Any]
    general_spending: dict[str, Any] | None
    performance: dict[str, Any]
    evaluations: list[dict[str, Any]]   # every 绩效自评表 sheet of the workbook, in sheet order
    assets: dict[str, Any]
    glossary: list[GlossaryEntry]
    tables: list[TableSpec] = field(default_factory=list)
    figures: Figures = field(default_factory=Figures)
    prior: Figures | None = None


def narrative_figures(data: YearData) -> dict[str, Decimal]:
    """The figures no 公开表 carries, from the narrative, in 万元."""
    found = {}
    costs = data.other.operating_costs
    if costs is not None:
        found["机关运行经费"] = to_wan(costs.actual, data.money_unit)
        if costs.budget is not None:
            found["机关运行经费预算数"] = to_wan(costs.budget, data.money_unit)
        if costs.initial_budget is not None:
            found["机关运行经费年初预算数"] = to_wan(costs.initial_budget, data.money_unit)
    return found


def year_figures(data: YearData, tables: TableSet) -> Figures:
    """A unit-year's named figures: its tables' and its narrative's."""
    figures = figures_of(tables)
    figures.values.update(narrative_figures(data))
    return figures


class _Facts:
    """Lookups shared by the sections: figures of both years, reasons, money formatting."""

    def __init__(self, data: YearData, now: Figures, before: Figures | None, settings: Settings):
        self.data, self.now, self.before, self.settings = data, now, before, settings
        self.fmt = settings.number_format
        self.reasons = {norm(k): v for k, v in data.reasons.items()}
        self.budget_reasons = {norm(k): v for k, v in data.budget_reasons.items()}

    def money(self, value: Decimal | None) -> Amount | None:
        return Amount(value, self.fmt) if value is not None else None

    def amount(self, name: str) -> Amount | None:
        return self.money(self.now.get(name))

    def previous(self, name: str) -> Amount | None:
        return self.money(self.before.get(name)) if self.before is not None else None

    def change(self, name: str) -> Change | None:
        return change(self.amount(name), self.previous(name))

    def reason(self, key: str) -> str:
        text = self.reasons.get(norm(key), "")
        return "" if text.strip() == UNKNOWN else text

    def budget_reason(self, key: str) -> str:
        text = self.budget_reasons.get(norm(key), "")
        return "" if text.strip() == UNKNOWN else text

    def against(self, basis: str, actual: Amount | None, full: Amount | None,
                initial: Amount | None) -> Completion | None:
        """Completion against the budget the layout's 预算口径 names for this sentence family."""
        return completion(actual, initial if basis == "年初预算" else full, basis)

    def narrative(self, value: Decimal) -> Amount:
        return Amount(to_wan(value, self.data.money_unit), self.fmt)


def compute_report(data: YearData, tables: TableSet, prior: Figures | None, functional: Catalog,
                   glossary_terms: list[GlossaryTerm], settings: Settings,
                   evaluations: Sequence[EvaluationTable] = ()) -> Report:
    """The whole document's facts. Pure: same inputs, same Report."""
    now = year_figures(data, tables)
    f = _Facts(data, now, prior, settings)
    unit = data.unit
    subtotal_in, subtotal_out = f.amount("本年收入合计"), f.amount("本年支出合计")
    income_all = _lines([(k, f.amount(k)) for k in INCOME_KINDS], subtotal_in)
    fiscal_in = f.amount("财政拨款本年收入合计")
    income_joined = _lines([("财政拨款收入", fiscal_in)] + [(k, f.amount(k)) for k in INCOME_KINDS[3:]], subtotal_in)
    expense_all = _lines([(k, f.amount(k)) for k in EXPENSE_KINDS], subtotal_out)
    keep = settings.list_zero_rows
    general_table = tables.tables.get(GENERAL)
    roots = build_tree(general_table.panel(""), functional, f.fmt) if general_table is not None else []
    spending = tables.tables.get(ALL_SPENDING)
    every = [build_tree(spending.panel(""), functional, f.fmt)] if spending is not None else [roots] + [
        build_tree(t.panel(""), functional, f.fmt) for name in FUND_TABLES if (t := tables.tables.get(name))]
    used = sorted({n.code: n for tree in every for n in items(tree)}.values(), key=lambda n: n.code)
    report = Report(
        year=data.year, prior_year=data.year - 1, settings=settings, data=data,
        title=f"{unit.region}{unit.name}",
        publish_date=chinese_date(unit.publish_date) if unit.publish_date else "",
        subunit_total=(unit.organization.subunits.administrative + unit.organization.subunits.civil_service_managed
                       + unit.organization.subunits.other_public),
        subunit_kinds=_subunit_kinds(unit.organization.subunits),
        totals=_pair(f, "收入总计", "支出总计", "收入支出总计"),
        income={"subtotal": subtotal_in, "subtotal_change": f.change("本年收入合计"),
                "subtotal_reason": f.reason("本年收入合计"), "total": f.amount("收入总计"), "lines_all": income_all,
                "lines": [x for x in income_all if keep or not x.amount.is_zero],
                # 财政拨款收入 as one line (its three kinds together), as Henan and the national template list it
                "lines_joined": [x for x in income_joined if keep or not x.amount.is_zero] if fiscal_in is not None else [],
                "opening_balance": f.amount("年初结转和结余"),
                "nonfiscal_balance_used": f.amount("使用非财政拨款结余")},
        expense={"subtotal": subtotal_out, "subtotal_change": f.change("本年支出合计"),
                 "subtotal_reason": f.reason("本年支出合计"), "total": f.amount("支出总计"), "lines_all": expense_all,
                 "lines": [x for x in expense_all if keep or not x.amount.is_zero],
                 "closing_balance": f.amount("年末结转和结余"), "surplus_distribution": f.amount("结余分配")},
        fiscal=_pair(f, "财政拨款收入总计", "财政拨款支出总计", "财政拨款收入支出总计"),
        fiscal_general=_pair(f, "一般公共预算财政拨款收入总计", "一般公共预算财政拨款支出总计",
                             "一般公共预算财政拨款收入支出总计", also="财政拨款收入支出总计"),
        general=_general(f, roots, subtotal_out),
        basic=_basic(f, tables),
        three_public=_three_public(f),
        fund=_compared(f, SPENT[BUDGETS[1]], subtotal_out),
        capital=_compared(f, SPENT[BUDGETS[2]], subtotal_out),
        fund_split=_split(f, BUDGETS[1]), capital_split=_split(f, BUDGETS[2]),
        operating_costs=_operating_costs(f) if "机关运行经费" in now.values else None,
        procurement=_procurement(f),
        general_spending=_general_spending(f),
        performance=_performance(f),
        evaluations=[evaluation_facts(t, "万元", f.fmt) for t in evaluations],
        assets={"vehicle_total": sum(data.other.assets.vehicles.values()), **data.other.assets.model_dump()},
        glossary=glossary(glossary_terms, now, used if settings.glossary_items else []),
        tables=_noted(build_tables(tables, settings.tables, f.fmt, settings.table_rounding == "保持相加"), settings),
        figures=now, prior=prior,
    )
    if settings.share_rounding == "保持相加":
        for group in share_groups(report):
            group.add_up()
    return report


@dataclass
class ShareGroup:
    """The shares of one whole the document prints (收入构成, 支出构成, “三公”经费 …), each where it is kept."""

    name: str
    whole: Amount | None
    members: list[tuple[str, Amount | None, Any, Any]]   # label, amount, and the object/dict and key holding its share

    def shares(self) -> list[Percent | None]:
        return [holder[key] if isinstance(holder, dict) else getattr(holder, key) for _, _, holder, key in self.members]

    def adds_up(self) -> bool:
        """The parts (as ratios are computed) make up the whole exactly, so their shares should add to 100%."""
        amounts = [amount for _, amount, _, _ in self.members]
        return (self.whole is not None and None not in amounts and None not in self.shares()
                and sum((a.basis for a in amounts), Decimal(0)) == self.whole.basis)

    def add_up(self) -> None:
        """Print the shares by largest remainders so that they add to exactly 100% (`占比舍入: 保持相加`)."""
        if not self.adds_up():
            return
        fmt = self.whole.fmt
        fixed = shares_adding_up([amount.basis for _, amount, _, _ in self.members], fmt.places("share"))
        for (_, _, holder, key), value in zip(self.members, fixed or ()):
            percent = Percent(value, fmt, "share")
            if isinstance(holder, dict):
                holder[key] = percent
            else:
                setattr(holder, key, percent)


def share_groups(r: Report) -> list[ShareGroup]:
    """Every set of shares the document prints as the parts of one whole."""
    def lines(name: str, items_: list[Line], whole: Amount | None) -> ShareGroup:
        return ShareGroup(name, whole, [(x.label, x.amount, x, "share") for x in items_])

    def pair(name: str, d: dict, whole: Amount | None, keys: tuple[str, str], labels: tuple[str, str]) -> ShareGroup:
        return ShareGroup(name, whole, [(label, d[key], d, f"{key}_share") for key, label in zip(keys, labels)])

    tp = r.three_public
    groups = [lines("收入构成", r.income["lines_all"], r.income["subtotal"]),
              lines("收入构成（财政拨款合并）", r.income["lines_joined"], r.income["subtotal"]),
              lines("支出构成", r.expense["lines_all"], r.expense["subtotal"]),
              lines("一般公共预算财政拨款支出结构", r.general["classes"], r.general["total"]),
              pair("一般公共预算财政拨款基本支出", r.basic, r.basic["total"], ("personnel", "public"), ("人员经费", "公用经费")),
              ShareGroup("“三公”经费", tp["total"], [(tp[k].label, tp[k].actual, tp[k], "share")
                                                    for k in ("travel", "cars", "receptions")])]
    for name, split, kind in ((BUDGETS[1], r.fund_split, r.fund), (BUDGETS[2], r.capital_split, r.capital)):
        groups.append(pair(f"{name}财政拨款支出", split, kind.current, ("basic", "project"), ("基本支出", "项目支出")))
    return [g for g in groups if g.members]


def _noted(specs: list[TableSpec], settings: Settings) -> list[TableSpec]:
    """Each empty table with the layout's own note for it, where the layout words one (Henan: 故本表无数据)."""
    for spec in specs:
        if spec.empty and spec.title in settings.empty_notes:
            spec.note = settings.empty_notes[spec.title]
    return specs


def _subunit_kinds(subunits) -> list[dict[str, Any]]:
    kinds = (("行政单位", subunits.administrative), ("参照公务员法管理的事业单位", subunits.civil_service_managed),
             ("事业单位", subunits.other_public))
    return [{"label": label, "count": n} for label, n in kinds if n]


def _lines(items_: list[tuple[str, Amount | None]], whole: Amount | None) -> list[Line]:
    return [Line(label, amount, _share(amount, whole))
            for label, amount in items_ if amount is not None]


def _share(part: Amount | None, whole: Amount | None) -> Percent | None:
    """A part's share of its whole, None when either is unknown (the template then says less)."""
    return share(part, whole) if part is not None and whole is not None else None


def _pair(f: _Facts, income: str, expense: str, reason: str, also: str = "") -> dict:
    """Income and expense totals with their changes; `same` when one sentence can say both. `also`: a reason
    written for the same sentence under another name (when all 财政拨款 is 一般公共预算, one reason serves both)."""
    now_in, now_out = f.amount(income), f.amount(expense)
    was_in, was_out = f.previous(income), f.previous(expense)
    same = (now_in is not None and now_out is not None and now_in.rounded == now_out.rounded
            and (was_in is None) == (was_out is None)
            and (was_in is None or was_in.rounded == was_out.rounded))
    return {"income": now_in, "expense": now_out, "income_change": change(now_in, was_in),
            "expense_change": change(now_out, was_out), "same": same,
            "reason": f.reason(reason) or (f.reason(also) if also and _same_figures(f) else "")}


def _same_figures(f: _Facts) -> bool:
    """Is the 一般公共预算 pair the whole 财政拨款 pair, both years (so the 财政拨款 reason explains it too)?"""
    names = ("财政拨款收入总计", "财政拨款支出总计", "一般公共预算财政拨款收入总计", "一般公共预算财政拨款支出总计")
    now = [f.amount(n) for n in names]
    was = [f.previous(n) for n in names]
    return all(a is not None and b is not None and a.value == b.value
               for a, b in ((now[0], now[2]), (now[1], now[3]), (was[0], was[2]), (was[1], was[3])))


def _compared(f: _Facts, name: str, whole: Amount | None = None) -> Compared:
    current = f.amount(name)
    return Compared(current, f.change(name), f.reason(name),
                    _share(current, whole))


def _split(f: _Facts, budget: str) -> dict:
    """A kind of appropriation's spending as 基本支出 and 项目支出, each with its share of the whole."""
    whole, basic, project = f.amount(SPENT[budget]), f.amount(f"{budget}基本支出"), f.amount(f"{budget}项目支出")
    return {"basic": basic, "project": project, "basic_share": _share(basic, whole),
            "project_share": _share(project, whole)}


def _operating_costs(f: _Facts) -> Compared:
    found = _compared(f, "机关运行经费")
    found.initial_budget = f.amount("机关运行经费年初预算数")
    found.initial_completion = completion(found.current, found.initial_budget, "年初预算")
    found.budget = f.amount("机关运行经费预算数")
    found.completion = f.against(f.settings.operating_costs_basis, found.current, found.budget, found.initial_budget)
    return found


def _general(f: _Facts, roots: list[FunctionNode], subtotal: Amount | None) -> dict:
    total = f.amount(SPENT[BUDGETS[0]])
    leaves = items(roots)
    budget = f.amount("一般公共预算财政拨款支出全年预算数")
    if budget is None and leaves and all(n.budget is not None for n in leaves):
        budget = Amount(sum((n.budget.value for n in leaves), Decimal(0)), f.fmt)
    for leaf in leaves:
        leaf.reason = f.budget_reason(leaf.code)
    for node in (n for root in roots for n in root.walk()):
        node.basis = f.settings.general_basis
    initial = f.amount("一般公共预算财政拨款支出年初预算数")
    if initial is None and leaves and all(n.initial_budget is not None for n in leaves):
        initial = Amount(sum((n.initial_budget.value for n in leaves), Decimal(0)), f.fmt)
    return {"total": total, "share": _share(total, subtotal),
            "change": f.change(SPENT[BUDGETS[0]]), "reason": f.reason(SPENT[BUDGETS[0]]),
            "classes": _lines([(r.name, r.actual) for r in roots], total) if total is not None else [],
            "leaves": leaves, "budget": budget,
            "completion": f.against(f.settings.general_basis, total, budget, initial),
            "initial_budget": initial, "initial_completion": completion(total, initial, "年初预算"),
            "budget_reason": f.budget_reason(SPENT[BUDGETS[0]])}


def _basic(f: _Facts, tables: TableSet) -> dict:
    table = tables.tables.get("一般公共预算财政拨款基本支出决算表")
    personnel_items, public_items = [], []
    if table is not None:
        panel = table.panel("")
        column = "决算数" if "决算数" in panel.columns else None
        detail = [r for r in panel.coded() if len(r.key) == 5] or panel.top()
        for row in detail:
            if column is None or column not in row.values:
                continue
            target = personnel_items if row.key[:3] in ("301", "303") else public_items
            target.append({"code": row.key, "name": row.name, "amount": Amount(row.values[column], f.fmt)})
    names = f.data.basic_names
    total, personnel, public = f.amount("一般公共预算财政拨款基本支出"), f.amount("人员经费"), f.amount("公用经费")
    return {"total": total, "personnel": personnel, "public": public,
            "personnel_share": _share(personnel, total), "public_share": _share(public, total),
            "personnel_items": personnel_items or [{"name": n, "amount": None} for n in names.personnel],
            "public_items": public_items or [{"name": n, "amount": None} for n in names.public]}


_PARTS = {"travel": ("因公出国（境）费", "因公出国（境）费"), "cars": ("公务用车购置及运行费", "公务用车购置及运行维护费"),
          "car_purchase": ("公务用车购置费", "公务用车购置费"), "car_operation": ("公务用车运行费", "公务用车运行维护费"),
          "receptions": ("公务接待费", "公务接待费")}


def _three_public(f: _Facts) -> dict:
    total = f.amount(THREE)
    narrative = f.data.three_public
    basis = f.settings.three_public_basis

    def part(name: str, label: str) -> Part:
        actual, budget, initial = f.amount(name), f.amount(f"{name}预算数"), f.amount(f"{name}年初预算数")
        return Part(name, label, actual, budget, f.against(basis, actual, budget, initial),
                    _share(actual, total),
                    f.change(name), f.reason(name), initial, completion(actual, initial, "年初预算"))

    receptions = f.amount("公务接待费")
    foreign = f.narrative(narrative.receptions.foreign.amount)
    domestic = receptions - foreign if receptions is not None else None
    purchases = [{"kind": p.kind, "count": p.count, "amount": f.narrative(p.amount)} for p in narrative.cars.purchases]
    budget, initial = f.amount(f"{THREE}预算数"), f.amount(f"{THREE}年初预算数")
    return {
        "total": total, "budget": budget, "completion": f.against(basis, total, budget, initial),
        "change": f.change(THREE),
        "initial_budget": initial, "initial_completion": completion(total, initial, "年初预算"),
        "reason": f.reason(THREE), "budget_reason": f.budget_reason(THREE),
        **{key: part(name, label) for key, (name, label) in _PARTS.items()},
        "domestic": {"actual": domestic, "model": narrative.receptions.domestic,
                     "receptions": [{"subject": i.subject, "times": i.times, "yuan": plain(i.yuan)}
                                    for i in narrative.receptions.domestic.items]},
        "foreign": {"actual": foreign, "model": narrative.receptions.foreign},
        "purchases": purchases, "purchase_count": sum(p.count for p in narrative.cars.purchases),
        "travel_model": narrative.travel, "fleet": narrative.cars.fleet, "operation_purpose": narrative.cars.purpose,
    }


def _general_spending(f: _Facts) -> dict | None:
    """会议费, 培训费 and 节庆…活动 as written (amounts in 万元), and their total; None when the data has none."""
    given = f.data.other.general_spending
    if given is None:
        return None
    kinds = {"meetings": given.meetings, "training": given.training, "events": given.events}
    found = {key: {"amount": f.narrative(item.amount), "times": item.times, "people": item.people,
                   "content": item.content} if item is not None else None for key, item in kinds.items()}
    listed = [item["amount"] for item in found.values() if item is not None]
    labels = {"meetings": "会议费", "training": "培训费", "events": "节庆、晚会、论坛、赛事活动费"}
    return {**found, "total": sum(listed[1:], listed[0]) if listed else None,
            "items": [{"label": labels[key], **item} for key, item in found.items() if item is not None]}


def _performance(f: _Facts) -> dict:
    """The self-evaluated projects with their figures in 万元, and what they add up to: their spending and its
    share of all 项目支出 (None when a figure is missing, or when the sum exceeds 项目支出, so it cannot be a share)."""
    given = f.data.other.performance
    projects = [{"name": p.name, "score": p.score, "summary": p.summary,
                 "budget": f.narrative(p.budget) if p.budget is not None else None,
                 "actual": f.narrative(p.actual) if p.actual is not None else None} for p in given.projects]
    spent = [p["actual"] for p in projects]
    total = sum(spent[1:], spent[0]) if spent and None not in spent else None
    whole = f.amount("项目支出")
    fits = total is not None and whole is not None and total.value <= whole.value
    return {"projects": projects, "evaluated_total": total,
            "evaluated_share": _share(total, whole) if fits else None}


def _procurement(f: _Facts) -> dict:
    proc = f.data.other.procurement
    total = f.narrative(proc.total if proc.total is not None else proc.goods + proc.works + proc.services)
    sme, micro = f.narrative(proc.sme), f.narrative(proc.micro)
    return {"total": total, "goods": f.narrative(proc.goods), "works": f.narrative(proc.works),
            "services": f.narrative(proc.services), "sme": sme, "sme_share": share(sme, total),
            "micro": micro, "micro_share": share(micro, total), "purpose": proc.purpose}
