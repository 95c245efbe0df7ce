"""Classification codes against the catalog (JS-CAT-0xx), including seed 000's 职业年金 printed with 2080505."""

from __future__ import annotations

from pathlib import Path

from juesuan.build import Options
from juesuan.check import check_file

from .test_balance import GENERAL
from .variants import S000, S004, Variant, fired, only, row

ECONOMIC = ("一般公共预算财政拨款基本支出", "经济分类")


def catalog_dir(tmp_path: Path, kind: str, year: int, entries: str) -> Path:
    folder = tmp_path / "catalog"
    (folder / kind).mkdir(parents=True, exist_ok=True)
    (folder / kind / f"{year}.yaml").write_text(f"年度: {year}\n科目:\n{entries}", encoding="utf-8")
    return folder


def test_seed_000_occupational_annuity_printed_with_the_pension_code(unit_dir):
    v = Variant(S000)
    findings = check_file(v.set(row(v, "2080506") + ("科目编码",), '"2080505"').write(unit_dir))
    hit = only(findings, "JS-CAT-002")[0]
    assert "2080505" in hit.message and "机关事业单位基本养老保险缴费支出" in hit.message
    assert "机关事业单位职业年金缴费支出" in hit.message and "2080506" in hit.message  # the code the name belongs to
    assert hit.figures["名称对应的编码"] == "2080506"
    assert only(findings, "JS-CAT-007")  # and the code now appears twice in the table


def test_unknown_code_suggests_the_nearest(unit_dir):
    v = Variant(S004)
    findings = check_file(v.set(row(v, "2101501") + ("科目编码",), '"2101591"').write(unit_dir))
    hit = only(findings, "JS-CAT-001")[0]
    assert "2101591" in hit.message and "相近的科目" in hit.message and "2101501 行政运行" in hit.message
    assert hit.severity == "错误" and hit.field.endswith("科目编码")


def test_item_whose_class_and_kuan_are_missing_from_the_catalog(unit_dir, tmp_path):
    folder = catalog_dir(tmp_path, "功能分类", 2024, '  - {编码: "2999901", 名称: 测试项, 说明: 反映测试。}\n')
    v = Variant(S004)
    item = row(v, "2101501")
    v.set(item + ("科目编码",), '"2999901"').set(item + ("科目名称",), "测试项")
    findings = check_file(v.write(unit_dir), Options(catalog_dirs=[folder]))
    assert not fired(findings, "JS-CAT-001")
    messages = [f.message for f in only(findings, "JS-CAT-003")]
    assert any("299 " in m and "类" in m for m in messages) and any("29999" in m for m in messages)


def test_unknown_economic_code(unit_dir):
    v = Variant(S004)
    findings = check_file(v.set(row(v, "30101", ECONOMIC) + ("科目编码",), '"30198"').write(unit_dir))
    assert "30198" in only(findings, "JS-CAT-004")[0].message


def test_economic_name_mismatch(unit_dir):
    v = Variant(S004)
    findings = check_file(v.set(row(v, "30101", ECONOMIC) + ("科目名称",), "津贴补贴").write(unit_dir))
    hit = only(findings, "JS-CAT-005")[0]
    assert "基本工资" in hit.message and "津贴补贴" in hit.message and "30102" in hit.message


def test_economic_kuan_without_its_class(unit_dir, tmp_path):
    folder = catalog_dir(tmp_path, "经济分类", 2024, '  - {编码: "39801", 名称: 测试款, 经费: 公用经费}\n')
    v = Variant(S004)
    item = row(v, "30201", ECONOMIC)
    findings = check_file(
        v.set(item + ("科目编码",), '"39801"').set(item + ("科目名称",), "测试款").write(unit_dir),
        Options(catalog_dirs=[folder]),
    )
    assert "398" in only(findings, "JS-CAT-006")[0].message


def test_code_listed_twice(unit_dir):
    v = Variant(S004)
    findings = check_file(
        v.set(row(v, "2101102") + ("科目编码",), '"2101101"')
        .set(row(v, "2101102") + ("科目名称",), "行政单位医疗")
        .write(unit_dir)
    )
    assert "2101101" in only(findings, "JS-CAT-007")[0].message


def test_subtotal_code_checked_too(unit_dir):
    v = Variant(S004)
    findings = check_file(v.set(row(v, "208") + ("科目名称",), "社会保障支出").write(unit_dir))
    assert "社会保障和就业支出" in only(findings, "JS-CAT-002")[0].message
    assert GENERAL[0] in only(findings, "JS-CAT-002")[0].field
