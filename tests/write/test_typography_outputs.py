"""One 排版 drives both outputs: a value a layout's 排版.yaml changes — a size, a margin, the page, a page
break — reaches the PDF and the DOCX alike, and the layouts' print.css still cascades after it (PDF only)."""

from __future__ import annotations

from datetime import datetime, timezone
from io import BytesIO
from pathlib import Path

import docx
import pdfplumber
import pytest
from docx.enum.section import WD_ORIENT
from docx.oxml.ns import qn

from juesuan.build import Options, build
from juesuan.layout import find_layout
from juesuan.render.typography import FILE, load_typography
from juesuan.write.docx_writer import html_to_docx
from juesuan.write.pdf_writer import html_to_pdf

ROOT = Path(__file__).resolve().parents[2]
PRINT_CSS = (ROOT / "templates" / "sichuan" / "print.css").read_text(encoding="utf-8")
SAMPLE_DATA = ROOT / "data" / "mianzhu-yibao" / "2024.yaml"
CREATED = datetime(2025, 3, 31, 9, 0, tzinfo=timezone.utc)
PT_PER_MM = 72 / 25.4

HTML = """<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>样例</title></head><body>
<section class="cover">
  <p class="cover-year">2024年度</p>
  <h1 class="title">某某单位<br>部门决算</h1>
  <p class="cover-unit">某某单位</p>
</section>
<nav class="toc"><h1 class="toc-title nonum">目录</h1><ul>
  <li class="toc-1"><a href="#part-1">第一部分 部门概况</a></li>
</ul></nav>
<section class="part">
  <h1 id="part-1">第一部分 部门概况</h1>
  <h2 id="part-1-1">一、部门职责</h2>
  <p>正文段落甲乙丙丁。</p>
  <table class="data"><thead><tr><th>项目</th><th>金额</th></tr></thead>
    <tbody><tr><td class="text">表中文字</td><td class="num">1.00</td></tr></tbody></table>
</section>
<section class="part">
  <h1 id="part-2">第二部分 情况说明</h1>
  <h2 id="part-2-1">一、收入支出</h2>
  <p>第二部分的正文。</p>
</section>
</body></html>
"""


def layout(folder: Path, typography: str, css: str | None = None) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "版式.yaml").write_text("名称: 某县\n继承: sichuan\n", encoding="utf-8")
    (folder / FILE).write_text(typography, encoding="utf-8")
    if css is not None:
        (folder / "print.css").write_text(css, encoding="utf-8")
    return folder


def both(folder: Path):
    """The sample HTML as a PDF (pdfplumber) and a DOCX (python-docx) with the layout's 排版."""
    typography = load_typography(find_layout(folder).folders)
    pdf = html_to_pdf(HTML, {}, [PRINT_CSS], created=CREATED, typography=typography)
    document = docx.Document(BytesIO(html_to_docx(HTML, {}, created=CREATED, typography=typography)))
    return pdfplumber.open(BytesIO(pdf)), document


def chars_of(pdf, text: str) -> list[dict]:
    """The characters of the first line that contains `text`, on whichever page it is."""
    for page in pdf.pages:
        chars = page.chars
        joined = "".join(c["text"] for c in chars)
        at = joined.find(text)
        if at >= 0:
            return chars[at:at + len(text)]
    raise AssertionError(f"{text} not in the PDF")


def page_of(pdf, text: str) -> int:
    """The page that prints `text` in the body (not as an entry of the 目录)."""
    texts = [(page.extract_text() or "").replace(" ", "") for page in pdf.pages]
    return next(n for n, page in enumerate(texts, 1) if text in page and "目录" not in page)


def breaks_before(document, text: str) -> bool:
    p = next(p for p in document.paragraphs if p.text == text)
    return bool(p.paragraph_format.page_break_before)


def test_sizes_and_margins_of_a_layout_reach_both(tmp_path):
    folder = layout(tmp_path / "county", "正文: {字号: 14, 行距: 24}\n标题:\n  二级: {字号: 18, 行距: 30}\n"
                                         "表格: {字号: 12}\n页面:\n  页边距: {左: 35, 右: 20, 上: 30}\n")
    pdf, document = both(folder)
    assert {round(c["size"], 1) for c in chars_of(pdf, "正文段落甲乙丙丁")} == {14}
    assert {round(c["size"], 1) for c in chars_of(pdf, "部门职责")} == {18}
    assert {round(c["size"], 1) for c in chars_of(pdf, "表中文字")} == {12}
    page = pdf.pages[page_of(pdf, "正文段落甲乙丙丁") - 1]
    table_left = min(edge["x0"] for edge in page.edges)
    assert table_left == pytest.approx(35 * PT_PER_MM, abs=1)

    styles = document.styles
    assert styles["Normal"].font.size.pt == 14 and styles["Normal"].paragraph_format.line_spacing.pt == 24
    assert styles["Heading 2"].font.size.pt == 18 and styles["Heading 2"].paragraph_format.line_spacing.pt == 30
    assert styles["Table Text"].font.size.pt == 12
    section = document.sections[0]
    assert [round(x.mm) for x in (section.left_margin, section.right_margin, section.top_margin)] == [35, 20, 30]
    widths = [int(w) for w in document.tables[0]._tbl.xpath("./w:tblGrid/w:gridCol/@w:w")]
    assert sum(widths) / 56.7 == pytest.approx(210 - 35 - 20, abs=0.5)   # tables fill the new text width


def test_a_landscape_page_and_a_page_number_format_reach_both(tmp_path):
    pdf, document = both(layout(tmp_path / "county", "页面: {宽: 297, 高: 210}\n页码: {格式: '第{页码}页'}\n"))
    assert (pdf.pages[0].width, pdf.pages[0].height) == pytest.approx((297 * PT_PER_MM, 210 * PT_PER_MM), abs=1)
    numbered = [i + 1 for i, page in enumerate(pdf.pages) if f"第{i + 1}页" in page.extract_text().replace(" ", "")]
    assert numbered and numbered == list(range(numbered[0], len(pdf.pages) + 1))   # every page after the cover
    section = document.sections[0]
    assert section.orientation == WD_ORIENT.LANDSCAPE
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (297, 210)
    footer = section.footer._element.xpath("string(.)")
    assert footer.startswith("第") and footer.endswith("页")


def test_parts_start_a_page_in_both_by_default_and_in_neither_when_the_layout_says_not(tmp_path):
    default_pdf, default_docx = both(layout(tmp_path / "default", ""))
    assert page_of(default_pdf, "第二部分情况说明") == page_of(default_pdf, "第一部分部门概况") + 1
    assert breaks_before(default_docx, "第二部分 情况说明")

    pdf, document = both(layout(tmp_path / "flowing", "标题:\n  一级: {段前分页: false}\n"))
    assert page_of(pdf, "第二部分情况说明") == page_of(pdf, "第一部分部门概况") == 3   # after the cover and 目录
    assert not breaks_before(document, "第二部分 情况说明")
    assert breaks_before(document, "第一部分 部门概况")                 # the 目录 still ends its page
    assert len(pdf.pages) == len(default_pdf.pages) - 1


def test_a_page_break_before_a_lower_heading_reaches_both(tmp_path):
    pdf, document = both(layout(tmp_path / "county", "标题:\n  二级: {段前分页: true}\n"))
    assert page_of(pdf, "一、部门职责") == page_of(pdf, "第一部分部门概况") + 1
    assert breaks_before(document, "一、部门职责") and breaks_before(document, "一、收入支出")
    assert not document.styles["Heading 2"].paragraph_format.page_break_before   # said on the paragraphs


def test_a_layouts_print_css_still_overrides_the_generated_rules_in_the_pdf(tmp_path):
    folder = layout(tmp_path / "county", "正文: {字号: 14}\n", css="h2 { font-size: 20pt; }\n")
    typography = load_typography(find_layout(folder).folders)
    css = [path.read_text(encoding="utf-8") for path in (ROOT / "templates/sichuan/print.css", folder / "print.css")]
    pdf = pdfplumber.open(BytesIO(html_to_pdf(HTML, {}, css, created=CREATED, typography=typography)))
    assert {round(c["size"]) for c in chars_of(pdf, "部门职责")} == {20}      # the layout's print.css wins
    assert {round(c["size"]) for c in chars_of(pdf, "正文段落")} == {14}       # the 排版 still applies


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """The 绵竹 sample through `build` with a layout whose 排版 sets a smaller body and other margins."""
    root = tmp_path_factory.mktemp("typography")
    folder = layout(root / "county", "正文: {字号: 15, 行距: 26}\n页面:\n  页边距: {左: 30, 右: 24}\n",
                    css="p.note { color: #333; }\n")
    result = build(SAMPLE_DATA, root / "out", ["docx", "pdf"], Options(layout=folder))
    files = {path.suffix: path for path in result.files}
    return docx.Document(str(files[".docx"])), pdfplumber.open(files[".pdf"])


def test_build_hands_the_chosen_layouts_typography_to_both_writers(built):
    document, pdf = built
    assert document.styles["Normal"].font.size.pt == 15
    assert round(document.sections[0].left_margin.mm) == 30 and round(document.sections[0].right_margin.mm) == 24
    assert document.styles["Normal"].element.pPr.ind.get(qn("w:firstLineChars")) == "200"
    sizes = {round(c["size"], 1) for page in pdf.pages[3:6] for c in page.chars if c["text"] in "的是和"}
    assert sizes == {15}                           # the narrative's body text, pages 4–6
    assert round(min(c["x0"] for page in pdf.pages[3:6] for c in page.chars) / PT_PER_MM) == 30   # the margin
