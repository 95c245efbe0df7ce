"""第三部分 名词解释: the standard terms that apply to this unit, and one entry per 功能分类 项 it used.

A standard term is explained only when the figure it names is not zero (a unit with no 事业收入 gets no
事业收入 entry); the 项 entries take the catalog's official text and sit before 基本支出, as in Sichuan's
template.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..tables.figures import Figures
from .catalog import GlossaryTerm
from .functional import FunctionNode


@dataclass
class GlossaryEntry:
    title: str
    text: str


def applies(term: GlossaryTerm, figures: Figures) -> bool:
    if term.applies_when == "总是":
        return True
    value = figures.get(term.applies_when)
    return value is not None and value != 0


def glossary(terms: list[GlossaryTerm], figures: Figures, items: list[FunctionNode]) -> list[GlossaryEntry]:
    standard = [GlossaryEntry(t.name, t.text) for t in terms if applies(t, figures)]
    functional = [GlossaryEntry(n.path, n.explanation) for n in items if n.explanation and n.path]
    cut = next((i for i, e in enumerate(standard) if e.title == "基本支出"), len(standard))
    return standard[:cut] + functional + standard[cut:]
