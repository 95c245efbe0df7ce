"""Merged multi-row headers from column label paths, the way the forms print them.

Columns are given as label paths, top → leaf: ("本年支出", "小计"), ("本年支出", "基本支出"), ("年末结转和结余",).
Neighbouring columns that share a label under the same parents merge across; a path shorter than the
deepest one spans down to the last header row. The PDF/DOCX 附表 and the exported workbook use the same grid.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Sequence


@dataclass(frozen=True)
class HeaderCell:
    label: str
    column: int          # first column it covers
    colspan: int = 1
    rowspan: int = 1


def header_rows(paths: Sequence[tuple[str, ...]]) -> list[list[HeaderCell]]:
    """The header as rows of cells; every column is covered exactly once per header row."""
    depth = max((len(p) for p in paths), default=0)
    rows: list[list[HeaderCell]] = []
    for level in range(depth):
        cells: list[HeaderCell] = []
        j = 0
        while j < len(paths):
            path = paths[j]
            if level >= len(path):
                j += 1
                continue
            span = 1
            while (j + span < len(paths) and len(paths[j + span]) > level
                   and paths[j + span][: level + 1] == path[: level + 1] and len(path) > level + 1
                   and len(paths[j + span]) > level + 1):
                span += 1
            rowspan = depth - level if level == len(path) - 1 else 1
            cells.append(HeaderCell(path[level], j, span, rowspan))
            j += span
        rows.append(cells)
    return rows


def collapse(paths: Sequence[tuple[str, ...]]) -> list[tuple[str, ...]]:
    """A lone "小计" under its group prints as the group, at any depth: ("本年支出", "小计") alone is
    "本年支出"; ("决算数", "公务用车购置及运行费", "小计") without 购置费 and 运行费 beside it is
    ("决算数", "公务用车购置及运行费")."""
    under = Counter(p[:k] for p in paths for k in range(1, len(p)))
    return [p[:-1] if len(p) > 1 and p[-1] == "小计" and under[p[:-1]] == 1 else p for p in paths]
