"""The 绩效评价 annexes (第四部分) as blocks ready to print, with their computed cells.

The narrative is the unit's own text; what can be computed — a self-evaluation table's 执行率 and its
总分 — is computed here so the annex cannot contradict its own rows.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

from ..tables.model import to_wan
from ..validate.annex_model import Annex, Block, EvaluationTable, spans
from .numbers import Amount, NumberFormat, plain, ratio_percent


_FIGURE = re.compile(r"^[+-]?\d+(\.\d+)?%?$")


def annex_facts(annexes: list[Annex], unit: str, fmt: NumberFormat) -> list[dict]:
    """The annexes ready to print; their amounts are in the data file's `金额单位`."""
    return [{"title": a.title, "subtitle": a.subtitle, "blocks": [_block(b, 2, unit, fmt) for b in a.content],
             "signature": {"unit": a.signature.unit,
                           "date": chinese_date(a.signature.date) if a.signature.date else ""}
             if a.signature else None}
            for a in annexes]


def chinese_date(d: date) -> str:
    """2025年9月23日, as a date is written in the text."""
    return f"{d.year}年{d.month}月{d.day}日"


def _block(block: Block, depth: int, unit: str, fmt: NumberFormat) -> dict:
    if block.heading is not None:
        return {"kind": "heading", "text": block.heading, "level": min(depth, 5),
                "blocks": [_block(b, depth + 1, unit, fmt) for b in block.content]}
    if block.paragraph is not None:
        return {"kind": "paragraph", "text": block.paragraph}
    if block.items is not None:
        return {"kind": "list", "items": block.items}
    if block.table is not None:
        t = block.table
        return {"kind": "table", "caption": t.caption, "unit": t.unit, "header": t.header,
                "rows": [[{"text": s.text, "kind": "num" if _FIGURE.match(s.text) else "text",
                           "rowspan": s.rowspan, "colspan": s.colspan} for s in row if s is not None]
                         for row in spans(t.rows)]}
    return {"kind": "evaluation", **evaluation_facts(block.evaluation, unit, fmt)}


def evaluation_facts(t: EvaluationTable, unit: str, fmt: NumberFormat) -> dict:
    """A 绩效自评表 ready to print, its amounts given in `unit`: 执行率 and the totals computed from its rows."""
    money = lambda v: Amount(to_wan(v, unit), fmt) if v is not None else None  # noqa: E731
    scores = [i.score for i in t.indicators if i.score is not None]
    weights = [i.weight for i in t.indicators if i.weight is not None]
    if t.execution_score is not None:
        scores.append(t.execution_score)
    if t.execution_weight is not None:
        weights.append(t.execution_weight)
    return {"table": t, "initial_budget": money(t.initial_budget), "budget": money(t.budget),
            "executed": money(t.executed), "rate": ratio_percent(money(t.executed), money(t.budget)),
            "total_weight": _plain(sum(weights, Decimal(0))) if weights else None,
            "total_score": _plain(sum(scores, Decimal(0))) if scores else None,
            "tasks": [task.model_dump() for task in t.tasks],
            "task_rows": len(t.tasks) + 1,          # the 年度主要任务 label spans its header and every task
            "indicators": merged_levels([{**i.model_dump(), "weight": _plain(i.weight), "score": _plain(i.score)}
                                   for i in t.indicators])}


def merged_levels(rows: list[dict]) -> list[dict]:
    """Each indicator with `span1`/`span2`: how many rows its 一级/二级指标 cell covers, as the form merges them
    (0 on a row whose cell is covered by one above), so a repeated 产出指标 prints once."""
    for key, span, level in (("level1", "span1", 1), ("level2", "span2", 2)):
        start = None
        for n, row in enumerate(rows):
            same = start is not None and all(row[k] == rows[start][k] for k in ("level1", "level2")[:level])
            if same and row[key]:
                rows[start][span] += 1
                row[span] = 0
            else:
                start, row[span] = n, 1
    return rows


def _plain(value: Decimal | None) -> str:
    return "" if value is None else plain(value)
