"""Merged cells in an annex table: "^" merges a cell with the one above, "<" with the one to its left."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from juesuan.validate.annex_model import LEFT, UP, spans


def drawn(grid):
    return [[(s.text, s.rowspan, s.colspan) for s in row if s is not None] for row in grid]


def test_a_table_as_an_office_merges_it():
    rows = [["产出指标", "数量", "3100人"],
            [UP, "质量", "100%"],
            ["合计", LEFT, "完成"]]
    assert drawn(spans(rows)) == [[("产出指标", 2, 1), ("数量", 1, 1), ("3100人", 1, 1)],
                                  [("质量", 1, 1), ("100%", 1, 1)],
                                  [("合计", 1, 2), ("完成", 1, 1)]]


@pytest.mark.parametrize("rows, where", [([[UP, "a"]], "第1行第1列"), ([["a"], ["b", LEFT], [LEFT]], "第3行第1列"),
                                         ([["a", LEFT], ["^", "b"]], "第2行第1列"),
                                         ([["a", "b"], ["c", "d"], [UP, LEFT]], "第3行第2列")])
def test_a_merge_that_cannot_be_drawn_is_named(rows, where):
    with pytest.raises(ValueError, match=where):
        spans(rows)


@st.composite
def merged_grids(draw):
    """A grid cut into rectangles (row by row, each cell either a new cell or widening/lengthening a neighbour's)."""
    height, width = draw(st.integers(1, 6)), draw(st.integers(1, 6))
    blocks, owner = [], {}
    for r in range(height):
        for c in range(width):
            if (r, c) in owner:
                continue
            w = 1
            while c + w < width and (r, c + w) not in owner and draw(st.booleans()):
                w += 1
            h = 1
            while r + h < height and all((r + h, k) not in owner for k in range(c, c + w)) and draw(st.booleans()):
                h += 1
            blocks.append((r, c, h, w))
            for i in range(r, r + h):
                for k in range(c, c + w):
                    owner[(i, k)] = len(blocks) - 1
    rows = [[f"格{owner[(r, c)]}" if (blocks[owner[(r, c)]][0], blocks[owner[(r, c)]][1]) == (r, c)
             else (LEFT if blocks[owner[(r, c)]][0] == r else UP) for c in range(width)] for r in range(height)]
    return rows, blocks


@given(merged_grids())
def test_every_rectangle_is_drawn_back_exactly(case):
    rows, blocks = case
    grid = spans(rows)
    found = sorted((s.row, s.column, s.rowspan, s.colspan) for row in grid for s in row if s is not None)
    assert found == sorted(blocks)
