"""What an officer sees when opening the DOCX: styles, text, tables, pictures, page setup, TOC."""

from __future__ import annotations

import struct
import time
import zlib
from datetime import datetime, timezone
from io import BytesIO

import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph

from juesuan.errors import TemplateError
from juesuan.write.docx_writer import html_to_docx

CREATED = datetime(2025, 6, 30, 9, 0, 0)
UTC_CREATED = CREATED.replace(tzinfo=timezone.utc)  # python-docx reads dates back as UTC


def tiny_png() -> bytes:
    """A valid 1×1 white PNG, built by hand so the test needs no image library."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00\xff\xff\xff")
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")


SAMPLE_HTML = """<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>样例</title></head><body>
<section class="cover">
  <p class="cover-year">2024年度</p>
  <h1 class="title">某某县财政局<br/>2024年度部门决算</h1>
  <p class="cover-unit">某某县财政局</p>
  <p class="cover-date">公开时间：2025年7月1日</p>
</section>
<nav class="toc"><h1 class="toc-title nonum">目录</h1><ul>
  <li class="toc-1"><a href="#part-1">第一部分 部门概况</a></li>
  <li class="toc-2"><a href="#p1-duties">一、主要职能</a></li>
  <li class="toc-1"><a href="#annex-1">附件1 名词解释</a></li>
</ul></nav>
<section class="part">
  <h1 id="part-1"><span class="num">第一部分 </span>部门概况</h1>
  <h2 id="p1-duties"><span class="num">一、</span>主要职能</h2>
  <p>本部门主要职能是：
     贯彻执行<strong>国家财政</strong>方针政策。</p>
  <h3 id="p1-h3"><span class="num">（一）</span>机构设置</h3>
  <h4 id="p1-h4"><span class="num">1.</span>内设机构</h4>
  <ol class="num">
    <li><span class="num">1.</span>办公室；</li>
    <li><span class="num">2.</span>预算股。</li>
  </ol>
  <p class="unit">单位：万元</p>
  <table class="data">
    <caption>收入支出决算总表</caption>
    <thead>
      <tr><th colspan="2">收入</th><th colspan="2">支出</th></tr>
      <tr><th>项目</th><th>金额</th><th>项目</th><th>金额</th></tr>
    </thead>
    <tbody>
      <tr><td class="text" rowspan="2">一般公共预算财政拨款收入</td><td class="num">1,234.56</td>
          <td class="text">一般公共服务支出</td><td class="num">1,000.00</td></tr>
      <tr><td class="num">0.00</td><td class="text">教育支出</td><td class="num">234.56</td></tr>
      <tr class="total"><td>本年收入合计</td><td class="num">1,234.56</td>
          <td>本年支出合计</td><td class="num">1,234.56</td></tr>
    </tbody>
  </table>
  <p class="note">注：本表反映部门本年度的总收支。</p>
  <figure class="chart"><img src="asset:income.png" data-width-mm="120" alt="收入构成"/>
    <figcaption>图1：收入构成</figcaption></figure>
  <div class="page-break"></div>
  <p>分页后的段落。</p>
</section>
<section class="annex">
  <h1 id="annex-1"><span class="num">附件1 </span>名词解释</h1>
  <p class="signature">某某县财政局办公室</p>
</section>
</body></html>
"""


def build(html: str = SAMPLE_HTML, created: datetime = CREATED) -> bytes:
    return html_to_docx(html, {"income.png": tiny_png()}, created=created)


@pytest.fixture(scope="module")
def document():
    return docx.Document(BytesIO(build()))


def paragraph(document, text: str):
    return next(p for p in document.paragraphs if p.text == text)


def test_headings_are_word_heading_styles(document):
    styles = {p.text: p.style.name for p in document.paragraphs}
    assert styles["某某县财政局\n2024年度部门决算"] == "Title"
    assert styles["第一部分 部门概况"] == "Heading 1"
    assert styles["一、主要职能"] == "Heading 2"
    assert styles["（一）机构设置"] == "Heading 3"
    assert styles["1.内设机构"] == "Heading 4"
    assert styles["附件1 名词解释"] == "Heading 1"
    outline = document.styles["Heading 2"].element.pPr.find(qn("w:outlineLvl"))
    assert outline.get(qn("w:val")) == "1"


@pytest.mark.parametrize(
    ("style", "east_asian"),
    [("Normal", "仿宋_GB2312"), ("Title", "方正小标宋简体"), ("Heading 1", "黑体"), ("Heading 2", "黑体"),
     ("Heading 3", "楷体_GB2312"), ("Heading 4", "仿宋_GB2312"), ("Heading 5", "仿宋_GB2312")],
)  # fmt: skip
def test_styles_carry_chinese_fonts_not_theme_fonts(document, style, east_asian):
    element = document.styles[style].element
    fonts = element.rPr.rFonts
    assert fonts.get(qn("w:eastAsia")) == east_asian
    assert fonts.get(qn("w:ascii")) == "Times New Roman"
    for theme in ("w:asciiTheme", "w:eastAsiaTheme", "w:hAnsiTheme", "w:cstheme"):
        assert fonts.get(qn(theme)) is None
    assert document.styles[style].font.color.rgb == docx.shared.RGBColor(0, 0, 0)


def test_document_defaults_drop_theme_fonts(document):
    defaults = document.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    assert defaults.find(qn("w:rFonts")).get(qn("w:eastAsiaTheme")) is None
    assert defaults.find(qn("w:lang")).get(qn("w:eastAsia")) == "zh-CN"


def test_normal_is_sanhao_fangsong_28pt_exact_with_two_character_indent(document):
    normal = document.styles["Normal"]
    assert normal.font.size.pt == 16
    assert normal.paragraph_format.line_spacing.pt == 28
    assert normal.paragraph_format.line_spacing_rule == docx.enum.text.WD_LINE_SPACING.EXACTLY
    assert normal.element.pPr.ind.get(qn("w:firstLineChars")) == "200"
    assert document.styles["Heading 4"].font.bold is True
    assert document.styles["Title"].font.size.pt == 22


def test_body_text_collapses_source_white_space_and_keeps_strong(document):
    p = paragraph(document, "本部门主要职能是： 贯彻执行国家财政方针政策。")
    assert p.style.name == "Normal"
    assert [r.text for r in p.runs if r.bold] == ["国家财政"]
    assert paragraph(document, "1.办公室；").style.name == "Normal"
    assert paragraph(document, "2.预算股。").style.name == "Normal"
    assert paragraph(document, "单位：万元").style.paragraph_format.alignment == WD_ALIGN_PARAGRAPH.RIGHT
    assert paragraph(document, "注：本表反映部门本年度的总收支。").style.name == "Note"
    signature = paragraph(document, "某某县财政局办公室")
    assert signature.style.paragraph_format.alignment == WD_ALIGN_PARAGRAPH.RIGHT


def test_table_cells_merges_alignment_and_header_repeat(document):
    assert paragraph(document, "收入支出决算总表").style.name == "Table Caption"
    table = document.tables[0]
    texts = [[cell.text for cell in row.cells] for row in table.rows]
    assert texts[0] == ["收入", "收入", "支出", "支出"]  # colspan: one cell spans two columns
    assert texts[1] == ["项目", "金额", "项目", "金额"]
    assert texts[2][:2] == ["一般公共预算财政拨款收入", "1,234.56"]
    assert texts[3][:2] == ["一般公共预算财政拨款收入", "0.00"]  # rowspan: merged vertically
    v_merge = [tc.vMerge for tc in table._tbl.xpath(".//w:tc") if tc.vMerge]
    assert v_merge == ["restart", "continue"]
    assert table.rows[0].cells[0]._tc.grid_span == 2

    number = table.rows[2].cells[1].paragraphs[0]
    assert number.alignment == WD_ALIGN_PARAGRAPH.RIGHT
    assert table.rows[0].cells[0].paragraphs[0].style.name == "Table Heading"
    assert table.rows[2].cells[2].paragraphs[0].style.font.size.pt == 10.5
    assert all(run.bold for run in table.rows[4].cells[0].paragraphs[0].runs)

    header_flags = [bool(tr.xpath("./w:trPr/w:tblHeader")) for tr in table._tbl.tr_lst]
    assert header_flags == [True, True, False, False, False]
    assert table.rows[1].cells[0].paragraphs[0].paragraph_format.keep_with_next  # never stranded at a page foot
    borders = document.styles["Table Grid"].element.find(qn("w:tblPr")).find(qn("w:tblBorders"))
    assert table.style.name == "Table Grid" and borders.find(qn("w:insideV")).get(qn("w:val")) == "single"
    widths = [int(w) for w in table._tbl.xpath("./w:tblGrid/w:gridCol/@w:w")]
    assert abs(sum(widths) / 56.7 - 156) < 0.5  # table spans the text width (twips → mm)


def test_wide_table_uses_small_font():
    html = SAMPLE_HTML.replace('<table class="data">', '<table class="data wide">')
    table = docx.Document(BytesIO(build(html))).tables[0]
    assert table.rows[2].cells[2].paragraphs[0].style.font.size.pt == 9


def test_figure_embeds_picture_and_caption(document):
    image_rels = [r for r in document.part.rels.values() if r.reltype == RT.IMAGE]
    assert len(image_rels) == 1
    shape = document.inline_shapes[0]
    assert abs(shape.width.mm - 120) < 0.5
    assert paragraph(document, "图1：收入构成").style.name == "Caption"


def test_page_is_a4_with_gbt9704_margins(document):
    section = document.sections[0]
    measured = [section.page_width, section.page_height, section.top_margin, section.bottom_margin,
                section.left_margin, section.right_margin]  # fmt: skip
    for length, expected in zip(measured, [210, 297, 37, 35, 28, 26]):
        assert abs(length.mm - expected) < 0.5


def test_footer_has_dashed_page_number_except_on_cover(document):
    section = document.sections[0]
    assert section.different_first_page_header_footer
    footer = section.footer._element
    assert " PAGE " in footer.xpath("string(.//w:instrText)")
    assert footer.xpath("string(.)").startswith("— ") and footer.xpath("string(.)").endswith(" —")
    assert not section.first_page_footer._element.xpath(".//w:instrText")


def test_toc_is_a_word_field_with_cached_entries(document):
    body = document.element.body
    instructions = [t.text for t in body.iter(qn("w:instrText"))]
    assert instructions[0] == " TOC \\f \\h \\z "
    entries = [(p.style.name, p.text) for p in document.paragraphs if p.style.name.startswith("toc")]
    assert entries == [
        ("toc 1", "第一部分 部门概况\t"),
        ("toc 2", "一、主要职能\t"),
        ("toc 1", "附件1 名词解释\t"),
    ]
    bookmarked = {start.get(qn("w:name")): start.getparent() for start in body.iter(qn("w:bookmarkStart"))}
    linked = [Paragraph(bookmarked[a], None).text for a in body.xpath(".//w:hyperlink/@w:anchor")]
    assert linked == ["第一部分 部门概况", "一、主要职能", "附件1 名词解释"]  # each entry jumps to its heading
    assert paragraph(document, "目录").style.name == "TOC Heading"
    update = document.settings.element.find(qn("w:updateFields"))
    assert update is not None and update.get(qn("w:val")) == "true"


def test_parts_annexes_and_page_breaks_start_new_pages(document):
    assert paragraph(document, "目录").paragraph_format.page_break_before
    assert paragraph(document, "第一部分 部门概况").paragraph_format.page_break_before
    assert paragraph(document, "附件1 名词解释").paragraph_format.page_break_before
    assert paragraph(document, "分页后的段落。").paragraph_format.page_break_before
    assert not paragraph(document, "一、主要职能").paragraph_format.page_break_before


def test_same_input_and_date_give_identical_bytes():
    first, second = build(), build()
    assert first == second
    assert build(created=datetime(2025, 7, 1)) != first
    props = docx.Document(BytesIO(first)).core_properties
    assert (props.author, props.last_modified_by, props.revision) == ("juesuan", "juesuan", 1)  # no unit given
    assert props.created == props.modified == props.last_printed == UTC_CREATED
    assert props.title == "某某县财政局2024年度部门决算"


def test_elements_outside_the_contract_are_reported():
    with pytest.raises(TemplateError, match="<blockquote>"):
        build(SAMPLE_HTML.replace("<p>分页后的段落。</p>", "<blockquote>x</blockquote>"))
    with pytest.raises(TemplateError, match="missing.png"):
        build(SAMPLE_HTML.replace("asset:income.png", "asset:missing.png"))


def test_forty_page_report_builds_quickly():
    row = '<tr><td class="text">2010101 行政运行</td>' + '<td class="num">1,234.56</td>' * 6 + "</tr>"
    table = '<table class="data"><thead><tr>' + "<th>项目</th>" * 7 + "</tr></thead><tbody>"
    tables = "".join(table + row * 60 + "</tbody></table>" for _ in range(13))
    html = SAMPLE_HTML.replace('<div class="page-break"></div>', tables)
    start = time.perf_counter()
    docx.Document(BytesIO(build(html)))
    assert time.perf_counter() - start < 1.5
