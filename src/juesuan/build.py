"""The pipeline, in the order a reader expects: load → validate → compute facts → render → write.

Everything is computed and rendered in memory first; files are written only when every requested
format has succeeded, each one atomically. A script calls `build()` exactly as the CLI does.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Sequence

from .errors import DataError, Problem
from .facts import headline as hl
from .facts.catalog import bundled_catalog_dir, load_catalog, load_glossary
from .facts.report import Report, compute_report
from .facts.settings import Settings
from .load.yaml_reader import RawDocument, read_yaml
from .render.document import RenderedDocument, render_document
from .validate import validate
from .validate.codes import unknown_codes
from .validate.model import YearData
from .write.atomic import write_atomic
from .write.formats import WRITERS

DEFAULT_FORMATS = ("docx", "pdf")


@dataclass
class Options:
    """What a county or a script may choose; every field has the default an officer needs."""

    template_dirs: Sequence[Path] = ()
    catalog_dirs: Sequence[Path] = ()
    config: Path | None = None

    def catalog_path(self) -> list[Path]:
        return [Path(d) for d in self.catalog_dirs] + [bundled_catalog_dir()]


@dataclass
class Loaded:
    raw: RawDocument
    data: YearData


@dataclass
class BuildResult:
    report: Report
    document: RenderedDocument
    files: list[Path] = field(default_factory=list)


def load(path: Path) -> Loaded:
    """Read and validate one yearly data file (DataError lists every problem with file:line)."""
    raw = read_yaml(Path(path))
    return Loaded(raw, validate(raw))


def load_settings(config: Path | None) -> Settings:
    if config is None:
        return Settings()
    return validate(read_yaml(Path(config)), Settings)


def prior_headline(path: Path, loaded: Loaded) -> hl.Headline:
    """Last year's figures: from `<year-1>.yaml` beside the file when it exists, else the 上年 block."""
    data = loaded.data
    sibling = Path(path).with_name(f"{data.year - 1}.yaml")
    if sibling.exists():
        return hl.headline_of(load(sibling).data)
    if data.prior is not None:
        return hl.headline_of_prior(data.prior, data.money_unit)
    raise DataError([Problem(loaded.raw.source.file, 1, 1, "上年",
                             f"缺少上年数据：请把 {data.year - 1} 年度的数据文件放在 {sibling} ，或在本文件中填写「上年」",
                             "last year's figures are missing")])


def compute(path: Path, options: Options = Options()) -> tuple[Loaded, Report]:
    """Load, validate and compute every figure of the document for one data file."""
    loaded = load(path)
    data = loaded.data
    dirs = options.catalog_path()
    functional = load_catalog("功能分类", data.year, dirs)
    problems = unknown_codes(data, loaded.raw.source, functional)
    if problems:
        raise DataError(problems)
    report = compute_report(data, prior_headline(path, loaded), functional, load_catalog("经济分类", data.year, dirs),
                            load_glossary(dirs), load_settings(options.config))
    return loaded, report


def document_date(data: YearData) -> datetime:
    """The date stamped into the files' metadata: fixed by the data, so the same data gives the same bytes."""
    day = data.unit.publish_date or date(data.year + 1, 1, 1)
    return datetime.combine(day, datetime.min.time(), tzinfo=timezone.utc)


def output_name(data: YearData) -> str:
    return f"{data.year}年度{data.unit.name}部门决算"


def build(path: Path, out_dir: Path = Path("output"), formats: Sequence[str] = DEFAULT_FORMATS,
          options: Options = Options()) -> BuildResult:
    """Build the disclosure for one data file into `out_dir`; returns the files written."""
    unknown = [f for f in formats if f not in WRITERS]
    if unknown:
        raise ValueError(f"unknown format(s): {', '.join(unknown)}; choose from {', '.join(WRITERS)}")
    loaded, report = compute(path, options)
    document = render_document(report, options.template_dirs)
    created = document_date(loaded.data)
    outputs = {WRITERS[f].suffix: WRITERS[f].render(document, created) for f in formats}
    result = BuildResult(report, document)
    base = Path(out_dir) / output_name(loaded.data)
    for suffix, content in outputs.items():
        target = base.with_suffix(suffix)
        write_atomic(target, content)
        result.files.append(target)
    return result
