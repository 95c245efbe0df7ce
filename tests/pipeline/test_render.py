"""Template lookup order, generated numbering and the reason filters."""

import os

import pytest
from hypothesis import given, strategies as st

from juesuan.layout import find_layout
from juesuan.render.environment import chinese_numeral, clause, make_environment
from juesuan.render.numbering import number_document


def test_override_and_bang_prefix(tmp_path):
    (tmp_path / "macros.html.j2").write_text("county", encoding="utf-8")
    env = make_environment([tmp_path, *find_layout().folders])
    assert env.get_template("macros.html.j2").render() == "county"
    assert "macro figure" in env.loader.get_source(env, "!macros.html.j2")[0]


def test_a_reused_environment_sees_edits_and_new_overrides(tmp_path):
    county = tmp_path / "county"
    county.mkdir()
    folders = [county, *find_layout().folders]
    env = make_environment(folders)
    assert make_environment(list(folders)) is env                             # compiled once per process
    default = env.get_template("macros.html.j2")                               # now in Jinja's cache
    assert "macro figure" in env.loader.get_source(env, default.name)[0]
    (county / "macros.html.j2").write_text("county", encoding="utf-8")         # a new override, same process
    assert env.get_template("macros.html.j2").render() == "county"
    (county / "macros.html.j2").write_text("county, edited", encoding="utf-8")
    os.utime(county / "macros.html.j2", ns=(1, 1))                             # a different time stamp
    assert env.get_template("macros.html.j2").render() == "county, edited"


@pytest.mark.parametrize("n, text", [(1, "一"), (9, "九"), (10, "十"), (13, "十三"), (20, "二十"), (99, "九十九")])
def test_chinese_numeral(n, text):
    assert chinese_numeral(n) == text


@given(st.integers(min_value=1, max_value=99))
def test_chinese_numeral_is_unique(n):
    assert chinese_numeral(n) != chinese_numeral(n + 1 if n < 99 else 1)


@pytest.mark.parametrize("raw, expected", [
    ("主要变动原因是人员减少。", "人员减少"),
    ("主要原因是：人员减少；", "人员减少"),
    ("人员减少", "人员减少"),
    ("", ""),
])
def test_clause_strips_repeated_lead_and_end(raw, expected):
    assert clause(raw) == expected


def test_numbering_levels_reset_and_toc():
    html = ("<html><body><nav class='toc'><h1 class='nonum'>目录</h1><ul></ul></nav>"
            "<section class='part'><h1>概况</h1><h2>职责</h2><h3>甲</h3><h3>乙</h3><h4>子</h4><h2>机构</h2><h3>丙</h3>"
            "<figure><figcaption>图题</figcaption></figure><ol class='num' start='3'><li>x</li></ol></section>"
            "<section class='part'><h1>说明</h1><h2>收入</h2><h2 class='nonum'>不编号</h2></section>"
            "<section class='annex'><h1>报告</h1><h2>概况</h2></section></body></html>")
    out = number_document(html)
    for text in ("第一部分 </span>概况", "一、</span>职责", "（一）</span>甲", "（二）</span>乙", "1.</span>子",
                 "二、</span>机构", "（一）</span>丙", "图1：</span>图题", "3.</span>x", "第二部分 </span>说明",
                 "附件1 </span>报告"):
        assert text in out
    assert "<h2 class=\"nonum\" id" in out and "不编号</h2>" in out
    toc = out.split("</nav>")[0]
    assert "第一部分 概况" in toc and "二、机构" in toc and "附件1 报告" in toc
    assert "（一）甲" not in toc          # the 目录 lists parts and 一、 headings only
