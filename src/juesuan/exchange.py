"""The 公开表 in and out of Excel: `juesuan import`, `juesuan export`, `juesuan template` as library calls.

* `import_workbook`: a 决算 workbook → the `公开表` section of a data file. Into an existing file, only that
  section is replaced (the narrative and its comments stay byte for byte, and a `决算报表` line naming a
  workbook goes, since the tables are now inline); a new file gets the section and the narrative's keys
  to fill in.
* `export_workbook`: a data file's tables (inline or from its workbook) → an .xlsx in the official layout.
  Importing that workbook gives the same `公开表` text, and both build the same document.
* `template_workbook`: a blank fill-in workbook in the official layout, last year's codes listed when given,
  totals and subtotals as formulas.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Sequence

from .errors import DataError, Problem
from .facts.catalog import load_catalog
from .inputs import Options, class_codes, load
from .load.yaml_reader import read_yaml
from .tables.forms import BY_ID, EXPENSE_KINDS, SETS, SICHUAN, TOTAL, Form
from .tables.model import PanelData, Row, Source, Table, TableSet
from .validate.workbook_tables import tables_from_workbook
from .write.atomic import write_atomic
from .write.workbook_writer import workbook_bytes
from .write.yaml_tables import scalar, tables_yaml


@dataclass
class ImportResult:
    text: str                              # the data file's new text
    tables: TableSet
    notices: list[str] = field(default_factory=list)
    target: Path | None = None


def import_workbook(workbook: Path, target: Path | None = None, year: int | None = None,
                    unit: str | None = None, options: Options = Options()) -> ImportResult:
    """Read `workbook` and write its tables into `target` (None: only return the text)."""
    guess = year or _year_of(target)
    imported = tables_from_workbook(Path(workbook), class_codes(guess or 9999, options), unit)
    year = guess or imported.year
    section = "公开表:\n" + tables_yaml(imported.tables, indent=2)
    if target is not None and Path(target).is_file():
        text = _replace_section(Path(target), section)
    else:
        text = _new_file(imported.tables, section, year, Path(workbook).name)
    if target is not None:
        write_atomic(Path(target), text.encode("utf-8"))
    return ImportResult(text, imported.tables, imported.notices, Path(target) if target else None)


def _year_of(target: Path | None) -> int | None:
    stem = Path(target).stem if target is not None else ""
    return int(stem) if re.fullmatch(r"20\d\d", stem) else None


def _replace_section(target: Path, section: str) -> str:
    """The file's text with its top-level 公开表 replaced (or added) and a 决算报表 line removed."""
    raw = read_yaml(target)
    lines = target.read_text(encoding="utf-8").split("\n")
    tops = sorted((line - 1, path[0]) for path, (line, _) in raw.source.positions.items()
                  if len(path) == 1 and isinstance(path[0], str))

    def span(key: str) -> tuple[int, int] | None:
        for i, (start, name) in enumerate(tops):
            if name == key:
                end = tops[i + 1][0] if i + 1 < len(tops) else len(lines)
                while end > start + 1 and (not lines[end - 1].strip() or lines[end - 1].lstrip().startswith("#")):
                    end -= 1
                return start, end
        return None

    body = section.rstrip("\n").split("\n")
    existing = span("公开表")
    if existing is None:
        after = max((found[1] for key in ("年度", "金额单位") if (found := span(key))), default=0)
        existing, body = (after, after), ["", *body]
    edits = [(existing, body)]
    workbook = span("决算报表")
    if workbook is not None:
        edits.append((workbook, []))
    for (start, end), new in sorted(edits, key=lambda e: (-e[0][0], -e[0][1])):   # bottom-up: positions stay valid
        lines[start:end] = new
    return "\n".join(lines)


def _new_file(tables: TableSet, section: str, year: int | None, source: str) -> str:
    return new_data_file(tables.unit_name or "", year, f"公开表由 juesuan import 从 {source} 导入", section)


def new_data_file(name: str, year: int | None, origin: str, tables: str) -> str:
    """A unit-year's first data file: the unit's name and the year, the blocks `check` asks for first, and
    `tables` (the inline 公开表 section, or the 决算报表 line naming its workbook)."""
    return "\n".join([
        f"# {name}{year or ''}年度部门决算数据。{origin}；",
        "# 请补全单位情况、变动原因等叙述部分（juesuan check 会逐项提示缺什么）。",
        f"年度: {year or ''}",
        "金额单位: 万元",
        "",
        "单位:",
        f"  名称: {scalar(name) if name else ''}",
        "  地区: ",
        "  单位性质:            # 行政单位、参照公务员法管理的事业单位 或 事业单位",
        "  部门职责: []",
        "  机构设置: {}",
        "",
        "变动原因: {}          # 如 公务接待费: 接待批次减少。",
        "",
        tables.rstrip("\n"),
        "",
    ])


def export_workbook(data: Path, target: Path, options: Options = Options()) -> Path:
    """Write the tables of the data file `data` to `target` (.xlsx) in the official layout."""
    loaded = load(data, options)
    write_atomic(Path(target), workbook_bytes(list(loaded.tables), loaded.tables.unit_name or loaded.data.unit.name))
    return Path(target)


def template_workbook(target: Path, like: Path | None = None, forms: Sequence[str] = SICHUAN, unit: str = "万元",
                      options: Options = Options()) -> Path:
    """A blank fill-in workbook of `forms`; with `like` (last year's data file), its codes are listed."""
    unknown = [f for f in forms if f not in BY_ID]
    if unknown:
        raise DataError([Problem(Path(target), None, None, "", f"不认识的公开表：{'、'.join(unknown)}",
                                 f"unknown tables: {unknown}")])
    previous = load(like, options) if like is not None else None
    year = previous.data.year + 1 if previous is not None else 9999
    classes = [e for e in load_catalog("功能分类", year, options.catalog_path()) if len(e.code) == 3]
    tables = []
    for form_id in forms:
        old = previous.tables.tables.get(form_id) if previous is not None else None
        tables.append(_blank(BY_ID[form_id], old, classes, unit))
    name = previous.data.unit.name if previous is not None else ""
    write_atomic(Path(target), workbook_bytes(tables, name, template=True))
    return Path(target)


#: The columns a blank form shows where a form has variants (others show all their columns).
STANDARD_COLUMNS: dict[tuple[str, str], tuple[str, ...]] = {
    ("财政拨款收入支出决算总表", "收入"): ("决算数",),
    ("一般公共预算财政拨款支出决算表", ""): ("本年支出合计", "基本支出", "项目支出"),
    ("财政拨款支出决算明细表", ""): ("合计", "一般公共预算财政拨款", "一般公共预算财政拨款·基本支出",
                                     "一般公共预算财政拨款·项目支出", "政府性基金预算财政拨款", "国有资本经营预算财政拨款"),
    ("一般公共预算财政拨款基本支出决算表", ""): ("决算数",),
    ("财政拨款“三公”经费支出决算表", ""): tuple(c.key for c in BY_ID["财政拨款“三公”经费支出决算表"].panels[0].columns
                                               if not c.key.startswith("年初预算数")),
}


def _blank(form: Form, old: Table | None, classes, unit: str) -> Table:
    source = Source("template")
    panels = {}
    for panel in form.panels:
        before = old.panel(panel.name) if old is not None else PanelData([])
        standard = STANDARD_COLUMNS.get((form.id, panel.name), tuple(c.key for c in panel.columns))
        columns = [c.key for c in panel.columns if c.key in before.columns] or list(standard)
        rows: list[Row] = []
        if panel.rows == "coded":
            rows.append(Row(TOTAL, TOTAL, {}, source))
            rows += [Row(r.key, r.name, {}, source) for r in before.coded()]
        if panel.classes_by_name:
            rows += [Row(r.key, r.name, {}, source) for r in before.coded()] or [
                Row(e.code, e.name, {}, source) for e in classes]
        rows += [Row(f.key, f.key, {}, source) for f in panel.fixed
                 if f.key not in (TOTAL, "总计") or panel.rows == "fixed"
                 if not (panel.classes_by_name and f.key in EXPENSE_KINDS)]
        panels[panel.name] = PanelData(columns, rows)
    return Table(form, panels, unit, source, form.numbers[0])


__all__ = ["ImportResult", "SETS", "export_workbook", "import_workbook", "template_workbook"]
