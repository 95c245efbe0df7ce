"""The figures a sentence states — amounts with their unit, percentages — as ranges, so rounding is allowed.

A published 84.38 万元 stands for anything in [84.375, 84.385] and "占6.33%" for [6.325, 6.335]; a share,
a change or a completion rate is wrong only when no values inside those ranges give it (the rule of
check/tolerance.py, applied to a quotient). Each number keeps the words just before it ("人员经费",
"减少", "年初预算为"), which is how the document names it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from .extract import Block
from .tolerance import half_unit

_SPACE = re.compile(r"(?<![A-Za-z])\s+|\s+(?![A-Za-z])")
_NUMBER = re.compile(r"(?<![\d.])(\d+(?:\.\d+)?)\s*(万元|亿元|元|%)?")
_CLAUSE = re.compile(r"[，。；：,;:、]")
_SENTENCE = re.compile(r"[^。！？]*[。！？]?")
_SCALE = {"万元": Decimal(1), "亿元": Decimal(10000), "元": Decimal("0.0001"), "": Decimal(1)}
HUNDRED = Decimal(100)


@dataclass(frozen=True)
class Num:
    text: str  # as printed: "558.59万元", "74.9%"
    value: Decimal  # in 万元, or the percentage
    low: Decimal
    high: Decimal
    unit: str  # 万元 (also for 元, 亿元 converted), % or "" (no unit printed)
    label: str  # the words before it in its clause
    start: int

    @property
    def percent(self) -> bool:
        return self.unit == "%"


@dataclass(frozen=True)
class Sentence:
    text: str  # spaces between Chinese words and figures removed
    block: Block
    numbers: tuple[Num, ...]


def normal(text: str) -> str:
    """Drop the spaces that PDF export puts around figures; full-width forms the parsers expect."""
    text = text.replace("％", "%").replace("．", ".")
    text = re.sub(r"(?<=\d),(?=\d{3}(?!\d))", "", text)
    text = re.sub(r"(?<=[^\d]),|,(?=[^\d])", "，", text)
    return _SPACE.sub("", text)


def numbers(text: str) -> tuple[Num, ...]:
    found = []
    for m in _NUMBER.finditer(text):
        digits, unit = m.group(1), m.group(2) or ""
        if not unit and re.match(r"\s*(年|月|日|个|人|次|辆|项|批|名|台|户|分|条|天|家|类|款|号|部|级)", text[m.end():]):
            continue
        value = Decimal(digits)
        scale = _SCALE.get(unit, Decimal(1))  # a percentage keeps its value
        half = half_unit(value)
        low, high = (value - half) * scale, (value + half) * scale
        clause = _CLAUSE.split(text[:m.start()])[-1]
        kind = "%" if unit == "%" else ("万元" if unit else "")
        found.append(Num(m.group(), value * scale, low, high, kind, clause, m.start()))
    return tuple(found)


def sentences(blocks: list[Block]) -> list[Sentence]:
    """Every sentence of the prose (table rows left out), with its figures."""
    found = []
    for block in blocks:
        if block.cells:
            continue
        text = normal(block.text)
        for m in _SENTENCE.finditer(text):
            if m.group().strip():
                found.append(Sentence(m.group(), block, numbers(m.group())))
    return found


def ratio(part: Num, whole: Num) -> tuple[Decimal, Decimal] | None:
    """The range of 100 × part / whole over both figures' rounding ranges; None when the whole may be 0."""
    if whole.low <= 0:
        return None
    return max(part.low, Decimal(0)) * HUNDRED / whole.high, part.high * HUNDRED / whole.low


def fits(stated: Num, span: tuple[Decimal, Decimal] | None) -> bool:
    """The stated percentage's rounding range meets the recomputed range."""
    return span is None or stated.low <= span[1] and span[0] <= stated.high


def shown(value: Decimal, like: Num) -> str:
    """The recomputed value printed with the stated figure's number of decimals."""
    places = max(-like.value.as_tuple().exponent, 0) if like.percent else 2
    return f"{value.quantize(Decimal(1).scaleb(-places)):f}"
