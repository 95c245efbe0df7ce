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
from ..engine import CheckContext, Hit, rule
from ..text import free_text

_NUM = r"(\d+(?:\.\d+)?)"
#: Words that show a clause quotes another figure: a budget (not the 一般公共预算 … names), another year.
_OTHER_FIGURE = re.compile(r"(?<!一般公共)(?<!政府性基金)(?<!国有资本经营)预算|上年|去年|同期|(?:19|20)\d\d")


def _facts(ctx: CheckContext) -> dict[str, tuple[set[Decimal], Percent | None]]:
    """Label → (the values it may have, in 万元; its share of the whole, when the document gives one)."""
    r = ctx.report
    facts = {line.label: ({line.amount.value}, line.share) for line in r.income["lines_all"] + r.expense["lines_all"]}
    known = {
        "人员经费": (r.basic["personnel"], None), "公用经费": (r.basic["public"], None),
        "本年收入合计": (r.income["subtotal"], None), "本年支出合计": (r.expense["subtotal"], None),
        "收入总计": (r.income["total"], None), "支出总计": (r.expense["total"], None),
        "一般公共预算财政拨款支出": (r.general["total"], r.general["share"]),
        "政府性基金预算财政拨款支出": (r.fund.current, r.fund.share),
        "机关运行经费": (r.operating_costs.current if r.operating_costs else None, None),
    }
    facts.update({label: ({amount.value}, pct) for label, (amount, pct) in known.items() if amount is not None})
    return facts


def _pattern(label: str) -> re.Pattern:
    return re.compile(
        rf"{label}(?:支出)?(?:决算数?)?(?:为|是|共)?[：:]?\s*{_NUM}\s*万元"
        rf"(?:[，,]\s*占(?:比)?\s*{_NUM}\s*[%％])?"
    )


def _matches(value: str, candidates: set[Decimal]) -> bool:
    places = len(value.partition(".")[2])
    return any(round_half_up(c, places) == Decimal(value) for c in candidates)


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
                if not _matches(m.group(1), values):
                    right = "、".join(sorted({str(round_half_up(v, 2)) for v in values}))
                    yield Hit(
                        path,
                        f"文字中写“{m.group()}”，而数据中{label}为 {right} 万元。同一个数各处必须一致；"
                        "请改正文字（或数据）。",
                        {"文字": m.group(1), "数据": right},
                    )
                elif m.group(2) and share is not None and not _matches(m.group(2), {share.value}):
                    yield Hit(
                        path,
                        f"文字中写“{m.group()}”，而按数据算得{label}占 {share}。同一个占比各处必须一致；请改正文字。",
                        {"文字": m.group(2) + "%", "数据": str(share)},
                    )
