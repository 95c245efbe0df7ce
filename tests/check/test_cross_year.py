"""Last year against this year (JS-YOY-0xx): the 上年 block, the unit's name, the catalogs' names."""

from __future__ import annotations

from juesuan.build import Options
from juesuan.check import check_file

from .test_catalog_rules import catalog_dir
from .variants import S000, S004, Variant, errors, fired, only


def last_year(unit_dir, **edits) -> Variant:
    """Seed 004's file relabelled as 2023, written beside this year's file."""
    v = Variant(S004).set(("年度",), "2023")
    for path, value in edits.items():
        v.set(tuple(path.split("/")), value)
    v.write(unit_dir, "2023.yaml")
    return v


def test_prior_block_against_last_years_file(unit_dir):
    last_year(unit_dir)
    findings = check_file(Variant(S004).write(unit_dir))
    hits = only(findings, "JS-YOY-001")
    income = next(h for h in hits if h.field == "上年 → 收入总计")
    assert "1825.64" in income.message and "1778.52" in income.message and "2023.yaml" in income.message
    assert income.line is not None


def test_prior_block_that_agrees_passes(unit_dir):
    last_year(unit_dir)
    v = Variant(S004)
    for key, value in (
        ("收入总计", "1778.52"),
        ("支出总计", "1778.52"),
        ("财政拨款收入总计", "1778.52"),
        ("财政拨款支出总计", "1778.52"),
        ("一般公共预算财政拨款支出", "1332.21"),
        ("政府性基金预算财政拨款支出", "446.31"),
        ("机关运行经费", "62.43"),
        ("公务用车运行费", "0.40"),
        ("公务接待费", "0.39"),
    ):
        v.set(("上年", key), value)
    assert not fired(check_file(v.write(unit_dir)), "JS-YOY-001")


def test_last_years_totals_must_balance(unit_dir):
    findings = check_file(Variant(S004).set(("上年", "支出总计"), "1800.00").write(unit_dir))
    hit = only(findings, "JS-YOY-007")[0]
    assert "1825.64" in hit.message and "1800.00" in hit.message and hit.field == "上年 → 收入总计"


def test_unknown_prior_figures_are_named():
    """Seed 000 compares neither its 政府性基金 nor its 因公出国 with 2020: those bases are unknown."""
    hit = only(check_file(S000), "JS-YOY-008")[0]
    assert hit.severity == "警告" and "政府性基金预算财政拨款支出" in hit.message and "因公出国（境）费" in hit.message


def test_unit_renamed(unit_dir):
    last_year(unit_dir, **{"单位/名称": "绵竹市医疗保险管理局"})
    hit = only(check_file(Variant(S004).write(unit_dir)), "JS-YOY-002")[0]
    assert hit.severity == "警告" and "单位名称变更" in hit.message and "绵竹市医疗保险管理局" in hit.message


def test_code_renamed_between_catalog_years(unit_dir, tmp_path):
    folder = catalog_dir(
        tmp_path, "功能分类", 2023, '  - {编码: "2101501", 名称: 一般行政运行, 说明: 反映行政运行。}\n'
    )
    (folder / "功能分类" / "2024.yaml").write_text(
        '年度: 2024\n科目:\n  - {编码: "2101501", 名称: 行政运行, 说明: 反映行政运行。}\n', encoding="utf-8"
    )
    last_year(unit_dir)
    findings = check_file(Variant(S004).write(unit_dir), Options(catalog_dirs=[folder]))
    hit = only(findings, "JS-YOY-003")[0]
    assert "2101501" in hit.message and "一般行政运行" in hit.message and "行政运行" in hit.message


def test_no_prior_data_at_all(unit_dir):
    findings = check_file(Variant(S004).drop(("上年",)).write(unit_dir))
    assert "2023" in only(findings, "JS-YOY-004")[0].message
    assert not fired(findings, "JS-NAR-001")  # nothing to compare, so no reason can be demanded


def test_unusable_prior_file_is_a_finding_not_a_crash(unit_dir):
    unit_dir.mkdir(parents=True)
    (unit_dir / "2023.yaml").write_text("年度: 2023\n单位: [\n", encoding="utf-8")
    findings = check_file(Variant(S004).write(unit_dir))
    assert "2023.yaml" in only(findings, "JS-YOY-005")[0].message
    assert not fired(findings, "JS-YOY-004")


def test_prior_file_with_the_wrong_year(unit_dir):
    """2023.yaml holding 年度 2022 cannot be last year's file: it is unusable, and says why."""
    Variant(S004).set(("年度",), "2022").write(unit_dir, "2023.yaml")
    hit = only(check_file(Variant(S004).write(unit_dir)), "JS-YOY-005")[0]
    assert "文件名是 2023.yaml，年度却写的是 2022" in hit.message


def test_consistent_years_have_no_cross_year_errors(unit_dir):
    last_year(unit_dir)
    findings = check_file(Variant(S004).drop(("上年",)).write(unit_dir))
    assert not [f for f in errors(findings) if f.rule_id.startswith("JS-YOY")]
