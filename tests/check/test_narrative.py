"""Reasons and prose (JS-NAR-0xx): the published seeds' leftovers and doubled words, reproduced in the data."""

from __future__ import annotations

import pytest

from juesuan.build import Options
from juesuan.check import check_file

from .variants import S000, S004, Variant, fired, only

TRAVEL = ("三公经费", "因公出国（境）")
REASON = ("变动原因", "收入支出总计")


def config_file(tmp_path, text: str):
    path = tmp_path / "县配置.yaml"
    path.write_text(text, encoding="utf-8")
    return Options(config=path)


def test_missing_reason_points_where_it_belongs(unit_dir):
    v = Variant(S004)
    findings = check_file(v.drop(REASON).write(unit_dir))
    hit = only(findings, "JS-NAR-001")[0]
    assert hit.field == "变动原因 → 收入支出总计"
    assert hit.line == v.raw.source.positions[("变动原因",)][0]  # the nearest written ancestor
    assert "减少47.12万元" in hit.message and "1825.64" in hit.message and "1778.52" in hit.message


def test_reason_threshold_from_the_county_config(unit_dir, tmp_path):
    path = Variant(S004).drop(REASON).write(unit_dir)
    assert not fired(check_file(path, config_file(tmp_path, "须说明原因的变动金额: 50\n")), "JS-NAR-001")
    assert fired(check_file(path, config_file(tmp_path, "须说明原因的变动金额: 47.12\n")), "JS-NAR-001")


def test_every_moving_figure_needs_its_own_reason(unit_dir):
    assert not fired(check_file(S004), "JS-NAR-001")
    findings = check_file(Variant(S004).drop(("变动原因", "公务接待费")).write(unit_dir))
    hit = only(findings, "JS-NAR-001")[0]
    assert hit.field == "变动原因 → 公务接待费" and "减少0.61万元" in hit.message


def test_budget_gap_needs_a_reason(unit_dir):
    findings = check_file(Variant(S000).drop(("预决算差异原因", "2101550")).write(unit_dir))
    hit = only(findings, "JS-NAR-001")[0]
    assert "259.05" in hit.message and "260.34" in hit.message and "决算数小于预算数" in hit.message
    assert hit.field == "预决算差异原因 → 2101550"


def test_a_reason_declared_unknown_is_a_warning_and_is_not_printed():
    """Seed 000 gives no reason for 事业运行's 99.50%; the sample says 未知 instead of inventing one."""
    hit = only(check_file(S000), "JS-NAR-002")[0]
    assert hit.severity == "警告" and "未知" in hit.message and "2101550" in hit.field
    assert not fired(check_file(S000), "JS-NAR-001")


def test_three_public_budget_gap_needs_a_reason(unit_dir):
    findings = check_file(Variant(S000).drop(("预决算差异原因", "“三公”经费")).write(unit_dir))
    assert "4.80" in only(findings, "JS-NAR-001")[0].message


def test_a_reason_must_name_a_figure_or_a_code(unit_dir):
    v = Variant(S004).add(("变动原因",), "公务接待", "接待减少。").add(("变动原因",), "\"2101501\"", "人员增加。")
    hits = only(check_file(v.write(unit_dir)), "JS-NAR-010")
    assert len(hits) == 1 and "「公务接待费」" in hits[0].message and hits[0].severity == "错误"


@pytest.mark.parametrize(
    "path, text, leftover",
    [
        (TRAVEL + ("开支内容",), "因公出国（境）经费支出**万元，完成预算**%", "**"),  # seed 004
        (REASON, "特定项目类支出减少。（注：仅罗列本部门涉及的收入）", "（注："),  # seed 004
        (
            ("三公经费", "公务接待", "国内", "主要用途"),
            "执行公务的用餐费（接待具体项目、金额）",
            "具体项目",
        ),  # seed 004
        (REASON, "如……（二级预算单位事业收入情况）等", "……"),  # seed 004
        (REASON, "XX项目支出减少", "XX"),
        (REASON, "请根据本单位实际情况填写", "请根据"),
        (REASON, "社会保障和就业支出…（款）减少", "…"),
    ],
)
def test_template_leftovers(unit_dir, path, text, leftover):
    hit = only(check_file(Variant(S004).text(path, text).write(unit_dir)), "JS-NAR-003")[0]
    assert leftover in hit.message and hit.severity == "错误" and hit.field == " → ".join(path)


@pytest.mark.parametrize(
    "sample, path, text, doubled",
    [
        (S000, ("单位", "部门职责", 0), "负责社会社会保障和就业工作。", "社会"),
        (
            S000,
            ("变动原因", "财政拨款收入支出总计"),
            "主要变动原因是主要变动原因是2021年减少了财政代缴项目。",
            "主要变动原因是",
        ),
    ],
)
def test_seed_000_doubled_words(unit_dir, sample, path, text, doubled):
    hit = only(check_file(Variant(sample).text(path, text).write(unit_dir)), "JS-NAR-004")[0]
    assert f"重复的“{doubled}”" in hit.message


def test_reduplication_is_not_a_doubled_word(unit_dir):
    v = Variant(S004).text(REASON, "项目一个一个地完成，常常加班，人人参与，研究研究再定。")
    assert not fired(check_file(v.write(unit_dir)), "JS-NAR-004")


def test_stray_year(unit_dir):
    v = Variant(S004).text(REASON, "特定项目类支出2019年比上年减少2个项目，依据《关于2015年预算管理的通知》。")
    hits = only(check_file(v.write(unit_dir)), "JS-NAR-005")
    assert len(hits) == 1 and "2019年" in hits[0].message and hits[0].severity == "警告"


def test_another_places_unit_name(unit_dir):
    v = Variant(S004).text(REASON, "什邡市医疗保障局特定项目类支出减少。")
    hit = only(check_file(v.write(unit_dir)), "JS-NAR-006")[0]
    assert "什邡市医疗保障局" in hit.message and hit.severity == "警告"


def test_a_near_miss_of_a_subunits_name(unit_dir):
    """Seed 000's annex names 广汉市医疗保障服务中心 for its 事务中心."""
    v = Variant(S000)
    path = v.containing("下属广汉市医疗保障事务中心")
    text = v.value(path).replace("医疗保障事务中心", "医疗保障服务中心")
    hit = only(check_file(v.text(path, text).write(unit_dir)), "JS-NAR-006")[0]
    assert "广汉市医疗保障服务中心" in hit.message and "广汉市医疗保障事务中心" in hit.message


def test_mentionable_units_from_config(unit_dir, tmp_path):
    path = Variant(S004).text(REASON, "什邡市医疗保障局特定项目类支出减少。").write(unit_dir)
    assert not fired(check_file(path, config_file(tmp_path, "可提及的单位: [什邡市医疗保障局]\n")), "JS-NAR-006")


def test_county_banned_words_in_data_and_document(unit_dir, tmp_path):
    options = config_file(tmp_path, "附加禁用词: [待补充]\n")
    path = Variant(S004).text(REASON, "原因待补充").write(unit_dir)
    hits = only(
        check_file(path, options, rendered_text="正文\n机关运行经费原因另行待补充说明。\n原因待补充"), "JS-NAR-007"
    )
    assert {h.field for h in hits} == {"变动原因 → 收入支出总计", "生成的文档"}


def test_seed_000_amount_without_unit(unit_dir):
    v = Variant(S004).text(REASON, "一般公共预算支出决算数为853.06，完成预算99.85%。")
    assert "853.06" in only(check_file(v.write(unit_dir)), "JS-NAR-008")[0].message


@pytest.mark.parametrize(
    "old, new, words",
    [
        ("占比74.91%", "占比74.90%", ["74.90%", "74.91%"]),  # seed 004's annex
        (
            "人员经费支出558.58万元",
            "人员经费支出558.59万元",
            ["558.59", "558.58"],
        ),  # seed 004: two values of one figure
    ],
)
def test_figures_quoted_in_prose(unit_dir, old, new, words):
    v = Variant(S004)
    path = v.containing(old)
    hit = only(check_file(v.text(path, v.value(path).replace(old, new)).write(unit_dir)), "JS-NAR-009")[0]
    assert all(w in hit.message for w in words)


def test_budget_clauses_are_not_compared(unit_dir):
    v = Variant(S004).text(REASON, "年初预算中人员经费500.00万元，调整后增加。")
    assert not fired(check_file(v.write(unit_dir)), "JS-NAR-009")


def test_rendered_document_is_scanned_without_repeating_data_findings(unit_dir):
    path = Variant(S004).text(TRAVEL + ("开支内容",), "经费支出**万元").write(unit_dir)
    rendered = "\n".join(
        [
            "七、“三公”经费",
            "1.因公出国（境）经费支出**万元。",
            "图1 收入、支出决算总计变动（柱状图）",
            "社会社会保障和就业支出",
            "支出决算为853.06，完成",
        ]
    )
    findings = check_file(path, rendered_text=rendered)
    leftovers = fired(findings, "JS-NAR-003")
    assert [f.field for f in leftovers] == ["三公经费 → 因公出国（境） → 开支内容"]  # "**" came from the data
    assert [f.field for f in fired(findings, "JS-NAR-004")] == ["生成的文档"]
    assert [f.field for f in fired(findings, "JS-NAR-008")] == ["生成的文档"]
