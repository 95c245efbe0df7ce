"""`juesuan new`: next year's file from last year's, reasons to be confirmed, nothing overwritten."""

import json
import shutil
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from juesuan.cli import main

ROOT = Path(__file__).resolve().parents[2]

#: (sample folder, last year, its workbook, the reasons it gives, counted by hand in the file — 未知 is no reason,
#: a comment line of the file, the number of 公开表 in its set: Sichuan's 13 or the national 公开01—09表)
SAMPLES = [
    ("mianzhu-yibao", 2024, "2024.xlsx",
     {"收入支出总计", "财政拨款收入支出总计", "一般公共预算财政拨款支出", "政府性基金预算财政拨款支出",
      "公务用车购置及运行费", "公务接待费", "机关运行经费"},
     "# 原文“建立相应价格信息监测和信，息发布制度”多一个逗号，已删去。", 13),
    ("guanghan-yibao", 2021, "2021.xls",
     {"收入支出总计", "财政拨款收入支出总计", "一般公共预算财政拨款支出", "公务接待费", "机关运行经费", "“三公”经费"},
     "  # 原文此句印作“主要变动原因是主要变动原因是……”，重复已删。", 13),
    ("beiguan-yibao", 2021, "2021.xlsx", {"收入支出总计", "财政拨款收入支出总计", "一般公共预算财政拨款支出"},
     "# 安阳市北关区医疗保障局", 9),
]


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def copy_unit(tmp_path, name) -> Path:
    folder = tmp_path / name
    shutil.copytree(ROOT / "data" / name, folder)
    return folder


def pending(folder: Path, year: int) -> dict[str, int]:
    """The JS-NAR-017 findings of `juesuan check`: field → line."""
    result = run("check", "--format", "json", folder / f"{year}.yaml")
    report = json.loads(result.output)
    assert report["failed"] == []
    found = report["findings"]
    return {f["field"].split(" → ")[-1]: f["line"] for f in found if f["rule"] == "JS-NAR-017"}


@pytest.mark.parametrize("name, year, workbook, reasons, comment, tables", SAMPLES)
def test_new_year_marks_last_years_reasons_until_confirmed(tmp_path, name, year, workbook, reasons, comment, tables):
    folder = copy_unit(tmp_path, name)
    before = (folder / f"{year}.yaml").read_text(encoding="utf-8")
    assert comment in before
    result = run("new", folder)
    assert result.exit_code == 0, result.output
    new, blank = folder / f"{year + 1}.yaml", folder / f"{year + 1}.xlsx"
    assert f"已生成 {new}" in result.output and f"已生成 {blank}" in result.output
    text = new.read_text(encoding="utf-8")
    assert f"年度: {year + 1}\n" in text and f"决算报表: {year + 1}.xlsx\n" in text
    assert "\n上年:" not in text and "公开日期:" not in text
    assert comment in text                                   # last year's comments survive
    assert before.split("\n")[0] in text                     # its header too, after ours

    book = openpyxl.load_workbook(blank)                     # a blank form: last year's figures are not in it
    assert len(book.worksheets) == tables
    cells = {str(c.value) for ws in book.worksheets for row in ws.iter_rows() for c in row if c.value is not None}
    assert "总计" in cells and not {"1778.52", "1026.81", "307.97"} & cells

    # Fill the year's workbook: for the test, last year's figures again.
    blank.unlink()
    shutil.copy(folder / workbook, folder / f"{year + 1}{Path(workbook).suffix}")
    new.write_text(text.replace(f"决算报表: {year + 1}.xlsx", f"决算报表: {year + 1}{Path(workbook).suffix}"),
                   encoding="utf-8")
    flagged = pending(folder, year + 1)
    assert set(flagged) == reasons
    lines = new.read_text(encoding="utf-8").split("\n")
    for key, line in flagged.items():
        assert "待确认：" in lines[line - 1] and key.strip("“”") in lines[line - 1]
    result = run("check", folder / f"{year + 1}.yaml")
    assert result.exit_code == 1 and "上年的原因尚未确认" in result.output

    new.write_text(new.read_text(encoding="utf-8").replace("待确认：", ""), encoding="utf-8")   # the officer confirms
    assert pending(folder, year + 1) == {}


def test_unconfirmed_reason_is_shown_as_last_year_wrote_it(tmp_path):
    folder = copy_unit(tmp_path, "mianzhu-yibao")
    run("new", folder)
    text = (folder / "2025.yaml").read_text(encoding="utf-8")
    assert "  公务接待费: 待确认：2024年公务接待有所减少。\n" in text
    assert "# 上年（2023 年度）" not in text                  # the dropped block's comment goes with it
    assert "# 变动原因：键是所解释的数" in text


def test_never_overwrites(tmp_path):
    folder = copy_unit(tmp_path, "beiguan-yibao")
    assert run("new", folder).exit_code == 0
    target, workbook = folder / "2022.yaml", folder / "2022.xlsx"
    target.write_text(target.read_text(encoding="utf-8") + "# 已改\n", encoding="utf-8")
    workbook.write_bytes(b"officer's figures")
    result = run("new", folder, "--year", 2022)
    assert result.exit_code == 2 and "2022.yaml 已存在" in result.output and "--force" in result.output
    assert target.read_text(encoding="utf-8").endswith("# 已改\n")
    result = run("new", folder, "--year", 2022, "--force")
    assert result.exit_code == 0 and f"已生成 {target}" in result.output and "2022.xlsx" not in result.output
    assert not target.read_text(encoding="utf-8").endswith("# 已改\n")
    assert workbook.read_bytes() == b"officer's figures"      # a workbook is never replaced


def test_default_year_follows_the_newest_file(tmp_path):
    folder = copy_unit(tmp_path, "beiguan-yibao")
    run("new", folder)
    assert run("new", folder).exit_code == 0
    assert "年度: 2023\n" in (folder / "2023.yaml").read_text(encoding="utf-8")


def test_missing_last_year(tmp_path):
    folder = copy_unit(tmp_path, "beiguan-yibao")
    result = run("new", folder, "--year", 2030)
    assert result.exit_code == 2 and "找不到上年的数据文件 2029.yaml" in result.output
    empty = tmp_path / "empty"
    empty.mkdir()
    result = run("new", empty)
    assert result.exit_code == 2 and "没有年度数据文件" in result.output
    assert list(empty.iterdir()) == []


def test_broken_last_year(tmp_path):
    folder = copy_unit(tmp_path, "beiguan-yibao")
    path = folder / "2021.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("年度: 2021", "年度: 二〇二一"), encoding="utf-8")
    result = run("new", folder, "--year", 2022)
    assert result.exit_code == 2 and "2021.yaml" in result.output and "年度" in result.output
    assert not (folder / "2022.yaml").exists() and not (folder / "2022.xlsx").exists()
