"""Column widths from content (render.table_widths): figures never narrower than themselves, header labels
broken only between words, identical tables alike, and the smaller font step before anything breaks."""

from __future__ import annotations

import lxml.html
from hypothesis import given, settings, strategies as st

from juesuan.render.table_widths import PADDING_PT, chunks, em, fit, fit_tables, lines, words

WIDTH_PT = 442  # the default layout's text block: 156 mm
SIZES = (10.5, 9, 8)


def _table(header: list[str], rows: list[list[str]], cls: str = "data") -> str:
    head = "".join(f"<th>{h}</th>" for h in header)
    body = "".join("<tr>" + "".join(f'<td class="num">{c}</td>' for c in row) + "</tr>" for row in rows)
    return f'<table class="{cls}"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'


def _fitted(*tables: str) -> list:
    html = fit_tables("<html><body>" + "".join(tables) + "</body></html>", SIZES, WIDTH_PT)
    return list(lxml.html.document_fromstring(html).iter("table"))


def _percents(table) -> list[float]:
    return [float(col.get("data-width")) for col in table.iter("col")]


def test_labels_break_between_words_only():
    assert words("本年收入合计") == ["本年", "收入", "合计"]
    assert chunks("本年收入合计") == ["本年收入", "合计"]          # never 本年收入合 / 计
    assert chunks("科目编码") == ["科目编码"]                      # four characters: one piece
    assert chunks("年初结转和结余") == ["年初结转", "和结余"]
    assert chunks("对附属单位补助支出") == ["对附属单位", "补助支出"]
    assert chunks("因公出国（境）费") == ["因公出国", "（境）费"]
    assert lines("本年收入合计", 4) == ["本年收入", "合计"]
    assert lines("本年收入合计", 6) == ["本年收入合计"]
    assert lines("本年收入合计", 3) == ["本年", "收入", "合计"]
    assert lines("本年收入合计", 1.5) is None                       # too narrow: left whole, not cut


def test_a_code_and_an_amount_keep_their_width():
    table = _fitted(_table(["科目编码", "科目名称", "本年收入合计"],
                           [["2080505", "机关事业单位基本养老保险缴费支出", "1,778.52"]]))[0]
    pct = _percents(table)
    assert abs(sum(pct) - 100) < 0.01
    width_pt = [p / 100 * WIDTH_PT for p in pct]
    assert width_pt[0] >= em("2080505") * 10.5 + PADDING_PT - 0.01    # 7 digits, not 208050/5
    assert width_pt[2] >= em("1,778.52") * 10.5 + PADDING_PT - 0.01
    assert width_pt[1] > width_pt[0] and width_pt[1] > width_pt[2]    # the names take the rest
    assert table.find(".//th").text == "科目编码"


def test_identical_headers_give_identical_widths():
    one = _table(["项目", "预算数", "决算数"], [["1.00", "2.00"]])
    two = _table(["项目", "预算数", "决算数"], [["123,456,789.00", "2.00"]])
    first, second = _fitted(one, two)
    assert _percents(first) == _percents(second)


def test_too_many_figures_take_a_smaller_font_first():
    header = ["项目"] + ["预算数"] * 6
    row = ["12,345.67"] * 7                                   # 7 × (5.4 em + padding): 453 pt at 10.5, 396 at 9
    assert "wide" in _fitted(_table(header, [row]))[0].classes
    assert "narrow" in _fitted(_table(header * 2, [row * 2]))[0].classes


LABEL_WORDS = st.sampled_from(["本年", "收入", "合计", "财政拨款", "支出", "年初", "结转", "和", "结余", "项目",
                               "基本", "经费", "公务用车", "运行费"])


@settings(max_examples=60, deadline=None)
@given(st.lists(LABEL_WORDS, min_size=1, max_size=6), st.floats(min_value=2, max_value=12))
def test_lines_keep_every_character_and_cut_only_between_words(parts, width):
    label = "".join(parts)
    found = lines(label, width)
    if found is None:
        assert any(em(w) > width for w in words(label))
        return
    assert "".join(found) == label
    cuts = {sum(len(line) for line in found[:i]) for i in range(1, len(found))}
    boundaries = {sum(len(w) for w in words(label)[:i]) for i in range(len(words(label)))}
    assert cuts <= boundaries
    assert all(em(line) <= width + 0.01 for line in found)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.decimals(min_value=0, max_value=10**9, places=2), min_size=1, max_size=7))
def test_figures_fit_whenever_the_table_can_hold_them(amounts):
    figures = [f"{a:,.2f}" for a in amounts]
    result = fit([lxml.html.fragment_fromstring(_table(["名称"] + ["金额"] * len(figures), [["名称"] + figures]))],
                 SIZES, WIDTH_PT)
    size = SIZES[result.step]
    assert abs(sum(result.percents) - 100) < 0.01
    need = [em(f) * size + PADDING_PT for f in figures]
    if sum(need) + 4 * size + PADDING_PT <= WIDTH_PT:
        for pct, n in zip(result.percents[1:], need):
            assert pct / 100 * WIDTH_PT >= n - 0.01
