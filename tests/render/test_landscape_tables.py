"""Tables too wide for a portrait page (render.table_widths.turn): on landscape pages exactly when the portrait
text block cannot hold their minimums even at the narrow step, with their heading, 单位 line and notes."""

from __future__ import annotations

import lxml.html
from hypothesis import given, settings, strategies as st

from juesuan.render.table_widths import fit_tables

PORTRAIT_PT = 442.2    # 156 mm: A4 less the default margins 28 and 26 mm
LANDSCAPE_PT = 688.8   # 243 mm: 297 mm less the same margins
SIZES = (10.5, 9, 8)


def _table(figures: list[str]) -> str:
    head = "".join("<th>数</th>" for _ in figures)
    body = "".join(f'<td class="num">{f}</td>' for f in figures)
    return f'<table class="data"><thead><tr>{head}</tr></thead><tbody><tr>{body}</tr></tbody></table>'


def _fitted(body: str):
    html = fit_tables(f"<html><body>{body}</body></html>", SIZES, PORTRAIT_PT, LANDSCAPE_PT)
    return lxml.html.document_fromstring(html).body


@settings(max_examples=80, deadline=None)
@given(st.lists(st.integers(min_value=0, max_value=10**9), min_size=1, max_size=16))
def test_a_table_turns_exactly_when_the_portrait_page_cannot_hold_its_figures(amounts):
    figures = [f"{a:,}.00" for a in amounts]
    # At 8 pt a digit, comma or point is 0.6 em = 4.8 pt, and each column has 8 pt of padding and borders.
    need = sum(len(f) * 4.8 + 8 for f in figures)
    body = _fitted(_table(figures))
    turned = body.find("div")
    assert (turned is not None) == (need > PORTRAIT_PT), (need, figures)
    if turned is not None:
        assert turned.get("class") == "landscape" and turned.find("table") is not None
        if need <= LANDSCAPE_PT:                       # every figure whole on the landscape page
            widths = [float(c.get("data-width")) / 100 * LANDSCAPE_PT for c in turned.iter("col")]
            size = {"": 10.5, "wide": 9, "narrow": 8}[turned.find("table").get("class").replace("data", "").strip()]
            for width, figure in zip(widths, figures):
                assert width >= len(figure) * 0.6 * size + 8 - 0.01, (width, figure)


WIDE = _table(["123,456,789.00"] * 8)  # 8 × (14 × 0.6 em + 8 pt): 601.6 pt at 8 pt, 668.8 at 9: landscape, 9 pt
NARROW = _table(["1.00"] * 3)


def test_the_heading_unit_line_and_notes_go_with_the_table_and_the_page_break_before_is_dropped():
    body = _fitted(f'<p>正文</p><div class="page-break"></div><h2 id="h1">七、三公表</h2><p class="unit">单位：万元</p>'
                   f'{WIDE}<p class="empty-note">本表无数据。</p><p>下文</p>')
    assert [el.tag for el in body] == ["p", "div", "p"]
    turned = body[1]
    assert turned.get("class") == "landscape"
    assert [(el.tag, el.get("class")) for el in turned] == [("h2", None), ("p", "unit"), ("table", "data wide"),
                                                            ("p", "empty-note")]
    assert body[2].text == "下文"


def test_a_table_that_fits_stays_on_the_portrait_page():
    body = _fitted(f'<div class="page-break"></div><h2>表</h2><p class="unit">单位：万元</p>{NARROW}')
    assert [el.tag for el in body] == ["div", "h2", "p", "table"]
    assert body[0].get("class") == "page-break"


def test_turned_tables_in_a_row_share_their_landscape_pages():
    body = _fitted(f'<h2>甲</h2>{WIDE}<div class="page-break"></div><h2>乙</h2>{WIDE}{NARROW}')
    assert [el.tag for el in body] == ["div", "table"]
    assert [el.tag for el in body[0]] == ["h2", "table", "div", "h2", "table"]   # 乙 on a new landscape page
