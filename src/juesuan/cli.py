"""The `juesuan` command: a few lines over the library calls a script would use."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from .build import DEFAULT_FORMATS, Options, build
from .check import check_command
from .errors import DataError, JuesuanError
from .write.formats import WRITERS


@click.group()
def main() -> None:
    """juesuan：由年度决算数据文件生成部门决算公开文档（DOCX、PDF）。"""


@main.command("build")
@click.argument("data_files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("-o", "--output", "out_dir", default="output", show_default=True, type=click.Path(path_type=Path),
              help="输出目录 / output directory")
@click.option("--format", "formats", default=",".join(DEFAULT_FORMATS), show_default=True,
              help=f"输出格式，逗号分隔：{','.join(WRITERS)}")
@click.option("--templates", "template_dirs", multiple=True, type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="地区自定义模板目录（优先于内置模板，可多次指定）")
@click.option("--catalog", "catalog_dirs", multiple=True, type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="自定义科目目录（补充或更正内置功能分类/经济分类/名词解释）")
@click.option("--config", type=click.Path(exists=True, dir_okay=False, path_type=Path), help="地区配置文件（数字格式等）")
@click.option("--lang", type=click.Choice(["zh", "en"]), default="zh", help="错误信息语言 / language of error messages")
@click.option("--allow-errors", is_flag=True, help="核对发现错误时仍然生成（不建议用于正式公开）")
def build_command(data_files, out_dir, formats, template_dirs, catalog_dirs, config, lang, allow_errors) -> None:
    """生成部门决算：juesuan build data/<单位>/<年度>.yaml"""
    chosen = [f.strip() for f in formats.split(",") if f.strip()]
    bad = [f for f in chosen if f not in WRITERS]
    if bad:
        raise click.BadParameter(f"未知格式：{', '.join(bad)}（可选：{', '.join(WRITERS)}）", param_hint="--format")
    options = Options(template_dirs, catalog_dirs, config)
    failed = 0
    for path in data_files:
        try:
            result = build(path, out_dir, chosen, options, allow_errors)
        except DataError as exc:
            failed += 1
            click.echo(exc.format(lang), err=True)
            continue
        except JuesuanError as exc:
            failed += 1
            click.echo(f"{path}：{exc}", err=True)
            continue
        for finding in result.findings:
            click.echo(finding.format(), err=True)
        for file in result.files:
            click.echo(f"已生成 {file}")
    sys.exit(1 if failed else 0)


main.add_command(check_command)
