"""The named figures of a unit-year (收入总计, 基本支出, 公务接待费 …) and the cells that hold them.

The same figure is printed on several forms (一般公共预算财政拨款收入 on the 收入支出决算总表 and on the
财政拨款收入支出决算总表); `WHERE` lists, for each name, the cells that may hold it, most authoritative first.
A figure is taken from the first that is present; every other present one is kept as a candidate, so `check`
can prove the tables agree (one fact, one value). Last year's figures come from last year's tables the same
way, or from the 上年 block, which uses these same names. A name with no value is unknown — never zero.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from .forms import BUDGETS, EXPENSE_KINDS, INCOME_KINDS, TOTAL
from .labels import norm
from .model import Source, TableSet

S, F, T, P = "收入支出决算总表", "财政拨款收入支出决算总表", "财政拨款“三公”经费支出决算表", "一般公共预算财政拨款支出决算表"
THREE = "“三公”经费"
THREE_PUBLIC = {THREE: "合计", "因公出国（境）费": "因公出国（境）费", "公务用车购置及运行费": "公务用车购置及运行费",
                "公务用车购置费": "公务用车购置费", "公务用车运行费": "公务用车运行费", "公务接待费": "公务接待费"}
SPENT = {BUDGETS[0]: "一般公共预算财政拨款支出", BUDGETS[1]: "政府性基金预算财政拨款支出",
         BUDGETS[2]: "国有资本经营预算财政拨款支出"}
_INCOME_COLUMNS = {"上级补助收入": "上级补助收入", "事业收入": "事业收入", "经营收入": "经营收入",
                   "附属单位上缴收入": "附属单位上缴收入", "其他收入": "其他收入"}

Cell = tuple[str, str, str, str]          # form, panel, row, column

WHERE: dict[str, tuple[Cell, ...]] = {
    "收入总计": ((S, "收入", "总计", "决算数"),),
    "本年收入合计": ((S, "收入", "本年收入合计", "决算数"), ("收入决算表", "", TOTAL, "本年收入合计")),
    **{k: ((S, "收入", k, "决算数"),) + (((F, "收入", b, "决算数"), (F, "收入", "本年收入合计", b))
                                        if (b := k.removesuffix("收入")) in BUDGETS else ())
       + ((("收入决算表", "", TOTAL, _INCOME_COLUMNS[k]),) if k in _INCOME_COLUMNS else ())
       for k in INCOME_KINDS},
    "使用非财政拨款结余": ((S, "收入", "使用非财政拨款结余", "决算数"),),
    "年初结转和结余": ((S, "收入", "年初结转和结余", "决算数"),),
    "支出总计": ((S, "支出", "总计", "决算数"),),
    "本年支出合计": ((S, "支出", "本年支出合计", "决算数"), ("支出决算表", "", TOTAL, "本年支出合计")),
    **{k: (("支出决算表", "", TOTAL, k), (S, "支出", k, "决算数")) for k in EXPENSE_KINDS},
    "结余分配": ((S, "支出", "结余分配", "决算数"),),
    "年末结转和结余": ((S, "支出", "年末结转和结余", "决算数"),),
    "财政拨款收入总计": ((F, "收入", "总计", "决算数"), (F, "收入", "总计", "合计")),
    "财政拨款本年收入合计": ((F, "收入", "本年收入合计", "决算数"), (F, "收入", "本年收入合计", "合计")),
    "年初财政拨款结转和结余": ((F, "收入", "年初财政拨款结转和结余", "决算数"), (F, "收入", "年初财政拨款结转和结余", "合计")),
    "财政拨款支出总计": ((F, "支出", "总计", "合计"),),
    "财政拨款本年支出合计": ((F, "支出", "本年支出合计", "合计"),),
    "年末财政拨款结转和结余": ((F, "支出", "年末财政拨款结转和结余", "合计"),),
    # 一般公共预算 alone, for provinces whose "财政拨款" sentences mean only it
    "年初一般公共预算财政拨款结转和结余": ((F, "收入", f"年初财政拨款结转和结余·{BUDGETS[0]}", "决算数"),
                                       (F, "收入", "年初财政拨款结转和结余", BUDGETS[0])),
    "年末一般公共预算财政拨款结转和结余": ((F, "支出", "年末财政拨款结转和结余", BUDGETS[0]),),
    SPENT[BUDGETS[0]]: ((F, "支出", "本年支出合计", BUDGETS[0]), (P, "", TOTAL, "本年支出合计")),
    SPENT[BUDGETS[1]]: ((F, "支出", "本年支出合计", BUDGETS[1]),
                        ("政府性基金预算财政拨款收入支出决算表", "", TOTAL, "本年支出合计")),
    SPENT[BUDGETS[2]]: ((F, "支出", "本年支出合计", BUDGETS[2]),
                        ("国有资本经营预算财政拨款收入支出决算表", "", TOTAL, "本年支出合计"),
                        ("国有资本经营预算财政拨款支出决算表", "", TOTAL, "本年支出合计")),
    "一般公共预算财政拨款基本支出": ((P, "", TOTAL, "基本支出"),
                                  ("一般公共预算财政拨款基本支出决算表", "", TOTAL, "决算数"),
                                  ("一般公共预算财政拨款支出决算明细表", "", TOTAL, "基本支出")),
    "一般公共预算财政拨款项目支出": ((P, "", TOTAL, "项目支出"),
                                  ("一般公共预算财政拨款支出决算明细表", "", TOTAL, "项目支出"),
                                  ("一般公共预算财政拨款项目支出决算表", "", TOTAL, "本年支出合计")),
    **{f"{b}{part}": ((table, "", TOTAL, part),) for b, table in (
        (BUDGETS[1], "政府性基金预算财政拨款收入支出决算表"), (BUDGETS[2], "国有资本经营预算财政拨款支出决算表"))
       for part in ("基本支出", "项目支出")},
    "人员经费": (("一般公共预算财政拨款基本支出决算表", "", "人员经费合计", "决算数"),
                ("一般公共预算财政拨款基本支出决算表", "", TOTAL, "人员经费")),
    "公用经费": (("一般公共预算财政拨款基本支出决算表", "", "公用经费合计", "决算数"),
                ("一般公共预算财政拨款基本支出决算表", "", TOTAL, "公用经费")),
    **{name: ((T, "", THREE, f"决算数·{item}"),) for name, item in THREE_PUBLIC.items()},
    **{f"{name}预算数": ((T, "", THREE, f"预算数·{item}"),) for name, item in THREE_PUBLIC.items()},
    **{f"{name}年初预算数": ((T, "", THREE, f"年初预算数·{item}"),) for name, item in THREE_PUBLIC.items()},
    "一般公共预算财政拨款支出全年预算数": ((P, "", TOTAL, "全年预算数"),),
    "一般公共预算财政拨款支出年初预算数": ((P, "", TOTAL, "年初预算数"),),
}
NARRATIVE = ("机关运行经费", "机关运行经费年初预算数")
#: Figures that are sums of others, used when a table does not record them (and all parts are known).
DERIVED: dict[str, tuple[str, ...]] = {
    THREE: ("因公出国（境）费", "公务用车购置及运行费", "公务接待费"),
    "公务用车购置及运行费": ("公务用车购置费", "公务用车运行费"),
    "本年收入合计": INCOME_KINDS,
    "收入总计": ("本年收入合计", "使用非财政拨款结余", "年初结转和结余"),
    "支出总计": ("本年支出合计", "结余分配", "年末结转和结余"),
    "财政拨款收入总计": ("财政拨款本年收入合计", "年初财政拨款结转和结余"),
    "财政拨款支出总计": ("财政拨款本年支出合计", "年末财政拨款结转和结余"),
    "一般公共预算财政拨款收入总计": ("一般公共预算财政拨款收入", "年初一般公共预算财政拨款结转和结余"),
    "一般公共预算财政拨款支出总计": (SPENT[BUDGETS[0]], "年末一般公共预算财政拨款结转和结余"),
}
NAMES: tuple[str, ...] = (*WHERE, *NARRATIVE)
#: The per-code figures of 一般公共预算财政拨款支出 (by 功能分类), which a 上年 block may list.
BY_CODE = "一般公共预算财政拨款支出明细"


@dataclass(frozen=True)
class Candidate:
    value: Decimal
    source: Source | None


@dataclass
class Figures:
    """Named exact values in 万元; a name that is absent is unknown."""

    values: dict[str, Decimal] = field(default_factory=dict)
    candidates: dict[str, list[tuple[Cell, Candidate]]] = field(default_factory=dict)
    by_code: dict[str, Decimal] = field(default_factory=dict)

    def get(self, name: str) -> Decimal | None:
        return self.values.get(name)

    def source(self, name: str) -> Source | None:
        found = self.candidates.get(name)
        return found[0][1].source if found else None

    def complete(self) -> Figures:
        """Fill the sums a table did not record, from parts that are all known (never from a missing part)."""
        changed = True
        while changed:
            changed = False
            for name, parts in DERIVED.items():
                if name not in self.values and all(p in self.values for p in parts):
                    self.values[name] = sum((self.values[p] for p in parts), Decimal(0))
                    changed = True
        return self


def figures_of(tables: TableSet) -> Figures:
    """Every named figure the tables hold, each from its most authoritative cell, with all candidates kept."""
    result = Figures()
    for name, cells in WHERE.items():
        for cell in cells:
            form, panel, row, column = cell
            table = tables.tables.get(form)
            found = table.panel(panel).row(row) if table is not None else None
            if found is None or column not in found.values:
                continue
            candidate = Candidate(found.values[column], found.sources.get(column, found.source))
            result.candidates.setdefault(name, []).append((cell, candidate))
            result.values.setdefault(name, candidate.value)
    general = tables.tables.get(P)
    if general is not None:
        for row in general.panel("").coded():
            if "本年支出合计" in row.values:
                result.by_code[row.key] = row.values["本年支出合计"]
    return result.complete()


def name_of(text: str) -> str | None:
    """The figure a label names, however its quotes and spaces were typed ("三公经费" → “三公”经费)."""
    wanted = norm(text)
    return next((n for n in NAMES if norm(n) == wanted), None)
