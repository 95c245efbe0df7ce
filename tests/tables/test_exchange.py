"""YAML → xlsx → YAML is identical and builds the same document; import keeps the narrative; the blank template."""

from __future__ import annotations

import shutil
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from juesuan.build import build
from juesuan.cli import main
from juesuan.exchange import export_workbook, import_workbook, template_workbook
from juesuan.inputs import load
from juesuan.tables.forms import NATIONAL, SICHUAN
from tests.check.variants import inline

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = [ROOT / "data" / "mianzhu-yibao" / "2024.yaml", ROOT / "data" / "guanghan-yibao" / "2021.yaml",
           ROOT / "data" / "beiguan-yibao" / "2021.yaml"]


def section(path: Path) -> str:
    text = path.read_text(encoding="utf-8")
    return text[text.index("\n公开表:\n"):]


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.parent.name)
def test_yaml_to_xlsx_to_yaml_is_identical_and_builds_the_same_document(tmp_path, sample):
    first = tmp_path / "a" / sample.parent.name / sample.name
    first.parent.mkdir(parents=True)
    shutil.copy(inline(sample), first)
    workbook = export_workbook(first, tmp_path / "表.xlsx")
    second = tmp_path / "b" / sample.parent.name / sample.name
    second.parent.mkdir(parents=True)
    shutil.copy(first, second)
    import_workbook(workbook, second)
    assert second.read_text(encoding="utf-8") == first.read_text(encoding="utf-8")
    if load(sample).evaluations:
        return           # its 绩效自评表 sheets live only in the workbook: the inline copy cannot print them
    a = build(first, tmp_path / "out-a", ["docx", "html"], allow_errors=True)
    b = build(sample, tmp_path / "out-b", ["docx", "html"], allow_errors=True)
    for x, y in zip(a.files, b.files):
        assert x.read_bytes() == y.read_bytes()


def test_import_into_a_data_file_keeps_its_narrative_byte_for_byte(tmp_path):
    sample = SAMPLES[0]
    target = tmp_path / "2024.yaml"
    shutil.copy(sample, target)
    before = sample.read_text(encoding="utf-8")
    import_workbook(sample.with_suffix(".xlsx"), target)
    after = target.read_text(encoding="utf-8")
    assert "决算报表: 2024.xlsx" not in after and "公开表:" in after
    without_tables = after[: after.index("\n\n公开表:\n")] + after[after.index("\n\n单位:\n"):]
    assert without_tables == before.replace("决算报表: 2024.xlsx\n", "")
    import_workbook(sample.with_suffix(".xlsx"), target)        # importing again changes nothing
    assert target.read_text(encoding="utf-8") == after


def test_a_new_data_file_from_a_workbook_names_what_is_still_missing(tmp_path):
    target = tmp_path / "广汉" / "2021.yaml"
    target.parent.mkdir()
    result = CliRunner().invoke(main, ["import", str(SAMPLES[1].with_suffix(".xls")), "-o", str(target)])
    assert result.exit_code == 0 and "10 张公开表" in result.output
    text = target.read_text(encoding="utf-8")
    assert "年度: 2021" in text and "名称: 广汉市医疗保障局" in text
    check = CliRunner().invoke(main, ["check", str(target)])
    assert check.exit_code == 2 and "单位性质" in check.output and "部门职责" in check.output


def test_the_blank_template_lists_last_years_codes_with_formulas(tmp_path):
    path = template_workbook(tmp_path / "填报.xlsx", like=SAMPLES[0])
    book = openpyxl.load_workbook(path)
    assert [ws["A1"].value for ws in book.worksheets] == list(SICHUAN)
    ws = book["支出决算表"]
    rows = {ws.cell(r, 1).value: r for r in range(1, ws.max_row + 1)}
    assert {"208", "20805", "2080505", "2210201"} <= set(rows)
    total, klass = rows["合计"], rows["208"]
    assert ws.cell(total, 3).value.startswith("=") and ws.cell(klass, 3).value == f"=C{rows['20805']}+C{rows['20899']}"
    r = rows["2080505"]
    assert ws.cell(r, 3).value == f"=D{r}+E{r}+F{r}+G{r}+H{r}"      # 本年支出合计 = 基本 + 项目 + … its five parts
    assert ws.cell(rows["2080505"], 4).value is None                                    # a cell to fill in
    national = openpyxl.load_workbook(template_workbook(tmp_path / "全国.xlsx", forms=NATIONAL, unit="元"))
    assert len(national.worksheets) == 9 and national.worksheets[0]["F3"].value == "金额单位：元"


def test_a_filled_template_imports(tmp_path):
    path = template_workbook(tmp_path / "填报.xlsx", like=SAMPLES[0])
    book = openpyxl.load_workbook(path)
    ws = book["支出决算表"]
    for r in range(1, ws.max_row + 1):
        if ws.cell(r, 1).value == "2101501":
            ws.cell(r, 4).value = 170.59
    book.save(path)
    tables = load_workbook_tables(path)
    spending = tables.tables["支出决算表"].panel("")
    assert str(spending.row("2101501").values["本年支出合计"]) == "170.59"
    assert str(spending.row("210").values["基本支出"]) == "170.59"          # the formulas summed what was filled
    assert str(spending.row("合计").values["本年支出合计"]) == "170.59"


def load_workbook_tables(path: Path):
    from juesuan.inputs import class_codes
    from juesuan.validate.workbook_tables import tables_from_workbook
    return tables_from_workbook(path, class_codes(2025)).tables


def test_export_writes_the_official_layout(tmp_path):
    path = CliRunner().invoke(main, ["export", str(SAMPLES[0]), "-o", str(tmp_path / "表.xlsx")])
    assert path.exit_code == 0
    ws = openpyxl.load_workbook(tmp_path / "表.xlsx")["收入支出决算总表"]
    assert ws["A1"].value == "收入支出决算总表" and ws["A3"].value == "编制单位：绵竹市医疗保障局"
    assert ws["F3"].value == "单位：万元" and ws["A4"].value == "收入" and ws["D4"].value == "支出"
    assert len(load(SAMPLES[0]).tables) == 10
