"""Classification codes the document cannot print without: every 功能分类 项 needs its catalog entry
(its 类 and 款 names and its 名词解释 come from there)."""

from __future__ import annotations

from ..errors import Problem
from ..facts.catalog import Catalog
from ..load.yaml_reader import SourceMap, dotted
from .model import YearData

FUND_KEYS = (("general_budget", "一般公共预算"), ("fund_budget", "政府性基金预算"), ("capital_budget", "国有资本经营预算"))


def function_rows(data: YearData):
    """(path, row) for every 功能分类 row in the file, path as written in YAML."""
    for attr, key in FUND_KEYS:
        for i, row in enumerate(getattr(data.fiscal_expenditure, attr).rows):
            yield ("财政拨款支出", key, "科目", i), row
    for i, row in enumerate(data.nonfiscal_rows):
        yield ("非财政拨款支出", i), row


def unknown_codes(data: YearData, source: SourceMap, catalog: Catalog) -> list[Problem]:
    problems = []
    for path, row in function_rows(data):
        if len(row.code) == 7 and row.code not in catalog:
            line, col = source.locate(path + ("科目编码",))
            near = "、".join(f"{e.code} {e.name}" for e in suggestions(catalog, row.code, row.name))
            problems.append(Problem(
                source.file, line, col, dotted(path + ("科目编码",)),
                f"科目编码 {row.code}（{row.name}）不在 {catalog.year} 年功能分类目录中"
                + (f"，相近的科目有：{near}" if near else "")
                + "。如确为新增科目，请在自己的目录文件中补充该科目及其说明",
                f"code {row.code} is not in the {catalog.year} functional classification"))
    return problems


def suggestions(catalog: Catalog, code: str, name: str, n: int = 3):
    """Known codes the officer probably meant: same name in the same 款 first, then the nearest codes."""
    same_name = sorted(catalog.by_name(name), key=lambda e: (e.code[:5] != code[:5], e.code))
    seen, found = set(), []
    for entry in same_name + catalog.nearest(code, n):
        if entry.code not in seen:
            seen.add(entry.code)
            found.append(entry)
    return found[:n]
