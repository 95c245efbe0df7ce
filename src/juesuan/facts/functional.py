"""The 功能分类 rows of a table as a 类 → 款 → 项 tree, with what the sentences of 第二部分 print for each.

Each node prints the figures its own row holds (a 类 row says 84.38 even where its 项 add to 84.39, as the
table does); a level the table does not list is the sum of what it does list, for the sentences only.
The 类/款/项 path ("卫生健康支出（类）医疗保障管理事务（款）行政运行（项）") and the 名词解释 text come from the
classification catalog when it knows the code, else from the names written in the table.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from ..tables.forms import classify
from ..tables.model import PanelData, Row
from .catalog import Catalog
from .numbers import Amount, NumberFormat
from .phrases import Completion, completion

LEVELS = {1: "类", 2: "款", 3: "项"}


@dataclass
class FunctionNode:
    code: str
    name: str
    level: str                      # 类 / 款 / 项
    actual: Amount
    basic: Amount | None = None
    project: Amount | None = None
    budget: Amount | None = None            # 全年预算数
    initial_budget: Amount | None = None    # 年初预算数
    basis: str = "全年预算"                  # which budget `completion` is against (the layout's 预算口径)
    children: list[FunctionNode] = field(default_factory=list)
    path: str = ""
    explanation: str | None = None

    @property
    def completion(self) -> Completion | None:
        """Against the budget of the layout's basis (年初预算数 or 全年预算数)."""
        return completion(self.actual, self.initial_budget if self.basis == "年初预算" else self.budget, self.basis)

    @property
    def initial_completion(self) -> Completion | None:
        """Against 年初预算数 ("完成年初预算的X%"), where the table gives it."""
        return completion(self.actual, self.initial_budget)

    def walk(self):
        yield self
        for child in self.children:
            yield from child.walk()


def build_tree(panel: PanelData, catalog: Catalog, fmt: NumberFormat, spent: str = "本年支出合计") -> list[FunctionNode]:
    """The 功能分类 rows of `panel` as trees of 类, in code order; missing 类/款 are summed from what is listed."""
    rows = {r.key: r for r in panel.coded() if (k := classify(r.key)) is not None and k.kind == "功能分类"}
    nodes: dict[str, FunctionNode] = {}

    def node(code: str) -> FunctionNode:
        if code not in nodes:
            entry = catalog.get(code)
            row = rows.get(code)
            name = entry.name if entry else (row.name if row is not None else code)
            nodes[code] = FunctionNode(code, name, LEVELS[classify(code).level], _money(row, spent, fmt),
                                       _money(row, "基本支出", fmt, None), _money(row, "项目支出", fmt, None),
                                       _money(row, "全年预算数", fmt, None), _money(row, "年初预算数", fmt, None),
                                       explanation=entry.explanation if entry else None)
        return nodes[code]

    for code in sorted(rows):
        current = node(code)
        parent = classify(code).parent
        while parent is not None:
            up = node(parent)
            if current not in up.children:
                up.children.append(current)
            current, parent = up, classify(parent).parent
    roots = sorted((n for n in nodes.values() if len(n.code) == 3), key=lambda n: n.code)
    for root in roots:
        _fill(root, rows, fmt)
        for kuan in root.children:
            for item in kuan.children:
                item.path = f"{root.name}（类）{kuan.name}（款）{item.name}（项）"
    return roots


def _money(row: Row | None, column: str, fmt: NumberFormat, missing: Decimal | None = Decimal(0)) -> Amount | None:
    if row is not None and column in row.values:
        return Amount(row.values[column], fmt)
    return Amount(missing, fmt) if missing is not None else None


def _fill(node: FunctionNode, rows: dict[str, Row], fmt: NumberFormat) -> None:
    """A level the table does not list takes the sum of its children (for the sentences, never for a table)."""
    node.children.sort(key=lambda n: n.code)
    for child in node.children:
        _fill(child, rows, fmt)
    if node.code in rows or not node.children:
        return
    kids = node.children
    node.actual = _sum([c.actual for c in kids], fmt)
    for attr in ("basic", "project", "budget", "initial_budget"):
        values = [getattr(c, attr) for c in kids]
        if all(v is not None for v in values):
            setattr(node, attr, _sum(values, fmt))


def _sum(amounts: list[Amount], fmt: NumberFormat) -> Amount:
    return Amount(sum((a.value for a in amounts), Decimal(0)), fmt)


def items(roots: list[FunctionNode]) -> list[FunctionNode]:
    """The 项 of a tree, in code order."""
    return [n for root in roots for n in root.walk() if n.level == "项"]
