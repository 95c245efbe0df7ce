"""`juesuan check FILE...`: a few lines of CLI over `check_file`, the call `juesuan build` and scripts use.

Exit status: 0 no 错误 (警告 allowed), 1 at least one 错误, 2 a file could not be checked at all (unreadable
or invalid data, a broken catalog or template) — the message says why.
"""

from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path
from typing import Sequence

import click

from ..errors import DataError, JuesuanError, explain
from ..facts.catalog import Catalog, CatalogError, GlossaryTerm, load_catalog, load_glossary
from ..facts.report import Report, compute_report, year_figures
from ..facts.settings import Settings
from ..inputs import Loaded, Options, last_year_file, load
from .config import CheckConfig, load_config
from .engine import CheckContext, Finding, run_checks
from .report import exit_code, format_json, format_text
from .document import check_document
from .extract import SUFFIXES as DOCUMENT_SUFFIXES
from .text import html_to_text


def context_for(
    path: Path, options: Options = Options(), settings: Settings | None = None, rendered_text: str | None = None,
    loaded: Loaded | None = None,
) -> CheckContext:
    """Everything the rules look at for one unit-year (`loaded`: the unit as a build already read it).
    Raises DataError when the file or its tables are unusable and CatalogError when a catalog is; problems
    with last year's file become findings instead."""
    loaded = loaded if loaded is not None else load(path, options)
    options = loaded.options
    settings = settings if settings is not None else load_config(options)[1]
    data, dirs = loaded.data, options.catalog_path()
    ctx = CheckContext(
        loaded.path,
        loaded.raw,
        data,
        loaded.tables,
        catalog("功能分类", data.year, dirs),
        catalog("经济分类", data.year, dirs),
        settings,
        figures=year_figures(data, loaded.tables),
        prior_block=loaded.prior_block,
        notices=loaded.notices,
        rendered_text=rendered_text,
        catalog_dirs=list(dirs),
    )
    sibling = last_year_file(loaded.path, data)
    if sibling.exists():
        try:
            ctx.prior = load(sibling, options)
        except DataError as exc:
            ctx.prior_problem = f"有 {len(exc.problems)} 处问题，例如 {exc.problems[0].format()}"
        else:
            ctx.prior_figures = year_figures(ctx.prior.data, ctx.prior.tables)
            ctx.prior_functional, ctx.prior_economic = _prior_catalogs(ctx.prior, dirs)
    else:
        ctx.prior_figures = loaded.prior_block
    ctx.report = compute_report(data, loaded.tables, ctx.prior_figures, ctx.functional, glossary(dirs), settings,
                                loaded.evaluations)
    return ctx


def _prior_catalogs(prior: Loaded, dirs: list[Path]):
    try:
        return catalog("功能分类", prior.data.year, dirs), catalog("经济分类", prior.data.year, dirs)
    except CatalogError:
        return None, None  # no catalog that old: nothing to compare names with


_CACHE: dict[tuple, tuple[tuple, object]] = {}


def _cached(key: tuple, dirs: list[Path], read):
    """Catalogs are read once per process while their files are unchanged (100 units read them once)."""
    stamp = tuple((str(f), f.stat().st_mtime_ns) for d in dirs if d.is_dir() for f in sorted(d.rglob("*.yaml")))
    if key not in _CACHE or _CACHE[key][0] != stamp:
        _CACHE[key] = (stamp, read())
    return _CACHE[key][1]


def catalog(kind: str, year: int, dirs: list[Path]) -> Catalog:
    return _cached((kind, year, tuple(dirs)), dirs, lambda: load_catalog(kind, year, dirs))


def glossary(dirs: list[Path]) -> list[GlossaryTerm]:
    return _cached(("名词解释", tuple(dirs)), dirs, lambda: load_glossary(dirs))


def check_file(
    path: Path, options: Options = Options(), config: CheckConfig | None = None, rendered_text: str | None = None,
    loaded: Loaded | None = None,
) -> list[Finding]:
    """Check one data file (and the generated document's text, when given); findings 错误 first.

    `config` defaults to the one in `options.config`; `loaded` spares reading a unit a build has read.
    Raises DataError / JuesuanError when the file cannot be checked at all (exit status 2 on the command line)."""
    loaded = loaded if loaded is not None else load(path, options)
    file_config, settings = load_config(loaded.options)
    ctx = context_for(path, loaded.options, settings, rendered_text, loaded)
    return run_checks(ctx, config if config is not None else file_config)


def _check_document(path: Path, tables: Path | None, options: Options) -> list[Finding]:
    """A finished document written by hand (see check/document.py); messages in Chinese for a missing file."""
    for given in (path, tables):
        if given is not None and not given.is_file():
            raise JuesuanError(f"找不到文件 {given}，无法核对，请检查路径（file not found）")
    return check_document(path, tables, options.catalog_path(), load_config(options)[0])


def document_text(report: Report, folders: Sequence[Path] | None = None) -> str:
    """The generated document as plain text (charts left out: they carry no words to check)."""
    from ..render.document import render_document

    plain = replace(report, settings=report.settings.model_copy(update={"charts": False}))
    return html_to_text(render_document(plain, folders).html)


@click.command("check")
@click.argument("data_files", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--format",
    "output",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="输出格式：text 供人阅读，json 供脚本和 CI 使用",
)
@click.option(
    "--config",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="地区配置文件（停用规则、严重程度、须说明原因的变动金额、附加禁用词等）",
)
@click.option(
    "--catalog",
    "catalog_dirs",
    multiple=True,
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="自定义科目目录（可多次指定）",
)
@click.option(
    "--templates",
    "template_dirs",
    multiple=True,
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="地区自定义模板目录：连同生成的文档文字一起检查",
)
@click.option("--layout", help="版式：内置版式名（如 sichuan）或版式文件夹（默认取数据文件或配置文件中的「版式」，否则 sichuan）")
@click.option("--tables", "tables", type=click.Path(dir_okay=False, path_type=Path),
              help="核对已写好的文档（.docx/.pdf/.txt）时，与之比对的决算报表工作簿（.xls/.xlsx）")
@click.option("--lang", type=click.Choice(["zh", "en"]), default="zh", help="信息语言 / language of messages")
@click.option("--debug", is_flag=True, help="出现内部错误时显示详细的出错位置（供维护人员）")
def check_command(data_files, output, config, catalog_dirs, template_dirs, layout, tables, lang, debug) -> None:
    """核对决算数据：juesuan check data/<单位>/<年度>.yaml；也可核对已写好的文档：juesuan check 某局2024决算.docx|.pdf
    [--tables 决算报表.xls]（0 无错误，1 有错误，2 无法核对）"""
    options = Options(template_dirs, catalog_dirs, config, layout)
    findings: list[Finding] = []
    failed: list[tuple[Path, str]] = []
    try:
        load_config(options)                # the county's config and layout: wrong for every file alike
        options.template_path()
    except Exception as exc:
        where = config or Path(str(layout))
        message = explain(exc, where, lang, debug, outcome="无法核对")
        click.echo(format_json([], [(where, message)]) if output == "json" else message, err=output != "json")
        sys.exit(2)
    for path in data_files:
        if path.suffix.lower() in DOCUMENT_SUFFIXES:
            try:
                findings += _check_document(path, tables, options)
            except Exception as exc:
                failed.append((path, explain(exc, path, lang, debug, outcome="无法核对")))
            continue
        try:
            loaded = load(path, options)    # the data may choose its layout (版式)
            check_config, settings = load_config(loaded.options)
            ctx = context_for(path, loaded.options, settings, loaded=loaded)
            if ctx.report is not None:
                ctx.rendered_text = document_text(ctx.report, loaded.options.template_path())
            findings += run_checks(ctx, check_config)
        except Exception as exc:            # this file could not be checked; the others still are
            failed.append((path, explain(exc, path, lang, debug, outcome="无法核对")))
    if output == "json":
        click.echo(format_json(findings, failed))
    else:
        for _, message in failed:
            click.echo(message, err=True)
        click.echo(format_text(findings, len(data_files), len(failed), lang))
    sys.exit(exit_code(findings, failed))
