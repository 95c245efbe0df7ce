"""An annex block `自评表: <项目名称>` prints the 绩效自评表 sheet of the unit's workbook: no retyping."""

from __future__ import annotations

import re
from pathlib import Path

import openpyxl
import pytest

from juesuan.build import build
from juesuan.errors import DataError
from tests.validate.test_evaluation_sheets import PROJECT, standard_form

SAMPLE = Path(__file__).resolve().parents[2] / "data" / "mianzhu-yibao" / "2024.yaml"


def unit_with_sheet(tmp_path: Path, reference: str) -> Path:
    folder = tmp_path / "unit"
    folder.mkdir()
    book = openpyxl.load_workbook(SAMPLE.with_suffix(".xlsx"))
    ws = book.create_sheet("项目自评")
    rows, merges = standard_form()
    for row in rows:
        ws.append(row)
    for area in merges:
        ws.merge_cells(area)
    book.save(folder / "2024.xlsx")
    text = SAMPLE.read_text(encoding="utf-8").replace(
        "      - 章节: 存在问题及意见建议\n", f"      - 自评表: {reference}\n      - 章节: 存在问题及意见建议\n", 1)
    (folder / "2024.yaml").write_text(text, encoding="utf-8")
    return folder / "2024.yaml"


def test_the_sheet_prints_in_the_annex(tmp_path):
    result = build(unit_with_sheet(tmp_path, PROJECT), tmp_path / "out", ["html"])
    text = re.sub(r"<[^>]+>", "", result.document.html)
    assert "项目支出绩效自评表（2024年度）" in text and PROJECT in text
    assert "离休人员人数" in text and "自然减员" in text and "238.63" in text
    assert "66.29%" in text                       # 执行率 computed: 238.63 / 360
    assert not [f for f in result.findings if "已跳过" in f.message]   # the sheet is known, not an unread sheet


def test_a_name_the_workbook_does_not_have_is_located(tmp_path):
    path = unit_with_sheet(tmp_path, "离休人员医疗费")
    with pytest.raises(DataError) as err:
        build(path, tmp_path / "out", ["html"])
    message = err.value.format()
    assert "离休人员医疗费" in message and PROJECT in message and "2024.yaml:" in message
