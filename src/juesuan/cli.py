"""The `juesuan` command: a few lines over the library calls a script would use."""

from __future__ import annotations

import glob
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from .check import check_command
from .errors import explain
from .tables.forms import SETS
from .write.names import DEFAULT_FORMATS, FORMATS

if TYPE_CHECKING:
    from .batch import UnitResult

# Each command imports what it runs when it runs: `juesuan check` must not wait for WeasyPrint and matplotlib.


@click.group()
def main() -> None:
    """juesuan：由年度决算数据文件生成部门决算公开文档（DOCX、PDF）。"""


@main.command("build")
@click.argument("data_files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("-o", "--output", "out_dir", default="output", show_default=True, type=click.Path(path_type=Path),
              help="输出目录 / output directory")
@click.option("--format", "formats", default=",".join(DEFAULT_FORMATS), show_default=True,
              help=f"输出格式，逗号分隔：{','.join(FORMATS)}")
@click.option("--templates", "template_dirs", multiple=True, type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="地区自定义模板目录（优先于内置模板，可多次指定）")
@click.option("--catalog", "catalog_dirs", multiple=True, type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="自定义科目目录（补充或更正内置功能分类/经济分类/名词解释）")
@click.option("--config", type=click.Path(exists=True, dir_okay=False, path_type=Path), help="地区配置文件（数字格式等）")
@click.option("--layout", help="版式：内置版式名（如 sichuan）或版式文件夹（默认取数据文件或配置文件中的「版式」，否则 sichuan）")
@click.option("--reference-docx", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="参考样式的 Word 文件（.docx）：其中定义的样式（正文、标题 1—5、题注等）和页面设置用于生成的 DOCX")
@click.option("--no-lo-toc", "lo_toc", is_flag=True, flag_value=False, default=True,
              help="不用 LibreOffice 排出 DOCX 的目录页码（每个单位省约 2 秒），改用 PDF 的页码；也可设环境变量 JUESUAN_NO_LO_TOC=1")
@click.option("-j", "--jobs", type=click.IntRange(min=1), help="同时生成的单位数（默认：本机 CPU 核数；1 即不另开进程）")
@click.option("--force", is_flag=True, help="数据、模板等均未改变的单位也重新生成（默认跳过）")
@click.option("--lang", type=click.Choice(["zh", "en"]), default="zh", help="错误信息语言 / language of error messages")
@click.option("--allow-errors", is_flag=True, help="核对发现错误时仍然生成（不建议用于正式公开）")
@click.option("--debug", is_flag=True, help="出现内部错误时显示详细的出错位置（供维护人员）")
def build_command(data_files, out_dir, formats, template_dirs, catalog_dirs, config, layout, reference_docx, lo_toc,
                  jobs, force, lang, allow_errors, debug) -> None:
    """生成部门决算：juesuan build data/<单位>/<年度>.yaml，或整个文件夹 juesuan build data/ -j 4
    （也可给出工作簿，取其旁同名的 .yaml；未改变的单位自动跳过）"""
    from .batch import build_many
    from .batch_view import show_progress, summarize
    from .build import Options
    from .render.fonts import fallback_notice

    chosen = [f.strip() for f in formats.split(",") if f.strip()]
    bad = [f for f in chosen if f not in FORMATS]
    if bad:
        raise click.BadParameter(f"未知格式：{', '.join(bad)}（可选：{', '.join(FORMATS)}）", param_hint="--format")
    paths = _existing(data_files)
    options = Options(template_dirs, catalog_dirs, config, layout, reference_docx=reference_docx, lo_toc=lo_toc)
    many = len(paths) > 1 or any(p.is_dir() for p in paths)
    warned: set[str] = set()                # a missing face is said once per run, not once per unit

    def report(result: UnitResult) -> None:
        if result.status == "failed":
            click.echo(result.message, err=True)
        for finding in result.findings:
            click.echo(finding.format(lang), err=True)
        new = [f for f in result.font_fallbacks if f.face not in warned]
        if new:
            warned.update(f.face for f in new)
            click.echo(f"提示：{fallback_notice(new)}", err=True)
        for file in result.files if result.status == "built" else ():
            click.echo(f"已生成 {file}")
        if result.status == "skipped" and not many:
            click.echo(f"未改变，跳过 {result.path}（如需重新生成请加 --force）（unchanged, skipped）")

    run = dict(jobs=jobs, force=force, allow_errors=allow_errors, lang=lang, debug=debug)
    if many:
        results = show_progress(lambda progress: build_many(paths, out_dir, chosen, options, **run, progress=progress),
                                report)
        summarize(results, lang)
    else:
        results = build_many(paths, out_dir, chosen, options, **run, progress=lambda r, done, total: report(r))
    sys.exit(0 if all(r.ok for r in results) else 1)


def _existing(given: tuple[Path, ...]) -> list[Path]:
    """The paths as given, a quoted pattern (data/*/2024.yaml) expanded; one that names nothing is an error."""
    paths: list[Path] = []
    for path in given:
        matches = sorted(Path(p) for p in glob.glob(str(path))) if glob.has_magic(str(path)) else []
        if not path.exists() and not matches:
            raise click.BadParameter(f"路径不存在：{path}（path does not exist）", param_hint="DATA_FILES")
        paths += matches if not path.exists() else [path]
    return paths


main.add_command(check_command)


def _fail(exc: Exception, path: Path, debug: bool = False) -> None:
    click.echo(explain(exc, path, debug=debug), err=True)
    sys.exit(1)


@main.command("import")
@click.argument("workbook", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("-o", "--output", "target", type=click.Path(dir_okay=False, path_type=Path),
              help="写入的数据文件（已有则只替换其中的「公开表」）；不给则打印到屏幕")
@click.option("--year", type=int, help="年度（默认取自输出文件名或表名中的“2024年度”）")
@click.option("--unit", type=click.Choice(["万元", "元"]), help="工作表未注明金额单位时采用的单位")
@click.option("--catalog", "catalog_dirs", multiple=True, type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="自定义科目目录")
@click.option("--debug", is_flag=True, help="出现内部错误时显示详细的出错位置")
def import_command(workbook, target, year, unit, catalog_dirs, debug) -> None:
    """导入决算报表工作簿（.xlsx/.xls）：juesuan import 决算报表.xls -o data/<单位>/<年度>.yaml"""
    from .exchange import import_workbook
    from .inputs import Options

    try:
        result = import_workbook(workbook, target, year, unit, Options(catalog_dirs=catalog_dirs))
    except Exception as exc:
        _fail(exc, workbook, debug)
    for notice in result.notices:
        click.echo(f"提示：{notice}", err=True)
    rows = sum(len(p.rows) for t in result.tables for p in t.panels.values())
    if target is None:
        click.echo(result.text, nl=False)
    else:
        click.echo(f"已导入 {len(result.tables)} 张公开表、{rows} 行，写入 {target}", err=True)


@main.command("export")
@click.argument("data_file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("-o", "--output", "target", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="写出的工作簿（.xlsx）")
@click.option("--debug", is_flag=True, help="出现内部错误时显示详细的出错位置")
def export_command(data_file, target, debug) -> None:
    """把数据文件中的公开表写成官方格式的工作簿：juesuan export data.yaml -o 表.xlsx"""
    from .exchange import export_workbook

    try:
        export_workbook(data_file, target)
    except Exception as exc:
        _fail(exc, data_file, debug)
    click.echo(f"已生成 {target}")


@main.command("template")
@click.option("-o", "--output", "target", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="写出的空白填报工作簿（.xlsx）")
@click.option("--like", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="上年的数据文件：按其科目预先列出各行")
@click.option("--set", "table_set", type=click.Choice(list(SETS)), default="四川", show_default=True,
              help="公开表套：四川（13 张）或 全国（公开01—09表）")
@click.option("--unit", type=click.Choice(["万元", "元"]), default="万元", show_default=True, help="金额单位")
@click.option("--debug", is_flag=True, help="出现内部错误时显示详细的出错位置")
def template_command(target, like, table_set, unit, debug) -> None:
    """生成空白的决算公开表填报工作簿（合计行为公式）：juesuan template --like data/<单位>/2023.yaml -o 填报.xlsx"""
    from .exchange import template_workbook

    try:
        template_workbook(target, like, SETS[table_set], unit)
    except Exception as exc:
        _fail(exc, like or target, debug)
    click.echo(f"已生成 {target}")


@main.command("new")
@click.argument("unit_dir", type=click.Path(file_okay=False, path_type=Path))
@click.option("--year", type=int, help="要生成的年度（默认：文件夹中最新年度 + 1）")
@click.option("--force", is_flag=True, help="本年度数据文件已存在时仍重新生成（工作簿已存在时从不覆盖）")
@click.option("--debug", is_flag=True, help="出现内部错误时显示详细的出错位置")
def new_command(unit_dir, year, force, debug) -> None:
    """由上年的数据文件生成本年的：juesuan new data/<单位>/ [--year 2025]（上年的原因标为「待确认：」）"""
    from .scaffold import new_year        # only this command needs ruamel and the workbook writer

    try:
        files = new_year(unit_dir, year, force)
    except Exception as exc:
        click.echo(explain(exc, unit_dir, debug=debug, outcome="未生成任何文件"), err=True)
        sys.exit(2)
    for file in files:
        click.echo(f"已生成 {file}")


@main.command("serve")
@click.argument("data_dir", default="data", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("-o", "--output", "out_dir", default="output", show_default=True, type=click.Path(path_type=Path),
              help="生成文件所在的输出目录")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="监听地址；默认只本机可用，设为 0.0.0.0 供局域网使用时必须设密码")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535), help="端口")
@click.option("--password", envvar="JUESUAN_PASSWORD", help="工作台密码（也可用环境变量 JUESUAN_PASSWORD）")
@click.option("--password-file", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="从文件第一行读取密码（不会出现在进程列表中）")
@click.option("--no-browser", is_flag=True, help="不自动打开浏览器")
def serve_command(data_dir, out_dir, host, port, password, password_file, no_browser) -> None:
    """打开本地工作台：juesuan serve data/（浏览器中查看各单位、填写原因、预览并下载文档）"""
    from .workbench.serve import refusal, serve

    if password_file is not None:
        password = password_file.read_text(encoding="utf-8").splitlines()[0].strip() if password_file.stat().st_size else ""
    problem = refusal(host, password)
    if problem:
        click.echo(problem, err=True)
        sys.exit(2)
    serve(data_dir, out_dir, host, port, password or None, open_browser=not no_browser)
