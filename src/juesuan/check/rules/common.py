"""Shared by the arithmetic rules: the terms of an identity and the message when its two sides disagree."""

from __future__ import annotations

from decimal import Decimal
from typing import Sequence

from ...facts.numbers import plain
from ...tables.model import Source
from ..engine import Hit
from ..tolerance import balances, tolerance

Term = tuple[str, Decimal]
MAX_LISTED = 6


def num(value: Decimal) -> str:
    """A figure as written (exact; 84.38 stays 84.38, a sum keeps its places)."""
    return format(value + 0, "f")


def total(terms: Sequence[Term]) -> Decimal:
    return sum((value for _, value in terms), Decimal(0))


def describe(name: str, terms: Sequence[Term]) -> str:
    """ "收入总计 1026.81" for one term; "各项之和 84.39（53.16 + 26.58 + …）" for a few; a count for many."""
    if len(terms) == 1 and terms[0][0] == name:
        return f"{name} {num(terms[0][1])}"
    if len(terms) <= MAX_LISTED:
        listed = " + ".join(f"{label} {num(value)}" for label, value in terms) or "无"
        return f"{name} {num(total(terms))}（{listed}）"
    return f"{name} {num(total(terms))}（共 {len(terms)} 项）"


def imbalance(path: tuple, left_name: str, left: Sequence[Term], right_name: str, right: Sequence[Term], fix: str,
              source: Source | None = None) -> list[Hit]:
    """[a Hit] when Σ left and Σ right differ by more than rounding allows (see `check.tolerance`), else []."""
    if balances([v for _, v in left], [v for _, v in right]):
        return []
    difference = total(left) - total(right)
    room = tolerance([v for _, v in [*left, *right]])
    allowed = Decimal(plain(room)) if room else Decimal(0)       # 0.030 → 0.03
    figures: dict[str, Decimal] = {}
    if len(left) + len(right) <= 2 * MAX_LISTED:
        figures.update({label: value for label, value in [*left, *right]})
    figures.update({left_name: total(left), right_name: total(right), "差额": difference, "容差": allowed})
    room = f"超出四舍五入允许的 ±{num(allowed)}" if allowed else "两边应完全相等"
    message = f"{describe(left_name, left)}，与{describe(right_name, right)}相差 {num(abs(difference))}，{room}。{fix}"
    return [Hit(path, message, figures, source=source)]
