"""A table the layout prints but the workbook lacks, when other tables determine every cell of it.

National workbooks have nine tables, Sichuan's layout prints thirteen. Some of the missing ones are exact
re-cuts of a present one (Sichuan's 国有资本经营预算财政拨款支出决算表 is the 本年支出 columns of the
收入支出 one); a budget type the 财政拨款收入支出决算总表 shows as zero has empty tables. Nothing here
invents a figure: a table that cannot be determined is not derived (and `check` says it is missing).
"""

from __future__ import annotations

from decimal import Decimal

from .figures import SPENT, figures_of
from .forms import BUDGETS, BY_ID, TOTAL
from .model import PanelData, Row, Table, TableSet

#: The budget type a table is about: when its 本年支出 and carry-overs are zero, the table is empty.
EMPTY_WHEN_ZERO = {
    "政府性基金预算财政拨款收入支出决算表": BUDGETS[1],
    "国有资本经营预算财政拨款收入支出决算表": BUDGETS[2],
    "国有资本经营预算财政拨款支出决算表": BUDGETS[2],
}
_PROJECT = "一般公共预算财政拨款项目支出决算表"


def derive(form_id: str, tables: TableSet) -> Table | None:
    """The table `form_id` built from the others, or None when they do not determine it."""
    form = BY_ID[form_id]
    if form_id == "国有资本经营预算财政拨款支出决算表":
        source = tables.tables.get("国有资本经营预算财政拨款收入支出决算表")
        if source is not None:
            return _columns(form_id, source, ["本年支出合计", "基本支出", "项目支出"])
    if form_id == _PROJECT:
        source = tables.tables.get("一般公共预算财政拨款支出决算表")
        if source is not None and "项目支出" in source.panel("").columns:
            rows = [Row(r.key, r.name, {"本年支出合计": r.values["项目支出"]}, r.source,
                        {"本年支出合计": r.sources.get("项目支出", r.source)})
                    for r in source.panel("").rows if r.values.get("项目支出") or r.key == TOTAL]
            return Table(form, {"": PanelData(["本年支出合计"], rows)}, source.unit, source.source)
    budget = EMPTY_WHEN_ZERO.get(form_id)
    if budget is not None and _zero_budget(tables, budget):
        return Table(form, {"": PanelData([c.key for c in form.panels[0].columns])}, "万元", tables.source)
    return None


def _columns(form_id: str, source: Table, keys: list[str]) -> Table:
    present = [k for k in keys if k in source.panel("").columns]
    rows = [Row(r.key, r.name, {k: r.values[k] for k in present if k in r.values}, r.source,
                {k: r.sources[k] for k in present if k in r.sources}) for r in source.panel("").rows]
    return Table(BY_ID[form_id], {"": PanelData(present, rows)}, source.unit, source.source, notes=source.notes)


def _zero_budget(tables: TableSet, budget: str) -> bool:
    """Does the 财政拨款收入支出决算总表 show this budget type with no money at all?"""
    summary = tables.tables.get("财政拨款收入支出决算总表")
    if summary is None:
        return False
    spent = figures_of(tables).get(SPENT[budget])
    income = summary.value(budget, "决算数", "收入")
    opening = summary.value(f"年初财政拨款结转和结余·{budget}", "决算数", "收入")
    closing = summary.value("年末财政拨款结转和结余", budget, "支出")
    values = [v for v in (spent, income, opening, closing) if v is not None]
    return bool(values) and all(v == Decimal(0) for v in values)
