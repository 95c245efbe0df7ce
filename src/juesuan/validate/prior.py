"""The `上年` block → last year's Figures, when last year's own data file is not at hand.

It uses the names of `tables.figures` (收入总计, 本年支出合计, 公务接待费 …), in the unit its own `金额单位`
declares (万元 by default), with as many decimals as the source gives::

    上年:
      收入总计: 1825.64
      公务接待费: 0.265185        # 2651.85 元
      一般公共预算财政拨款支出明细: {"208": 80.12}
      政府性基金预算财政拨款支出: 未知   # the sentence comparing it is left out

A name not written is unknown, exactly like `未知`: no sentence is ever computed from a missing figure.
"""

from __future__ import annotations

from typing import Any

from ..errors import DataError, Problem
from ..load.yaml_reader import SourceMap, dotted
from ..tables.figures import BY_CODE, NAMES, Figures, name_of
from ..tables.forms import classify, may_be_negative
from ..tables.labels import nearest
from ..tables.model import UNITS, to_wan
from .model import UNKNOWN
from .types import parse_amount, shown_as

ROOT = ("上年",)


def prior_figures(value: Any, source: SourceMap) -> Figures:
    problems: list[Problem] = []

    def problem(path: tuple, zh: str, en: str) -> None:
        line, column = source.locate(ROOT + path)
        problems.append(Problem(source.file, line, column, dotted(ROOT + path), zh, en))

    figures = Figures()
    if not isinstance(value, dict):
        problem((), "「上年」应为「数名: 金额」形式的一组上年数", "上年 maps figure names to amounts")
        raise DataError(problems)
    unit = value.get("金额单位", "万元")
    if unit not in UNITS:
        problem(("金额单位",), f"金额单位应为「万元」或「元」，实际为「{unit}」", f"unknown unit {unit!r}")
        unit = "万元"
    for key, text in value.items():
        if key == "金额单位":
            continue
        if key == BY_CODE:
            _by_code(text, unit, figures, problem)
            continue
        name = name_of(key)
        if name is None:
            near = nearest(key, NAMES, 2)
            hint = "，是否想写：" + "、".join(f"「{n}」" for n in near) if near else ""
            problem((key,), f"「上年」中无法识别的数名「{key}」{hint}", f"unknown figure {key!r}")
            continue
        amount = _amount(text, (key,), problem, name)
        if amount is not None:
            figures.values[name] = to_wan(amount, unit)
    if problems:
        raise DataError(problems)
    return figures.complete()


def _by_code(value: Any, unit: str, figures: Figures, problem) -> None:
    if not isinstance(value, dict):
        problem((BY_CODE,), f"「{BY_CODE}」应为「科目编码: 金额」形式", "codes map to amounts")
        return
    for code, text in value.items():
        if classify(str(code)) is None:
            problem((BY_CODE, code), f"「{code}」不是有效的功能分类科目编码", f"not a code: {code!r}")
            continue
        amount = _amount(text, (BY_CODE, code), problem, str(code))
        if amount is not None:
            figures.by_code[str(code)] = to_wan(amount, unit)


def _amount(text: Any, path: tuple, problem, name: str):
    if text is None or str(text).strip() == UNKNOWN:
        return None
    amount = parse_amount(str(text)) if str(text).strip() else None
    if amount is None:
        problem(path, f"应填写上年的金额（如 1825.64），或写「{UNKNOWN}」，{shown_as(text)}", "not an amount")
    elif amount < 0 and not may_be_negative(name):
        problem(path, f"上年的{name}不能为负数，实际为「{text}」", "negative")
        return None
    return amount
