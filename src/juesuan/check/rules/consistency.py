"""Figures a reviewer rejects on sight: impossible signs and shares, shares that do not add to 100%, 三公 over
budget, budgets adjusted by more than 30% without a word why, and budgets quoted in the annexes that differ
from the tables.

Reviewers of published 部门决算 (and the public peer checkers who recompute them) flag these first: a negative
expenditure or a share over 100% cannot be; shares of one whole that print as 100.01% need a word (each is
rounded half up on its own); 三公 spent over budget and large budget adjustments must be explained; and an
annex saying “三公”经费预算数1.4万元 beside a table of 0.79 and a text of 完成预算100% (seed 004) contradicts
itself. A completion rate over 100% is possible and never flagged.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Iterator

from ...facts.numbers import NumberFormat, Percent, round_half_up
from ...facts.phrases import Completion
from ...facts.report import share_groups
from ...tables.figures import THREE
from ...tables.labels import norm
from ..engine import CheckContext, Hit, rule
from ..text import context, free_text
from .common import num

_NUM = r"(\d+(?:\.\d+)?)"
_NEGATIVE = re.compile(r"(?<![\d.])(?:[-－−]|负)\s*(\d+(?:\.\d+)?)\s*万?元")
#: Clauses where a signed figure is a change, not an amount (比上年增减-5万元 is loose wording, not impossible).
_SIGNED = re.compile(r"增减|变动|差额|差异|结余|比上年|较上年|同比")
_SHARE = re.compile(rf"占(?:比)?\s*{_NUM}\s*[%％]")
_ADJUSTED = re.compile(r"年初[^。；，,\d]{0,12}?预算数?(?:为|是)?\s*(?P<initial>\d+(?:\.\d+)?)\s*万元(?P<between>[^。]*?)"
                       r"调整(?:后的?)?预算数?后?(?:为|是)?\s*(?P<adjusted>\d+(?:\.\d+)?)\s*万元(?P<after>[^。]*)")
_REASON = re.compile(r"因|由于|原因|主要是|用于|追加|核减|调减|调增")
ADJUSTMENT_LIMIT = Decimal(30)           # percent of the initial budget
BUDGET_REASONS = "预决算差异原因"
THREE_PARTS = ("travel", "cars", "car_purchase", "car_operation", "receptions")
_PLAIN = NumberFormat()


def _clause(text: str, start: int, end: int) -> str:
    return re.split(r"[。；;\n]", text[:start])[-1] + re.split(r"[。；;\n]", text[end:])[0]


@rule("JS-BAL-028", "错误", "文字中的金额不能为负数（支出、收入、“三公”经费等）",
      en="amounts quoted in the text cannot be negative")
def negative_amounts(ctx: CheckContext):
    for path, text in free_text(ctx.raw.data):
        for m in _NEGATIVE.finditer(text):
            if not _SIGNED.search(_clause(text, m.start(), m.end())):
                yield Hit(path, f"文字中写负数金额“{context(text, m.start(), m.end())}”。支出、收入和“三公”经费等"
                                "都不能为负数；冲减数应体现在相应项目中。请改正。", {"文字": m.group()})


@rule("JS-BAL-029", "错误", "占比不能超过100%（部分不能大于整体；完成率可以超过100%）",
      en="a share of a whole cannot exceed 100% (a completion rate may)")
def shares_over_100(ctx: CheckContext):
    for path, text in free_text(ctx.raw.data):
        for m in _SHARE.finditer(text):
            if Decimal(m.group(1)) > 100:
                yield Hit(path, f"文字中写“{context(text, m.start(), m.end())}”，占比 {m.group(1)}% 超过100%："
                                "部分不能大于整体。请改正。", {"文字": m.group(1) + "%"})
    if ctx.report is None:
        return
    for group in share_groups(ctx.report):
        for label, amount, _, _ in group.members:
            found = group.whole is not None and amount is not None and group.whole.value > 0
            if found and amount.value > group.whole.value:
                pct = Percent(amount.value * 100 / group.whole.value, _PLAIN)
                yield Hit((), f"{group.name}中{label} {num(amount.value)} 万元大于整体 {num(group.whole.value)} 万元，"
                              f"文档会写“占{pct}”，而部分不能大于整体。请核对公开表中的这两个数。",
                          {label: amount.value, "整体": group.whole.value}, field=f"占比：{group.name}")


@rule("JS-BAL-030", "警告", "同一整体的各项占比分别四舍五入后合计不等于100%（如100.01%、99.99%）",
      en="the shares of one whole, each rounded on its own, do not add to 100%")
def shares_not_100(ctx: CheckContext):
    if ctx.report is None:
        return
    for group in share_groups(ctx.report):
        if not group.adds_up():
            continue
        shares = group.shares()
        printed = sum((s.rounded for s in shares), Decimal(0))
        if printed != 100:
            listed = "、".join(f"{label}{share}" for (label, *_), share in zip(group.members, shares))
            yield Hit((), f"{group.name}：各项占比（{listed}）合计 {num(printed)}%，不是100%。这是因为每个占比各自"
                          "四舍五入，读者复算时会看到差额；可在文中说明，或在配置中设「占比舍入: 保持相加」"
                          "（最大余数法，印出的占比合计恰为100%）。",
                      {"合计": f"{num(printed)}%"}, field=f"占比：{group.name}")


def _three_public(ctx: CheckContext) -> Iterator[tuple[str, str, Completion]]:
    tp = ctx.report.three_public
    if tp["completion"] is not None:
        yield THREE, THREE, tp["completion"]
    for key in THREE_PARTS:
        if tp[key].completion is not None:
            yield tp[key].name, tp[key].label, tp[key].completion


def _reason(ctx: CheckContext, name: str) -> str:
    return next((v.strip() for k, v in ctx.data.budget_reasons.items() if norm(k) == norm(name)), "")


@rule("JS-BAL-031", "警告", "“三公”经费（合计或分项）决算超过预算，须说明原因",
      en="三公 spending (total or a part) over budget needs its reason")
def three_public_over_budget(ctx: CheckContext):
    if ctx.report is None:
        return
    for name, label, done in _three_public(ctx):
        if done.relation == "over" and not _reason(ctx, name):
            yield Hit((BUDGET_REASONS, name),
                      f"{label}决算 {done.actual} 万元，超过{done.label} {done.budget} 万元。“三公”经费超预算是审核重点，"
                      f"请在「{BUDGET_REASONS}」中以「{name}」为名写明超支原因。",
                      {"决算": done.actual.value, "预算": done.budget.value})


def _adjusted(initial: Decimal, adjusted: Decimal) -> Percent | None:
    """How far the budget moved, in percent of the initial budget; None below the limit."""
    if initial <= 0:
        return None
    moved = abs(adjusted - initial) * 100 / initial
    return Percent(moved, _PLAIN) if round_half_up(moved, 2) > ADJUSTMENT_LIMIT else None


def _budget_pairs(ctx: CheckContext) -> Iterator[tuple[str, Decimal, Decimal]]:
    """(figure name, 年初预算, 全年/调整预算) for every figure whose data give both."""
    names = [THREE, *(ctx.report.three_public[k].name for k in THREE_PARTS)] if ctx.report else [THREE]
    pairs = [(n, f"{n}年初预算数", f"{n}预算数") for n in names]
    pairs += [("一般公共预算财政拨款支出", "一般公共预算财政拨款支出年初预算数", "一般公共预算财政拨款支出全年预算数")]
    for name, initial, full in pairs:
        if ctx.figures.get(initial) is not None and ctx.figures.get(full) is not None:
            yield name, ctx.figures.get(initial), ctx.figures.get(full)
    costs = ctx.report.operating_costs if ctx.report else None
    if costs is not None and costs.initial_budget is not None and costs.budget is not None:
        yield "机关运行经费", costs.initial_budget.value, costs.budget.value


@rule("JS-BAL-032", "警告", "预算调整幅度超过30%（调整预算/全年预算与年初预算相比）须说明原因",
      en="a budget adjusted by more than 30% (vs the initial budget) needs a reason")
def large_adjustments(ctx: CheckContext):
    for name, initial, adjusted in _budget_pairs(ctx):
        moved = _adjusted(initial, adjusted)
        if moved is not None and not _reason(ctx, name):
            yield Hit((BUDGET_REASONS, name),
                      f"{name}年初预算 {num(initial)} 万元，调整后（全年预算）{num(adjusted)} 万元，调整幅度 {moved}，"
                      f"超过30%。请在「{BUDGET_REASONS}」中以「{name}」为名写明预算调整的原因。",
                      {"年初预算": initial, "全年预算": adjusted, "调整幅度": str(moved)})
    for path, text in free_text(ctx.raw.data):
        for m in _ADJUSTED.finditer(text):
            initial, adjusted = m.group("initial"), m.group("adjusted")
            moved = _adjusted(Decimal(initial), Decimal(adjusted))
            if moved is not None and not _REASON.search(m.group("between") + m.group("after")):
                yield Hit(path, f"文字中写“{context(text, m.start(), m.end(), 0)}”：年初预算{initial}万元，"
                                f"调整后{adjusted}万元，调整幅度 {moved}，超过30%，但没有说明原因。"
                                "请补上预算调整的原因（如“因……调减”）。",
                          {"年初预算": initial, "调整后": adjusted, "调整幅度": str(moved)})
