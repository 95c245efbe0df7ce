"""一般公共预算财政拨款基本支出: its 人员经费/公用经费 against the 功能分类 rows, the 经济分类 rows, and
the same figures printed in 收入支出决算总表.

Seed 004 printed 人员经费 558.59 in one section and 558.58 in another: one figure, two values. Where two
tables must show the same figure, the values must be equal, not merely within rounding (a duplicated fact
is the same number, XBRL 2.1 "consistent duplicates").
"""

from __future__ import annotations

from ..engine import CheckContext, Hit, rule
from .common import Term, imbalance, num
from .functional import covers_all, trees


@rule("JS-BAL-010", "错误", "一般公共预算各项基本支出之和 = 一般公共预算财政拨款基本支出（人员经费 + 公用经费）")
def general_basic(ctx: CheckContext):
    tree = dict(trees(ctx))["一般公共预算"]
    parts = [(tree.label(row), row.basic) for _, row in tree.items if row.basic]
    b = ctx.data.basic_by_economic
    if parts or b.personnel or b.public:
        yield from imbalance(
            ("一般公共预算财政拨款基本支出",),
            "人员经费与公用经费之和",
            [("人员经费", b.personnel), ("公用经费", b.public)],
            "一般公共预算各项基本支出之和",
            parts,
            "请核对一般公共预算财政拨款基本支出表与一般公共预算财政拨款支出表的基本支出。",
        )


def _economic_group(ctx: CheckContext, funding: str) -> list[Term] | None:
    """The 经济分类 rows of one 经费 group as terms, or None when not every row has an amount."""
    group = []
    for row in ctx.data.basic_by_economic.rows:
        if len(row.code) != 5:
            continue
        entry = ctx.economic.get(row.code)
        kind = (
            entry.funding if entry and entry.funding else ("人员经费" if row.code[:3] in ("301", "303") else "公用经费")
        )
        if kind == funding:
            if row.amount is None:
                return None
            group.append((f"{row.code} {entry.name if entry else row.name}", row.amount))
    return group or None


def _economic_rule(ctx: CheckContext, funding: str, attr: str):
    group = _economic_group(ctx, funding)
    if group is not None:
        recorded = getattr(ctx.data.basic_by_economic, attr)
        yield from imbalance(
            ("一般公共预算财政拨款基本支出", funding),
            funding,
            [(funding, recorded)],
            f"{funding}各经济分类科目之和",
            group,
            f"请核对{funding}及其下各经济分类科目的金额。",
        )


@rule("JS-BAL-011", "错误", "人员经费 = 其下各经济分类科目金额之和（填了金额时）")
def personnel_by_economic(ctx: CheckContext):
    yield from _economic_rule(ctx, "人员经费", "personnel")


@rule("JS-BAL-012", "错误", "公用经费 = 其下各经济分类科目金额之和（填了金额时）")
def public_by_economic(ctx: CheckContext):
    yield from _economic_rule(ctx, "公用经费", "public")


@rule("JS-BAL-028", "错误", "只有一般公共预算安排基本支出时，两张表的人员经费、公用经费、基本支出合计须完全相同")
def same_figures(ctx: CheckContext):
    data = ctx.data
    funded_elsewhere = [
        row for label, tree in trees(ctx) if label != "一般公共预算" for _, row in tree.items if row.basic
    ]
    if funded_elsewhere or not covers_all(data):
        return
    summary, general = data.summary.expense.basic, data.basic_by_economic
    pairs = [
        ("人员经费", summary.personnel, general.personnel),
        ("公用经费", summary.public, general.public),
        ("基本支出合计", summary.total, general.total),
    ]
    for label, here, there in pairs:
        if here is not None and there is not None and here != there:
            yield Hit(
                ("一般公共预算财政拨款基本支出", label if label != "基本支出合计" else "合计"),
                f"{label}在收入支出决算总表中为 {num(here)}，在一般公共预算财政拨款基本支出表中为 {num(there)}。"
                "本单位的基本支出全部由一般公共预算安排，两处是同一个数，必须完全相同；请按决算报表改正其中之一。",
                {"收入支出决算总表": here, "一般公共预算财政拨款基本支出": there},
            )
