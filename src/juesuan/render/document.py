"""Render the finished Report through the theme's templates into one numbered HTML document.

This is the single source of content: the PDF writer prints this HTML and the DOCX writer walks it,
so a county's template change reaches both formats.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

from jinja2 import TemplateError as JinjaTemplateError, TemplateNotFound, TemplateSyntaxError, UndefinedError

from ..errors import TemplateError
from ..facts.annexes import annex_facts
from .charts import render_chart
from .environment import make_environment, read_theme_file
from .figures import chart_specs
from .numbering import number_document

MAIN_TEMPLATE = "document.html.j2"
STYLESHEET = "print.css"


@dataclass
class RenderedDocument:
    html: str
    assets: dict[str, bytes]
    stylesheet: str


def render_document(report, custom_dirs: Sequence[Path] = ()) -> RenderedDocument:
    env = make_environment(custom_dirs)
    charts = chart_specs(report) if report.settings.charts else {}
    context = {
        "r": report,
        "unit": report.data.unit,
        "tables": report.tables,
        "charts": charts,
        "annexes": annex_facts(report.data.annexes, report.data.money_unit, report.settings.number_format),
    }
    try:
        template = env.get_template(MAIN_TEMPLATE)
        html = template.render(context)
        stylesheet = read_theme_file(STYLESHEET, custom_dirs)
    except TemplateSyntaxError as exc:
        raise TemplateError(f"模板语法错误：{exc.filename or exc.name}:{exc.lineno}：{exc.message}") from exc
    except UndefinedError as exc:
        raise TemplateError(f"模板引用了不存在的数据：{exc.message}（{_where(exc)}）") from exc
    except TemplateNotFound as exc:
        raise TemplateError(f"找不到模板文件：{exc.name}") from exc
    except (JinjaTemplateError, TypeError, ValueError, AttributeError, KeyError) as exc:
        raise TemplateError(f"模板渲染失败：{exc}（{_where(exc)}）") from exc
    assets = {f"{name}.png": render_chart(spec) for name, spec in charts.items()}
    return RenderedDocument(number_document(html), assets, stylesheet)


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
