"""A large unit-year for timing only: SYNTHETIC data, never a real disclosure, never written into data/.

    from bench_data import write_large_unit
    path = write_large_unit(Path(tmp), projects=34, annexes=21)     # → tmp/large-unit/2024.yaml

Issue 11 asks how long a ~315-page document takes. No real unit that size is in data/, so one is made from
the 绵竹 sample (data/mianzhu-yibao/2024.yaml): its 公开表 are read from the workbook and written inline,
more 功能分类 项 are added, and its 绩效评价 annex is repeated. The data stays *valid* — `juesuan check`
finds no 错误 — so the build times the same work as for a real unit:

* Every added 项 is a real code of data/catalog/功能分类/<year>.yaml with its catalog name (none invented).
  That catalog is an extract, so `projects` is capped at the 项 it holds (34 for 2024).
* The money of an added 项 is moved out of 2101599 其他医疗保障管理事务支出 (general-budget 项目支出), in
  every table that lists 项 (公开02/03/05) and at 类 level in 公开01/04; each 款 and 类 above gets the
  same change. So every total, every 基本支出 figure and every amount the annex text quotes stays as it was,
  and each 类/款 still adds up (the sample's own 0.01 rounding differences are left as they are).
* The annexes are the sample's report, copied with distinct titles.
"""

from __future__ import annotations

import copy
import io
from decimal import Decimal
from pathlib import Path

from ruamel.yaml import YAML

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "data" / "mianzhu-yibao" / "2024.yaml"
DONOR = "2101599"                     # 其他医疗保障管理事务支出: general-budget project money to share out
DONOR_KEEP = Decimal("20.00")         # what the donor row keeps
FOLDER = "large-unit"
ITEM_TABLES = ("收入决算表", "支出决算表", "一般公共预算财政拨款支出决算表")
ITEM_COLUMNS = {                      # the columns an added general-budget 项目支出 row fills, per table
    "收入决算表": ("本年收入合计", "财政拨款收入"),
    "支出决算表": ("本年支出合计", "项目支出"),
    "一般公共预算财政拨款支出决算表": ("全年预算数", "本年支出合计", "项目支出"),
}
CLASS_COLUMNS = {                     # the tables that list only 类, with the columns that change
    "收入支出决算总表": ("支出", ("决算数",)),
    "财政拨款收入支出决算总表": ("支出", ("合计", "一般公共预算财政拨款")),
}
DIGITS = "〇一二三四五六七八九"


def catalog_items(year: int = 2024, root: Path = ROOT) -> dict[str, str]:
    """Every code of the bundled 功能分类 catalog of `year` → its name (类, 款 and 项)."""
    yaml = YAML(typ="safe", pure=True)
    entries = yaml.load((root / "data" / "catalog" / "功能分类" / f"{year}.yaml").read_text(encoding="utf-8"))
    return {str(e["编码"]): str(e["名称"]) for e in entries["科目"]}


def chinese_number(n: int) -> str:
    """1 → 一, 12 → 十二, 21 → 二十一 (titles without Arabic digits, which the checks would read as amounts)."""
    if n < 10:
        return DIGITS[n]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else DIGITS[tens]) + "十" + (DIGITS[ones] if ones else "")


def write_large_unit(folder: Path, projects: int = 34, annexes: int = 21, sample: Path = SAMPLE) -> Path:
    """Write the synthetic unit into `folder`/large-unit/2024.yaml and return that path.

    `projects`: distinct 功能分类 项 in the expenditure tables (at least the sample's 16, at most the catalog's);
    `annexes`: 绩效评价 annexes (copies of the sample's one)."""
    from juesuan.exchange import import_workbook
    from juesuan.write.yaml_tables import tables_yaml

    yaml = YAML()                                   # round trip: the sample's comments and layout stay
    yaml.width = 4096
    data = yaml.load(sample.read_text(encoding="utf-8"))
    year = int(data["年度"])
    tables = import_workbook(sample.parent / str(data.pop("决算报表"))).tables
    added = _add_items(tables, projects, catalog_items(year))
    data["附件"] = _annexes(data["附件"][0], annexes)
    data.yaml_set_start_comment(
        "合成数据，仅供计时（tools/bench_data.py 生成）：SYNTHETIC data for tools/benchmark.py, not a real unit.\n"
        f"由 {sample.relative_to(ROOT)} 改写：增加 {len(added)} 个功能分类项、{annexes} 个附件。")
    text = io.StringIO()
    yaml.dump(data, text)
    lines = text.getvalue().split("\n")
    at = next(i for i, line in enumerate(lines) if line.startswith("金额单位:")) + 1
    lines[at:at] = ["", "公开表:", *tables_yaml(tables, indent=2).rstrip("\n").split("\n")]
    target = Path(folder) / FOLDER / f"{year}.yaml"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text("\n".join(lines), encoding="utf-8")
    return target


def item_codes(path: Path) -> dict[str, str]:
    """The 项 (7-digit codes) a data file's expenditure tables list → the names written beside them."""
    from juesuan.build import compute
    loaded, _ = compute(Path(path))
    found = {}
    for table in loaded.tables:
        for panel in table.panels.values():
            for row in panel.rows:
                if row.code and len(row.code) == 7:
                    found[row.code] = row.name
    return found


def _add_items(tables, projects: int, catalog: dict[str, str]) -> list[str]:
    """Add catalog 项 to the 项-level tables until `projects` are listed, paid for by the donor row."""
    from juesuan.tables.model import PanelData, Row, Source

    listed = {row.code for row in tables.get("支出决算表").panel().rows if row.code and len(row.code) == 7}
    candidates = [code for code in sorted(catalog) if len(code) == 7 and code not in listed
                  and code[:5] in catalog and code[:3] in catalog]
    new = candidates[:max(0, projects - len(listed))]
    pool = tables.value("支出决算表", DONOR, "项目支出") - DONOR_KEEP
    cents = int(pool * 100)
    # uneven but fixed shares (weights 1..5), so the charts and tables are not all one figure
    weights = [1 + (i * 7) % 5 for i in range(len(new))]
    amounts = [Decimal(cents * w // sum(weights)) / 100 for w in weights] if new else []
    if amounts:
        amounts[0] += Decimal(cents) / 100 - sum(amounts)
    source = Source("synthetic (tools/bench_data.py)")

    def change(panel: PanelData, code: str, columns, amount: Decimal) -> list[Row]:
        """Add `amount` to `columns` of `code`'s row, making the row (zeros, catalog name) when missing."""
        rows = {row.key: row for row in panel.rows}
        row = rows.get(code)
        if row is None:
            row = Row(code, catalog[code], {c: Decimal("0") for c in panel.columns}, source)
            panel.rows.append(row)
        for column in columns:
            row.values[column] = row.values.get(column, Decimal(0)) + amount
        return panel.rows

    for name, columns in ITEM_COLUMNS.items():
        panel = tables.get(name).panel()
        for code, amount in zip(new, amounts):
            for level in (code, code[:5], code[:3]):
                change(panel, level, columns, amount)
            for level in (DONOR, DONOR[:5], DONOR[:3]):
                change(panel, level, columns, -amount)
        _reorder(tables.get(name), "")
    for name, (panel_name, columns) in CLASS_COLUMNS.items():
        panel = tables.get(name).panel(panel_name)
        for code, amount in zip(new, amounts):
            change(panel, code[:3], columns, amount)
            change(panel, DONOR[:3], columns, -amount)
        _reorder(tables.get(name), panel_name)
    return new


def _reorder(table, panel_name: str) -> None:
    """Coded rows in code order (类, its 款, their 项 …) where the coded rows were; other rows stay put."""
    from juesuan.tables.model import PanelData

    panel = table.panel(panel_name)
    coded = sorted((row for row in panel.rows if row.code), key=lambda row: row.key)
    first = next(i for i, row in enumerate(panel.rows) if row.code)
    others = [row for row in panel.rows if not row.code]
    head = [row for row in others if panel.rows.index(row) < first]
    tail = [row for row in others if panel.rows.index(row) > first]
    table.panels[panel_name] = PanelData(panel.columns, head + coded + tail)


def _annexes(annex, count: int) -> list:
    """`count` copies of the sample's annex; each title says which copy it is."""
    title = str(annex["标题"])
    copies = []
    for i in range(1, count + 1):
        one = copy.deepcopy(annex)
        if i > 1:
            one["标题"] = f"{title}（第{chinese_number(i)}份）"
        copies.append(one)
    return copies
