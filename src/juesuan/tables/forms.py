"""The official 公开表 forms: what each table is called, which columns and fixed rows it has, what adds up.

Both the national set (公开01–09表) and Sichuan's thirteen are registered; a workbook may hold any of them,
under any sheet name and in any order. A form is found by its title (`titles`), its columns by their header
labels (`Column.labels`, under an optional parent label `Column.group`), its fixed rows by their labels
(`FixedRow.aliases`). Everything is compared through `labels.norm`, so numbering, spaces and full-width
characters do not matter.

Keys are the names the rest of the program uses: a column key such as ``本年支出合计``, a fixed row key such
as ``本年收入合计``. A coded row (功能分类 or 经济分类) is keyed by its code.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from .labels import norm, title_key

TOTAL = "合计"
Rows = Literal["coded", "fixed"]


@dataclass(frozen=True)
class Column:
    """A column and the header label paths that name it (top → leaf; a path's parents may sit anywhere above)."""

    key: str
    paths: tuple[tuple[str, ...], ...]
    printed: tuple[str, ...] = ()       # the header path printed for it (top → leaf); default: the key

    @property
    def header(self) -> tuple[str, ...]:
        return self.printed or (self.key,)

    def matches(self, header: tuple[str, ...]) -> int:
        """How specifically a header path (normalized, top → leaf) names this column: 0 not at all."""
        if not header:
            return 0
        best = 0
        for path in self.paths:
            if path[-1] == header[-1] and all(p in header[:-1] for p in path[:-1]):
                best = max(best, 2 * len(path) + (path == header))
        return best


def col(key: str, *labels: str, group: tuple[str, ...] = (), paths: tuple[tuple[str, ...], ...] = (),
        printed: tuple[str, ...] = ()) -> Column:
    """A column named by its key's last part or any of `labels`, under any of `group` when given."""
    leaves = [norm(key.split("·")[-1]), *(norm(label) for label in labels)]
    made = [(norm(g), leaf) for g in group for leaf in leaves] if group else [(leaf,) for leaf in leaves]
    made += [tuple(norm(x) for x in path) for path in paths]
    return Column(key, tuple(dict.fromkeys(made)), printed)


@dataclass(frozen=True)
class FixedRow:
    key: str
    aliases: tuple[str, ...] = ()
    after: str | None = None            # only right after this row (年初结转和结余's three sub-rows)

    def names(self) -> set[str]:
        return {norm(self.key.split("·")[-1]), *(norm(a) for a in self.aliases)}


#: Row-sum parts that stand for groups of coded rows rather than one fixed row.
TOP = "各科目"                  # every top-level coded row (类, or 款/项 whose parent is not listed)
TOP_PERSONNEL = "人员经费科目"   # top-level 经济分类 rows of 301 and 303
TOP_PUBLIC = "公用经费科目"      # the other top-level 经济分类 rows


@dataclass(frozen=True)
class RowSum:
    """A row that adds up other rows, column by column: `total` = Σ `parts` (row keys or a TOP… group)."""

    total: str
    parts: tuple[str, ...]


@dataclass(frozen=True)
class Panel:
    name: str                           # "" for a one-sided table, else 收入 / 支出
    rows: Rows
    columns: tuple[Column, ...]
    fixed: tuple[FixedRow, ...] = ()    # fixed rows (all rows of a fixed panel; totals of a coded one)
    classes_by_name: bool = False       # a fixed panel that also lists 功能分类 类 by name (the 总表s)
    classification: Literal["功能分类", "经济分类", "任意"] = "功能分类"
    row_sums: tuple[RowSum, ...] = ()

    def column(self, key: str) -> Column:
        return next(c for c in self.columns if c.key == key)

    def sums_of_rows(self) -> tuple[RowSum, ...]:
        """Its row identities; a coded panel's 合计 is the sum of its top-level rows unless said otherwise."""
        if self.rows == "coded" and not any(r.total == TOTAL for r in self.row_sums):
            return (*self.row_sums, RowSum(TOTAL, (TOP,)))
        return self.row_sums


@dataclass(frozen=True)
class Sum:
    """An in-row identity: `total` = Σ `parts` (each column present in the table)."""

    total: str
    parts: tuple[str, ...]


@dataclass(frozen=True)
class Form:
    id: str                             # the canonical title, as printed
    numbers: tuple[str, ...]            # 表号s it is published under (national, Sichuan)
    panels: tuple[Panel, ...]
    titles: tuple[str, ...] = ()        # other titles it is published under
    sums: tuple[Sum, ...] = ()
    single_row: bool = False            # the 三公 table: one row of figures

    def panel(self, name: str) -> Panel:
        return next(p for p in self.panels if p.name == name)

    def title_keys(self) -> set[str]:
        return {title_key(t) for t in (self.id, *self.titles)}


def _cols(*keys: str | Column) -> tuple[Column, ...]:
    return tuple(k if isinstance(k, Column) else col(k) for k in keys)


_AMOUNT = col("决算数", "金额", "决算金额", "本年数", "本年决算数", "决算", printed=("金额",))
_SUMMARY_INCOME = (
    FixedRow("一般公共预算财政拨款收入", ("一般公共预算财政拨款",)),
    FixedRow("政府性基金预算财政拨款收入", ("政府性基金预算财政拨款",)),
    FixedRow("国有资本经营预算财政拨款收入", ("国有资本经营预算财政拨款",)),
    FixedRow("上级补助收入"),
    FixedRow("事业收入"),
    FixedRow("经营收入", ("事业单位经营收入",)),
    FixedRow("附属单位上缴收入"),
    FixedRow("其他收入"),
    FixedRow("本年收入合计", ("本年收入小计", "收入合计")),
    FixedRow("使用非财政拨款结余", ("使用非财政拨款结余(含专用结余)", "用事业基金弥补收支差额")),
    FixedRow("年初结转和结余", ("上年结转和结余", "年初结转结余")),
    FixedRow("总计", ("收入总计",)),
)
EXPENSE_KINDS = ("基本支出", "项目支出", "上缴上级支出", "经营支出", "对附属单位补助支出")
INCOME_KINDS = ("一般公共预算财政拨款收入", "政府性基金预算财政拨款收入", "国有资本经营预算财政拨款收入", "上级补助收入",
                "事业收入", "经营收入", "附属单位上缴收入", "其他收入")
_SUMMARY_EXPENSE = (
    *(FixedRow(k) for k in EXPENSE_KINDS),
    FixedRow("本年支出合计", ("本年支出小计", "支出合计")),
    FixedRow("结余分配"),
    FixedRow("年末结转和结余", ("年末结转结余",)),
    FixedRow("总计", ("支出总计",)),
)
BUDGETS = ("一般公共预算财政拨款", "政府性基金预算财政拨款", "国有资本经营预算财政拨款")
_BUDGET_COLUMNS = tuple(col(b, b.replace("财政拨款", ""), b + "收入") for b in BUDGETS)
_FISCAL_INCOME = (
    FixedRow(BUDGETS[0], ("一般公共预算财政拨款收入",)),
    FixedRow(BUDGETS[1], ("政府性基金预算财政拨款收入",)),
    FixedRow(BUDGETS[2], ("国有资本经营预算财政拨款收入",)),
    FixedRow("本年收入合计", ("本年收入", "收入合计")),
    FixedRow("年初财政拨款结转和结余", ("年初结转和结余",)),
    *(FixedRow(f"年初财政拨款结转和结余·{b}", (b.replace("财政拨款", ""),), after="年初财政拨款结转和结余")
      for b in BUDGETS),
    FixedRow("总计", ("收入总计",)),
)
_FISCAL_EXPENSE = (
    FixedRow("本年支出合计", ("本年支出", "支出合计")),
    FixedRow("年末财政拨款结转和结余", ("年末结转和结余",)),
    FixedRow("总计", ("支出总计",)),
)
_SPENT = col("本年支出合计", "本年支出", "小计", "合计", "决算数", "本年支出小计", printed=("本年支出", "小计"))
_SPENT_BASIC = col("基本支出", printed=("本年支出", "基本支出"))
_SPENT_PROJECT = col("项目支出", printed=("本年支出", "项目支出"))
_CARRY = (col("年初结转和结余", "年初财政拨款结转和结余", "上年结转和结余"),
          col("本年收入", "本年收入合计"),
          _SPENT, _SPENT_BASIC, _SPENT_PROJECT,
          col("年末结转和结余", "年末财政拨款结转和结余"))
_SPLIT = Sum("本年支出合计", ("基本支出", "项目支出"))
_TOTAL_ROW = (FixedRow(TOTAL, ("总计", "合计数")),)

# The 三公 table's figures, one column each, under 预算数 and 决算数 (and 年初预算数 where printed).
THREE_PUBLIC_ITEMS = ("合计", "因公出国（境）费", "公务用车购置及运行费", "公务用车购置费", "公务用车运行费", "公务接待费")
THREE_PUBLIC_GROUPS = ("年初预算数", "预算数", "决算数")
_ITEM_ALIASES = {
    "合计": (),
    "因公出国（境）费": ("因公出国(境)费用", "因公出国(境)经费"),
    "公务用车购置及运行费": ("公务用车购置及运行维护费",),
    "公务用车购置费": ("购置费", "公务用车购置"),
    "公务用车运行费": ("公务用车运行维护费", "运行费", "运行维护费", "公务用车运行"),
    "公务接待费": (),
}
_GROUP_ALIASES = {"年初预算数": ("年初预算",), "预算数": ("全年预算数", "全年预算", "调整预算数", "预算"),
                  "决算数": ("决算", "实际支出数", "支出决算数")}


def three_public_group(label: str) -> str | None:
    """Which figure group (年初预算数 / 预算数 / 决算数) a normalized header label names."""
    return next((g for g in THREE_PUBLIC_GROUPS if label in {norm(x) for x in (g, *_GROUP_ALIASES[g])}), None)


def three_public_item(label: str) -> str | None:
    """Which 三公 item a normalized row label names (the transposed layout lists items as rows)."""
    return next((i for i in THREE_PUBLIC_ITEMS if label in {norm(x) for x in (i, *_ITEM_ALIASES[i])}), None)


def _three_public_columns() -> tuple[Column, ...]:
    columns = []
    for group in THREE_PUBLIC_GROUPS:
        groups = (group, *_GROUP_ALIASES[group])
        cars = tuple((g, "公务用车购置及运行费", "小计") for g in groups)
        columns.append(col(f"{group}·合计", group=groups, printed=(group, "合计")))
        for item in THREE_PUBLIC_ITEMS[1:]:
            extra = cars if item == "公务用车购置及运行费" else ()
            printed = {"公务用车购置及运行费": (group, "公务用车购置及运行费", "小计"),
                       "公务用车购置费": (group, "公务用车购置及运行费", "公务用车购置费"),
                       "公务用车运行费": (group, "公务用车购置及运行费", "公务用车运行费")}.get(item, (group, item))
            columns.append(col(f"{group}·{item}", *_ITEM_ALIASES[item], group=groups, paths=extra, printed=printed))
    return tuple(columns)


def _three_public_sums() -> tuple[Sum, ...]:
    sums = []
    for group in THREE_PUBLIC_GROUPS:
        g = f"{group}·"
        sums.append(Sum(g + "合计", (g + "因公出国（境）费", g + "公务用车购置及运行费", g + "公务接待费")))
        sums.append(Sum(g + "公务用车购置及运行费", (g + "公务用车购置费", g + "公务用车运行费")))
    return tuple(sums)


_GENERAL = (BUDGETS[0], "一般公共预算")
FORMS: tuple[Form, ...] = (
    Form("收入支出决算总表", ("公开01表", "附表1"),
         (Panel("收入", "fixed", (_AMOUNT,), _SUMMARY_INCOME,
                row_sums=(RowSum("本年收入合计", INCOME_KINDS),
                          RowSum("总计", ("本年收入合计", "使用非财政拨款结余", "年初结转和结余")))),
          Panel("支出", "fixed", (_AMOUNT,), _SUMMARY_EXPENSE, classes_by_name=True,
                row_sums=(RowSum("本年支出合计", (TOP,)), RowSum("本年支出合计", EXPENSE_KINDS),
                          RowSum("总计", ("本年支出合计", "结余分配", "年末结转和结余"))))),
         titles=("部门收支决算总表", "收支决算总表")),
    Form("收入决算表", ("公开02表", "附表2"),
         (Panel("", "coded", _cols(col("本年收入合计", "合计"), "财政拨款收入", "上级补助收入", "事业收入",
                                   col("经营收入", "事业单位经营收入"), "附属单位上缴收入", "其他收入"),
                _TOTAL_ROW),),
         titles=("部门收入决算表", "收入决算总表"),
         sums=(Sum("本年收入合计", ("财政拨款收入", "上级补助收入", "事业收入", "经营收入", "附属单位上缴收入",
                                   "其他收入")),)),
    Form("支出决算表", ("公开03表", "附表3"),
         (Panel("", "coded", _cols(col("本年支出合计", "合计"), *EXPENSE_KINDS), _TOTAL_ROW),),
         titles=("部门支出决算表", "支出决算总表"),
         sums=(Sum("本年支出合计", EXPENSE_KINDS),)),
    Form("财政拨款收入支出决算总表", ("公开04表", "附表4"),
         (Panel("收入", "fixed", (_AMOUNT, col("合计", "小计"), *_BUDGET_COLUMNS), _FISCAL_INCOME,
                row_sums=(RowSum("本年收入合计", BUDGETS),
                          RowSum("年初财政拨款结转和结余", tuple(f"年初财政拨款结转和结余·{b}" for b in BUDGETS)),
                          RowSum("总计", ("本年收入合计", "年初财政拨款结转和结余")))),
          Panel("支出", "fixed", (col("合计", "小计", "支出合计"), *_BUDGET_COLUMNS), _FISCAL_EXPENSE,
                classes_by_name=True,
                row_sums=(RowSum("本年支出合计", (TOP,)),
                          RowSum("总计", ("本年支出合计", "年末财政拨款结转和结余"))))),
         titles=("财政拨款收支决算总表",),
         sums=(Sum("合计", BUDGETS),)),
    Form("财政拨款支出决算明细表", ("公开05表", "附表5"),
         (Panel("", "coded", (
             col("合计", "财政拨款合计", "决算数合计"),
             col(BUDGETS[0], "一般公共预算", paths=tuple((g, "小计") for g in _GENERAL),
                 printed=(BUDGETS[0], "小计")),
             col(f"{BUDGETS[0]}·基本支出", group=_GENERAL, printed=(BUDGETS[0], "基本支出")),
             col(f"{BUDGETS[0]}·项目支出", group=_GENERAL, printed=(BUDGETS[0], "项目支出")),
             *_BUDGET_COLUMNS[1:], col("基本支出"), col("项目支出")), _TOTAL_ROW, classification="任意"),),
         sums=(Sum("合计", BUDGETS), Sum(BUDGETS[0], (f"{BUDGETS[0]}·基本支出", f"{BUDGETS[0]}·项目支出")),
               Sum("合计", ("基本支出", "项目支出")))),
    Form("一般公共预算财政拨款支出决算表", ("公开05表", "附表6"),
         (Panel("", "coded", (col("年初预算数", "年初预算"),
                              col("全年预算数", "全年预算", "调整预算数", "调整后预算数", "预算数"),
                              *_CARRY), _TOTAL_ROW),),
         titles=("一般公共预算财政拨款收入支出决算表", "一般公共预算支出决算表"),
         sums=(_SPLIT,)),
    Form("一般公共预算财政拨款支出决算明细表", ("公开07表", "附表7"),
         (Panel("", "coded", _cols(col("合计", "决算数合计", "本年支出合计"), "基本支出", "项目支出"),
                _TOTAL_ROW, classification="经济分类"),),
         titles=("一般公共预算财政拨款支出决算明细表(按经济分类)",),
         sums=(Sum("合计", ("基本支出", "项目支出")),)),
    Form("一般公共预算财政拨款基本支出决算表", ("公开06表", "附表8"),
         (Panel("", "coded", _cols(col("决算数", "金额", "本年支出", "合计", "决算"), "人员经费", "公用经费"),
                (FixedRow("人员经费合计"), FixedRow("公用经费合计"), *_TOTAL_ROW),
                classification="经济分类",
                row_sums=(RowSum("人员经费合计", (TOP_PERSONNEL,)), RowSum("公用经费合计", (TOP_PUBLIC,)),
                          RowSum(TOTAL, ("人员经费合计", "公用经费合计")), RowSum(TOTAL, (TOP,)))),),
         titles=("一般公共预算财政拨款基本支出决算明细表", "一般公共预算基本支出决算表"),
         sums=(Sum("决算数", ("人员经费", "公用经费")),)),
    Form("一般公共预算财政拨款项目支出决算表", ("公开09表", "附表9"),
         (Panel("", "coded", (col("本年支出合计", "本年支出", "合计", "决算数", "项目支出", "小计"),),
                _TOTAL_ROW, classification="任意"),),
         titles=("一般公共预算财政拨款项目支出决算明细表",)),
    Form("政府性基金预算财政拨款收入支出决算表", ("公开08表", "附表10"),
         (Panel("", "coded", _CARRY, _TOTAL_ROW),),
         titles=("政府性基金预算财政拨款支出决算表",),
         sums=(_SPLIT,)),
    Form("国有资本经营预算财政拨款收入支出决算表", ("附表11",),
         (Panel("", "coded", _CARRY, _TOTAL_ROW),),
         sums=(_SPLIT,)),
    Form("国有资本经营预算财政拨款支出决算表", ("公开09表", "附表12"),
         (Panel("", "coded", (_SPENT, _SPENT_BASIC, _SPENT_PROJECT), _TOTAL_ROW),),
         sums=(_SPLIT,)),
    Form("财政拨款“三公”经费支出决算表", ("公开07表", "附表13"),
         (Panel("", "fixed", _three_public_columns(), (FixedRow("“三公”经费", ("三公经费",)),)),),
         titles=("一般公共预算财政拨款“三公”经费支出决算表", "“三公”经费支出决算表",
                 "一般公共预算财政拨款“三公”经费及会议费、培训费支出决算表"),
         sums=_three_public_sums(), single_row=True),
)

BY_ID: dict[str, Form] = {f.id: f for f in FORMS}

#: The thirteen tables of the Sichuan layout, in print order (the bundled layout's default).
SICHUAN = tuple(f.id for f in FORMS)
#: The national set 公开01–09表.
NATIONAL = ("收入支出决算总表", "收入决算表", "支出决算表", "财政拨款收入支出决算总表", "一般公共预算财政拨款支出决算表",
            "一般公共预算财政拨款基本支出决算表", "财政拨款“三公”经费支出决算表", "政府性基金预算财政拨款收入支出决算表",
            "国有资本经营预算财政拨款支出决算表")
SETS = {"四川": SICHUAN, "全国": NATIONAL}    # the table sets a blank workbook can be made of


def form_for_title(text: object) -> Form | None:
    """The form a sheet's title names: the longest registered title the text ends with or equals."""
    key = title_key(text)
    if not key:
        return None
    best: tuple[int, Form] | None = None
    for form in FORMS:
        for title in form.title_keys():
            if key == title or (key.endswith(title) and len(key) - len(title) <= 40):
                if best is None or len(title) > best[0]:
                    best = (len(title), form)
    return best[1] if best else None


@dataclass(frozen=True)
class Classified:
    """What a code means for the identities: its level and the parent code it adds up into."""

    code: str
    level: int                          # 1 类, 2 款, 3 项
    parent: str | None
    kind: Literal["功能分类", "经济分类"]


def classify(code: str) -> Classified | None:
    """功能分类 codes have 3/5/7 digits and start with 2; 经济分类 codes have 3/5 digits and start with 3 or 5."""
    if not code.isdigit():
        return None
    if code[0] == "2" and len(code) in (3, 5, 7):
        level = {3: 1, 5: 2, 7: 3}[len(code)]
        return Classified(code, level, code[:-2] if level > 1 else None, "功能分类")
    if code[0] in "35" and len(code) in (3, 5):
        level = {3: 1, 5: 2}[len(code)]
        return Classified(code, level, code[:3] if level == 2 else None, "经济分类")
    return None


#: 经济分类 类 whose 基本支出 is 人员经费; the rest is 公用经费.
PERSONNEL_CLASSES = ("301", "303")


#: The only figures of the forms that may be below zero: a unit's 结余分配, and 结转和结余 after a deficit.
SIGNED_WORDS = ("结余分配", "结转和结余")


def may_be_negative(*labels: str) -> bool:
    """Whether a figure named by these labels (row, column, figure name) can be negative."""
    return any(word in label for label in labels for word in SIGNED_WORDS)


def personnel(code: str) -> bool:
    return code[:3] in PERSONNEL_CLASSES


