"""Merged cells of the 绩效自评表 indicators: a repeated 一级/二级指标 prints once, spanning its rows."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from juesuan.facts.annexes import merged_levels

LEVELS = st.lists(st.tuples(st.sampled_from(["产出指标", "效益指标", ""]), st.sampled_from(["数量", "质量", ""])),
                  max_size=12)


def rows(levels):
    return [{"level1": a, "level2": b} for a, b in levels]


def test_the_form_as_an_office_merges_it():
    got = merged_levels(rows([("产出指标", "数量"), ("产出指标", "数量"), ("产出指标", "质量"), ("效益指标", "数量")]))
    assert [r["span1"] for r in got] == [3, 0, 0, 1]
    assert [r["span2"] for r in got] == [2, 0, 1, 1]


@given(LEVELS)
def test_every_row_is_covered_exactly_once_and_a_merge_never_crosses_its_parent(levels):
    got = merged_levels(rows(levels))
    for key, span, depth in (("level1", "span1", 1), ("level2", "span2", 2)):
        covered = []
        for n, row in enumerate(got):
            if row[span]:
                group = got[n:n + row[span]]
                assert all(g[k] == row[k] for g in group for k in ("level1", "level2")[:depth])   # one text
                covered += range(n, n + row[span])
        assert covered == list(range(len(got)))
