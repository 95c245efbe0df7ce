"""Classification codes against the year's catalog: each code exists, its name matches, its parents exist.

The document prints the catalog's name for each code, so a wrong code prints a wrong line without anyone
noticing (seed 000: 职业年金缴费支出 printed with 2080505, which is 基本养老保险缴费支出; it is 2080506).
A code and a name that disagree mean one of them is wrong: the officer must say which.
"""

from __future__ import annotations

import unicodedata
from typing import Iterator

from ...facts.catalog import Catalog
from ...validate.codes import function_rows, suggestions
from ..engine import CheckContext, Hit, rule

LEVEL = {3: "类", 5: "款", 7: "项"}


def same_name(a: str, b: str) -> bool:
    """Names equal up to full/half width and spaces: 维修（护）费 = 维修(护)费."""

    def norm(s: str) -> str:
        return "".join(unicodedata.normalize("NFKC", s).split())

    return norm(a) == norm(b)


def functional_rows(ctx: CheckContext) -> Iterator[tuple[tuple, str, str]]:
    """(path, code, name) of every 功能分类 code typed in the file."""
    for path, row in function_rows(ctx.data):
        yield path, row.code, row.name
    for index, row in enumerate(ctx.data.income_rows):
        yield ("收入功能分类", index), row.code, row.name


def economic_rows(ctx: CheckContext) -> Iterator[tuple[tuple, str, str]]:
    for index, row in enumerate(ctx.data.basic_by_economic.rows):
        yield ("一般公共预算财政拨款基本支出", "经济分类", index), row.code, row.name


def _near(catalog: Catalog, code: str, name: str) -> str:
    found = "、".join(f"{e.code} {e.name}" for e in suggestions(catalog, code, name))
    return f"相近的科目有：{found}。" if found else ""


def _unknown(catalog: Catalog, rows) -> Iterator[Hit]:
    for path, code, name in rows:
        if code not in catalog:
            yield Hit(
                path + ("科目编码",),
                f"科目编码 {code}（{name or '未写名称'}）不在 {catalog.year} 年{catalog.kind}目录中。"
                f"{_near(catalog, code, name)}"
                "请改正编码；如确为新增科目，请在自己的科目目录中补充（见 --catalog）。",
                {"编码": code, "名称": name},
            )


def _renamed(catalog: Catalog, rows) -> Iterator[Hit]:
    for path, code, name in rows:
        entry = catalog.get(code)
        if entry is None or not name or same_name(name, entry.name):
            continue
        owners = [e for e in catalog if same_name(e.name, name) and len(e.code) == len(code)]
        owners.sort(key=lambda e: (e.code[:-2] != code[:-2], e.code))
        hint = f"目录中「{name}」的编码是 {'、'.join(e.code for e in owners)}；" if owners else ""
        yield Hit(
            path + ("科目编码",),
            f"科目编码 {code} 在 {catalog.year} 年{catalog.kind}目录中是「{entry.name}」，这里写的却是「{name}」。"
            f"{hint}编码和名称必有一处写错，请改正（文档按编码印出目录中的名称）。",
            {
                "编码": code,
                "所写名称": name,
                "目录名称": entry.name,
                **({"名称对应的编码": "、".join(e.code for e in owners)} if owners else {}),
            },
        )


def _orphans(catalog: Catalog, rows) -> Iterator[Hit]:
    for path, code, name in rows:
        if code not in catalog:
            continue
        for length in (3, 5):
            parent = code[:length]
            if length < len(code) and parent not in catalog:
                yield Hit(
                    path + ("科目编码",),
                    f"科目 {code} {name} 的上级{LEVEL[length]} {parent} 不在 {catalog.year} 年{catalog.kind}目录中，"
                    f"文档无法印出其{LEVEL[length]}名称。请在科目目录中补充 {parent}，或改正编码。",
                    {"编码": code, "上级编码": parent},
                )


@rule("JS-CAT-001", "错误", "功能分类编码须在该年度科目目录中")
def unknown_functional(ctx: CheckContext):
    yield from _unknown(ctx.functional, functional_rows(ctx))


@rule("JS-CAT-002", "错误", "功能分类编码与科目名称须一致")
def functional_names(ctx: CheckContext):
    yield from _renamed(ctx.functional, functional_rows(ctx))


@rule("JS-CAT-003", "错误", "功能分类项、款的上级款、类须在科目目录中")
def functional_parents(ctx: CheckContext):
    yield from _orphans(ctx.functional, functional_rows(ctx))


@rule("JS-CAT-004", "错误", "经济分类编码须在该年度科目目录中")
def unknown_economic(ctx: CheckContext):
    yield from _unknown(ctx.economic, economic_rows(ctx))


@rule("JS-CAT-005", "错误", "经济分类编码与科目名称须一致")
def economic_names(ctx: CheckContext):
    yield from _renamed(ctx.economic, economic_rows(ctx))


@rule("JS-CAT-006", "错误", "经济分类款的上级类须在科目目录中")
def economic_parents(ctx: CheckContext):
    yield from _orphans(ctx.economic, economic_rows(ctx))


@rule("JS-CAT-007", "错误", "同一张表中同一科目编码只能出现一次")
def duplicate_codes(ctx: CheckContext):
    rows = [*functional_rows(ctx), *economic_rows(ctx)]
    seen: dict[tuple, tuple] = {}
    for path, code, name in rows:
        table = path[:-1]
        if (table, code) in seen:
            first = seen[(table, code)]
            yield Hit(
                path + ("科目编码",),
                f"科目编码 {code}（{name}）在同一张表中出现了两次（另一处是第 {first[-1] + 1} 项），"
                "金额会被重复计算。请合并为一行。",
                {"编码": code},
            )
        else:
            seen[(table, code)] = path
