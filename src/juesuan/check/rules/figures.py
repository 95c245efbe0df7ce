"""Figures quoted in the officer's own prose against the data: one figure, one value, everywhere.

The program prints every computed figure from one value, but the annexes and reasons are typed by hand
and quote the same figures (seed 004: 人员经费 558.59 in one section, 558.58 in another; a share
"占比74.90%" where the table gives 74.91%). A labelled amount or share in the prose that differs from
the data is flagged. Clauses about budgets, last year or other years quote other figures and are skipped.
"""

from __future__ import annotations

import re
from decimal import Decimal

from ...facts.numbers import Percent, round_half_up
from ...tables.figures import THREE
from ...tables.forms import BUDGETS
from ..engine import CheckContext, Hit, rule
from ..text import free_text

_NUM = r"(\d+(?:\.\d+)?)"
#: Words that show a clause quotes another figure: a budget (not the 一般公共预算 … names), another year, the
#: figure before an adjustment (seed 000: 调整前年初结转和结余为7.16万元，调整后…为6.99万元).
_OTHER_FIGURE = re.compile(r"(?<!一般公共)(?<!政府性基金)(?<!国有资本经营)预算|上年|去年|同期|调整前|(?:19|20)\d\d")


def _facts(ctx: CheckContext) -> dict[str, tuple[set[Decimal], Percent | None]]:
    """Label → (the values it may have, in 万元; its share of the whole, when the document gives one)."""
    r = ctx.report
    facts = {line.label: ({line.amount.value}, line.share) for line in r.income["lines_all"] + r.expense["lines_all"]}
    tp = r.three_public
    known = {
        "人员经费": (r.basic["personnel"], None), "公用经费": (r.basic["public"], None),
        "本年收入合计": (r.income["subtotal"], None), "本年支出合计": (r.expense["subtotal"], None),
        "收入总计": (r.income["total"], None), "支出总计": (r.expense["total"], None),
        "一般公共预算财政拨款支出": (r.general["total"], r.general["share"]),
        "政府性基金预算财政拨款支出": (r.fund.current, r.fund.share),
        "机关运行经费": (r.operating_costs.current if r.operating_costs else None, None),
        "政府采购": (r.procurement["total"], None),
        "年初结转和结余": (r.income["opening_balance"], None),
        THREE: (tp["total"], None),
        **{tp[k].label: (tp[k].actual, tp[k].share) for k in ("travel", "cars", "receptions")},
    }
    facts.update({label: ({amount.value}, pct) for label, (amount, pct) in known.items() if amount is not None})
    return facts


#: A 基本支出/项目支出 quoted after one kind of appropriation is that kind's, not the whole unit's.
_KINDS = {"一般公共预算": BUDGETS[0], "政府性基金": BUDGETS[1], "国有资本经营": BUDGETS[2]}
_QUALIFIED = ("基本支出", "项目支出")


def _like_with_like(ctx: CheckContext, label: str, clause: str, values: set[Decimal]) -> tuple[str, set[Decimal]]:
    """(the figure's name, its values) as the clause means it: 一般公共预算…项目支出 is 一般公共预算's own."""
    if label not in _QUALIFIED:
        return label, values
    found = [(clause.rfind(word), budget) for word, budget in _KINDS.items() if word in clause]
    if not found:
        return label, values
    name = f"{max(found)[1]}{label}"
    value = ctx.figures.get(name)
    return name, {value} if value is not None else set()


def _pattern(label: str) -> re.Pattern:
    return re.compile(
        rf"{re.escape(label)}(?:支出)?(?:决算数?)?(?:金额|总额)?(?:为|是|共)?[：:]?\s*{_NUM}\s*万元"
        rf"(?:[，,]\s*占(?:比)?\s*{_NUM}\s*[%％])?"
    )


def _matches(value: str, candidates: set[Decimal]) -> bool:
    """Does the quoted figure round from a candidate? At the coarser of the two precisions (0.7864 quotes 0.79)."""
    places = len(value.partition(".")[2])
    for c in candidates:
        coarse = min(places, max(-c.as_tuple().exponent, 0))
        if round_half_up(c, places) == Decimal(value) or round_half_up(Decimal(value), coarse) == round_half_up(c, coarse):
            return True
    return False


def _clause(text: str, start: int) -> str:
    return re.split(r"[。；;\n]", text[:start])[-1]


@rule("JS-NAR-009", "警告", "文字中引用的金额、占比应与数据一致",
      en="amounts and shares quoted in the text must match the data")
def quoted_figures(ctx: CheckContext):
    if ctx.report is None:
        return
    this_year = str(ctx.data.year)
    facts = _facts(ctx)
    patterns = {label: _pattern(label) for label in facts}
    for path, text in free_text(ctx.raw.data):
        for label, pattern in patterns.items():
            if label not in text:
                continue
            for m in pattern.finditer(text):
                clause = _clause(text, m.start())
                if any(hit != this_year for hit in _OTHER_FIGURE.findall(clause)):
                    continue
                values, share = facts[label]
                name, values = _like_with_like(ctx, label, clause, values)
                if not values:
                    continue
                if name != label:
                    share = None
                if not _matches(m.group(1), values):
                    right = "、".join(sorted({str(round_half_up(v, 2)) for v in values}))
                    yield Hit(
                        path,
                        f"文字中写“{m.group()}”，而数据中{name}为 {right} 万元。同一个数各处必须一致；"
                        "请改正文字（或数据）。",
                        {"文字": m.group(1), "数据": right},
                    )
                elif m.group(2) and share is not None and not _matches(m.group(2), {share.value}):
                    yield Hit(
                        path,
                        f"文字中写“{m.group()}”，而按数据算得{label}占 {share}。同一个占比各处必须一致；请改正文字。",
                        {"文字": m.group(2) + "%", "数据": str(share)},
                    )


def _budgets(ctx: CheckContext) -> dict[str, tuple[set[Decimal], str]]:
    """Label → (its budget figures in the tables: 全年 and 年初, either may be quoted; what the document says of
    its completion)."""
    r = ctx.report
    tp = r.three_public
    found = {THREE: (THREE, tp["completion"]), "一般公共预算财政拨款支出": ("一般公共预算财政拨款支出全年", r.general["completion"])}
    found.update({tp[k].label: (tp[k].name, tp[k].completion) for k in ("travel", "cars", "receptions")})
    budgets = {}
    for label, (name, done) in found.items():
        values = {v for n in (f"{name}预算数", f"{name.removesuffix('全年')}年初预算数") if (v := ctx.figures.get(n)) is not None}
        said = f"，文档据此写“完成{done.label}{done.rate}”" if done is not None and done.rate is not None else ""
        if values:
            budgets[label] = (values, said)
    return budgets


@rule("JS-NAR-016", "警告", "文字中引用的预算数应与公开表一致（如附件中的“三公”经费预算数）",
      en="budgets quoted in the text must match the tables (e.g. the 三公 budget in an annex)")
def quoted_budgets(ctx: CheckContext):
    if ctx.report is None:
        return
    this_year = str(ctx.data.year)
    for label, (values, said) in _budgets(ctx).items():
        pattern = re.compile(rf"{re.escape(label)}的?(?:全年|年初|调整后的?)?预算数?(?:为|是)?[：:]?\s*{_NUM}\s*万元")
        for path, text in free_text(ctx.raw.data):
            for m in pattern.finditer(text):
                if any(y != this_year for y in re.findall(r"(?:19|20)\d\d", _clause(text, m.start()))):
                    continue
                if not _matches(m.group(1), values):
                    right = "、".join(sorted({str(round_half_up(v, 2)) for v in values}))
                    yield Hit(path, f"文字中写“{m.group()}”，而公开表中{label}的预算数为 {right} 万元{said}。"
                                    "两处预算数不一致，读者无从判断；请核对预算数，改正文字或公开表。",
                              {"文字": m.group(1), "公开表": right})
