"""A panel's classification tree: each coded row under its nearest listed ancestor, found through an index
built once (a table of thousands of rows must not be searched once per row)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from juesuan.tables.model import PanelData, Row, Source

HERE = Source("t.yaml", 1, 1)
CODES = st.sampled_from(["208", "20805", "2080505", "2080506", "20899", "2089999", "210", "2101101", "21011"])


def nearest_listed(code: str, keys: set[str]) -> str | None:
    """By hand: 7-digit 项 → 5-digit 款 → 3-digit 类, the first of them present."""
    for length in (5, 3):
        if len(code) > length and code[:length] in keys:
            return code[:length]
    return None


@given(st.lists(CODES, max_size=12, unique=True), st.booleans())
def test_children_and_top_follow_the_nearest_listed_ancestor(codes, with_total):
    rows = ([Row("合计", "合计", {}, HERE)] if with_total else []) + [Row(c, c, {}, HERE) for c in codes]
    panel = PanelData(["v"], rows)
    keys = set(codes)
    for code in codes:
        assert [r.key for r in panel.children(code)] == [c for c in codes if nearest_listed(c, keys) == code]
        assert panel.row(code).key == code
    assert [r.key for r in panel.top()] == [c for c in codes if nearest_listed(c, keys) is None]
    assert (panel.row("合计") is not None) == with_total


def test_the_index_follows_rows_added_later():
    panel = PanelData(["v"], [Row("208", "208", {}, HERE)])
    assert panel.top()[0].key == "208" and panel.children("208") == []
    panel.rows.append(Row("2080505", "x", {}, HERE))
    assert [r.key for r in panel.children("208")] == ["2080505"]
    assert panel.row("2080505").name == "x"
