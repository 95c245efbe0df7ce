"""The PDF writer on a small hand-written contract document: text, tables, TOC page numbers, A4, embedded
CJK fonts, no outside fetches, identical bytes for identical input."""

from __future__ import annotations

import hashlib
import io
import os
import subprocess
import sys
from datetime import datetime, timedelta, timezone
from decimal import Decimal
from pathlib import Path

import pdfplumber
import pytest
from pypdf import PdfReader

from juesuan.render.charts import BarChart, chart_assets
from juesuan.write import pdf_writer
from juesuan.write.pdf_writer import AssetError, html_to_pdf

PRINT_CSS = (Path(__file__).parents[2] / "templates" / "sichuan" / "print.css").read_text(encoding="utf-8")
CREATED = datetime(2025, 3, 31, 9, 0, tzinfo=timezone(timedelta(hours=8)))

SAMPLE = """<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>某某单位2024年度部门决算</title></head>
<body>
<section class="cover">
  <p class="cover-year">2024年度</p>
  <h1 class="title">某某单位<br/>部门决算</h1>
  <p class="cover-unit">某某单位</p>
  <p class="cover-date">公开时间：2025年8月30日</p>
</section>
<nav class="toc"><h1 class="toc-title nonum">目录</h1><ul>
  <li class="toc-1"><a href="#part-1">第一部分 部门概况</a></li>
  <li class="toc-2"><a href="#part-1-1">一、部门职责</a></li>
</ul></nav>
<section class="part">
  <h1 id="part-1">第一部分 部门概况</h1>
  <h2 id="part-1-1"><span class="num">一、</span>部门职责</h2>
  <p>本单位主要职责是贯彻落实党中央关于农业农村工作的方针政策和决策部署。</p>
  <ol class="num"><li><span class="num">1.</span>负责本行政区域内的农业农村工作。</li></ol>
  <p class="unit">单位：万元</p>
  <table class="data">
    <caption>收入支出决算总表</caption>
    <thead><tr><th>项目</th><th>决算数</th></tr></thead>
    <tbody>
      <tr><td class="text">一般公共预算财政拨款收入</td><td class="num">1,332.30</td></tr>
      <tr class="total"><td class="text">本年收入合计</td><td class="num">1,778.52</td></tr>
    </tbody>
  </table>
  <p class="note">注：本表反映部门本年度的总收支和年末结转结余情况。</p>
  <figure class="chart"><img src="asset:chart1.svg" data-width-mm="150" style="width:150mm" alt="收支总计">
    <figcaption>图1：收入决算支出决算总计情况</figcaption></figure>
</section>
</body></html>
"""


def sample_assets() -> dict[str, bytes]:
    chart = BarChart(
        title="收入决算支出决算总计情况",
        categories=("收入总计", "支出总计"),
        series=(("2023年度", (Decimal("1825.64"), Decimal("1825.64"))),
                ("2024年度", (Decimal("1778.52"), Decimal("1778.52")))),
    )
    return chart_assets("chart1", chart)


def build(html: str = SAMPLE, assets: dict[str, bytes] | None = None) -> bytes:
    return html_to_pdf(html, sample_assets() if assets is None else assets, [PRINT_CSS], created=CREATED)


@pytest.fixture(scope="module")
def sample_pdf() -> bytes:
    return build()


@pytest.fixture(scope="module")
def reader(sample_pdf: bytes) -> PdfReader:
    return PdfReader(io.BytesIO(sample_pdf))


def page_texts(reader: PdfReader) -> list[str]:
    """Each page's text without whitespace, so that line wrapping does not matter."""
    return ["".join(page.extract_text().split()) for page in reader.pages]


def test_cover_toc_and_part_each_start_a_page(reader: PdfReader) -> None:
    texts = page_texts(reader)
    assert len(texts) == 3
    assert "2024年度" in texts[0] and "公开时间：2025年8月30日" in texts[0]
    assert "目录" in texts[1]
    assert "本单位主要职责是贯彻落实党中央关于农业农村工作的方针政策和决策部署。" in texts[2]


def test_cover_has_no_page_number_and_later_pages_do(reader: PdfReader) -> None:
    texts = page_texts(reader)
    assert "—" not in texts[0]
    assert texts[1].endswith("—2—")
    assert texts[2].endswith("—3—")


def test_toc_entries_carry_the_page_of_their_heading(reader: PdfReader) -> None:
    lines = [line.replace(" ", "") for line in reader.pages[1].extract_text().splitlines()]
    part = next(line for line in lines if line.startswith("第一部分部门概况"))
    duty = next(line for line in lines if line.startswith("一、部门职责"))
    assert part.endswith("3") and "..." in part
    assert duty.endswith("3") and "..." in duty


def test_table_cells_caption_note_and_figure_caption(reader: PdfReader) -> None:
    text = page_texts(reader)[2]
    for cell in ("收入支出决算总表", "项目", "决算数", "一般公共预算财政拨款收入", "1,332.30", "本年收入合计",
                 "1,778.52", "单位：万元", "注：本表反映部门本年度的总收支和年末结转结余情况。",
                 "图1：收入决算支出决算总计情况", "1.负责本行政区域内的农业农村工作。"):
        assert cell in text


def test_pages_are_a4(reader: PdfReader) -> None:
    for page in reader.pages:
        assert float(page.mediabox.width) == pytest.approx(595.28, abs=1)
        assert float(page.mediabox.height) == pytest.approx(841.89, abs=1)


def test_cjk_fonts_are_embedded_and_subset(reader: PdfReader, sample_pdf: bytes) -> None:
    fonts = reader.pages[2]["/Resources"]["/Font"]
    names = {str(font.get_object()["/BaseFont"]).replace("-", "") for font in fonts.values()}
    assert any("Fang" in name for name in names), names          # 仿宋 body (FandolFang where 仿宋_GB2312 is missing)
    assert any("Hei" in name for name in names), names           # 黑体 headings
    descendants = [font.get_object()["/DescendantFonts"][0].get_object() for font in fonts.values()]
    assert all("/FontFile3" in d["/FontDescriptor"] or "/FontFile2" in d["/FontDescriptor"] for d in descendants)
    # Subset faces take about 100 kB each; one whole CJK face alone is several MB.
    assert len(sample_pdf) < 1_000_000


def test_the_chart_is_vector_art_not_an_image(sample_pdf: bytes) -> None:
    with pdfplumber.open(io.BytesIO(sample_pdf)) as pdf:
        page = pdf.pages[2]
        assert page.images == []
        assert len(page.curves) > 30  # the chart's letters and figures, drawn as outlines
        text = page.extract_text()
    # its labels are shapes, not text in a font the PDF would have to carry
    assert "1825.64" not in text and "2023年度" not in text and "图1：收入决算支出决算总计情况" in text


def test_metadata_dates_come_from_created(reader: PdfReader) -> None:
    assert reader.metadata["/CreationDate"] == "D:20250331090000+08'00"
    assert reader.metadata["/ModDate"] == "D:20250331090000+08'00"
    assert reader.metadata["/Title"] == "某某单位2024年度部门决算"


def test_same_input_gives_identical_bytes(sample_pdf: bytes) -> None:
    assert build() == sample_pdf


def test_another_process_gives_identical_bytes(sample_pdf: bytes) -> None:
    """Set and dict order differ between processes (hash seed); the bytes must not."""
    script = "import sys, hashlib, test_pdf_writer as t; sys.stdout.write(hashlib.sha256(t.build()).hexdigest())"
    src = str(Path(__file__).parents[2] / "src")
    env = {**os.environ, "PYTHONHASHSEED": "12345",
           "PYTHONPATH": os.pathsep.join([str(Path(__file__).parent), src, os.environ.get("PYTHONPATH", "")])}
    digest = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True).stdout
    assert digest == hashlib.sha256(sample_pdf).hexdigest()


def test_naive_created_is_rejected() -> None:
    with pytest.raises(ValueError, match="timezone"):
        html_to_pdf(SAMPLE, sample_assets(), [PRINT_CSS], created=datetime(2025, 3, 31))


@pytest.mark.parametrize("url", ["http://example.com/x.png", "file:///etc/passwd", "data:image/png;base64,AAAA"])
def test_outside_urls_are_refused_by_the_fetcher(url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    asked: list[str] = []
    fetch = pdf_writer.AssetFetcher.fetch

    def spy(self: pdf_writer.AssetFetcher, requested: str, headers: object = None) -> object:
        asked.append(requested)
        return fetch(self, requested, headers)

    monkeypatch.setattr(pdf_writer.AssetFetcher, "fetch", spy)
    html = SAMPLE.replace("asset:chart1.svg", url)
    with pytest.raises(AssetError, match="refused URL") as error:
        build(html)
    assert url.split("?")[0] in str(error.value)
    assert [u for u in asked if not u.startswith("asset:font/")] == [url]   # the fonts of @font-face come first


def test_outside_urls_in_stylesheets_are_refused() -> None:
    css = PRINT_CSS + '\nbody { background: url("https://example.com/bg.png"); }'
    with pytest.raises(AssetError, match="https://example.com/bg.png"):
        html_to_pdf(SAMPLE, sample_assets(), [css], created=CREATED)


def test_a_missing_asset_is_named() -> None:
    with pytest.raises(AssetError, match="chart1.svg"):
        build(assets={})


def test_svg_assets_are_served_as_svg() -> None:
    svg = b'<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20"><rect width="40" height="20"/></svg>'
    html = SAMPLE.replace("asset:chart1.svg", "asset:seal.svg")
    pdf = PdfReader(io.BytesIO(build(html, {"seal.svg": svg})))
    assert "图1：收入决算支出决算总计情况" in page_texts(pdf)[2]


def test_unknown_asset_types_are_refused() -> None:
    html = SAMPLE.replace("asset:chart1.svg", "asset:chart1.gif")
    with pytest.raises(AssetError, match="chart1.gif"):
        build(html, {"chart1.gif": b"GIF89a"})
