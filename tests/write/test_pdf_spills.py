"""A table that spills a few rows onto a page of their own is set tighter so that it ends on its first page;
one that fills a good part of the next page is left alone."""

from __future__ import annotations

from datetime import datetime, timezone
from io import BytesIO

from pypdf import PdfReader
from weasyprint import CSS, HTML

from juesuan.render.typography import default_typography, stylesheet
from juesuan.write.pdf_spills import short_spills
from juesuan.write.pdf_writer import html_to_pdf
from tests.write.test_pdf_writer import PRINT_CSS

CREATED = datetime(2025, 3, 31, tzinfo=timezone.utc)


def _html(rows: int) -> str:
    body = "".join(f"<tr><td class='text'>第{n}行</td><td class='num'>{n}.00</td></tr>" for n in range(rows))
    return ("<html><body><section class='part'><table><caption>某表</caption><thead><tr><th>项目</th><th>金额</th>"
            f"</tr></thead><tbody>{body}</tbody></table></section></body></html>")


def _plain_layout(html: str):
    source = HTML(string=html)
    css = [CSS(string=stylesheet(default_typography())), CSS(string=PRINT_CSS)]
    return source, source.render(stylesheets=css)


def _pages(pdf: bytes) -> int:
    return len(PdfReader(BytesIO(pdf)).pages)


def test_a_table_two_rows_too_long_ends_on_its_first_page_and_a_long_one_keeps_its_pages():
    rows = 30
    while len(_plain_layout(_html(rows))[1].pages) == 1:          # the first length that spills
        rows += 1
    source, document = _plain_layout(_html(rows + 1))
    assert len(document.pages) == 2 and short_spills(document, source.etree_element) == [0]
    assert _pages(html_to_pdf(_html(rows + 1), {}, [PRINT_CSS], created=CREATED)) == 1

    long = int(rows * 1.6)                                       # well into the second page
    source, document = _plain_layout(_html(long))
    assert short_spills(document, source.etree_element) == []
    assert _pages(html_to_pdf(_html(long), {}, [PRINT_CSS], created=CREATED)) == 2


def test_the_docx_sets_tight_the_tables_the_pdf_did():
    from docx import Document

    from juesuan.render.document import RenderedDocument
    from juesuan.write.docx_writer import html_to_docx
    from juesuan.write.formats import PdfWriter

    rows = 30
    while len(_plain_layout(_html(rows))[1].pages) == 1:
        rows += 1
    _, laid_out = PdfWriter().lay_out(RenderedDocument(_html(rows + 1), {}, PRINT_CSS), CREATED)
    assert "tight" in laid_out.html
    table = Document(BytesIO(html_to_docx(laid_out.html, {}, created=CREATED))).tables[0]
    margins = table._tbl.tblPr.xpath("./w:tblCellMar/w:top/@w:w")
    assert margins == ["10"]                                      # half a point, as the PDF's tight cells
