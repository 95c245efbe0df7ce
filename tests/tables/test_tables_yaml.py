"""The inline 公开表: every mistake located with a suggestion; the canonical text reads back to itself."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from juesuan.errors import DataError
from juesuan.load.yaml_reader import read_yaml
from juesuan.tables.forms import BY_ID
from juesuan.tables.model import PanelData, Row, Source, Table, TableSet
from juesuan.validate.tables_yaml import tables_from_yaml
from juesuan.write.yaml_tables import tables_yaml


def read(tmp_path: Path, body: str) -> TableSet:
    path = tmp_path / "2024.yaml"
    path.write_text("公开表:\n" + body, encoding="utf-8")
    raw = read_yaml(path)
    return tables_from_yaml(raw.data["公开表"], raw.source)


GOOD = """  单位: 万元
  支出决算表:
    列: [本年支出合计, 基本支出, 项目支出]
    行:
      - [合计, 10.00, 6.00, 4.00]
      - ["2010101", 行政运行, 10.00, 6.00, 4.00]
"""


def test_a_table_reads_with_each_cells_position(tmp_path):
    table = read(tmp_path, GOOD).tables["支出决算表"]
    row = table.panel("").row("2010101")
    assert row.values == {"本年支出合计": Decimal("10.00"), "基本支出": Decimal("6.00"), "项目支出": Decimal("4.00")}
    assert str(row.sources["基本支出"]).endswith("2024.yaml:7:34")   # counted by hand


@pytest.mark.parametrize("body, where, words", [
    (GOOD.replace("支出决算表:", "支出决算标:"), ":3:", ["支出决算标", "是否想写：「支出决算表」"]),
    (GOOD.replace("[本年支出合计, 基本支出", "[本年支出合计, 基本支处"), ":4:", ["基本支处", "是否想写：「基本支出」"]),
    (GOOD.replace("6.00, 4.00]\n      - [\"2010101\"", "6.00]\n      - [\"2010101\""), ":6:", ["2 个数", "3 列"]),
    (GOOD.replace("行政运行, 10.00", "行政运行, 10.0O"), ":7:", ["10.0O", "应为数字"]),
    (GOOD.replace("[合计,", "[合记,"), ":6:", ["合记"]),
    (GOOD.replace('"2010101"', '"30101"'), ":7:", ["经济分类", "功能分类"]),
    (GOOD.replace("  单位: 万元\n", ""), ":2:", ["金额单位"]),
])
def test_each_mistake_is_located_and_explained(tmp_path, body, where, words):
    with pytest.raises(DataError) as err:
        read(tmp_path, body)
    message = err.value.format()
    assert where in message and all(w in message for w in words), message


def test_a_row_twice_is_refused(tmp_path):
    body = GOOD + '      - ["2010101", 行政运行, 1, 1, 0]\n'
    with pytest.raises(DataError) as err:
        read(tmp_path, body)
    assert "出现了两次" in err.value.format() and ":8:" in err.value.format()


amounts = st.builds(lambda n, places: Decimal(n).scaleb(-places), st.integers(-10**9, 10**9), st.integers(0, 6))


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(amounts, amounts, amounts), min_size=1, max_size=6), st.sampled_from(["元", "万元"]))
def test_the_canonical_text_reads_back_to_itself(rows, unit):
    form = BY_ID["支出决算表"]
    columns = ["本年支出合计", "基本支出", "项目支出"]
    data = [Row(f"2010{i:03d}", f"科目{i}", dict(zip(columns, values)), Source("x")) for i, values in enumerate(rows)]
    text = tables_yaml(TableSet({form.id: Table(form, {"": PanelData(columns, data)}, unit, Source("x"))}), indent=2)
    path = Path(__import__("tempfile").mkdtemp()) / "t.yaml"
    path.write_text("公开表:\n" + text, encoding="utf-8")
    raw = read_yaml(path)
    again = tables_from_yaml(raw.data["公开表"], raw.source)
    assert tables_yaml(again, indent=2) == text
    assert [r.values for r in again.tables[form.id].panel("").rows] == [r.values for r in data]
