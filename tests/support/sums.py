"""An independent sum check over printed 附表: what an auditor (or a peer checker of published PDFs) does.

It reads only the printed grid — header rows and body cells as text — and knows the forms' identities by
their printed labels, never through juesuan's model: codes add up level by level (类 = Σ款 = Σ项, 合计 = Σ类),
a row's total column adds its parts, a 总表's totals add their rows. Each printed figure stands for ±0.005;
a printed "0" is an exact zero.
"""

from __future__ import annotations

import re
from decimal import Decimal

NUMBER = re.compile(r"^-?\d+(\.\d+)?$")
Grid = list[list[str]]


def value(text: str | None) -> Decimal | None:
    text = (text or "").replace("\n", "").replace(",", "").strip()
    return Decimal(text) if NUMBER.match(text) else None


def _tolerance(figures: list[Decimal]) -> Decimal:
    return sum((Decimal("0.005") for f in figures if not (f == 0 and f.as_tuple().exponent == 0)), Decimal(0))


def _adds(total: Decimal, parts: list[Decimal]) -> bool:
    return abs(total - sum(parts, Decimal(0))) <= _tolerance([total, *parts])


def _clean(text: str | None) -> str:
    return re.sub(r"\s+", "", text or "").replace("“", "").replace("”", "")


def split(grid: Grid) -> tuple[list[list[str]], Grid]:
    """(column header paths, body rows): the header ends at the first row holding a figure."""
    first = next(i for i, row in enumerate(grid) if any(value(c) is not None for c in row))
    header = [[_clean(c) for c in row] for row in grid[:first]]
    for row in header:                       # horizontally merged cells come back empty: fill from the left
        for j in range(1, len(row)):
            if not row[j] and row[j - 1] and any(h[j] for h in header[header.index(row) + 1:]):
                row[j] = row[j - 1]
    paths = []
    for j in range(len(grid[0])):
        path: list[str] = []
        for row in header:
            if j < len(row) and row[j] and (not path or path[-1] != row[j]):
                path.append(row[j])
        paths.append(path)
    return paths, [[_clean(c) for c in row] for row in grid[first:]]


def blocks(paths: list[list[str]]) -> list[tuple[str, list[int]]]:
    """Side-by-side parts of a table (收入 | 支出, 人员经费 | 公用经费): columns grouped by their top label."""
    tops = [p[0] if p else "" for p in paths]
    if not {"收入", "支出"} & set(tops) and not {"人员经费", "公用经费"} & set(tops):
        return [("", list(range(len(paths))))]
    found: list[tuple[str, list[int]]] = []
    for j, top in enumerate(tops):
        if not found or found[-1][0] != top:
            found.append((top, []))
        found[-1][1].append(j)
    return found


def check(title: str, grid: Grid) -> list[str]:
    """Every identity of the printed table that does not add up, in words."""
    paths, body = split(grid)
    failures: list[str] = []
    for group, columns in blocks(paths):
        labels = [j for j in columns if paths[j] and paths[j][-1] in ("科目编码", "科目名称", "项目")]
        figures = [j for j in columns if j not in labels]
        rows = [[r[j] if j < len(r) else "" for j in labels] + [r[j] if j < len(r) else "" for j in figures]
                for r in body]
        heads = [paths[j] for j in figures]
        failures += [f"{title}{group}：{f}" for f in _check_block(title, group, len(labels), heads, rows)]
    return failures


def _check_block(title: str, group: str, n_labels: int, heads: list[list[str]], rows: Grid) -> list[str]:
    failures = []
    table = [(r[:n_labels], [value(c) for c in r[n_labels:]]) for r in rows if any(c for c in r)]
    codes = {lab[0]: vals for lab, vals in table if lab and re.fullmatch(r"\d{3,7}", lab[0])}
    named: dict[str, list] = {}
    for lab, vals in table:            # a sub-row printed like its parent (年初…的 一般公共预算财政拨款) comes second
        if lab and not re.fullmatch(r"\d+", lab[0]):
            named.setdefault(lab[0] or (lab[1] if len(lab) > 1 else ""), vals)
    # codes add up level by level; 合计 adds the top level
    for code, vals in codes.items():
        below = [c for c in codes if c.startswith(code) and len(c) > len(code)]
        if not below:
            continue
        level = min(len(c) for c in below)
        children = [codes[c] for c in below if len(c) == level]
        failures += _columns(f"{code}", vals, children, heads)
    if codes and "合计" in named:
        top = min(len(c) for c in codes)
        failures += _columns("合计", named["合计"], [v for c, v in codes.items() if len(c) == top], heads)
    # a row's total column adds its parts
    for label, vals in [*codes.items(), *named.items()]:
        failures += [f"{label} {m}" for m in _row(title, heads, vals)]
    failures += _fixed(title, group, named, codes)
    return failures


def _columns(label: str, vals: list, children: list[list], heads) -> list[str]:
    failures = []
    for j, total in enumerate(vals):
        parts = [c[j] for c in children if j < len(c) and c[j] is not None]
        if total is not None and parts and not _adds(total, parts):
            failures.append(f"{label} 的「{'/'.join(heads[j])}」{total} ≠ 下级之和 {sum(parts)}")
    return failures


def _row(title: str, heads: list[list[str]], vals: list) -> list[str]:
    leaf = [h[-1] if h else "" for h in heads]
    rules: list[tuple[int, list[int]]] = []
    for j, h in enumerate(heads):
        if h and h[-1] in ("本年收入合计", "本年支出合计") and len(h) == 1:
            rules.append((j, [k for k in range(len(heads)) if k != j and len(heads[k]) == 1
                              and heads[k][-1] not in ("年初结转和结余", "本年收入", "年末结转和结余",
                                                        "全年预算数", "年初预算数")]))
        elif leaf[j] == "小计":
            rules.append((j, [k for k in range(len(heads)) if heads[k][:-1] == h[:-1] and k != j
                              and len(heads[k]) == len(h)]))
        elif h == ["合计"] and "财政拨款收入支出决算总表" in title:
            rules.append((j, [k for k in range(len(heads)) if heads[k] and heads[k][0].endswith("财政拨款")]))
        elif len(h) == 2 and h[1] == "合计" and h[0] in ("预算数", "决算数", "年初预算数"):
            rules.append((j, [k for k in range(len(heads)) if heads[k][:1] == h[:1] and len(heads[k]) >= 2
                              and heads[k][1] != "合计" and (len(heads[k]) == 2 or heads[k][2] == "小计")]))
    failures = []
    for j, parts in rules:
        numbers = [vals[k] for k in parts if k < len(vals) and vals[k] is not None]
        if j < len(vals) and vals[j] is not None and numbers and not _adds(vals[j], numbers):
            failures.append(f"「{'/'.join(heads[j])}」{vals[j]} ≠ 各分项之和 {sum(numbers)}")
    return failures


def _fixed(title: str, group: str, named: dict, codes: dict) -> list[str]:
    """The 总表s' and the 基本支出表's total rows."""
    def get(name):
        vals = named.get(name)
        return vals[0] if vals else None

    failures = []

    def rule(total: str, parts: list[Decimal | None]):
        t = get(total)
        present = [p for p in parts if p is not None]
        if t is not None and present and not _adds(t, present):
            failures.append(f"{total} {t} ≠ {sum(present)}")

    def rows_rule(total: str, names: list[str]):
        """Column by column: the row `total` adds the rows `names`."""
        if total not in named:
            return
        for j, t in enumerate(named[total]):
            parts = [named[n][j] for n in names if n in named and j < len(named[n]) and named[n][j] is not None]
            if t is not None and parts and not _adds(t, parts):
                failures.append(f"{total} 第{j + 1}列 {t} ≠ {sum(parts)}")

    if "收入支出决算总表" in title and not title.startswith("财政"):
        if group == "收入":
            items = [v[0] for k, v in named.items() if k.endswith("收入") and k != "本年收入合计"]
            rule("本年收入合计", items)
            rule("总计", [get("本年收入合计"), get("使用非财政拨款结余"), get("年初结转和结余")])
        if group == "支出":
            rule("本年支出合计", [v[0] for k, v in named.items() if k.endswith("支出") and k != "本年支出合计"])
            rule("总计", [get("本年支出合计"), get("结余分配"), get("年末结转和结余")])
    if title.startswith("财政拨款收入支出决算总表"):
        budgets = ["一般公共预算财政拨款", "政府性基金预算财政拨款", "国有资本经营预算财政拨款"]
        if group == "收入":
            rows_rule("本年收入合计", budgets)
            rows_rule("总计", ["本年收入合计", "年初财政拨款结转和结余"])
        if group == "支出":
            rows_rule("本年支出合计", [k for k in named if k.endswith("支出") and k != "本年支出合计"])
            rows_rule("总计", ["本年支出合计", "年末财政拨款结转和结余"])
    if "基本支出决算表" in title and group in ("人员经费", "公用经费"):
        top = [v[0] for c, v in codes.items() if len(c) == 3]
        rule(f"{group}合计", top)
    return failures
