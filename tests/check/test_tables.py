"""One deliberate error per identity of the 公开表 (JS-TAB-0xx), each on an inline copy of a sample."""

from __future__ import annotations

import pytest

from juesuan.check import check_file

from .variants import S000, S004, Variant, errors, fired, only

SUMMARY = "收入支出决算总表"
SPENDING = "支出决算表"
FISCAL = "财政拨款收入支出决算总表"
GENERAL = "一般公共预算财政拨款支出决算表"


def test_both_samples_satisfy_every_identity():
    for sample in (S004, S000):
        findings = check_file(sample)
        assert not errors(findings), [f.format() for f in errors(findings)]
        assert not [f for f in findings if f.rule_id in ("JS-TAB-001", "JS-TAB-002", "JS-TAB-003", "JS-TAB-011")]


def test_a_rows_total_column_adds_its_parts(unit_dir):
    findings = check_file(Variant(S004).cell(SPENDING, "2101101", "基本支出", "4.95").write(unit_dir))
    hit = only(findings, "JS-TAB-001")[0]
    assert "2101101 行政单位医疗" in hit.message and "148.35" in hit.message and "149.35" in hit.message
    assert hit.sheet is None and hit.line is not None           # the inline table's own line
    # the same cell also breaks its 款's sum
    assert "21011" in only(findings, "JS-TAB-002")[0].message


def test_a_class_that_is_really_wrong_fails_but_the_published_cent_passes(unit_dir):
    assert not fired(check_file(S004), "JS-TAB-002")         # 208: 84.38 over 项 that add to 84.39
    findings = check_file(Variant(S004).cell(SPENDING, "208", "本年支出合计", "84.48")
                          .cell(SPENDING, "208", "基本支出", "84.48").write(unit_dir))
    hit = next(f for f in only(findings, "JS-TAB-002") if "本年支出合计" in f.message)
    assert "84.48" in hit.message and "84.39" in hit.message and hit.figures["差额"] == "0.09"


@pytest.mark.parametrize("row, value, words", [
    ("本年收入合计", "1778.62", ["1778.62", "1778.52", "0.10"]),
    ("总计", "1800.00", ["1800.00", "1778.52"]),
])
def test_summary_rows_add_up(unit_dir, row, value, words):
    findings = check_file(Variant(S004).cell(SUMMARY, row, "决算数", value, panel="收入").write(unit_dir))
    message = only(findings, "JS-TAB-003")[0].message
    assert all(w in message for w in words)


def test_income_and_expense_totals_must_balance(unit_dir):
    v = (Variant(S004).cell(SUMMARY, "年初结转和结余", "决算数", "10.00", panel="收入")
         .cell(SUMMARY, "总计", "决算数", "1788.52", panel="收入"))
    findings = check_file(v.write(unit_dir))
    assert not [f for f in fired(findings, "JS-TAB-003") if "收入" in f.message and "总计" in f.message]
    assert "1788.52" in only(findings, "JS-TAB-004")[0].message


def test_one_figure_on_two_forms_has_one_value(unit_dir):
    findings = check_file(Variant(S004).cell(FISCAL, "一般公共预算财政拨款", "决算数", "1332.20", panel="收入")
                          .write(unit_dir))
    hit = only(findings, "JS-TAB-005")[0]
    assert "1332.21" in hit.message and "1332.20" in hit.message
    assert SUMMARY in hit.message and FISCAL in hit.message


def test_class_rows_agree_between_tables(unit_dir):
    findings = check_file(Variant(S004).cell(SUMMARY, "210", "决算数", "1202.65", panel="支出").write(unit_dir))
    hit = only(findings, "JS-TAB-006")[0]
    assert "210" in hit.message and "1202.65" in hit.message and "1202.66" in hit.message


def test_each_budget_types_money_balances(unit_dir):
    v = Variant(S004).cell(FISCAL, "年末财政拨款结转和结余", "一般公共预算财政拨款", "5.00", panel="支出")
    message = only(check_file(v.write(unit_dir)), "JS-TAB-007")[0].message
    assert "1332.21" in message and "1337.21" in message


def test_the_basic_table_agrees_with_table_5(unit_dir):
    findings = check_file(Variant(S004).cell("一般公共预算财政拨款基本支出决算表", "人员经费合计", "决算数", "559.58")
                          .write(unit_dir))
    message = only(findings, "JS-TAB-012")[0].message
    assert "621.01" in message and "622.01" in message


def test_a_table_the_layout_prints_must_be_there_or_declared(unit_dir):
    v = Variant(S004)
    findings = check_file(v.drop(("公开表", "收入决算表")).write(unit_dir))
    assert "收入决算表" in only(findings, "JS-TAB-008")[0].message
    declared = Variant(S004).drop(("公开表", "收入决算表")).add(("未提供的公开表",), "收入决算表", "原文未公开")
    findings = check_file(declared.write(unit_dir))
    assert not fired(findings, "JS-TAB-008")
    assert any("收入决算表" in f.message for f in only(findings, "JS-TAB-009"))


def test_a_table_derived_from_another_is_not_missing(unit_dir):
    """The 项目支出决算表 is the 项目支出 column of table 5; the 国有资本 tables are empty when 表4 says so."""
    v = Variant(S004).drop(("公开表", "国有资本经营预算财政拨款支出决算表"))
    assert not fired(check_file(v.write(unit_dir)), "JS-TAB-008")


@pytest.mark.parametrize("rule_id, edit, words", [
    ("JS-BAL-016", lambda v: v.set(("三公经费", "公务接待", "外事", "金额"), "1.00"), ["1.00", "0.39"]),
    ("JS-BAL-017", lambda v: v.set(("三公经费", "公务接待", "国内", "明细", 0), "{事由: 接待汶川医保局考察, 次数: 1, 金额（元）: 3270}"),
     ["4864", "0.39", "0.49"]),
    ("JS-BAL-018", lambda v: v.set(("三公经费", "公务用车", "购置车辆", 0), "{车型: 轿车, 数量: 1, 金额: 10.00}"),
     ["10.00", "轿车"]),
    ("JS-BAL-019", lambda v: v.set(("三公经费", "公务用车", "年末保有量", "其中"), "{轿车: 2}"), ["合计 1 辆", "共 2 辆"]),
    ("JS-BAL-021", lambda v: v.set(("其他重要事项", "国有资产占有使用", "车辆", "其他用车"), "2"), ["2 辆", "合计 1 辆"]),
    ("JS-BAL-022", lambda v: v.set(("其他重要事项", "政府采购", "总额"), "13.73"), ["13.73", "12.73"]),
    ("JS-BAL-023", lambda v: v.set(("其他重要事项", "政府采购", "授予中小企业合同金额"), "20.00"), ["20.00", "12.73"]),
    ("JS-BAL-024", lambda v: v.set(("其他重要事项", "政府采购", "授予小微企业合同金额"), "5.00"), ["5.00"]),
    ("JS-BAL-025", lambda v: v.set(("其他重要事项", "机关运行经费", "决算"), "60.00"), ["60.00", "62.43"]),
])
def test_narrative_figures_agree_with_the_tables(unit_dir, rule_id, edit, words):
    message = only(check_file(edit(Variant(S004)).write(unit_dir)), rule_id)[0].message
    assert all(w in message for w in words), message


def test_fleet_breakdown_short_of_its_total_is_a_warning_on_seed_004():
    hit = only(check_file(S004), "JS-BAL-020")[0]
    assert hit.severity == "警告" and "合计 1 辆" in hit.message


def _evaluation(v: Variant) -> tuple:
    return v.find(lambda path, value: path[-1:] == ("绩效自评表",))


def _weigh(v: Variant, weights: list[str], scores: list[str] | None = None) -> Variant:
    table = _evaluation(v)
    v.add(table, "执行率分值", "10")
    for i, _ in enumerate(v.value(table + ("绩效指标",))):
        v.add(table + ("绩效指标", i), "分值", weights[i] if i < len(weights) else "0")
        if scores:
            v.add(table + ("绩效指标", i), "得分", scores[i] if i < len(scores) else "0")
    return v


def test_evaluation_weights_total_100(unit_dir):
    n = len(Variant(S000).value(_evaluation(Variant(S000)) + ("绩效指标",)))
    assert not fired(check_file(_weigh(Variant(S000), ["90"] + ["0"] * (n - 1)).write(unit_dir)), "JS-BAL-026")
    bad = check_file(_weigh(Variant(S000), ["85"] + ["0"] * (n - 1)).write(unit_dir))
    assert "95" in only(bad, "JS-BAL-026")[0].message


def test_evaluation_score_above_its_weight(unit_dir):
    hit = only(check_file(_weigh(Variant(S000), ["90"], ["95"]).write(unit_dir)), "JS-BAL-027")[0]
    assert "95" in hit.message and "90" in hit.message and hit.field.endswith("得分")
