"""Wrapped titles are broken into even lines, never leaving one or two characters alone."""

from __future__ import annotations

import lxml.html
from hypothesis import given, settings, strategies as st

from juesuan.render.balance import _insert_breaks, balance_document, em_width, line_breaks
from juesuan.render.typography import default_typography

TITLE = "附件1 某某县医疗保障局2024年度部门整体支出绩效评价工作情况报告"   # 31 em on a 27.6 em line


def _lines(text, cuts):
    return [text[a:b] for a, b in zip([0, *cuts], [*cuts, len(text)])]


def test_a_centred_title_that_wraps_gets_two_even_lines():
    lines = _lines(TITLE, line_breaks(TITLE, 27.6, 27.6, centred=True))
    assert len(lines) == 2
    widths = [sum(em_width(c) for c in line) for line in lines]
    assert abs(widths[0] - widths[1]) <= 2.5, lines
    assert "2024" in lines[0] + lines[1] and all("202" not in l or "2024" in l for l in lines)


def test_an_indented_heading_with_a_short_tail_is_broken_earlier():
    text = "（一）一般公共服务（类）财政事务（款）行政运行（项）"   # 26 em after a 2 em indent on 25 em: "项）" alone
    lines = _lines(text, line_breaks(text, 25, 27, centred=False))
    assert len(lines) == 2 and len(lines[1]) >= 4, lines


def test_a_heading_with_a_long_enough_tail_is_left_alone():
    text = "（一）" + "财政事务" * 7                                  # 31 em: the second line holds 6 em
    assert line_breaks(text, 25, 27, centred=False) == []


def test_a_title_that_fits_is_left_alone():
    assert line_breaks("第一部分 部门概况", 27.6, 27.6, centred=True) == []


_CJK = st.sampled_from(list("部门决算收入支出财政拨款一般公共预算基本项目经费情况说明年度"))
_PIECES = st.lists(st.one_of(_CJK, st.sampled_from(["（类）", "、", "，", "2024", "12.5%", "（", "）", " "])),
                   min_size=1, max_size=40)


@settings(max_examples=200, deadline=None)
@given(_PIECES, st.floats(10, 30), st.booleans())
def test_breaks_fit_the_line_and_respect_words(pieces, width, centred):
    text = "".join(pieces).strip() or "部"
    cuts = line_breaks(text, width, width, centred)      # [] leaves the wrapping to the writers
    for line in _lines(text, cuts) if cuts else []:
        assert sum(em_width(c) for c in line) <= width + 1e-9
    for cut in cuts:
        assert not (text[cut - 1].isascii() and text[cut - 1].isalnum() and text[cut].isascii() and text[cut].isalnum())
        assert text[cut] not in "，。、：；）》”"


@settings(max_examples=100, deadline=None)
@given(st.lists(st.text(alphabet="部门决算2024（）", min_size=0, max_size=6), min_size=1, max_size=4),
       st.data())
def test_inserting_breaks_keeps_the_text(parts, data):
    html = "<h2>" + "".join(f"<span>{p}</span>x" for p in parts) + "</h2>"
    el = lxml.html.fragment_fromstring(html)
    text = el.text_content()
    cuts = sorted(set(data.draw(st.lists(st.integers(1, max(1, len(text) - 1)), max_size=3)))) if len(text) > 1 else []
    _insert_breaks(el, cuts)
    assert el.text_content() == text
    assert len(el.findall(".//br")) == len(cuts)


def test_the_document_pass_breaks_a_long_centred_heading_and_not_the_cover():
    html = (f"<html><body><section class='cover'><h1 class='title'>{TITLE}</h1></section>"
            f"<section class='annex'><h1>{TITLE}</h1></section></body></html>")
    root = lxml.html.document_fromstring(balance_document(html, default_typography()))
    cover, annex = root.iter("h1")
    assert cover.find("br") is None
    assert annex.find("br") is not None and annex.text_content() == TITLE
