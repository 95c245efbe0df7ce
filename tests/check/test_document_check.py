"""`juesuan check` on finished documents: the seeds' known errors are found, juesuan's own output is clean."""

from __future__ import annotations

import os
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner

from juesuan.check.document import check_document
from juesuan.cli import main

SEEDS = Path(__file__).resolve().parents[3] / "shared" / "seeds"
if not SEEDS.is_dir():
    SEEDS = Path("/work/shared/seeds")
ROOT = Path(__file__).resolve().parents[2]


def seed(prefix: str) -> Path:
    found = sorted(SEEDS.glob(f"{prefix}_*.txt"))
    if not found:
        pytest.skip("the seed documents are not here")
    return found[0]


def messages(findings, rule=None):
    return [f.message + f.field for f in findings if rule is None or f.rule_id == rule]


def test_seed_004_placeholders_and_figures_printed_two_ways():
    found = check_document(seed("004"))
    left = messages(found, "JS-NAR-003")
    assert any("**" in m for m in left)
    assert any("仅罗列本部门涉及的收入" in m for m in left)
    two = messages(found, "JS-DOC-004")
    assert any("74.9%" in m and "74.91%" in m for m in two)
    assert any("558.58" in m and "558.59" in m for m in two)
    # the 附件 rounds shares to make 100: 621.01 / 1778.52 = 34.917% is printed 34.91%
    assert any("34.92%" in m and "34.91%" in m for m in messages(found, "JS-DOC-001"))
    # the 附件 again: "…决算数为1778.52万元。其中：" introduces "…1332.21万元，占比74.90%" in the next paragraph
    assert any("1778.52" in m and "74.91%" in m and "74.90%" in m for m in messages(found, "JS-DOC-001"))


def test_seed_000_wrong_code_doubled_words_missing_unit():
    found = check_document(seed("000"))
    codes = messages(found, "JS-CAT-002")
    assert any("2080505" in m and "职业年金缴费支出" in m and "2080506" in m for m in codes)
    doubled = messages(found, "JS-NAR-004")
    assert any("社会社会" in m for m in doubled)
    assert any("主要变动原因是主要变动原因是" in m for m in doubled)
    assert any("853.06" in m for m in messages(found, "JS-NAR-008"))


def test_seed_002_completion_that_does_not_follow_from_its_items():
    found = check_document(seed("002"))
    done = messages(found, "JS-DOC-003")
    assert any("19.68%" in m and "1564.98" in m and "100.00%" in m for m in done)


@pytest.mark.parametrize("prefix, pages", [("000", 55), ("002", 50), ("004", 33)])
def test_false_alarms_stay_rare(prefix, pages):
    """Every finding on the seeds was read by hand (pages estimated from their page footers and 目录).
    Not real errors: in 002, “实际执行执行率” (two cells of a table run together by the text export) and
    “政府采购执行率=（实际政府采购金额/政府采购预算数）” (a formula, not a blank). ≤ 1 per 10 pages."""
    found = check_document(seed(prefix))
    false = [f for f in found if "执行执行率" in f.message or "实际政府采购金额/" in f.message]
    assert len(false) * 10 <= pages
    assert len(found) <= 60


def test_shares_changes_and_completion_recomputed(tmp_path):
    text = tmp_path / "doc.txt"
    text.write_text(
        "2024年度部门决算\n"
        "二、收入决算情况说明\n"
        "2024年度本年收入合计200.00万元，其中：财政拨款收入150.00万元，占70.00%；其他收入50.00万元，占25.00%。"
        "与2023年度相比，收入合计增加20.00万元，增长20.00%。\n"
        "支出决算为90.00万元，年初预算为100.00万元，完成预算95.00%。\n"
        "机关运行经费支出10万元，完成预算90%，决算数与预算数持平。\n", encoding="utf-8")
    found = check_document(text)
    shares = messages(found, "JS-DOC-001")
    assert any("75.00%" in m and "70.00%" in m for m in shares) and not any("25.00%，文中" in m for m in shares)
    assert any("11.11%" in m for m in messages(found, "JS-DOC-002"))       # 20 / 180
    done = messages(found, "JS-DOC-003")
    assert any("90.00%" in m and "95.00%" in m for m in done)
    assert any("持平" in m for m in done)
    assert all(f.line is not None and "第" in f.field and "「" in f.field for f in found)


def test_docx_table_sums_and_paragraph_location(tmp_path):
    document = docx.Document()
    document.add_paragraph("2024年度某局部门决算")
    document.add_paragraph("三、支出决算表")
    table = document.add_table(rows=0, cols=3)
    for row in (("合计", "", "100.00"), ("210", "卫生健康支出", "90.00"), ("21011", "行政事业单位医疗", "80.00"),
                ("2101101", "行政单位医疗", "70.00"), ("221", "住房保障支出", "10.00")):
        cells = table.add_row().cells
        for cell, value in zip(cells, row):
            cell.text = value
    path = tmp_path / "doc.docx"
    document.save(path)
    found = check_document(path)
    sums = [f for f in found if f.rule_id == "JS-DOC-005"]
    assert {f.message.split("行")[0] for f in sums} == {"210", "21011"}
    assert all("段" in f.field and "三、支出决算表" in f.field for f in sums)


def test_prose_figures_against_the_workbook(tmp_path):
    text = tmp_path / "doc.txt"
    text.write_text("2024年度部门决算\n本年收入合计1778.52万元，其中：一般公共预算财政拨款收入1332.20万元，占74.91%。\n",
                    encoding="utf-8")
    found = check_document(text, ROOT / "data" / "mianzhu-yibao" / "2024.xlsx")
    assert any("1332.20" in m and "1332.21" in m for m in messages(found, "JS-DOC-006"))


def test_cli_dispatches_documents_and_says_missing_files_in_chinese(tmp_path):
    runner = CliRunner()
    result = runner.invoke(main, ["check", str(tmp_path / "无此文件.docx")])
    assert result.exit_code == 2
    assert "找不到文件" in result.output and "未生成任何文件" not in result.output
    result = runner.invoke(main, ["check", str(seed("004")), "--format", "json"])
    assert result.exit_code == 1 and "JS-DOC-004" in result.output


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    from juesuan.build import build

    out = tmp_path_factory.mktemp("generated")
    os.environ["JUESUAN_NO_LO_TOC"] = "1"
    files = []
    for data in sorted((ROOT / "data").glob("*/[0-9]*.yaml")):
        files += [p for p in build(data, out, ("docx", "pdf")).files if p.suffix in (".docx", ".pdf")]
    return files


def test_generated_documents_have_no_errors(generated):
    assert len(generated) == 6
    for path in generated:
        found = check_document(path)
        assert [f.format() for f in found if f.severity == "错误"] == [], path.name
        assert len(found) <= 3, [f.format() for f in found]
