"""Classification codes in the 公开表 against the year's catalog: each code exists, its name matches, its
parents exist.

The 名词解释 takes each 项's official text from the catalog, and a wrong code prints a wrong line without
anyone noticing (seed 000: 职业年金缴费支出 printed with 2080505, which is 基本养老保险缴费支出; it is
2080506). A code and a name that disagree mean one of them is wrong: the officer must say which.
"""

from __future__ import annotations

import unicodedata
from typing import Iterator

from ...errors import MAX_LISTED
from ...facts.catalog import Catalog
from ...tables.forms import classify
from ...tables.model import Row, Source
from ..engine import CheckContext, Hit, rule

LEVEL = {3: "类", 5: "款", 7: "项"}
Coded = tuple[Source, str, str]        # where, code, name


def same_name(a: str, b: str) -> bool:
    """Names equal up to full/half width and spaces: 维修（护）费 = 维修(护)费."""

    def norm(s: str) -> str:
        return "".join(unicodedata.normalize("NFKC", s).split())

    return norm(a) == norm(b)


def _coded(ctx: CheckContext, kind: str) -> Iterator[tuple[Source, str, str, Row]]:
    seen = set()
    for table in ctx.tables:
        for panel in table.panels.values():
            for row in panel.coded():
                found = classify(row.key)
                if found is not None and found.kind == kind and (row.key, row.name) not in seen:
                    seen.add((row.key, row.name))
                    yield row.source, row.key, row.name, row


def functional_rows(ctx: CheckContext) -> Iterator[Coded]:
    """(where, code, name) of every distinct 功能分类 code and name in the tables."""
    return ((s, c, n) for s, c, n, _ in _coded(ctx, "功能分类"))


def economic_rows(ctx: CheckContext) -> Iterator[Coded]:
    return ((s, c, n) for s, c, n, _ in _coded(ctx, "经济分类"))


def _near(catalog: Catalog, code: str, name: str) -> str:
    found = "、".join(f"{e.code} {e.name}" for e in catalog.suggest(code, name))
    return f"相近的科目有：{found}。" if found else ""


def _unknown(catalog: Catalog, rows) -> Iterator[Hit]:
    hinted = 0          # suggestions cost a search of the catalog: only for the codes a reader will see
    for source, code, name in rows:
        if code not in catalog:
            hinted += 1
            yield Hit(
                (),
                f"科目编码 {code}（{name or '未写名称'}）不在 {catalog.label}中。"
                f"{_near(catalog, code, name) if hinted <= MAX_LISTED else ''}"
                "请改正编码；如确为新增科目，请在自己的科目目录中补充（见 --catalog）。",
                {"编码": code, "名称": name},
                source=source,
            )


def _renamed(catalog: Catalog, rows) -> Iterator[Hit]:
    hinted = 0
    for source, code, name in rows:
        entry = catalog.get(code)
        if entry is None or not name or same_name(name, entry.name):
            continue
        hinted += 1
        listed = hinted <= MAX_LISTED
        owners = [e for e in catalog if same_name(e.name, name) and len(e.code) == len(code)] if listed else []
        owners.sort(key=lambda e: (e.code[:-2] != code[:-2], e.code))
        hint = f"目录中「{name}」的编码是 {'、'.join(e.code for e in owners)}；" if owners else ""
        yield Hit(
            (),
            f"科目编码 {code} 在 {catalog.label}中是「{entry.name}」，这里写的却是「{name}」。"
            f"{hint}编码和名称必有一处写错，请改正。",
            {
                "编码": code,
                "所写名称": name,
                "目录名称": entry.name,
                **({"名称对应的编码": "、".join(e.code for e in owners)} if owners else {}),
            },
            source=source,
        )


def _orphans(catalog: Catalog, rows) -> Iterator[Hit]:
    for source, code, name in rows:
        if code not in catalog:
            continue
        for length in (3, 5):
            parent = code[:length]
            if length < len(code) and parent not in catalog:
                yield Hit(
                    (),
                    f"科目 {code} {name} 的上级{LEVEL[length]} {parent} 不在 {catalog.label}中，"
                    f"名词解释无法写出其{LEVEL[length]}名称。请在科目目录中补充 {parent}，或改正编码。",
                    {"编码": code, "上级编码": parent},
                    source=source,
                )


@rule("JS-CAT-001", "错误", "功能分类编码须在该年度科目目录中",
      en="a 功能分类 code must be in that year's catalog")
def unknown_functional(ctx: CheckContext):
    yield from _unknown(ctx.functional, functional_rows(ctx))


@rule("JS-CAT-002", "错误", "功能分类编码与科目名称须一致",
      en="a 功能分类 code and its name must agree")
def functional_names(ctx: CheckContext):
    yield from _renamed(ctx.functional, functional_rows(ctx))


@rule("JS-CAT-003", "错误", "功能分类项、款的上级款、类须在科目目录中",
      en="the parent 款 and 类 of a 功能分类 项 or 款 must be in the catalog")
def functional_parents(ctx: CheckContext):
    yield from _orphans(ctx.functional, functional_rows(ctx))


@rule("JS-CAT-004", "错误", "经济分类编码须在该年度科目目录中",
      en="an 经济分类 code must be in that year's catalog")
def unknown_economic(ctx: CheckContext):
    yield from _unknown(ctx.economic, economic_rows(ctx))


@rule("JS-CAT-005", "错误", "经济分类编码与科目名称须一致",
      en="an 经济分类 code and its name must agree")
def economic_names(ctx: CheckContext):
    yield from _renamed(ctx.economic, economic_rows(ctx))


@rule("JS-CAT-006", "错误", "经济分类款的上级类须在科目目录中",
      en="the parent 类 of an 经济分类 款 must be in the catalog")
def economic_parents(ctx: CheckContext):
    yield from _orphans(ctx.economic, economic_rows(ctx))
