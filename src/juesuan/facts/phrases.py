"""The sentences of 第二部分 that are pure arithmetic: year-over-year change and budget completion.

The wording follows the sign of the printed figures (增加/增长, 减少/下降, 持平), and a zero base
or zero budget is said in words, so no document can print "inf%" or a ratio of nothing. A negative base
or budget (which `check` reports as an error) gives no rate at all: "增长197.42%" from a negative total,
or "完成预算-99.50%", would be arithmetic without meaning.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from juesuan.facts.numbers import Amount, Percent, ratio_percent

_VERB = {"up": "增加", "down": "减少", "flat": "持平"}
_TREND = {"up": "增长", "down": "下降", "flat": "持平"}
_RELATION_TEXT = {
    "equal": "决算数与预算数持平",
    "over": "决算数大于预算数",
    "under": "决算数小于预算数",
}


@dataclass(frozen=True)
class Change:
    """This year against last year: the difference of the figures as given, flat when it prints as zero."""

    current: Amount
    previous: Amount

    @property
    def diff(self) -> Amount:
        return Amount(self.current.basis - self.previous.basis, self.current.fmt)

    @property
    def direction(self) -> Literal["up", "down", "flat"]:
        rounded = self.diff.rounded
        return "up" if rounded > 0 else "down" if rounded < 0 else "flat"

    @property
    def verb(self) -> str:
        return _VERB[self.direction]

    @property
    def trend(self) -> str:
        return _TREND[self.direction]

    @property
    def percent(self) -> Percent | None:
        """|diff| / previous * 100; None when flat, when last year prints as zero, or when either year is negative."""
        if self.direction == "flat" or self.previous.rounded < 0 or self.current.rounded < 0:
            return None
        return ratio_percent(self.diff.abs(), self.previous, "change")

    def phrase(self, kind: str = "支出") -> str:
        """The clause after "与上年相比": 减少47.12万元，下降2.58% / 与上年持平 (the layout's 持平措辞) / the
        zero-base wording naming `kind`."""
        if self.direction == "flat":
            return self.current.fmt.flat_wording
        amount = f"{self.verb}{self.diff.abs().with_unit()}"
        percent = self.percent
        if percent is not None:
            return f"{amount}，{self.trend}{percent}"
        if self.previous.is_zero:
            return f"{amount}（上年无此项{kind}，无法计算{self.trend}率）"
        return amount


def change(current: Amount | None, previous: Amount | None) -> Change | None:
    """The change, or None when either year's figure is unknown (the sentence is then left out)."""
    if current is None or previous is None:
        return None
    return Change(current, previous)


@dataclass(frozen=True)
class Completion:
    """Budget completion (完成预算): the 决算 figure against the 预算 figure of one basis.

    The basis is the layout's choice per sentence family (`预算口径` settings): 全年预算 (the default, "完成预算"),
    年初预算 ("完成年初预算") or 调整预算 (the 全年预算数 column, printed as "调整预算").
    """

    actual: Amount
    budget: Amount
    basis: str = "全年预算"

    @property
    def label(self) -> str:
        """The budget as the sentence names it: 预算 / 年初预算 / 调整预算."""
        return "预算" if self.basis == "全年预算" else self.basis

    @property
    def rate(self) -> Percent | None:
        if self.budget.rounded < 0 or self.actual.rounded < 0:
            return None
        return ratio_percent(self.actual, self.budget, "completion")

    @property
    def relation(self) -> Literal["equal", "over", "under"]:
        gap = Amount(self.actual.basis - self.budget.basis, self.actual.fmt).rounded
        return "over" if gap > 0 else "under" if gap < 0 else "equal"

    @property
    def relation_text(self) -> str:
        return _RELATION_TEXT[self.relation]

    @property
    def rate_phrase(self) -> str:
        rate = self.rate
        if rate is not None:
            return f"完成{self.label}{rate}"
        if self.budget.rounded < 0 or self.actual.rounded < 0:
            return "无法计算预算完成率"
        if self.actual.is_zero:
            return f"未安排{self.label}，未发生支出"
        return f"未安排{self.label}，无法计算预算完成率"


def completion(actual: Amount | None, budget: Amount | None, basis: str = "全年预算") -> Completion | None:
    if actual is None or budget is None:
        return None
    return Completion(actual, budget, basis)
