"""Data that parses but cannot be right: a document that would print nonsense with 0 errors."""

from __future__ import annotations

import shutil

import openpyxl
import pytest
from click.testing import CliRunner

from juesuan.build import build
from juesuan.check import check_file
from juesuan.cli import main
from juesuan.errors import DataError
from juesuan.inputs import load

from .conftest import NAME


@pytest.mark.parametrize("edit, said", [
    (("  部门职责:\n", "  部门职责:\n"), None),
    ((NAME, '  名称: ""\n'), "单位 → 名称"),
    (("  公开日期: 2025-09-23\n", "  公开日期: 2019-09-23\n"), "公开日期 2019-09-23 不在 2024 年度结束之后"),
    (("  机关运行经费:\n    决算: 62.43\n", "  机关运行经费:\n    决算: -62.43\n"), "金额不能为负数"),
])
def test_values_that_cannot_be_right_are_located_errors(unit, edit, said):
    path = unit(edit)
    if said is None:
        assert load(path).data.unit.name == "绵竹市医疗保障局"
        return
    with pytest.raises(DataError) as info:
        load(path)
    text = info.value.format()
    assert said in text and f"{path}:" in text


def test_a_list_where_a_reason_is_text_is_an_error_not_a_python_list(unit):
    path = unit(("  公务接待费: ", "  公务接待费:\n    - 原因一\n    - 原因二\n  公务接待费旧: "))
    text = path.read_text(encoding="utf-8")
    with pytest.raises(DataError) as info:
        load(path)
    assert "这里应填写一段文字，实际写成了列表" in info.value.format()
    assert "['原因一'" not in info.value.format() and text


def test_a_file_named_for_one_year_holding_another(unit):
    path = unit(("年度: 2024\n", "年度: 2025\n"))
    line = path.read_text(encoding="utf-8").split("\n").index("年度: 2025") + 1
    with pytest.raises(DataError) as info:
        load(path)
    assert f"{path}:{line}:1：文件名是 2024.yaml，年度却写的是 2025" in info.value.format()


def test_a_negative_last_year_total_is_refused(unit):
    path = unit(("  收入总计: 1825.64\n", "  收入总计: -1825.64\n"))
    with pytest.raises(DataError, match="上年的收入总计不能为负数"):
        load(path)


def test_a_negative_table_cell_is_an_error_at_its_cell_and_builds_without_crashing(unit, tmp_path):
    path = unit()
    book = openpyxl.load_workbook(path.with_suffix(".xlsx"))
    book["收入支出决算总表"]["C7"] = -1332.21
    book.save(path.with_suffix(".xlsx"))
    hits = [f for f in check_file(path) if f.rule_id == "JS-TAB-013"]
    assert [f.where() for f in hits] == ["2024.xlsx!收入支出决算总表!C7"]
    result = build(path, tmp_path / "out", ["html", "docx"], allow_errors=True)
    text = result.document.html
    assert "-1332.21" in text and "占-" not in text and "完成预算-" not in text
    assert "income.png" not in result.document.assets       # no pie of a negative part
