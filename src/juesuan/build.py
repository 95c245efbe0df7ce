"""The pipeline, in the order a reader expects: load → validate → compute facts → render → check → write.

Everything is computed and rendered in memory first; files are written only when every requested
format has succeeded, each one atomically. A script calls `build()` exactly as the CLI does.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Sequence

from .check import check_file, load_config
from .check.engine import Finding
from .check.text import html_to_text
from .errors import MAX_LISTED, JuesuanError
from .facts.catalog import load_catalog, load_glossary
from .facts.report import Report, compute_report
from . import inputs
from .inputs import Loaded, last_year, load
from .render.chart_cache import cache_in
from .render.document import RenderedDocument, render_document
from .render.fonts import Fallback, fallbacks
from .render.limits import bounded, writing_seconds
from .render.typography import load_typography
from .tables.figures import Figures
from .timing import stage, timed
from .validate.model import YearData
from .write.atomic import write_together
from .write.docx_pages import LO_SECONDS, lay_out, pdf_pagination, switched_off
from .write.formats import WRITERS
from .write.names import DEFAULT_FORMATS, output_path
from .write.reference_docx import read_reference

__all__ = ["build", "compute", "BuildResult", "ChecksFailed", "Options", "load"]


@dataclass
class Options(inputs.Options):
    """What a build may choose: everything reading does, and `reference_docx`, a county's Word file whose
    styles and page setup the DOCX takes (``--reference-docx``, as with pandoc). `lo_toc` lays each DOCX
    out with LibreOffice (about 2 s) so its 目录 shows its own page numbers; off (``--no-lo-toc``, or the
    environment variable JUESUAN_NO_LO_TOC=1) or without LibreOffice it shows the PDF's."""

    reference_docx: Path | None = None
    lo_toc: bool = True


@dataclass
class BuildResult:
    report: Report
    document: RenderedDocument
    findings: list[Finding] = field(default_factory=list)
    files: list[Path] = field(default_factory=list)
    font_fallbacks: list[Fallback] = field(default_factory=list)  # official faces the PDF had to replace
    timings: dict[str, float] = field(default_factory=dict)        # seconds per stage (`timing`), for benchmarks


class ChecksFailed(JuesuanError):
    """`juesuan check` found 错误: nothing is written unless the caller allows errors."""

    def __init__(self, findings: list[Finding]):
        self.findings = findings
        errors = [f for f in findings if f.severity == "错误"]
        lines = [f"核对发现 {len(errors)} 处错误，未生成文件（如确需生成，请加 --allow-errors）："]
        lines += ["  " + f.format() for f in errors[:MAX_LISTED]]
        if len(errors) > MAX_LISTED:
            lines.append(f"  ……及另外 {len(errors) - MAX_LISTED} 处（请先改正以上各处）")
        super().__init__("\n".join(lines))


def compute(path: Path, options: Options = Options()) -> tuple[Loaded, Report]:
    """Load, validate and compute every figure of the document for one unit-year."""
    loaded = load(path, options)
    prior, _ = last_year(loaded, loaded.options)
    return loaded, report_for(loaded, prior)


def report_for(loaded: Loaded, prior: Figures | None) -> Report:
    """Every figure of the document of a loaded unit-year, compared with last year's `prior`."""
    data, options = loaded.data, loaded.options
    dirs = options.catalog_path()
    return compute_report(data, loaded.tables, prior, load_catalog("功能分类", data.year, dirs),
                          load_glossary(dirs), load_config(options)[1], loaded.evaluations)


def document_date(data: YearData) -> datetime:
    """The date stamped into the files' metadata: fixed by the data, so the same data gives the same bytes."""
    day = data.unit.publish_date or date(data.year + 1, 1, 1)
    return datetime.combine(day, datetime.min.time(), tzinfo=timezone.utc)


def output_name(data: YearData) -> str:
    return f"{data.year}年度{data.unit.name}部门决算"


class OutputCollision(JuesuanError):
    """Two units of one run would write the same file."""


def output_files(data: YearData, out_dir: Path, formats: Sequence[str]) -> list[Path]:
    """Where a unit's files go: one safe name per format, always directly inside `out_dir`."""
    return [output_path(out_dir, output_name(data), WRITERS[f].suffix) for f in formats]


def build(path: Path, out_dir: Path = Path("output"), formats: Sequence[str] = DEFAULT_FORMATS,
          options: Options = Options(), allow_errors: bool = False,
          claimed: dict[Path, Path] | None = None, cache: Path | None = None) -> BuildResult:
    """Build the disclosure for one data file into `out_dir`; returns the files written and the findings.

    The checks of `juesuan check` run on the data and the rendered text before anything is written;
    a 错误 raises ChecksFailed unless `allow_errors`. All formats are written together or not at all.
    `claimed` (output file → data file) is shared by the builds of one run, so that two units whose names
    give the same file are an error instead of one overwriting the other. `cache` is a folder where drawn
    charts are kept between runs (`build_many` uses `<out_dir>/.juesuan-cache`); without it they are kept in
    this process's memory only."""
    unknown = [f for f in formats if f not in WRITERS]
    if unknown:
        raise ValueError(f"unknown format(s): {', '.join(unknown)}; choose from {', '.join(WRITERS)}")
    with timed() as timings:
        result = _build(path, Path(out_dir), formats, options, allow_errors, claimed, cache)
    result.timings = timings
    return result


def _build(path: Path, out_dir: Path, formats: Sequence[str], options: Options, allow_errors: bool,
           claimed: dict[Path, Path] | None, cache: Path | None) -> BuildResult:
    chosen_reference = getattr(options, "reference_docx", None)     # a plain inputs.Options has none
    lo_toc = getattr(options, "lo_toc", True)
    reference = read_reference(chosen_reference) if chosen_reference is not None else None
    with stage("load"):
        loaded, report = compute(path, options)
    options = loaded.options
    typography = load_typography(options.template_path())
    document = render_document(report, options.template_path(), cache_in(cache / "charts" if cache else None))
    with stage("checks"):
        findings = check_file(loaded.path, options, rendered_text=html_to_text(document.html), loaded=loaded)
    if not allow_errors and any(f.severity == "错误" for f in findings):
        raise ChecksFailed(findings)
    targets = output_files(loaded.data, out_dir, formats)
    _claim(targets, loaded.path, claimed)
    created = document_date(loaded.data)
    layout = lay_out if lo_toc and "docx" in formats and not switched_off() else None
    seconds = writing_seconds(len(document.html)) + (LO_SECONDS if layout else 0)   # LibreOffice's own limit
    with bounded(seconds, "生成 " + "、".join(f.upper() for f in formats)):
        rendered = _render(document, formats, created, typography, reference, loaded.data.unit.name, layout)
    with stage("write_files"):
        write_together({target: rendered[f] for target, f in zip(targets, formats)})
    replaced = fallbacks(typography.faces(), typography.fonts) if "pdf" in formats else []
    return BuildResult(report, document, findings, targets, replaced)


def _render(document: RenderedDocument, formats: Sequence[str], created: datetime, typography, reference,
            unit: str, layout) -> dict[str, bytes]:
    """Each format's bytes; the PDF first, so the DOCX's 目录 can show the PDF's page numbers when `layout`
    (LibreOffice) is off or fails."""
    rendered: dict[str, bytes] = {}
    for f in sorted(formats, key=lambda f: f != "pdf"):
        if f == "pdf":   # the DOCX sets tight the tables the PDF had to (`pdf_spills`)
            rendered[f], document = WRITERS[f].lay_out(document, created, typography)
        elif f == "docx":
            pages = pdf_pagination(rendered["pdf"]) if "pdf" in rendered else None
            with stage("docx"):
                rendered[f] = WRITERS[f].render(document, created, typography, reference, author=unit,
                                                toc_pages=pages, lay_out=layout and _timed(layout, "lo_toc"))
        else:
            rendered[f] = WRITERS[f].render(document, created, typography, reference)
    return rendered


def _timed(step, name: str):
    """`step` counted as stage `name` (LibreOffice's 目录 layout inside the DOCX writer)."""
    def run(*args):
        with stage(name):
            return step(*args)
    return run


def _claim(targets: list[Path], source: Path, claimed: dict[Path, Path] | None) -> None:
    if claimed is None:
        return
    for target in targets:
        other = claimed.setdefault(target, source)    # one step, so parallel workers sharing `claimed` can't both win
        if other != source:
            raise OutputCollision(f"{source} 与 {other} 生成的文件同名（{target.name}），后者已写入，本单位未生成。"
                                  "请检查两个文件的单位名称和年度（two units write the same file）")
