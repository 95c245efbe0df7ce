"""Punctuation and the 万元/元 unit in prose (issue 10): warnings a reviewer marks with a red pen."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from juesuan.check import check_file
from juesuan.check.text import punctuation, unit_mismatches

from .test_narrative import REASON
from .variants import S004, Variant, fired, only


@pytest.mark.parametrize(
    "text, mark",
    [("人员增加，，支出增加。", "，，"), ("支出增加。。", "。。"), ("支出增加，。", "，。"), ("支出增加；。", "；。")],
)
def test_repeated_punctuation(unit_dir, text, mark):
    hit = only(check_file(Variant(S004).text(REASON, text).write(unit_dir)), "JS-NAR-012")[0]
    assert mark in hit.message and hit.severity == "警告"


@pytest.mark.parametrize("text, mark", [("人员增加,支出增加", ","), ("人员增加;支出增加", ";"), ("原因:人员增加", ":"),
                                        ("支出增加(人员增加)", "(")])
def test_half_width_punctuation_in_chinese(unit_dir, text, mark):
    hit = only(check_file(Variant(S004).text(REASON, text).write(unit_dir)), "JS-NAR-013")[0]
    assert f"“{mark}”" in hit.message and hit.severity == "警告"


@pytest.mark.parametrize("text", ["支出1,234.00万元，增长3.5%。", "采用DRG/DIP(按病种)付费。", "系统名为HIS(Hospital)。",
                                  "比例为1:1。", "（一）收入；（二）支出。", "如下：1.收入；2.支出。"])
def test_figures_and_latin_text_keep_their_marks(text):
    assert punctuation(text) == []


_PROSE = st.lists(
    st.one_of(
        st.sampled_from(["收入", "支出", "增加", "减少", "主要原因是", "人员经费", "万元", "医疗保障", "其中", "比上年"]),
        st.decimals(min_value=0, max_value=99999999, places=2).map(lambda d: f"{d:,}"),
        st.sampled_from(["，", "。", "；", "：", "、", "（一）", "%"]),
    ),
    max_size=30,
).map("".join).filter(lambda s: not any(a + b in s for a in "，。；：、" for b in "，。；：、"))


@settings(max_examples=200, deadline=None)
@given(_PROSE)
def test_chinese_prose_with_figures_never_triggers_the_half_width_rule(text):
    assert punctuation(text) == []


def test_yuan_in_a_wan_document(unit_dir):
    """Seed 004's 支出总计 is 1778.52 万元; a sentence saying 1778.52元 has the wrong unit."""
    v = Variant(S004).text(REASON, "本年支出1778.52元，较上年减少。")
    hit = only(check_file(v.write(unit_dir)), "JS-NAR-014")[0]
    assert "1778.52元" in hit.message and "万元" in hit.message


def test_unit_mismatch_both_ways():
    figures = {Decimal("1778.52"), Decimal("0.61")}
    assert [m.text for m in unit_mismatches("支出1778.52元，接待6100.00万元。", figures)] == ["1778.52元", "6100.00万元"]
    assert unit_mismatches("支出1778.52万元，接待费6100.00元，人均120.00元。", figures) == []


def test_figures_that_match_no_table_are_left_alone(unit_dir):
    v = Variant(S004).text(REASON, "接待标准为每人每餐120.00元。")
    assert not fired(check_file(v.write(unit_dir)), "JS-NAR-014")
