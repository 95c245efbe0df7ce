"""Tables as a reader sees them in the samples: header labels whole (科目编码, not 科目编/码), the 绩效自评表 all
with the same columns and their header repeated, and the DOCX's columns those of the PDF, figures unwrapped
and in the Latin font."""

from __future__ import annotations

import re
from io import BytesIO

import pdfplumber
import pytest
from docx import Document
from docx.oxml.ns import qn

HENAN = "beiguan-yibao/2021.yaml"


@pytest.fixture(scope="module")
def henan(built):
    result = built(HENAN)
    with pdfplumber.open(BytesIO(result.files[".pdf"].read_bytes())) as pdf:
        pages = [(page.extract_words(x_tolerance=1.5, keep_blank_chars=False), page.find_tables()) for page in pdf.pages]
        words = [[w["text"] for w in found] for found, _ in pages]
        tables = [[[c[2] - c[0] for c in t.rows[0].cells if c] for t in found] for _, found in pages]
    return result, words, tables, Document(str(result.files[".docx"]))


def test_header_words_are_printed_whole(henan):
    _, words, _, _ = henan
    printed = {w for page in words for w in page}
    for label in ("科目编码", "科目名称", "项目名称", "一级指标", "偏差原因", "财政拨款", "本年收入"):
        assert label in printed, label
    broken = {"科目编", "本年收入合", "事业收", "项目名", "财政拨款收"}
    assert not broken & printed, broken & printed


def test_every_evaluation_form_has_the_same_columns_in_the_docx(henan):
    _, _, _, doc = henan
    grids = {}
    for table in doc.tables:
        first = [c.text for c in table.rows[0].cells]
        if first[0] in ("项目名称", "部门（单位）名称", "一级指标") or first[0].replace("\n", "") == "部门（单位）名称":
            grids.setdefault(len(first), set()).add(tuple(int(g.get(qn("w:w"))) for g in table._tbl.tblGrid))
    assert grids and all(len(widths) == 1 for widths in grids.values()), grids
    indicators = [t for t in doc.tables if t.rows[0].cells[0].text == "一级指标"]
    assert len(indicators) >= 8                                   # one per form, its header repeating
    assert all(t.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None for t in indicators)


def test_docx_columns_are_the_pdfs(henan):
    """The 收入决算表 (9 columns): each DOCX grid column's share of the table equals the PDF's within 0.5%."""
    _, words, tables, doc = henan
    docx = next(t for t in doc.tables if [c.text for c in t.rows[0].cells][:2] == ["科目编码", "科目名称"]
                and len(t.columns) == 9)
    grid = [int(g.get(qn("w:w"))) for g in docx._tbl.tblGrid]
    pdf = next(widths for found, page in zip(words, tables) if "二、收入决算表" in "".join(found)
               for widths in page if len(widths) == 9)          # the page of the table, not the 目录
    for d, p in zip(grid, pdf):
        assert abs(d / sum(grid) - p / sum(pdf)) < 0.005, (grid, pdf)


def test_docx_figures_never_wrap_and_print_in_the_latin_face(henan):
    _, _, _, doc = henan
    checked = 0
    for table in doc.tables:
        for cell in table._tbl.iter(qn("w:tc")):
            text = "".join(t.text or "" for t in cell.iter(qn("w:t")))
            if re.fullmatch(r"\d{3,7}|\d[\d,]*\.\d+", text) and cell.find(f".//{qn('w:pStyle')}").get(
                    qn("w:val")).startswith("TableText"):
                assert cell.tcPr.find(qn("w:noWrap")) is not None, text
                fonts = cell.find(f".//{qn('w:rFonts')}")
                assert fonts is not None and fonts.get(qn("w:ascii")) == "Times New Roman", text
                assert fonts.get(qn("w:eastAsia")) == "Times New Roman", text
                checked += 1
    assert checked > 100
