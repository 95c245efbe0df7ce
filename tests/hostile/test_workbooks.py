"""Hostile workbooks: a stray cell at the sheet's far corner, a zip bomb, bytes that are no workbook."""

from __future__ import annotations

import time

import openpyxl
from click.testing import CliRunner

from juesuan.cli import main
from juesuan.load import workbook


def test_a_cell_in_the_far_corner_is_a_notice_not_17_billion_cells(unit):
    path = unit()
    book = openpyxl.load_workbook(path.with_suffix(".xlsx"))
    book.worksheets[0]["XFD1048576"] = 1
    book.save(path.with_suffix(".xlsx"))
    start = time.perf_counter()
    result = CliRunner().invoke(main, ["check", str(path)])
    assert time.perf_counter() - start < 20
    assert result.exit_code == 0, result.output
    assert "!XFD1048576：此处及以后的内容超出读取范围（前 5000 行、200 列），未读入" in result.output


def test_a_workbook_that_unpacks_too_large_is_refused_before_unpacking(unit, monkeypatch):
    path = unit()
    monkeypatch.setattr(workbook, "MAX_UNPACKED", 1000)      # the sample unpacks to far more than 1000 bytes
    result = CliRunner().invoke(main, ["check", str(path)])
    assert result.exit_code == 2
    assert f"{path.with_suffix('.xlsx')}：工作簿解压后超过" in result.output


def test_bytes_that_are_no_workbook_are_named_as_such(unit):
    path = unit()
    path.with_suffix(".xlsx").write_bytes(b"PK\x03\x04" + bytes(range(256)) * 20)
    result = CliRunner().invoke(main, ["check", str(path)])
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert "无法打开这个 Excel 文件" in result.output


def test_a_table_of_thousands_of_rows_is_checked_in_seconds_not_minutes(unit):
    """Attack: 8,000 coded rows took over two minutes (each row searched the whole table for its parent,
    and every unknown code the whole catalog for a suggestion). Now the table is indexed once."""
    path = unit()
    CliRunner().invoke(main, ["import", str(path.with_suffix(".xlsx")), "-o", str(path)])
    path.with_suffix(".xlsx").unlink()
    text = path.read_text(encoding="utf-8")
    last = '      - ["2089999", 其他社会保障和就业支出, 2.02, 2.02, 0, 0, 0, 0]\n'
    assert last in text
    added = "".join(f'      - ["{2300000 + i}", 项目{i}, 1.00, 1.00, 0, 0, 0, 0]\n' for i in range(4000))
    path.write_text(text.replace(last, last + added, 1), encoding="utf-8")
    start = time.perf_counter()
    result = CliRunner().invoke(main, ["check", str(path)])
    assert time.perf_counter() - start < 20
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert "科目编码 2300000（项目0）不在 2024 年功能分类目录中" in result.output
    assert "……及另外" in result.output
