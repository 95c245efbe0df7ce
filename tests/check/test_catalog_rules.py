"""Classification codes in the tables against the catalog (JS-CAT-0xx), including seed 000's 职业年金 code."""

from __future__ import annotations

from pathlib import Path

import pytest

from juesuan.build import Options
from juesuan.check import check_file
from juesuan.errors import DataError

from .variants import S000, S004, Variant, fired, only

SPENDING = "支出决算表"
BASIC = "一般公共预算财政拨款基本支出决算表"


def catalog_dir(tmp_path: Path, kind: str, year: int, entries: str) -> Path:
    folder = tmp_path / "catalog"
    (folder / kind).mkdir(parents=True, exist_ok=True)
    (folder / kind / f"{year}.yaml").write_text(f"年度: {year}\n科目:\n{entries}", encoding="utf-8")
    return folder


def test_seed_000_annuity_named_under_the_pension_code(unit_dir):
    """Seed 000 printed 职业年金缴费支出 with 2080505, which is 基本养老保险缴费支出 (it is 2080506)."""
    v = Variant(S000).rename(SPENDING, "2080505", name="机关事业单位职业年金缴费支出")
    hit = only(check_file(v.write(unit_dir)), "JS-CAT-002")[0]
    assert "2080505" in hit.message and "机关事业单位基本养老保险缴费支出" in hit.message
    assert hit.figures["名称对应的编码"] == "2080506"
    assert hit.line is not None                     # located at the row of the inline table


def test_seed_000_one_code_printed_twice_is_refused_with_its_row(unit_dir):
    v = Variant(S000).rename(SPENDING, "2080506", code="2080505")
    with pytest.raises(DataError) as err:
        check_file(v.write(unit_dir))
    assert "出现了两次" in err.value.format() and "2021.yaml:" in err.value.format()


def test_unknown_code_suggests_the_nearest(unit_dir):
    v = Variant(S004).rename(SPENDING, "2101501", code="2101591")
    hit = only(check_file(v.write(unit_dir)), "JS-CAT-001")[0]
    assert "2101591" in hit.message and "相近的科目" in hit.message and "2101501 行政运行" in hit.message
    assert hit.severity == "错误"


def test_item_whose_class_and_kuan_are_missing_from_the_catalog(unit_dir, tmp_path):
    folder = catalog_dir(tmp_path, "功能分类", 2024, '  - {编码: "2999901", 名称: 测试项, 说明: 反映测试。}\n')
    v = Variant(S004).rename(SPENDING, "2101501", code="2999901", name="测试项")
    findings = check_file(v.write(unit_dir), Options(catalog_dirs=[folder]))
    assert not fired(findings, "JS-CAT-001")
    messages = [f.message for f in only(findings, "JS-CAT-003")]
    assert any("299 " in m and "类" in m for m in messages) and any("29999" in m for m in messages)


def test_unknown_economic_code(unit_dir):
    v = Variant(S000).rename(BASIC, "30101", code="30198")
    assert "30198" in only(check_file(v.write(unit_dir)), "JS-CAT-004")[0].message


def test_economic_name_mismatch(unit_dir):
    v = Variant(S000).rename(BASIC, "30101", name="津贴补贴")
    hit = only(check_file(v.write(unit_dir)), "JS-CAT-005")[0]
    assert "基本工资" in hit.message and "津贴补贴" in hit.message and "30102" in hit.message


def test_economic_kuan_without_its_class(unit_dir, tmp_path):
    folder = catalog_dir(tmp_path, "经济分类", 2021, '  - {编码: "39801", 名称: 测试款, 经费: 公用经费}\n')
    v = Variant(S000).rename(BASIC, "30201", code="39801", name="测试款")
    assert "398" in only(check_file(v.write(unit_dir), Options(catalog_dirs=[folder])), "JS-CAT-006")[0].message


def test_class_names_are_checked_too(unit_dir):
    v = Variant(S004).rename(SPENDING, "208", name="社会保障支出")
    assert "社会保障和就业支出" in only(check_file(v.write(unit_dir)), "JS-CAT-002")[0].message
