"""Importing 决算 workbooks laid out as the official forms, whatever the export's quirks; every problem located."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from juesuan.errors import DataError
from juesuan.inputs import class_codes, load
from juesuan.tables.model import TableSet
from juesuan.validate.workbook_tables import tables_from_workbook
from tests.support.workbooks import Quirks, write_workbook

ROOT = Path(__file__).resolve().parents[2]
S004 = ROOT / "data" / "mianzhu-yibao" / "2024.yaml"
S000 = ROOT / "data" / "guanghan-yibao" / "2021.yaml"
CLASSES = class_codes(2024)


def figures(tables: TableSet) -> dict[tuple, Decimal]:
    return {(t.id, panel, row.key, column): value for t in tables for panel, row, column, value in t.cells()}


def imported(path: Path):
    return tables_from_workbook(path, CLASSES)


@pytest.fixture(scope="module")
def sample_tables() -> TableSet:
    return load(S004).tables


def test_an_xls_in_yuan_renamed_reordered_split_codes_floats_and_text(tmp_path, sample_tables):
    order = list(reversed(list(sample_tables.tables)))
    quirks = Quirks(unit="元", split_codes=True, blank_parents=True, order=order,
                    sheet_names={fid: f"Sheet{i}" for i, fid in enumerate(order)},
                    text_tables=("支出决算表", "收入支出决算总表"), indent=True, super_header=True,
                    title_prefix="2024年度", unit_beside_header=True)
    result = imported(write_workbook(sample_tables, tmp_path / "决算报表.xls", quirks))
    assert figures(result.tables) == figures(sample_tables)        # numerically: 843800.00 元 == 84.38 万元
    assert result.notices == [] and result.year == 2024
    assert result.tables.tables["支出决算表"].unit == "元"
    names = {r.key: r.name for r in result.tables.tables["支出决算表"].panel("").rows}
    assert names["2101501"] == "行政运行"                             # indentation trimmed


def test_an_xlsx_in_wan_with_general_format_floats(tmp_path, sample_tables):
    path = write_workbook(sample_tables, tmp_path / "报表.xlsx", Quirks(general_format=True))
    assert figures(imported(path).tables) == figures(sample_tables)


def test_both_samples_import_from_their_own_workbooks():
    for sample, tables in ((S004, 10), (S000, 10)):
        loaded = load(sample)
        assert len(loaded.tables) == tables and loaded.notices == []
    basic = load(S000).tables.tables["一般公共预算财政拨款基本支出决算表"].panel("")
    assert basic.row("30101").values["决算数"] == Decimal("119.06")   # split 类|款|项 sheets named 表1…表10


def book(tmp_path: Path, sheets: dict[str, list[list]], merges: dict[str, list[str]] | None = None,
         name: str = "报表.xlsx") -> Path:
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for title, rows in sheets.items():
        ws = wb.create_sheet(title)
        for row in rows:
            ws.append(row)
        for area in (merges or {}).get(title, []):
            ws.merge_cells(area)
    path = tmp_path / name
    wb.save(path)
    return path


SPENDING = [
    ["支出决算表"],
    [None, None, None, None, "公开03表"],
    ["编制单位：测试局", None, None, None, "金额单位：万元"],
    ["科目编码", "科目名称", "本年支出合计", "基本支出", "项目支出"],
    ["栏次", None, 1, 2, 3],
    ["合计", None, 100.0, 60.0, 40.0],
    ["201", "一般公共服务支出", 100.0, 60.0, 40.0],
    ["20101", "  人大事务", 100.0, 60.0, 40.0],
    ["2010101", "    行政运行", 100.0, 60.0, 40.0],
    ["注：本表反映部门本年度各项支出情况。"],
]


def test_a_plain_national_sheet(tmp_path):
    result = imported(book(tmp_path, {"随便起的名字": SPENDING}))
    table = result.tables.tables["支出决算表"]
    assert table.number == "公开03表" and table.unit == "万元" and table.notes == ["注：本表反映部门本年度各项支出情况。"]
    assert [r.key for r in table.panel("").rows] == ["合计", "201", "20101", "2010101"]
    assert table.panel("").row("2010101").name == "行政运行"
    assert str(table.panel("").row("20101").sources["项目支出"]) == "报表.xlsx!随便起的名字!E8"
    assert result.tables.unit_name == "测试局"


def test_the_unit_is_required_and_never_guessed(tmp_path):
    rows = [r for r in SPENDING if not (r and isinstance(r[0], str) and r[0].startswith("编制单位"))]
    path = book(tmp_path, {"表3": rows})
    with pytest.raises(DataError) as err:
        imported(path)
    assert err.value.problems[0].where() == "报表.xlsx!表3!A1" and "金额单位" in err.value.problems[0].message
    assert tables_from_workbook(path, CLASSES, unit="元").tables.tables["支出决算表"].unit == "元"


def test_every_bad_cell_is_named_at_once(tmp_path):
    rows = [list(r) for r in SPENDING]
    rows[6][3] = "六十"                     # D7
    rows[7][4] = "40.0.0"                   # E8
    rows[8][0] = "20101019"                 # A9: not a code
    with pytest.raises(DataError) as err:
        imported(book(tmp_path, {"公开03表": rows}))
    where = [p.where() for p in err.value.problems]
    assert where == ["报表.xlsx!公开03表!D7", "报表.xlsx!公开03表!E8", "报表.xlsx!公开03表!A9"]
    assert "六十" in err.value.problems[0].message and "金额" in err.value.problems[0].message


SUMMARY = [
    ["收入支出决算总表"],
    ["部门：测试局", None, None, None, None, "单位：万元"],
    ["收入", None, None, "支出"],
    ["项目", "行次", "金额", "项目", "行次", "金额"],
    ["一、一般公共预算财政拨款收入", 1, "1,000.00", "一、一般公共服务支出", 29, "1,000.00"],
    ["二、政府性基金预算财政拨款收入", 2, None, "本年支出合计", 30, "1,000.00"],
    ["本年收入合计", 3, "1,000.00", "年末结转和结余", 31, None],
    ["年初结转和结余", 4, None, "总计", 32, "1,000.00"],
    ["总计", 5, "1,000.00"],
]


def test_a_two_sided_summary_with_classes_by_name(tmp_path):
    table = imported(book(tmp_path, {"总表": SUMMARY}, {"总表": ["A3:C3", "D3:F3"]})).tables.tables["收入支出决算总表"]
    income, expense = table.panel("收入"), table.panel("支出")
    assert income.row("一般公共预算财政拨款收入").values["决算数"] == Decimal("1000.00")
    assert income.row("政府性基金预算财政拨款收入").values["决算数"] == 0          # blank is zero
    assert [r.key for r in expense.rows] == ["201", "本年支出合计", "年末结转和结余", "总计"]


def test_an_unknown_row_label_suggests_the_nearest(tmp_path):
    rows = [list(r) for r in SUMMARY]
    rows[6][0] = "本年收入合记"
    with pytest.raises(DataError) as err:
        imported(book(tmp_path, {"总表": rows}))
    problem = err.value.problems[0]
    assert problem.where() == "报表.xlsx!总表!A7" and "是否想写：「本年收入合计」" in problem.message


def test_a_summary_printed_as_one_column_of_rows(tmp_path):
    rows = [["收入支出决算总表"], ["单位：万元"], ["项目", "金额"], ["收入"],
            ["一般公共预算财政拨款收入", 10.0], ["本年收入合计", 10.0], ["总计", 10.0],
            ["支出"], ["一般公共服务支出", 10.0], ["本年支出合计", 10.0], ["总计", 10.0]]
    table = imported(book(tmp_path, {"表1": rows})).tables.tables["收入支出决算总表"]
    assert table.panel("收入").row("总计").values["决算数"] == 10
    assert [r.key for r in table.panel("支出").rows] == ["201", "本年支出合计", "总计"]


def test_three_public_table_one_row_and_transposed(tmp_path):
    one_row = [["财政拨款“三公”经费支出决算表"], ["单位：万元"],
               ["预算数"] + [None] * 5 + ["决算数"] + [None] * 5,
               ["合计", "因公出国（境）费", "公务用车购置及运行费", None, None, "公务接待费"] * 2,
               [None, None, "小计", "公务用车购置费", "公务用车运行费", None] * 2,
               list(range(1, 13)),
               [1.4, 0, 0.4, 0, 0.4, 1.0, 0.79, 0, 0.4, 0, 0.4, 0.39]]
    merges = ["A3:F3", "G3:L3", "C4:E4", "I4:K4", "A4:A5", "B4:B5", "F4:F5", "G4:G5", "H4:H5", "L4:L5"]
    row = imported(book(tmp_path, {"三公": one_row}, {"三公": merges})).tables.tables[
        "财政拨款“三公”经费支出决算表"].panel("").rows[0]
    assert row.values["预算数·合计"] == Decimal("1.4") and row.values["决算数·公务接待费"] == Decimal("0.39")
    assert row.values["决算数·公务用车运行费"] == Decimal("0.4")
    transposed = [["“三公”经费支出决算表"], ["单位：万元"], ["项目", "预算数", "决算数"],
                  ["合计", 1.4, 0.79], ["因公出国（境）费", 0, 0], ["公务用车购置及运行维护费", 0.4, 0.4],
                  ["其中：公务用车购置费", 0, 0], ["公务用车运行维护费", 0.4, 0.4], ["公务接待费", 1.0, 0.39]]
    row = imported(book(tmp_path, {"三公": transposed}, name="t.xlsx")).tables.tables[
        "财政拨款“三公”经费支出决算表"].panel("").rows[0]
    assert row.values["预算数·公务接待费"] == Decimal("1.0") and row.values["决算数·公务用车运行费"] == Decimal("0.4")


def test_the_national_basic_table_in_three_panels(tmp_path):
    rows = [["一般公共预算财政拨款基本支出决算表"], ["单位：万元"],
            ["人员经费", None, None, "公用经费"],
            ["科目编码", "科目名称", "决算数", "科目编码", "科目名称", "决算数", "科目编码", "科目名称", "决算数"],
            ["301", "工资福利支出", 10.0, "302", "商品和服务支出", 4.0, "310", "资本性支出", 1.0],
            ["30101", "基本工资", 10.0, "30201", "办公费", 4.0, "31002", "办公设备购置", 1.0],
            ["人员经费合计", None, 10.0, "公用经费合计", None, 5.0]]
    panel = imported(book(tmp_path, {"表": rows}, {"表": ["A3:C3", "D3:I3"]})).tables.tables[
        "一般公共预算财政拨款基本支出决算表"].panel("")
    assert {r.key for r in panel.rows} == {"301", "30101", "302", "30201", "310", "31002", "人员经费合计", "公用经费合计"}
    assert panel.row("公用经费合计").values["决算数"] == 5


def test_unrecognised_sheets_and_columns_are_said_not_silent(tmp_path):
    rows = [list(r) + ([None] if i != 3 else ["备注栏"]) for i, r in enumerate(SPENDING)]
    rows[5][5] = 1.0
    result = imported(book(tmp_path, {"封面": [["2024年度部门决算"]], "支出": rows}))
    assert any("封面" in n and "已跳过" in n for n in result.notices)
    assert any("备注栏" in n and "F 列" in n for n in result.notices)


def test_a_form_in_two_sheets_is_refused(tmp_path):
    with pytest.raises(DataError) as err:
        imported(book(tmp_path, {"甲": SPENDING, "乙": SPENDING}))
    assert "甲" in err.value.problems[0].message and "乙" in err.value.problems[0].message


def test_a_template_filled_by_a_tool_that_does_not_calculate(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "支出"
    for row in SPENDING[:5]:
        ws.append(row)
    ws.append(["合计", None, "=C7", "=D7", "=E7"])
    ws.append(["201", "一般公共服务支出", "=D7+E7", 60.0, 40.0])
    wb.save(tmp_path / "填好的.xlsx")
    table = imported(tmp_path / "填好的.xlsx").tables.tables["支出决算表"]
    assert table.panel("").row("合计").values == {"本年支出合计": 100, "基本支出": 60, "项目支出": 40}
    ws["C7"] = "=SUM(D7:E7)"                  # anything but a plain sum is never guessed
    wb.save(tmp_path / "填好的.xlsx")
    with pytest.raises(DataError) as err:
        imported(tmp_path / "填好的.xlsx")
    assert {p.where()[-3:] for p in err.value.problems} == {"!C6", "!C7"}       # C6 adds C7
    assert "公式" in err.value.problems[0].message


def test_not_a_workbook(tmp_path):
    path = tmp_path / "决算报表.xlsx"
    path.write_text("不是工作簿", encoding="utf-8")
    with pytest.raises(DataError) as err:
        imported(path)
    assert "不是 Excel 工作簿" in err.value.format()


def test_a_percentage_cell_reads_as_the_percentage_it_shows(tmp_path):
    from juesuan.load.workbook import read_workbook
    wb = openpyxl.Workbook()
    ws = wb.active
    for cell, value, fmt in (("A1", 0.91, "0%"), ("A2", 0.9987, "0.00%"), ("A3", 1332.21, "#,##0.00")):
        ws[cell] = value
        ws[cell].number_format = fmt
    wb.save(tmp_path / "p.xlsx")
    sheet = read_workbook(tmp_path / "p.xlsx")[0]
    assert [sheet.cell(r, 0).text for r in range(3)] == ["91%", "99.87%", "1332.21"]
    assert sheet.cell(0, 0).number is None and sheet.cell(2, 0).number == Decimal("1332.21")


def test_a_unit_written_in_the_column_headers(tmp_path):
    rows = [["收入决算表"], ["编制单位：测试局"],
            ["科目编码", "科目名称", "本年收入合计（元）", "财政拨款收入（元）"],
            ["合计", None, 1234.5, 1234.5], ["201", "一般公共服务支出", 1234.5, 1234.5]]
    table = imported(book(tmp_path, {"收入": rows})).tables.tables["收入决算表"]
    assert table.unit == "元" and table.panel("").columns == ["本年收入合计", "财政拨款收入"]
    assert table.panel("").row("201").values["财政拨款收入"] == Decimal("0.12345")
