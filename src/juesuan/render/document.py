"""Render the finished Report through the theme's templates into one numbered HTML document.

This is the single source of content: the PDF writer prints this HTML and the DOCX writer walks it,
so a county's template change reaches both formats.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

from jinja2 import TemplateError as JinjaTemplateError, TemplateNotFound, TemplateSyntaxError, UndefinedError

from ..errors import JuesuanError, TemplateError, clip
from ..facts.annexes import annex_facts
from ..layout import find_layout
from ..timing import stage
from .balance import balance_document
from .blocks import check_blocks
from .chart_cache import IN_MEMORY, ChartCache
from .environment import cascade, make_environment
from .figures import chart_specs
from .limits import MAX_HTML, TEMPLATE_SECONDS, LimitExceeded, bounded
from .numbering import number_document
from .table_widths import fit_document
from .typography import load_typography

MAIN_TEMPLATE = "document.html.j2"
STYLESHEET = "print.css"


@dataclass
class RenderedDocument:
    html: str
    assets: dict[str, bytes]
    stylesheet: str


def render_document(report, folders: Sequence[Path] | None = None, charts: ChartCache = IN_MEMORY) -> RenderedDocument:
    """The document of `report` through the layout folders `folders` (default: the default layout); its
    charts are drawn or taken from `charts` (by default this process's recent ones)."""
    folders = folders if folders is not None else find_layout().folders
    env = make_environment(folders)
    specs = chart_specs(report) if report.settings.charts else {}
    context = {
        "r": report,
        "unit": report.data.unit,
        "tables": report.tables,
        "charts": specs,
        "annexes": annex_facts(report.data.annexes, report.data.money_unit, report.settings.number_format),
    }
    try:
        with bounded(TEMPLATE_SECONDS, "模板渲染"), stage("templates"):
            check_blocks(env, folders)
            html = _render(env, context)
        stylesheet = "\n".join(checked_stylesheet(css, path) for path, css in cascade(STYLESHEET, folders))
    except TemplateSyntaxError as exc:
        raise TemplateError(f"模板语法错误：{exc.filename or exc.name}:{exc.lineno}：{clip(exc.message, 200)}") from exc
    except UndefinedError as exc:
        raise TemplateError(f"模板引用了不存在的数据：{clip(exc.message, 200)}（{_where(exc)}）") from exc
    except TemplateNotFound as exc:
        raise TemplateError(f"找不到模板文件：{clip(exc.name, 200)}") from exc
    except LimitExceeded as exc:
        raise TemplateError(f"{exc}（{_where(exc)}）") from exc
    except JuesuanError:
        raise
    except RecursionError as exc:
        raise TemplateError(f"模板中的宏或包含关系无限地调用自身（{_where(exc)}）") from exc
    except (JinjaTemplateError, ArithmeticError, LookupError, TypeError, ValueError, AttributeError,
            UnicodeError, OSError) as exc:
        raise TemplateError(f"模板渲染失败：{type(exc).__name__}：{clip(exc, 200)}（{_where(exc)}）") from exc
    with stage("charts"):
        assets = {file: data for name, spec in specs.items() for file, data in charts.assets(name, spec).items()}
    with stage("templates"):
        typography = load_typography(folders)
        html = fit_document(number_document(html), typography)  # column widths for both writers
        html = balance_document(html, typography)               # title lines without a lonely tail
    return RenderedDocument(html, assets, stylesheet)


def _render(env, context: dict) -> str:
    """The main template's output, streamed so that a layout cannot print more than MAX_HTML characters."""
    parts, size = [], 0
    for part in env.get_template(MAIN_TEMPLATE).generate(context):
        size += len(part)
        if size > MAX_HTML:
            raise LimitExceeded(f"模板生成的内容超过 {MAX_HTML // 1024 // 1024} MB，已停止（是否有过大的循环？）")
        parts.append(part)
    html = "".join(parts)
    if (found := _INVISIBLE.search(html)) is not None:
        around = clip(html[max(0, found.start() - 20): found.start()], 30)
        raise LimitExceeded(f"模板输出中有不可见的控制字符 U+{ord(found.group()):04X}（在「{around}」之后），"
                            "DOCX 无法容纳；请检查模板中的字符串")
    return html


_INVISIBLE = re.compile("[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


_IMPORT = re.compile(r"@import\b", re.IGNORECASE)
_URL = re.compile(r"url\(\s*['\"]?\s*(?!asset:)([^'\")\s]*)", re.IGNORECASE)


def checked_stylesheet(css: str, path: Path | str = STYLESHEET) -> str:
    """The layout's stylesheet, refused when it would reach outside the document (@import, a url() that
    is not one of the document's own assets): a published document depends on nothing else."""
    for pattern, what in ((_IMPORT, "@import"), (_URL, "url(…)")):
        found = pattern.search(css)
        if found is not None:
            line = css.count("\n", 0, found.start()) + 1
            raise TemplateError(f"{path}:{line}：样式表中不能使用 {what} 引用外部文件"
                                f"（「{clip(found.group(0), 60)}」）；字体由系统提供，图片只能是文档自带的 asset:名称")
    return css


def _where(exc: BaseException) -> str:
    """The template file and line that raised, read from the traceback Jinja rewrites to template lines."""
    tb = exc.__traceback__
    found = "模板"
    while tb is not None:
        name = tb.tb_frame.f_code.co_filename
        if name.endswith(".j2"):
            found = f"{name}:{tb.tb_lineno}"
        tb = tb.tb_next
    return found
