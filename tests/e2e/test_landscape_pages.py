"""The Henan 三公 table (19 columns, too wide for a portrait page even at 8 pt) as a reader sees it: on a
landscape page of its own with its heading and 单位 line, its header labels whole, the page numbered in turn;
in the DOCX a landscape section with the same margins and the numbered footers of the sections before."""

from __future__ import annotations

from io import BytesIO

import pdfplumber
import pytest
from docx import Document
from docx.oxml.ns import qn
from pypdf import PdfReader

HENAN = "beiguan-yibao/2021.yaml"
TITLE = "七、财政拨款“三公”经费支出决算表"
HEADER_CELLS = {"项目", "年初预算数", "预算数", "决算数", "合计", "因公出国\n（境）费", "公务用车购置及运行费", "公务接待费",
                "小计", "公务用车\n购置费", "公务用车\n运行费"}


@pytest.fixture(scope="module")
def henan(built):
    return built(HENAN)


def test_the_pdf_prints_the_table_on_a_numbered_landscape_page_with_its_heading(henan):
    pdf_bytes = henan.files[".pdf"].read_bytes()
    turned = [i for i, page in enumerate(PdfReader(BytesIO(pdf_bytes)).pages)
              if page.mediabox.width > page.mediabox.height]
    assert len(turned) == 1, turned
    with pdfplumber.open(BytesIO(pdf_bytes)) as pdf:
        page = pdf.pages[turned[0]]
        words = [w["text"] for w in page.extract_words(x_tolerance=1.5)]
        assert words[:2] == [TITLE, "单位：万元"]
        assert words[-3:] == ["—", str(turned[0] + 1), "—"]            # numbered as the pages around it
        assert pdf.pages[turned[0] + 1].extract_words()[-2]["text"] == str(turned[0] + 2)
        rows = page.extract_tables()[0]
    header = {cell for row in rows[:3] for cell in row if cell}
    assert header == HEADER_CELLS                                     # every label whole, cut between words
    assert rows[3][0] == "“三公”\n经费"


def _sections(doc) -> list[tuple[object, list]]:
    """(w:sectPr, the body elements of that section) in order."""
    out, members = [], []
    for child in doc.element.body.iterchildren():
        if child.tag == qn("w:sectPr"):
            out.append((child, members))
            continue
        members.append(child)
        found = child.find(f"{qn('w:pPr')}/{qn('w:sectPr')}")
        if found is not None:
            out.append((found, members))
            members = []
    return out


def _text(el) -> str:
    return "".join(t.text or "" for t in el.iter(qn("w:t")))


def _size(sect_pr) -> tuple[int, int, str | None]:
    size = sect_pr.find(qn("w:pgSz"))
    return int(size.get(qn("w:w"))), int(size.get(qn("w:h"))), size.get(qn("w:orient"))


def test_the_docx_turns_the_tables_section_and_numbers_it_in_turn(henan):
    doc = Document(str(henan.files[".docx"]))
    sections = _sections(doc)
    index = next(i for i, (_, members) in enumerate(sections) if any("公务接待费" in _text(m) for m in members))
    sect_pr, members = sections[index]
    texts = [_text(m) for m in members if m.tag == qn("w:p") and _text(m)]
    assert texts[:2] == [TITLE, "单位：万元"]                           # the heading and unit line go along
    first = sections[0][0]
    width, height, orient = _size(first)
    assert width < height and _size(sect_pr) == (height, width, "landscape")
    assert [_size(s) for s, _ in sections[index + 1:]] == [(width, height, None)] * len(sections[index + 1:])
    margins = {k: v for k, v in first.find(qn("w:pgMar")).attrib.items()}
    for later, _ in sections[1:]:
        assert dict(later.find(qn("w:pgMar")).attrib) == margins        # the same margins, not rotated
        assert later.find(qn("w:titlePg")) is None                      # no blank cover footer
        numbering = later.find(qn("w:pgNumType"))
        assert numbering is None or numbering.get(qn("w:start")) is None  # the numbers go on
    before = doc.sections[index - 1]
    assert " PAGE " in before.footer._element.xpath("string(.//w:instrText)")
    assert " PAGE " in before.even_page_footer._element.xpath("string(.//w:instrText)")
    for later in doc.sections[index:]:                                  # the numbered footers of that one
        assert later.footer.is_linked_to_previous and later.even_page_footer.is_linked_to_previous
