"""Pie label geometry: where long names break, and stacking a column of labels without overlap."""

from __future__ import annotations

import pytest

from juesuan.render.chart_labels import label_lines, stack, wrap_label


@pytest.mark.parametrize(("name", "lines"), [
    ("政府性基金预算财政拨款收入", ["政府性基金预算", "财政拨款收入"]),
    ("国有资本经营预算财政拨款收入", ["国有资本经营预算", "财政拨款收入"]),
    ("一般公共预算财政拨款收入", ["一般公共预算", "财政拨款收入"]),
    ("国有资本经营预算支出", ["国有资本经营", "预算支出"]),
    ("公务用车购置及运行维护费", ["公务用车购置及", "运行维护费"]),
    ("资源勘探工业信息等支出", ["资源勘探工业", "信息等支出"]),
    ("社会保障和就业支出", ["社会保障和就业支出"]),  # nine characters fit on one line
    ("上级补助收入", ["上级补助收入"]),
    ("甲乙丙丁戊己庚辛壬癸子丑", ["甲乙丙丁戊己", "庚辛壬癸子丑"]),  # no joint: in the middle
    ("甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉", ["甲乙丙丁戊己庚辛壬", "癸子丑寅卯辰", "巳午未申酉"]),
])
def test_long_names_break_at_a_joint(name: str, lines: list[str]) -> None:
    assert wrap_label(name, 9) == lines


def test_the_share_joins_the_last_line_when_it_fits() -> None:
    assert label_lines("上级补助收入", "0.18%", 9) == "上级补助收入 0.18%"
    assert label_lines("政府性基金预算财政拨款收入", "24.98%", 9) == "政府性基金预算\n财政拨款收入 24.98%"
    assert label_lines("附属单位上缴收入", "0.12%", 9) == "附属单位上缴收入\n0.12%"


def test_a_stacked_column_keeps_apart_and_inside() -> None:
    heights = [10, 20, 10, 10, 10, 10]
    centres = stack([60, 59, 58, 55, 40, -60], heights, gap=2, low=-62, high=62)
    edges = [(c + h / 2, c - h / 2) for c, h in zip(centres, heights)]
    assert all(edges[i][1] - edges[i + 1][0] >= 2 - 1e-9 for i in range(len(edges) - 1))
    assert edges[0][0] <= 62 + 1e-9 and edges[-1][1] >= -62 - 1e-9


def test_labels_with_room_stay_where_they_are_wanted() -> None:
    assert stack([30, -30], [10, 10], gap=2, low=-62, high=62) == [30, -30]


def test_a_column_taller_than_the_picture_does_not_fit() -> None:
    assert stack([0, 0, 0], [50, 50, 50], gap=2, low=-62, high=62) is None
