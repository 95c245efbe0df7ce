"""An annex table's merged cells ("^", "<") and an annex's 落款 reach both formats; a bad merge is located."""

from __future__ import annotations

import re

import pytest
from docx import Document

from juesuan.build import build
from juesuan.errors import DataError
from tests.support.units import make_unit

TOTAL_ROW = '                    - [合计, "", "1746.77", "1778.52", "1778.52"]\n'
MERGED_ROW = '                    - [合计, "<", "1746.77", "1778.52", "1778.52"]\n'
SIGNED = ("  - 标题: 绵竹市医疗保障局2024年度部门整体支出绩效评价报告\n",
          "  - 标题: 绵竹市医疗保障局2024年度部门整体支出绩效评价报告\n"
          "    落款: {单位: 绵竹市医疗保障局, 日期: 2025-08-30}\n")


def test_a_merged_total_cell_and_the_signature_in_html_and_docx(tmp_path):
    result = build(make_unit(tmp_path / "u", (TOTAL_ROW, MERGED_ROW), SIGNED), tmp_path / "out", ["html", "docx"])
    html = result.document.html
    assert '<td colspan="2">合计</td><td class="num">1746.77</td>' in html
    text = re.sub(r"<[^>]+>", "", html)
    assert "绵竹市医疗保障局2025年8月30日" in re.sub(r"\s+", "", text)
    doc = Document(str(next(p for p in result.files if p.suffix == ".docx")))
    table = next(t for t in doc.tables if any(c.text == "收入类型" for c in t.rows[0].cells))
    last = table.rows[-1].cells
    assert last[0].text == "合计" and last[0]._tc is last[1]._tc          # one cell over two columns
    signed = [p for p in doc.paragraphs if p.text in ("绵竹市医疗保障局", "2025年8月30日")]
    assert [p.style.name for p in signed] == ["Body Right", "Body Right"]   # the 落款, right-aligned


def test_a_merge_that_cannot_be_drawn_is_located(tmp_path):
    bad = '                    - ["^", "<", "1746.77", "1778.52", "1778.52"]\n'
    with pytest.raises(DataError) as caught:
        build(make_unit(tmp_path / "u", (TOTAL_ROW, bad)), tmp_path / "out", ["html"])
    message = caught.value.format()
    assert re.search(r"2024\.yaml:\d+:\d+：表格的行中第3行第2列", message), message
