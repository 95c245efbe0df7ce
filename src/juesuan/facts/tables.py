"""The thirteen standard 附表 (第五部分), as finished cells.

Every figure cell is an Amount computed in the facts layer, the same objects the sentences use, so a
table and the text can never disagree. A table the unit has nothing for still appears with the
standard note rather than being dropped.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from .functional import FunctionNode
from .numbers import Amount

EMPTY_NOTE = "本部门本年度无此项收支，故本表为空表。"
TYPES = ("一般公共预算", "政府性基金预算", "国有资本经营预算")


@dataclass
class Cell:
    value: object                # str or Amount
    kind: str = "text"           # text | num | head
    colspan: int = 1
    rowspan: int = 1


@dataclass
class Row:
    cells: list[Cell]
    total: bool = False


@dataclass
class TableSpec:
    title: str
    header: list[Row]
    body: list[Row] = field(default_factory=list)
    empty: bool = False
    wide: bool = False
    unit: str = "单位：万元"
    empty_note: str = EMPTY_NOTE


def _h(*labels, spans: dict | None = None) -> Row:
    spans = spans or {}
    return Row([Cell(label, "head", *spans.get(label, (1, 1))) for label in labels])


def _r(label: str, *amounts, total: bool = False, code: str | None = None) -> Row:
    head = [Cell(code, "text")] if code is not None else []
    return Row(head + [Cell(label, "text")] + [Cell(a, "num") if a is not None else Cell("", "num") for a in amounts],
               total)


def _tree_rows(roots: list[FunctionNode], columns) -> list[Row]:
    return [_r(n.name, *columns(n), code=n.code) for root in roots for n in root.walk()]


def _is_empty(amounts) -> bool:
    return all(a is None or a.is_zero for a in amounts)


def build_tables(report) -> list[TableSpec]:
    """All thirteen tables in the standard order."""
    return [t(report) for t in (summary, income, expense, fiscal_summary, fiscal_detail, general, general_economic,
                                general_basic, general_project, fund, capital_summary, capital, three_public)]


def summary(r) -> TableSpec:
    inc, exp = r.income, r.expense
    left = [(line.label, line.amount) for line in _all_income_lines(r)]
    left += [("本年收入合计", inc["subtotal"]), ("使用非财政拨款结余", inc["nonfiscal_balance_used"]),
             ("年初结转和结余", inc["opening_balance"]), ("总计", inc["total"])]
    classes = r.trees_all
    right = [(n.name, n.actual) for n in classes]
    right += [("本年支出合计", exp["subtotal"]), ("结余分配", exp["surplus_distribution"]),
              ("年末结转和结余", exp["closing_balance"]), ("总计", exp["total"])]
    head_left, tail_left = left[:-4], left[-4:]
    head_right, tail_right = right[:-4], right[-4:]
    pad = max(len(head_left), len(head_right))
    head_left += [("", None)] * (pad - len(head_left))
    head_right += [("", None)] * (pad - len(head_right))
    body = [Row([Cell(a), Cell(x, "num") if x is not None else Cell(""), Cell(b),
                 Cell(y, "num") if y is not None else Cell("")])
            for (a, x), (b, y) in zip(head_left + tail_left, head_right + tail_right)]
    for row in body[-4:]:
        row.total = row.cells[0].value in ("本年收入合计", "总计")
    return TableSpec("收入支出决算总表", [_h("收入", "支出", spans={"收入": (2, 1), "支出": (2, 1)}),
                                        _h("项目", "决算数", "项目", "决算数")], body)


def _all_income_lines(r):
    return r.income["lines_all"]


def income(r) -> TableSpec:
    lines = {line.label: line.amount for line in _all_income_lines(r)}
    fiscal = lines["一般公共预算财政拨款收入"] + lines["政府性基金预算财政拨款收入"] + lines["国有资本经营预算财政拨款收入"]
    head = ["科目编码", "科目名称", "本年收入合计", "财政拨款收入", "上级补助收入", "事业收入", "经营收入",
            "附属单位上缴收入", "其他收入"]
    body = [Row([Cell("合计", "text", 2), *(Cell(a, "num") for a in (
        r.income["subtotal"], fiscal, lines["上级补助收入"], lines["事业收入"], lines["经营收入"],
        lines["附属单位上缴收入"], lines["其他收入"]))], total=True)]
    for row in r.income_rows:
        body.append(Row([Cell(row["code"]), Cell(row["name"]), *(Cell(a, "num") for a in row["amounts"])]))
    return TableSpec("收入决算表", [_h(*head)], body, empty=r.income["subtotal"].is_zero, wide=True)


def expense(r) -> TableSpec:
    head = ["科目编码", "科目名称", "本年支出合计", "基本支出", "项目支出", "上缴上级支出", "经营支出", "对附属单位补助支出"]
    lines = {line.label: line.amount for line in r.expense["lines_all"]}
    body = [Row([Cell("合计", "text", 2), *(Cell(a, "num") for a in (
        r.expense["subtotal"], lines["基本支出"], lines["项目支出"], lines["上缴上级支出"], lines["经营支出"],
        lines["对附属单位补助支出"]))], total=True)]
    zero = Amount(Decimal(0), r.settings.number_format)
    body += _tree_rows(r.trees_all, lambda n: (n.actual, n.basic, n.project, zero, zero, zero))
    return TableSpec("支出决算表", [_h(*head)], body, empty=r.expense["subtotal"].is_zero, wide=True)


def fiscal_summary(r) -> TableSpec:
    f = r.fiscal
    head = _h("项目", "合计", *TYPES)
    body = [Row([Cell("收入", "head", 5)])]
    body.append(_r("本年收入", sum_(f["income_by_type"]), *f["income_by_type"]))
    body.append(_r("年初财政拨款结转和结余", sum_(f["opening_by_type"]), *f["opening_by_type"]))
    body.append(_r("收入总计", f["income"], *(a + b for a, b in zip(f["income_by_type"], f["opening_by_type"])), total=True))
    body.append(Row([Cell("支出", "head", 5)]))
    for node in r.trees_fiscal:
        body.append(_r(node.name, node.actual, *r.by_type(node.code)))
    body.append(_r("本年支出", sum_(f["expense_by_type"]), *f["expense_by_type"]))
    body.append(_r("年末财政拨款结转和结余", sum_(f["closing_by_type"]), *f["closing_by_type"]))
    body.append(_r("支出总计", f["expense"], *(a + b for a, b in zip(f["expense_by_type"], f["closing_by_type"])),
                   total=True))
    return TableSpec("财政拨款收入支出决算总表", [head], body, empty=f["income"].is_zero and f["expense"].is_zero)


def fiscal_detail(r) -> TableSpec:
    head = [_h("科目编码", "科目名称", "合计", "一般公共预算财政拨款", "政府性基金预算财政拨款", "国有资本经营预算财政拨款",
               spans={"科目编码": (1, 2), "科目名称": (1, 2), "合计": (1, 2), "一般公共预算财政拨款": (3, 1),
                      "政府性基金预算财政拨款": (1, 2), "国有资本经营预算财政拨款": (1, 2)}),
            _h("小计", "基本支出", "项目支出")]
    total = sum_(r.fiscal["expense_by_type"])
    g = r.general["total"]
    body = [Row([Cell("合计", "text", 2), Cell(total, "num"), Cell(g, "num"), Cell(r.general_basic, "num"),
                 Cell(r.general_project, "num"), Cell(r.fund.current, "num"), Cell(r.capital.current, "num")], True)]
    for root in r.trees_fiscal:
        for n in root.walk():
            gnode = r.node("general", n.code)
            body.append(_r(n.name, n.actual, *(gnode.actual, gnode.basic, gnode.project) if gnode else (None,) * 3,
                           *(x.actual if x else None for x in (r.node("fund", n.code), r.node("capital", n.code))),
                           code=n.code))
    return TableSpec("财政拨款支出决算明细表", head, body, empty=total.is_zero, wide=True)


def _function_table(title: str, roots: list[FunctionNode], total: Amount, basic: Amount, project: Amount) -> TableSpec:
    body = [Row([Cell("合计", "text", 2), Cell(total, "num"), Cell(basic, "num"), Cell(project, "num")], True)]
    body += _tree_rows(roots, lambda n: (n.actual, n.basic, n.project))
    return TableSpec(title, [_h("科目编码", "科目名称", "本年支出合计", "基本支出", "项目支出")], body, empty=total.is_zero)


def general(r) -> TableSpec:
    return _function_table("一般公共预算财政拨款支出决算表", r.trees["general"], r.general["total"], r.general_basic,
                           r.general_project)


def general_economic(r) -> TableSpec:
    b = r.basic
    body = [Row([Cell("合计", "text", 2), Cell(r.general["total"], "num"), Cell(b["total"], "num"),
                 Cell(r.general_project, "num")], True)]
    body += _economic_rows(r, lambda amount: (amount, amount, None))
    return TableSpec("一般公共预算财政拨款支出决算明细表（按经济分类）",
                     [_h("科目编码", "科目名称", "决算数合计", "基本支出", "项目支出")], body,
                     empty=r.general["total"].is_zero)


def _economic_rows(r, columns) -> list[Row]:
    rows = []
    b = r.basic
    for label, key, items in (("人员经费", "personnel", b["personnel_items"]), ("公用经费", "public", b["public_items"])):
        rows.append(Row([Cell(""), Cell(label), *(Cell(a, "num") if a is not None else Cell("", "num")
                                                  for a in columns(b[key]))], True))
        for item in items:
            if item["amount"] is not None:
                rows.append(Row([Cell(item["code"]), Cell(item["name"]),
                                 *(Cell(a, "num") if a is not None else Cell("", "num") for a in columns(item["amount"]))]))
    return rows


def general_basic(r) -> TableSpec:
    body = [Row([Cell("合计", "text", 2), Cell(r.basic["total"], "num")], True)]
    body += _economic_rows(r, lambda amount: (amount,))
    return TableSpec("一般公共预算财政拨款基本支出决算表", [_h("科目编码", "科目名称", "决算数")], body,
                     empty=r.basic["total"].is_zero)


def general_project(r) -> TableSpec:
    roots = [n for n in r.trees["general"] if not n.project.is_zero]
    body = [Row([Cell("合计", "text", 2), Cell(r.general_project, "num")], True)]
    body += [_r(n.name, n.project, code=n.code) for root in roots for n in root.walk() if not n.project.is_zero]
    return TableSpec("一般公共预算财政拨款项目支出决算表", [_h("科目编码", "科目名称", "本年支出")], body,
                     empty=r.general_project.is_zero)


def _fund_like(title: str, r, index: int, roots: list[FunctionNode], yoy) -> TableSpec:
    f = r.fiscal
    opening, income_, closing = f["opening_by_type"][index], f["income_by_type"][index], f["closing_by_type"][index]
    basic = sum_([n.basic for n in roots], yoy.current)
    project = sum_([n.project for n in roots], yoy.current)
    head = [_h("科目编码", "科目名称", "年初结转和结余", "本年收入", "本年支出", "年末结转和结余",
               spans={"科目编码": (1, 2), "科目名称": (1, 2), "年初结转和结余": (1, 2), "本年收入": (1, 2),
                      "本年支出": (3, 1), "年末结转和结余": (1, 2)}), _h("小计", "基本支出", "项目支出")]
    body = [Row([Cell("合计", "text", 2), *(Cell(a, "num") for a in (opening, income_, yoy.current, basic, project,
                                                                     closing))], True)]
    body += _tree_rows(roots, lambda n: (None, None, n.actual, n.basic, n.project, None))
    return TableSpec(title, head, body, empty=_is_empty([opening, income_, yoy.current, closing]), wide=True)


def fund(r) -> TableSpec:
    return _fund_like("政府性基金预算财政拨款收入支出决算表", r, 1, r.trees["fund"], r.fund)


def capital_summary(r) -> TableSpec:
    return _fund_like("国有资本经营预算财政拨款收入支出决算表", r, 2, r.trees["capital"], r.capital)


def capital(r) -> TableSpec:
    roots = r.trees["capital"]
    zero = Amount(Decimal(0), r.settings.number_format)
    return _function_table("国有资本经营预算财政拨款支出决算表", roots, r.capital.current,
                           sum_([n.basic for n in roots], zero), sum_([n.project for n in roots], zero))


def three_public(r) -> TableSpec:
    t = r.three_public
    body = [_r("合计", t["budget"], t["total"], total=True)]
    for key, label in (("travel", "因公出国（境）费"), ("cars", "公务用车购置及运行维护费"),
                       ("car_purchase", "　其中：公务用车购置费"), ("car_operation", "　　　　公务用车运行维护费"),
                       ("receptions", "公务接待费")):
        body.append(_r(label, t[key].budget, t[key].actual))
    return TableSpec("财政拨款“三公”经费支出决算表", [_h("项目", "全年预算数", "决算数")], body,
                     empty=t["budget"].is_zero and t["total"].is_zero)


def sum_(amounts, zero: Amount | None = None) -> Amount:
    amounts = list(amounts)
    total = zero - zero if zero is not None else amounts[0] - amounts[0]
    for a in amounts:
        total = total + a
    return total
