"""An annex block `自评表: <项目名称>` prints the 绩效自评表 sheet of the unit's workbook: no retyping."""

from __future__ import annotations

import re
from pathlib import Path

import openpyxl
import pytest

from juesuan.build import build
from juesuan.errors import DataError
from tests.validate.test_evaluation_sheets import HENAN_TITLE, HENAN_UNIT, PROJECT, TASKS, henan_form, standard_form

SAMPLE = Path(__file__).resolve().parents[2] / "data" / "mianzhu-yibao" / "2024.yaml"


def unit_with_sheet(tmp_path: Path, reference: str, form=standard_form) -> Path:
    folder = tmp_path / "unit"
    folder.mkdir()
    book = openpyxl.load_workbook(SAMPLE.with_suffix(".xlsx"))
    ws = book.create_sheet("项目自评")
    rows, merges = form()
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
    assert "年度主要任务" not in text              # a project form has no tasks
    assert not [f for f in result.findings if "已跳过" in f.message]   # the sheet is known, not an unread sheet


def test_a_department_form_prints_its_tasks_before_the_goals(tmp_path):
    result = build(unit_with_sheet(tmp_path, HENAN_UNIT, henan_form), tmp_path / "out", ["html"])
    table = result.document.html.split(HENAN_TITLE + "（2024年度）", 1)[1].split("</table>", 1)[0]
    table = table.replace("<br>", "")  # a label's lines are broken between its words (render.table_widths)
    cells = re.findall(r"<t[hd][^>]*>([^<]*)</t[hd]>", table)
    assert cells[:2] == ["部门（单位）名称", HENAN_UNIT]      # the department's name, not a project's
    tasks = cells.index("年度主要任务")
    assert cells[tasks + 1:tasks + 5] == ["任务名称", "主要内容", "实际完成情况", "偏差原因"]
    printed = [text for _, name, content, done in TASKS for text in (name, content, done, "")]
    assert cells[tasks + 5:tasks + 17] == printed
    assert re.search(r'<th rowspan="4">年度主要任务</th>', table)
    assert tasks < cells.index("年度总体目标") and "86.67%" in cells     # 执行率 computed: 1359 / 1568


def test_a_name_the_workbook_does_not_have_is_located(tmp_path):
    path = unit_with_sheet(tmp_path, "离休人员医疗费")
    with pytest.raises(DataError) as err:
        build(path, tmp_path / "out", ["html"])
    message = err.value.format()
    assert "离休人员医疗费" in message and PROJECT in message and "2024.yaml:" in message
