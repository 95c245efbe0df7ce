"""The identities of the 公开表 (`../shared/tables.md`), each reported at the cell to correct.

Within a table: each row's total column adds its parts, each listed 类/款 adds its listed children, each
total row adds its rows. Between tables: the same figure printed on two forms has one value, the 类 rows of
the tables that list them agree, and each budget type's money balances (本年收入 + 年初 = 本年支出 + 年末).
Sums are judged within rounding (`check.tolerance`); "one fact, one value" is judged at the coarser of the
two precisions, so 84.38 on one form and 84.39 on another is an error.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Iterator

from ...facts.numbers import round_half_up
from ...tables.derive import derive
from ...tables.forms import BUDGETS, TOP, TOP_PERSONNEL, TOP_PUBLIC, TOTAL, may_be_negative, personnel
from ...tables.model import PanelData, Row, Table
from ..engine import CheckContext, Hit, rule
from .common import Term, imbalance, num

FIX_TABLE = "请对照决算软件导出的报表核对这几个数，改正填错的一个。"


def _where(table: Table, panel: str) -> str:
    return f"「{table.id}」" + (f"{panel}方" if panel else "")


def _label(row: Row) -> str:
    return f"{row.key} {row.name}" if row.code else row.key


@rule("JS-TAB-001", "错误", "每行的合计列 = 各分项列之和（如 本年支出合计 = 基本支出 + 项目支出 + …）",
      en="each row's total column = the sum of its part columns")
def row_columns(ctx: CheckContext):
    for table in ctx.tables:
        for identity in table.form.sums:
            for name, panel in table.panels.items():
                if identity.total not in panel.columns or not all(p in panel.columns for p in identity.parts):
                    continue
                for row in panel.rows:
                    if identity.total not in row.values:
                        continue
                    parts = [(p, row.values.get(p, Decimal(0))) for p in identity.parts]
                    yield from imbalance((), f"{_where(table, name)}「{_label(row)}」的{identity.total}",
                                         [(identity.total, row.values[identity.total])], "各分项之和", parts,
                                         FIX_TABLE, row.sources.get(identity.total, row.source))


@rule("JS-TAB-002", "错误", "每个类、款 = 其下所列各款、项之和（每一列）",
      en="each 类 and 款 = the sum of the 款 and 项 listed under it (every column)")
def hierarchy(ctx: CheckContext):
    for table in ctx.tables:
        for name, panel in table.panels.items():
            for row in panel.coded():
                children = panel.children(row.key)
                if not children:
                    continue
                for column in panel.columns:
                    if column not in row.values:
                        continue
                    parts = [(_label(c), c.values.get(column, Decimal(0))) for c in children]
                    yield from imbalance((), f"{_where(table, name)}「{_label(row)}」的{column}",
                                         [(column, row.values[column])], "其下各科目之和", parts,
                                         "请核对该科目及其下科目的金额；如漏列了科目，请补上。",
                                         row.sources.get(column, row.source))


def _group(panel: PanelData, part: str) -> list[Row]:
    if part == TOP:
        return panel.top()
    if part == TOP_PERSONNEL:
        return [r for r in panel.top() if personnel(r.key)]
    if part == TOP_PUBLIC:
        return [r for r in panel.top() if not personnel(r.key)]
    found = panel.row(part)
    return [found] if found is not None else []


@rule("JS-TAB-003", "错误", "合计、总计行 = 其所加各行之和（如 本年收入合计 = 各项收入，总计 = 本年合计 + 结转结余）",
      en="total rows = the sum of the rows they add")
def row_sums(ctx: CheckContext):
    for table in ctx.tables:
        for form_panel in table.form.panels:
            panel = table.panel(form_panel.name)
            for identity in form_panel.sums_of_rows():
                total_row = panel.row(identity.total)
                parts = [r for p in identity.parts for r in _group(panel, p)]
                if total_row is None or not parts:
                    continue
                for column in panel.columns:
                    if column not in total_row.values:
                        continue
                    terms = [(_label(r), r.values.get(column, Decimal(0))) for r in parts]
                    yield from imbalance((), f"{_where(table, form_panel.name)}「{identity.total}」的{column}",
                                         [(identity.total, total_row.values[column])], "所加各行之和", terms,
                                         FIX_TABLE, total_row.sources.get(column, total_row.source))


@rule("JS-TAB-004", "错误", "收入总计 = 支出总计（收入支出决算总表、财政拨款收入支出决算总表）",
      en="收入总计 = 支出总计 in both summary tables")
def totals_balance(ctx: CheckContext):
    for form, income_column, expense_column in (("收入支出决算总表", "决算数", "决算数"),
                                                ("财政拨款收入支出决算总表", None, "合计")):
        table = ctx.tables.tables.get(form)
        if table is None:
            continue
        income = table.panel("收入").row("总计")
        expense = table.panel("支出").row("总计")
        if income is None or expense is None:
            continue
        column = income_column or ("决算数" if "决算数" in income.values else "合计")
        if column not in income.values or expense_column not in expense.values:
            continue
        yield from imbalance((), f"「{form}」收入总计", [("收入总计", income.values[column])], "支出总计",
                             [("支出总计", expense.values[expense_column])],
                             "收入总计与支出总计必须相等；请核对收入、支出及年初、年末结转和结余。",
                             income.sources.get(column, income.source))


def _coarse_equal(a: Decimal, b: Decimal) -> bool:
    places = min(-a.as_tuple().exponent, -b.as_tuple().exponent, 6)
    return round_half_up(a, max(places, 0)) == round_half_up(b, max(places, 0))


@rule("JS-TAB-005", "错误", "同一个数在不同公开表中须相同（一数一值）",
      en="a figure printed in several tables has one value")
def one_fact_one_value(ctx: CheckContext):
    for name, candidates in ctx.figures.candidates.items():
        (first_cell, first), *others = candidates
        for cell, other in others:
            if not _coarse_equal(first.value, other.value):
                yield Hit((), f"{name}在「{first_cell[0]}」中为 {num(first.value)}（{first.source}），"
                              f"在「{cell[0]}」中为 {num(other.value)}。同一个数各表必须相同；请按决算报表改正其中之一。",
                          {first_cell[0]: first.value, cell[0]: other.value}, source=other.source)


#: Pairs of panels whose 类 rows must agree: (form, panel, column) on each side.
CLASS_PAIRS = (
    (("收入支出决算总表", "支出", "决算数"), ("支出决算表", "", "本年支出合计")),
    (("财政拨款收入支出决算总表", "支出", BUDGETS[0]), ("一般公共预算财政拨款支出决算表", "", "本年支出合计")),
    (("财政拨款收入支出决算总表", "支出", BUDGETS[1]), ("政府性基金预算财政拨款收入支出决算表", "", "本年支出合计")),
    (("财政拨款收入支出决算总表", "支出", BUDGETS[2]), ("国有资本经营预算财政拨款收入支出决算表", "", "本年支出合计")),
    (("财政拨款收入支出决算总表", "支出", BUDGETS[2]), ("国有资本经营预算财政拨款支出决算表", "", "本年支出合计")),
)


def _classes(ctx: CheckContext, form: str, panel: str, column: str) -> dict[str, Row] | None:
    table = ctx.tables.tables.get(form)
    if table is None or column not in table.panel(panel).columns:
        return None
    return {r.key: r for r in table.panel(panel).coded() if len(r.key) == 3}


@rule("JS-TAB-006", "错误", "各表的类级支出须一致（总表与支出决算表；财政拨款总表与各预算的支出表）",
      en="类-level expenditure agrees between the tables")
def classes_agree(ctx: CheckContext):
    for left, right in CLASS_PAIRS:
        a, b = _classes(ctx, *left), _classes(ctx, *right)
        if a is None or b is None:
            continue
        for code in sorted(set(a) | set(b)):
            x = a[code].values.get(left[2], Decimal(0)) if code in a else Decimal(0)
            y = b[code].values.get(right[2], Decimal(0)) if code in b else Decimal(0)
            if not _coarse_equal(x, y):
                row = a.get(code) or b[code]
                yield Hit((), f"类 {code} {row.name}：「{left[0]}」中{left[2]}为 {num(x)}，"
                              f"「{right[0]}」中{right[2]}为 {num(y)}。两表是同一笔支出，必须相同；请核对。",
                          {left[0]: x, right[0]: y},
                          source=(a[code].sources.get(left[2]) if code in a else b[code].sources.get(right[2])))


@rule("JS-TAB-012", "错误", "基本支出表：人员经费合计 + 公用经费合计 = 一般公共预算财政拨款支出决算表合计行的基本支出",
      en="基本支出表: 人员经费 + 公用经费 = 基本支出 of the 一般公共预算 expenditure table")
def basic_tables_agree(ctx: CheckContext):
    basic = ctx.tables.tables.get("一般公共预算财政拨款基本支出决算表")
    general = ctx.tables.value("一般公共预算财政拨款支出决算表", TOTAL, "基本支出")
    if basic is None or general is None:
        return
    parts = [(key, row.values["决算数"]) for key in ("人员经费合计", "公用经费合计")
             if (row := basic.panel("").row(key)) is not None and "决算数" in row.values]
    if len(parts) == 2:
        yield from imbalance((), "「一般公共预算财政拨款支出决算表」合计的基本支出", [("基本支出", general)],
                             "「一般公共预算财政拨款基本支出决算表」人员经费与公用经费之和", parts,
                             "两表是同一笔基本支出；请核对。", basic.panel("").row("人员经费合计").source)


@rule("JS-TAB-007", "错误", "各类财政拨款：本年收入 + 年初结转和结余 = 本年支出 + 年末结转和结余",
      en="each kind of appropriation: income + opening balance = expenditure + closing balance")
def budgets_balance(ctx: CheckContext):
    summary = ctx.tables.tables.get("财政拨款收入支出决算总表")
    if summary is not None:
        income, spending = summary.panel("收入"), summary.panel("支出")
        for budget in BUDGETS:
            got = income.row(budget)
            opening = income.row(f"年初财政拨款结转和结余·{budget}")
            spent = spending.row("本年支出合计")
            closing = spending.row("年末财政拨款结转和结余")
            if got is None or spent is None or budget not in spent.values:
                continue
            left = [("本年收入", got.values.get("决算数", Decimal(0)))]
            left += [("年初结转和结余", opening.values.get("决算数", Decimal(0)))] if opening else []
            right = [("本年支出", spent.values[budget])]
            right += [("年末结转和结余", closing.values.get(budget, Decimal(0)))] if closing else []
            yield from imbalance((), f"{budget}的收入与年初结转和结余之和", left, "支出与年末结转和结余之和", right,
                                 f"「财政拨款收入支出决算总表」中{budget}的收入、结转结余与支出不平衡；请核对。",
                                 got.sources.get("决算数", got.source))
    for form in ("政府性基金预算财政拨款收入支出决算表", "国有资本经营预算财政拨款收入支出决算表"):
        table = ctx.tables.tables.get(form)
        total = table.panel("").row(TOTAL) if table is not None else None
        if total is None or not {"本年收入", "本年支出合计"} <= set(total.values):
            continue
        left = [("年初结转和结余", total.values.get("年初结转和结余", Decimal(0))), ("本年收入", total.values["本年收入"])]
        right = [("本年支出", total.values["本年支出合计"]), ("年末结转和结余", total.values.get("年末结转和结余", Decimal(0)))]
        yield from imbalance((), f"「{form}」合计的年初结转和结余与本年收入之和", left, "本年支出与年末结转和结余之和",
                             right, "请核对该表合计行的收入、支出与结转结余。", total.source)


@rule("JS-TAB-013", "错误", "公开表中的金额不能为负数（结余分配、结转和结余除外）",
      en="amounts in the tables cannot be negative (except 结余分配 and 结转和结余)")
def negative_cells(ctx: CheckContext):
    for table in ctx.tables:
        for name, panel in table.panels.items():
            for row in panel.rows:
                for column, value in row.values.items():
                    if value < 0 and not may_be_negative(row.key, row.name, column):
                        yield Hit((), f"{_where(table, name)}「{_label(row)}」的{column}为 {num(value)}，不能为负数；"
                                      "请对照决算软件导出的报表改正（冲减数应体现在相应的收支项目中）。",
                                  {column: value}, source=row.sources.get(column, row.source))


@rule("JS-TAB-008", "错误", "布局要印的公开表须在数据中（或能由其他表推出）；未提供的须在「未提供的公开表」中说明",
      en="every table the layout prints is in the data, derivable, or declared as not provided")
def tables_present(ctx: CheckContext):
    declared = ctx.data.unavailable
    for title in ctx.settings.tables:
        if title in ctx.tables.tables or title in declared or derive(title, ctx.tables) is not None:
            continue
        yield Hit(("决算报表",) if ctx.data.workbook else ("公开表",),
                  f"公开表中缺少「{title}」，文档的附表要印这张表。请在决算报表工作簿中加上这张表（表名写「{title}」）；"
                  "如确实无法提供，请在「未提供的公开表」中写明原因。", {"缺少的表": title})


@rule("JS-TAB-009", "警告", "「未提供的公开表」：文档中该表只印“本表数据未提供”",
      en="a table declared not provided: the document prints only a note")
def tables_declared_missing(ctx: CheckContext):
    for title, why in ctx.data.unavailable.items():
        if title not in ctx.tables.tables:
            yield Hit(("未提供的公开表", title), f"「{title}」未提供（{why}），文档中该表处只印“本表数据未提供”。"
                                                  "正式公开前请补上这张表。", {"表": title})


@rule("JS-TAB-010", "警告", "导入决算报表时跳过的工作表或列（其中的数没有读入）",
      en="sheets or columns passed over when importing the workbook (their figures were not read)")
def import_notices(ctx: CheckContext):
    for notice in ctx.notices:
        yield Hit(("决算报表",), notice + "。如其中有公开表的数，请改正表名或表头后再导入。", {})


def _rows_and_sums(table: Table, columns_only: bool = False) -> Iterator[tuple[str, Row, str, list[Term]]]:
    """Identities a printed table shows: each listed parent and its children (skipped when `columns_only`,
    i.e. printed by `facts.rounding` so that they add up) and each row's total column and its parts."""
    for form_panel in table.form.panels:
        panel = table.panel(form_panel.name)
        for row in [] if columns_only else panel.coded():
            children = panel.children(row.key)
            for column in panel.columns if children else ():
                if column in row.values:
                    yield form_panel.name, row, column, [(_label(c), c.values.get(column, Decimal(0))) for c in children]
        for identity in table.form.sums:
            if identity.total in panel.columns and all(p in panel.columns for p in identity.parts):
                for row in panel.rows:
                    if identity.total in row.values:
                        yield form_panel.name, row, identity.total, [(p, row.values.get(p, Decimal(0)))
                                                                      for p in identity.parts]


@rule("JS-TAB-011", "警告", "按万元两位小数分别四舍五入后，印出的数不再相加（来源数本身相加）",
      en="rounded separately to 万元, the printed figures no longer add up (the source figures do)")
def printed_rounding(ctx: CheckContext):
    places = ctx.settings.amount_places
    adding = ctx.settings.table_rounding == "保持相加"
    for table in ctx.tables:
        for panel, row, column, parts in _rows_and_sums(table, columns_only=adding):
            exact = row.values[column]
            if exact != sum((v for _, v in parts), Decimal(0)):
                continue
            printed = round_half_up(exact, places)
            shown = sum((round_half_up(v, places) for _, v in parts), Decimal(0))
            if printed != shown:
                yield Hit((), f"{_where(table, panel)}「{_label(row)}」的{column}：来源数相加，但分别四舍五入后印出的"
                              f" {num(printed)} 与各项印出数之和 {num(shown)} 相差 {num(abs(printed - shown))}。"
                              "这是舍入造成的（每个印出数各自四舍五入），读者复算时会看到差额；"
                              "如要印出相加的数，可在地区配置中设「附表舍入: 保持相加」。",
                          {"印出的合计": printed, "印出的各项之和": shown}, source=row.sources.get(column, row.source))

