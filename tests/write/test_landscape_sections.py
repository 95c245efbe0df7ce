"""A <div class="landscape"> (what the width pass turns) prints on turned pages numbered in turn: a named page
in the PDF, a section of its own in the DOCX, with nothing left over when the document ends turned."""

from __future__ import annotations

from datetime import datetime, timezone
from io import BytesIO
from pathlib import Path

import docx
import pdfplumber
from docx.enum.section import WD_ORIENT

from juesuan.write.docx_writer import html_to_docx
from juesuan.write.pdf_writer import html_to_pdf

CREATED = datetime(2025, 3, 31, tzinfo=timezone.utc)
PRINT_CSS = (Path(__file__).resolve().parents[2] / "templates/sichuan/print.css").read_text(encoding="utf-8")
TURNED = ("<div class='landscape'><h2>七、三公表</h2><p class='unit'>单位：万元</p>"
          "<table class='data'><thead><tr><th>项目</th></tr></thead><tbody><tr><td>甲</td></tr></tbody></table></div>")


def _html(after: str) -> str:
    return ("<html><body><section class='cover'><h1 class='title'>某单位部门决算</h1></section>"
            "<nav class='toc'><h1>目录</h1><ol><li class='toc-1'><a href='#p1'>第一部分 概况</a></li></ol></nav>"
            f"<section class='part'><h1 id='p1'>第一部分 概况</h1><p>第三页</p>{TURNED}{after}</section></body></html>")


def test_the_pdf_turns_the_page_and_numbers_it_in_turn():
    pdf = html_to_pdf(_html("<p>第五页</p>"), {}, [PRINT_CSS], created=CREATED)
    with pdfplumber.open(BytesIO(pdf)) as opened:
        sizes = [(round(p.width), round(p.height)) for p in opened.pages]
        footers = ["".join(w["text"] for w in p.extract_words() if w["top"] > p.height - 100) for p in opened.pages]
        fourth = opened.pages[3]
        number = [w for w in fourth.extract_words() if w["top"] > fourth.height - 100]
    assert sizes == [(595, 842)] * 3 + [(842, 595), (595, 842)]
    assert footers == ["", "—2—", "—3—", "—4—", "—5—"]
    assert number[0]["x0"] < fourth.width / 2                        # an even page: on the left, as elsewhere


def test_the_docx_turns_a_section_of_its_own_and_the_next_one_back():
    document = docx.Document(BytesIO(html_to_docx(_html("<p>第五页</p>"), {}, created=CREATED)))
    *_, before, turned, back = document.sections
    assert turned.orientation == WD_ORIENT.LANDSCAPE and back.orientation == WD_ORIENT.PORTRAIT
    assert (turned.page_width, turned.page_height) == (before.page_height, before.page_width)
    assert (back.page_width, back.page_height) == (before.page_width, before.page_height)
    assert not turned.different_first_page_header_footer and not back.different_first_page_header_footer
    assert turned.footer.is_linked_to_previous and back.footer.is_linked_to_previous


def test_a_document_ending_turned_ends_with_the_turned_section():
    document = docx.Document(BytesIO(html_to_docx(_html(""), {}, created=CREATED)))
    last = document.sections[-1]
    assert last.orientation == WD_ORIENT.LANDSCAPE
    assert document.sections[-2].orientation == WD_ORIENT.PORTRAIT   # no empty portrait section after it
