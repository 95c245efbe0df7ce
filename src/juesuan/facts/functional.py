"""The 功能分类 tree (类 → 款 → 项) of one budget type, with the figures each level prints.

The 报表 prints 类 and 款 subtotals that were rounded from 元 separately from their 项, so a recorded
subtotal may differ from the sum of its printed 项 by a cent. When the officer recorded a subtotal the
document prints it (that is what the 报表 says); otherwise the subtotal is the sum of its 项.
Names come from the classification catalog of the year when the code is known, so a typo in the
data cannot reach the document; `juesuan check` reports the mismatch.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from ..validate.model import FunctionRow
from .catalog import Catalog
from .numbers import Amount, NumberFormat
from .phrases import Completion, completion

LEVELS = {3: "类", 5: "款", 7: "项"}


@dataclass
class FunctionNode:
    code: str
    name: str
    level: str                      # 类 / 款 / 项
    actual: Amount
    basic: Amount
    project: Amount
    budget: Amount | None = None
    initial_budget: Amount | None = None
    reason: str = ""
    children: list[FunctionNode] = field(default_factory=list)
    path: str = ""                  # 社会保障和就业支出（类）行政事业单位养老支出（款）…（项）
    explanation: str | None = None  # the catalog's 说明, for 名词解释

    @property
    def completion(self) -> Completion | None:
        return completion(self.actual, self.budget) if self.budget is not None else None

    def walk(self):
        yield self
        for child in self.children:
            yield from child.walk()


def build_tree(rows: list[FunctionRow], catalog: Catalog, scale: Decimal, fmt: NumberFormat) -> list[FunctionNode]:
    """Classes in code order, each with its 款 and 项; subtotals recorded in `rows` win over sums."""
    money = lambda v: Amount(v * scale, fmt)  # noqa: E731 - a local shorthand
    items = [r for r in rows if len(r.code) == 7]
    recorded = {r.code: r for r in rows if len(r.code) < 7}
    nodes: dict[str, FunctionNode] = {}

    def node_for(code: str, typed_name: str = "") -> FunctionNode:
        if code not in nodes:
            entry = catalog.get(code)
            name = entry.name if entry else (typed_name or (recorded[code].name if code in recorded else code))
            zero = money(Decimal(0))
            nodes[code] = FunctionNode(code, name, LEVELS[len(code)], zero, zero, zero,
                                       explanation=entry.explanation if entry else None)
        return nodes[code]

    roots: list[FunctionNode] = []
    for row in sorted(items, key=lambda r: r.code):
        leaf = node_for(row.code, row.name)
        leaf.basic, leaf.project = money(row.basic), money(row.project)
        leaf.actual = money(row.total) if row.total is not None else money(row.basic + row.project)
        leaf.budget = money(row.budget) if row.budget is not None else None
        leaf.initial_budget = money(row.initial_budget) if row.initial_budget is not None else None
        leaf.reason = row.reason
        parent_class = node_for(row.code[:3])
        parent_kuan = node_for(row.code[:5])
        if parent_class not in roots:
            roots.append(parent_class)
        if parent_kuan not in parent_class.children:
            parent_class.children.append(parent_kuan)
        parent_kuan.children.append(leaf)
    for root in roots:
        _total(root, recorded, money)
        for kuan in root.children:
            for leaf in kuan.children:
                leaf.path = f"{root.name}（类）{kuan.name}（款）{leaf.name}（项）"
    return roots


def _total(node: FunctionNode, recorded: dict[str, FunctionRow], money) -> None:
    if not node.children:
        return
    for child in node.children:
        _total(child, recorded, money)
    kids = node.children
    node.basic = _sum([c.basic for c in kids], money)
    node.project = _sum([c.project for c in kids], money)
    row = recorded.get(node.code)
    node.actual = money(row.total) if row is not None and row.total is not None else _sum([c.actual for c in kids], money)
    if all(c.budget is not None for c in kids):
        node.budget = _sum([c.budget for c in kids], money)
    if row is not None and row.budget is not None:
        node.budget = money(row.budget)
    if all(c.initial_budget is not None for c in kids):
        node.initial_budget = _sum([c.initial_budget for c in kids], money)


def _sum(amounts: list[Amount], money) -> Amount:
    total = money(Decimal(0))
    for amount in amounts:
        total = total + amount
    return total


def fund_total(roots: list[FunctionNode], fmt: NumberFormat) -> Amount:
    """A budget type's 合计: the sum of its 类 as printed."""
    return _sum([root.actual for root in roots], lambda v: Amount(v, fmt))


def merge_trees(trees: list[list[FunctionNode]]) -> list[FunctionNode]:
    """All budget types in one 类/款/项 list (for the 支出决算表 and 名词解释), summing shared codes."""
    by_code: dict[str, FunctionNode] = {}
    order: list[FunctionNode] = []
    for roots in trees:
        for root in roots:
            for node in root.walk():
                if node.code in by_code:
                    merged = by_code[node.code]
                    merged.actual = merged.actual + node.actual
                    merged.basic = merged.basic + node.basic
                    merged.project = merged.project + node.project
                else:
                    copy = FunctionNode(node.code, node.name, node.level, node.actual, node.basic, node.project,
                                        path=node.path, explanation=node.explanation)
                    by_code[node.code] = copy
                    order.append(copy)
    for node in order:
        node.children = []
    for node in sorted(order, key=lambda n: n.code):
        if len(node.code) > 3:
            by_code[node.code[:-2]].children.append(node)
    return sorted((n for n in order if len(n.code) == 3), key=lambda n: n.code)
