"""What a build or a check reads for one unit-year: the narrative, its 公开表, and last year's figures.

The 公开表 come from the inline `公开表` section, or the workbook the file names in `决算报表`, or a workbook
beside it with the same name (2024.yaml → 2024.xlsx / 2024.xls). Problems in the narrative, the tables and
the 上年 block are reported together, each with its file:line or workbook!sheet!cell.

Kept apart from build.py so `juesuan check` reads inputs exactly as `juesuan build` does.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Sequence

from .errors import DataError, Problem
from .facts.catalog import bundled_catalog_dir, load_catalog
from .facts.report import year_figures
from .layout import Layout, LayoutError, bundled, county_layout, find_layout
from .load.workbook import read_workbook
from .load.yaml_reader import RawDocument, read_yaml
from .tables.figures import Figures
from .tables.labels import norm
from .tables.model import TableSet
from .validate import validate
from .validate.annex_model import EvaluationTable
from .validate.evaluation_sheets import evaluations_from_sheets, resolve_references
from .validate.model import YearData
from .validate.prior import prior_figures
from .validate.tables_yaml import tables_from_yaml
from .validate.workbook_tables import tables_from_workbook

WORKBOOK_SUFFIXES = (".xlsx", ".xls")


@dataclass
class Options:
    """What a county or a script may choose; every field has the default an officer needs.

    `layout` is a bundled layout's name or a layout folder; without it, the 版式 of the ``--config`` file,
    else the default layout. ``--templates`` and ``--catalog`` folders come before the layout's own."""

    template_dirs: Sequence[Path] = ()
    catalog_dirs: Sequence[Path] = ()
    config: Path | None = None
    layout: str | Path | None = None

    def chosen_layout(self) -> Layout:
        return find_layout(self.layout or county_layout(self.config))

    def template_path(self) -> list[Path]:
        """Where templates and the stylesheet are looked up, first match wins."""
        return [Path(d) for d in self.template_dirs] + list(self.chosen_layout().folders)

    def catalog_path(self) -> list[Path]:
        return ([Path(d) for d in self.catalog_dirs] + self.chosen_layout().catalog_dirs()
                + [bundled_catalog_dir()])


@dataclass
class Loaded:
    path: Path
    raw: RawDocument
    data: YearData
    tables: TableSet
    prior_block: Figures | None = None
    notices: list[str] = field(default_factory=list)      # what the workbook import passed over
    workbook: Path | None = None
    options: Options = field(default_factory=Options)    # as given, with the layout the data chooses
    evaluations: list[EvaluationTable] = field(default_factory=list)   # the workbook's 绩效自评表, in 万元


def data_file(path: Path) -> Path:
    """The data file to build: the file itself, or for a workbook the narrative beside it (2024.xlsx → 2024.yaml)."""
    path = Path(path)
    if path.suffix.lower() in WORKBOOK_SUFFIXES:
        return path.with_suffix(".yaml")
    return path


def load(path: Path, options: Options = Options()) -> Loaded:
    """Read and validate one unit-year; DataError lists every problem of the narrative, tables and 上年 at once."""
    path = data_file(path)
    raw = read_yaml(path)
    problems: list[Problem] = []
    try:
        options = with_data_layout(options, raw, path)
    except LayoutError as exc:                # reported with the data's other problems, at its line
        line, column = raw.source.locate(("版式",))
        problems.append(Problem(path, line, column, "版式", str(exc), "unknown layout"))
    data = tables = prior = None
    notices: list[str] = []
    workbook = None
    evaluations: list[EvaluationTable] = []
    try:
        data = validate(raw)
    except DataError as exc:
        problems += exc.problems
    values = raw.data if isinstance(raw.data, dict) else {}
    try:
        tables, notices, workbook, evaluations = _tables(path, raw, values, options)
    except DataError as exc:
        problems += exc.problems
    if data is not None and tables is not None:
        annexes, unresolved = resolve_references(data.annexes, evaluations, data.money_unit, raw.source)
        data = data.model_copy(update={"annexes": annexes})
        problems += unresolved
    if values.get("上年") is not None:
        try:
            prior = prior_figures(values["上年"], raw.source)
        except DataError as exc:
            problems += exc.problems
    if problems:
        problems.sort(key=lambda p: (str(p.file), p.sheet or "", p.line or 0, p.column or 0))
        raise DataError(problems)
    return Loaded(path, raw, data, tables, prior, notices, workbook, options, evaluations)


def with_data_layout(options: Options, raw: RawDocument, path: Path) -> Options:
    """`options` with the layout the data file names in 版式 (a folder relative to the file), unless the
    command line chose one: --layout, then the data's 版式, then the 版式 of --config."""
    chosen = raw.data.get("版式") if isinstance(raw.data, dict) else None
    if options.layout or not isinstance(chosen, str) or not chosen.strip():
        return options
    chosen = chosen.strip()
    folder = Path(os.path.normpath(path.parent / chosen))
    found = replace(options, layout=folder if chosen not in bundled() and folder.is_dir() else chosen)
    found.chosen_layout()                     # LayoutError now, where the data file can be named
    return found


def _tables(path: Path, raw: RawDocument, values: dict,
            options: Options) -> tuple[TableSet, list[str], Path | None, list[EvaluationTable]]:
    """The 公开表 (inline or from the workbook), what the import passed over, the workbook, its 绩效自评表."""
    inline, named = values.get("公开表"), values.get("决算报表")
    if inline is not None and named:
        line, column = raw.source.locate(("决算报表",))
        raise DataError([Problem(path, line, column, "决算报表", "同时写了「决算报表」和「公开表」，公开表只能有一处来源，请删去其一",
                                 "both 决算报表 and 公开表 are given")])
    if inline is not None:
        return tables_from_yaml(inline, raw.source), [], None, []
    workbook = _workbook(path, named)
    if workbook is None:
        raise DataError([Problem(path, 1, 1, "", "缺少公开表：请在「决算报表」中写明决算报表工作簿的文件名（如 2024.xlsx），"
                                                "或把工作簿以同名放在本文件旁，或用 juesuan import 把工作簿导入本文件",
                                 "no 公开表: name the workbook in 决算报表, put it beside the file, or import it")])
    if not workbook.is_file():
        line, column = raw.source.locate(("决算报表",))
        raise DataError([Problem(path, line, column, "决算报表", f"找不到决算报表工作簿 {workbook}",
                                 f"workbook not found: {workbook}")])
    sheets = read_workbook(workbook)
    imported = tables_from_workbook(workbook, class_codes(_year(values), options), sheets=sheets)
    return imported.tables, imported.notices, workbook, evaluations_from_sheets(workbook, sheets)


def _workbook(path: Path, named) -> Path | None:
    """The workbook the data file names in 决算报表, else one with the file's name beside it."""
    return path.parent / str(named) if named else next(
        (path.with_suffix(s) for s in WORKBOOK_SUFFIXES if path.with_suffix(s).is_file()), None)


def tables_source(path: Path) -> str | Path | None:
    """Where `path`'s 公开表 come from: "公开表" (inline), the workbook file (when it exists), or None — the
    officer has yet to bring her workbook. Raises DataError when the file cannot be read at all."""
    values = read_yaml(path).data
    values = values if isinstance(values, dict) else {}
    if values.get("公开表") is not None:
        return "公开表"
    workbook = _workbook(path, values.get("决算报表"))
    return workbook if workbook is not None and workbook.is_file() else None


def _year(values: dict) -> int:
    """The year whose catalog names the 类; without a valid 年度 (reported by validate) the newest catalog."""
    text = str(values.get("年度") or "")
    return int(text) if text.isdigit() else 9999


def class_codes(year: int, options: Options = Options()) -> dict[str, str]:
    """功能分类 类 names → codes, for the 总表s that list 类 by name."""
    catalog = load_catalog("功能分类", year, options.catalog_path())
    return {norm(e.name): e.code for e in catalog if len(e.code) == 3}


def last_year_file(path: Path, data: YearData) -> Path:
    """Where last year's data file of the same unit lives: `<year-1>.yaml` beside this one."""
    return Path(path).with_name(f"{data.year - 1}.yaml")


def last_year(loaded: Loaded, options: Options = Options()) -> tuple[Figures | None, Loaded | None]:
    """Last year's figures — from `<year-1>.yaml` beside the file when it exists, else the 上年 block — and
    last year's Loaded (None when it came from the block, or there is none)."""
    sibling = last_year_file(loaded.path, loaded.data)
    if sibling.exists():
        before = load(sibling, options)
        return year_figures(before.data, before.tables), before
    return loaded.prior_block, None
