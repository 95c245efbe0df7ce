"""Last year against this year: the 上年 figures, the unit's name, the catalogs' names.

Every 增加/减少 sentence compares with last year. When last year's data file sits beside this one the
document uses it, so a 上年 block that disagrees with it is a figure the officer believes is printed and
is not; and last year's published document said what last year's file says.
"""

from __future__ import annotations

from ...tables.figures import THREE, name_of
from ..engine import CheckContext, Hit, rule
from ..tolerance import consistent
from .catalog import economic_rows, functional_rows, same_name
from .common import num

#: The figures the document compares with last year.
COMPARED = ("收入总计", "支出总计", "财政拨款收入总计", "财政拨款支出总计", "一般公共预算财政拨款支出",
            "政府性基金预算财政拨款支出", "国有资本经营预算财政拨款支出", THREE, "因公出国（境）费",
            "公务用车购置及运行费", "公务接待费", "机关运行经费")


@rule("JS-YOY-001", "错误", "「上年」中的数 = 上年数据文件中的数（两者都有时）",
      en="a figure in 上年 equals the one in last year's data file (when both are given)")
def prior_block_matches_file(ctx: CheckContext):
    if ctx.prior is None or ctx.prior_block is None or ctx.prior_figures is None:
        return
    written = ctx.raw.data.get("上年") if isinstance(ctx.raw.data, dict) else None
    for key in written or {}:
        name = name_of(str(key))
        mine, theirs = ctx.prior_block.get(name) if name else None, ctx.prior_figures.get(name) if name else None
        if mine is None or theirs is None or consistent(mine, [theirs]):
            continue
        yield Hit(("上年", key),
                  f"「上年」中{name}写的是 {num(mine)} 万元，而上年数据文件 {ctx.prior_path.name} 中为 {num(theirs)} 万元。"
                  "文档以上年数据文件为准；请改正「上年」中的数，或删去「上年」一节。",
                  {"上年一节": mine, "上年数据文件": theirs})


@rule("JS-YOY-007", "错误", "上年的收入总计 = 上年的支出总计",
      en="last year's 收入总计 equals last year's 支出总计")
def prior_totals_balance(ctx: CheckContext):
    before = ctx.prior_figures
    for income, expense in (("收入总计", "支出总计"), ("财政拨款收入总计", "财政拨款支出总计")):
        a, b = (before.get(income), before.get(expense)) if before is not None else (None, None)
        if a is not None and b is not None and not consistent(a, [b]):
            where = ("上年", income) if ctx.prior is None else ("上年",)
            yield Hit(where, f"上年{income} {num(a)} 万元与上年{expense} {num(b)} 万元不相等，而两者必须相等。"
                             "请核对上年的数（常见原因：把本年收入合计、本年支出合计当成了总计）。",
                      {income: a, expense: b})


@rule("JS-YOY-008", "警告", "上年数未知的比较句不写（请补上上年数）",
      en="a comparison whose prior-year figure is unknown is left out (give the prior-year figure)")
def prior_unknown(ctx: CheckContext):
    if ctx.prior_figures is None:
        return
    missing = [n for n in COMPARED if ctx.figures.get(n) is not None and ctx.prior_figures.get(n) is None]
    if missing:
        yield Hit(("上年",), f"上年的{'、'.join(missing)}未知，文档中与上年比较的这些句子不写。"
                            "如原文或上年报表有这些数，请补在「上年」中或放上上年数据文件。", {"未知的上年数": "、".join(missing)})


@rule("JS-YOY-002", "警告", "单位名称与上年数据文件一致（否则为单位名称变更）",
      en="the unit's name matches last year's data file (otherwise the unit was renamed)")
def unit_renamed(ctx: CheckContext):
    if ctx.prior is not None and ctx.prior.data.unit.name != ctx.data.unit.name:
        old, new = ctx.prior.data.unit.name, ctx.data.unit.name
        yield Hit(
            ("单位", "名称"),
            f"单位名称变更：上年数据文件为「{old}」，本年为「{new}」。如确为机构改革更名，宜在部门概况中说明；"
            "否则请改正名称。",
            {"上年名称": old, "本年名称": new},
        )


@rule("JS-YOY-003", "警告", "所用科目的名称在本年与上年目录中相同（否则提示科目名称变化）",
      en="the codes used have the same names in this year's and last year's catalogs")
def catalog_renamed(ctx: CheckContext):
    if ctx.prior is None:
        return
    pairs = (
        (ctx.functional, ctx.prior_functional, functional_rows(ctx)),
        (ctx.economic, ctx.prior_economic, economic_rows(ctx)),
    )
    for now, before, rows in pairs:
        if before is None:
            continue
        seen = set()
        for source, code, _ in rows:
            new, old = now.get(code), before.get(code)
            if new and old and code not in seen and not same_name(new.name, old.name):
                seen.add(code)
                yield Hit(
                    (),
                    f"科目 {code} 在 {now.label}中名为「{new.name}」，"
                    f"在 {before.label}中为「{old.name}」。"
                    "与上年对比时请注意口径变化（文档按本年目录印名称）。",
                    {"编码": code, "本年名称": new.name, "上年名称": old.name},
                    source=source,
                )


@rule("JS-YOY-004", "错误", "须有上年数据：上年数据文件或「上年」一节",
      en="last year's data is needed: last year's data file or a 上年 block")
def prior_missing(ctx: CheckContext):
    if ctx.prior is None and ctx.prior_problem is None and ctx.prior_block is None:
        yield Hit(
            ("上年",),
            f"缺少上年数据，文档无法写出与 {ctx.data.year - 1} 年度的比较：请把 {ctx.data.year - 1} 年度的数据文件放在"
            f" {ctx.prior_path} ，或在本文件中填写「上年」一节。",
            {"上年": ctx.data.year - 1},
        )


@rule("JS-YOY-005", "错误", "上年数据文件须可读且有效",
      en="last year's data file must be readable and valid")
def prior_unusable(ctx: CheckContext):
    if ctx.prior_problem is not None:
        yield Hit(
            ("上年",),
            f"上年数据文件 {ctx.prior_path} 无法使用，文档将缺少上年比较数：{ctx.prior_problem}",
            {"上年数据文件": ctx.prior_path},
        )
