"""Attacks through a county's layout folder: templates that loop, recurse, divide by zero or allocate without
end, HTML attributes no browser would accept, a stylesheet or a link reaching outside the folder."""

from __future__ import annotations

import functools
import os
import time
from pathlib import Path

import pytest

from juesuan.build import build, compute
from juesuan.errors import TemplateError
from juesuan.render import document
from juesuan.layout import find_layout
from juesuan.render.document import render_document

from .conftest import SAMPLE

PART = "parts/glossary.html.j2"


@functools.cache
def report():
    return compute(SAMPLE / "2024.yaml")[1]


def layout(tmp_path: Path, template: str, name: str = PART) -> Path:
    folder = tmp_path / "layout"
    (folder / name).parent.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(template, encoding="utf-8")
    return folder


@pytest.mark.parametrize("template, said", [
    ("{% macro f(n) %}{{ f(n + 1) }}{% endmacro %}{{ f(1) }}", "无限地调用自身"),
    ("{% for i in range(10**9) %}x{% endfor %}", "range 超过 10000 项"),
    ("{{ 1 / 0 }}", "ZeroDivisionError"),
    ('{{ "x" * 10**9 }}', "乘法会生成超过"),
    ('{% set ns = namespace(s="x") %}{% for i in range(40) %}{% set ns.s = ns.s + ns.s %}{% endfor %}', "拼接会生成超过"),
    ('{{ "{:>999999999}".format(1) }}', "宽度过大"),
    ('{{ "x".ljust(10**9) }}', "宽度过大"),
    ('{{ "%999999999s" | format(1) }}', "宽度过大"),
    ('{{ "x" | center(10**9) }}', "宽度过大"),
    ('{{ "a\\x0bb" }}', "控制字符 U+000B"),
])
def test_a_template_that_would_run_away_is_stopped_with_its_place(tmp_path, template, said):
    started = time.monotonic()
    with pytest.raises(TemplateError) as info:
        render_document(report(), chain(layout(tmp_path, template)))
    assert said in str(info.value) and time.monotonic() - started < 5
    if "控制字符" not in said:
        assert f"{PART}:1" in str(info.value)


def test_a_template_loop_past_its_time_is_stopped(tmp_path, monkeypatch):
    monkeypatch.setattr(document, "TEMPLATE_SECONDS", 0.5)
    loop = "{% for i in range(10000) %}{% for j in range(10000) %}{% endfor %}{% endfor %}"
    started = time.monotonic()
    with pytest.raises(TemplateError, match="模板渲染超过 0.5 秒仍未完成"):
        render_document(report(), chain(layout(tmp_path, loop)))
    assert time.monotonic() - started < 3


def test_html_attributes_are_read_as_a_browser_reads_them(tmp_path):
    html = ('<table><tr><td rowspan="abc">a</td><td colspan="2x">b</td></tr><tr><td>c</td></tr></table>'
            '<ol class="num" start="x"><li>一</li></ol>'
            '<figure class="chart"><img src="asset:income.png" data-width-mm="wide" alt=""></figure>')
    result = build(SAMPLE / "2024.yaml", tmp_path / "out", ["docx"], layout_options(layout(tmp_path, html)))
    assert result.files and result.files[0].stat().st_size > 10_000


def test_a_colspan_of_a_billion_is_a_message_not_a_billion_cells(tmp_path):
    html = '<table><tr><td>a</td><td colspan="1000000000">b</td></tr></table>'
    started = time.monotonic()
    with pytest.raises(TemplateError, match="Word 的表格最多 63 列"):
        build(SAMPLE / "2024.yaml", tmp_path / "out", ["docx"], layout_options(layout(tmp_path, html)))
    assert time.monotonic() - started < 10 and not (tmp_path / "out").exists()


def chain(folder: Path) -> list[Path]:
    """`folder` in front of the default layout, as `--templates folder` puts it."""
    return [folder, *find_layout().folders]


def layout_options(folder: Path):
    from juesuan.inputs import Options
    return Options(template_dirs=(folder,))


@pytest.mark.parametrize("css, said", [
    ('@import url("file:///etc/passwd");', "@import"),
    ("body { background: url(file:///etc/passwd); }", "url(…)"),
    ("body { background: url('https://example.com/x.png'); }", "url(…)"),
])
def test_a_stylesheet_reaching_outside_is_refused_with_its_line(tmp_path, css, said):
    folder = layout(tmp_path, "body { color: black; }\n" + css + "\n", "print.css")
    with pytest.raises(TemplateError) as info:
        render_document(report(), chain(folder))
    assert f"print.css:2：样式表中不能使用 {said}" in str(info.value)


def test_a_link_out_of_the_layout_folder_is_refused(tmp_path):
    folder = tmp_path / "layout" / "parts"
    folder.mkdir(parents=True)
    secret = tmp_path / "secret.txt"
    secret.write_text("root:x:0:0", encoding="utf-8")
    os.symlink(secret, folder / "glossary.html.j2")
    with pytest.raises(TemplateError, match="指向模板目录之外"):
        render_document(report(), chain(tmp_path / "layout"))


def test_text_from_a_config_is_escaped(tmp_path):
    config = tmp_path / "config.yaml"
    config.write_text('零金额显示: "<script>alert(1)</script>"\n', encoding="utf-8")
    from juesuan.inputs import Options
    result = build(SAMPLE / "2024.yaml", tmp_path / "out", ["html"], Options(config=config))
    html = result.document.html
    assert "<script>" not in html and "&lt;script&gt;" in html
