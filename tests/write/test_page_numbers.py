"""Page numbers as GB/T 9704 asks: "— N —" outside (odd pages right, even left), none on the cover, and on
the 目录 as the layout says — in the PDF and in the DOCX."""

from __future__ import annotations

from datetime import datetime, timezone
from io import BytesIO

import docx
import pdfplumber
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH

from juesuan.layout import find_layout
from juesuan.render.typography import default_typography, load_typography
from juesuan.write.docx_writer import html_to_docx
from juesuan.write.pdf_writer import html_to_pdf
from tests.support.units import write_layout

CREATED = datetime(2025, 3, 31, tzinfo=timezone.utc)
HTML = ("<html><body><section class='cover'><h1 class='title'>某单位部门决算</h1></section>"
        "<nav class='toc'><h1>目录</h1><ol><li class='toc-1'><a href='#p1'>第一部分 概况</a></li></ol></nav>"
        "<section class='part'><h1 id='p1'>第一部分 概况</h1><p>第三页</p></section>"
        "<section class='part'><h1>第二部分</h1><p>第四页</p></section>"
        "<section class='part'><h1>第三部分</h1><p>第五页</p></section></body></html>")  # each part starts a page


def _numbers(pdf: bytes) -> list[tuple[str, str]]:
    """Per page: the footer's text and which side of the page it sits on."""
    out = []
    with pdfplumber.open(BytesIO(pdf)) as doc:
        for page in doc.pages:
            footer = [c for c in page.chars if c["top"] > page.height * 0.85]
            text = "".join(c["text"] for c in footer).replace(" ", "")
            side = "" if not footer else ("right" if min(c["x0"] for c in footer) > page.width / 2 else
                                          "left" if max(c["x1"] for c in footer) < page.width / 2 else "centre")
            out.append((text, side))
    return out


def test_the_pdf_numbers_odd_pages_right_and_even_pages_left_and_not_the_cover():
    numbers = _numbers(html_to_pdf(HTML, {}, [], created=CREATED))
    assert numbers == [("", ""), ("—2—", "left"), ("—3—", "right"), ("—4—", "left"), ("—5—", "right")]


def test_the_pdf_number_stands_one_character_in_from_the_text_edge():
    t = default_typography()
    with pdfplumber.open(BytesIO(html_to_pdf(HTML, {}, [], created=CREATED))) as doc:
        page = doc.pages[2]
        footer = [c for c in page.chars if c["top"] > page.height * 0.85]
        right_edge = page.width - t.page.margins.right * 72 / 25.4
    assert max(c["x1"] for c in footer) == pytest.approx(right_edge - t.page_number.size, abs=1.5)


def _layout(tmp_path, text):
    return load_typography(find_layout(write_layout(tmp_path / "county", {"排版.yaml": text})).folders)


def test_a_layout_may_leave_the_toc_unnumbered_and_centre_the_numbers(tmp_path):
    t = _layout(tmp_path, "页码: {位置: 居中, 目录页印页码: false}\n")
    numbers = _numbers(html_to_pdf(HTML, {}, [], created=CREATED, typography=t))
    assert numbers == [("", ""), ("", ""), ("—3—", "centre"), ("—4—", "centre"), ("—5—", "centre")]


def _footer_texts(footer) -> str:
    return "".join(footer._element.xpath(".//w:instrText/text()")) + footer._element.xpath("string(.)")


def test_the_docx_has_odd_and_even_footers_outside_and_a_blank_cover():
    document = docx.Document(BytesIO(html_to_docx(HTML, {}, created=CREATED)))
    assert document.settings.odd_and_even_pages_header_footer
    section = document.sections[0]
    odd, even = section.footer.paragraphs[0], section.even_page_footer.paragraphs[0]
    assert odd.alignment == WD_ALIGN_PARAGRAPH.RIGHT and odd.paragraph_format.right_indent.pt == 14
    assert even.alignment == WD_ALIGN_PARAGRAPH.LEFT and even.paragraph_format.left_indent.pt == 14
    assert "PAGE" in _footer_texts(section.footer) and "PAGE" in _footer_texts(section.even_page_footer)
    assert section.different_first_page_header_footer and "PAGE" not in _footer_texts(section.first_page_footer)
    assert len(document.sections) == 1


def test_an_unnumbered_toc_is_a_section_of_its_own_in_the_docx(tmp_path):
    t = _layout(tmp_path, "页码: {目录页印页码: false}\n")
    document = docx.Document(BytesIO(html_to_docx(HTML, {}, created=CREATED, typography=t)))
    front, body = document.sections
    assert "PAGE" not in _footer_texts(front.footer) + _footer_texts(front.even_page_footer)
    assert "PAGE" in _footer_texts(body.footer) and "PAGE" in _footer_texts(body.even_page_footer)
    assert not body.different_first_page_header_footer
    assert body._sectPr.find("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}pgNumType") is None
