"""One deliberate error per accounting identity (JS-BAL-0xx), each on a copy of a sample data file."""

from __future__ import annotations

import pytest

from juesuan.check import check_file

from .variants import S000, S004, Variant, errors, fired, only, row

SUMMARY_IN = ("收入支出决算总表", "收入")
SUMMARY_OUT = ("收入支出决算总表", "支出")
GENERAL = ("财政拨款支出", "一般公共预算", "科目")
TP = ("三公经费",)
PROC = ("其他重要事项", "政府采购")


@pytest.mark.parametrize(
    "rule_id, edit, words",
    [
        ("JS-BAL-001", lambda v: v.set(SUMMARY_IN + ("收入总计",), "1800.00"), ["1800.00", "1778.52"]),
        ("JS-BAL-002", lambda v: v.set(SUMMARY_OUT + ("支出总计",), "1700.00"), ["1700.00", "1778.52"]),
        ("JS-BAL-004", lambda v: v.set(SUMMARY_IN + ("本年收入合计",), "1778.62"), ["1778.62", "1778.52", "0.10"]),
        ("JS-BAL-005", lambda v: v.set(SUMMARY_OUT + ("本年支出合计",), "1788.52"), ["1788.52", "621.01", "1157.51"]),
        ("JS-BAL-006", lambda v: v.set(SUMMARY_OUT + ("基本支出", "合计"), "621.11"), ["621.11", "558.58", "62.43"]),
        (
            "JS-BAL-009",
            lambda v: v.set(("财政拨款收入支出决算总表", "年末结转和结余", "一般公共预算"), "5.00"),
            ["一般公共预算", "1332.21", "1337.21"],
        ),
        ("JS-BAL-016", lambda v: v.set(TP + ("公务接待费", "决算"), "0.49"), ["0.49", "0.39"]),
        (
            "JS-BAL-017",
            lambda v: v.set(TP + ("公务接待费", "国内", "明细", 0, "金额（元）"), "3270"),
            ["4864", "0.39", "0.49"],
        ),
        (
            "JS-BAL-018",
            lambda v: v.set(TP + ("公务用车购置及运行维护费", "购置", "购置车辆", 0, "金额"), "10.00"),
            ["10.00", "轿车"],
        ),
        (
            "JS-BAL-019",
            lambda v: v.set(TP + ("公务用车购置及运行维护费", "年末保有量", "其中", "轿车"), "2"),
            ["合计 1 辆", "共 2 辆"],
        ),
        (
            "JS-BAL-021",
            lambda v: v.set(("其他重要事项", "国有资产占有使用", "车辆", "其他用车"), "2"),
            ["2 辆", "合计 1 辆"],
        ),
        ("JS-BAL-022", lambda v: v.set(PROC + ("总额",), "13.73"), ["13.73", "12.73"]),
        ("JS-BAL-023", lambda v: v.set(PROC + ("授予中小企业合同金额",), "20.00"), ["20.00", "12.73"]),
        ("JS-BAL-024", lambda v: v.set(PROC + ("授予小微企业合同金额",), "5.00"), ["5.00", "授予中小企业合同金额 0"]),
        ("JS-BAL-025", lambda v: v.set(("其他重要事项", "机关运行经费", "决算"), "60.00"), ["60.00", "62.43"]),
    ],
)
def test_identity_fires_with_its_figures(unit_dir, rule_id, edit, words):
    findings = check_file(edit(Variant(S004)).write(unit_dir))
    message = only(findings, rule_id)[0].message
    for word in words:
        assert word in message


def test_totals_must_balance_even_when_each_total_adds_up(unit_dir):
    v = Variant(S004).set(SUMMARY_IN + ("年初结转和结余",), "10.00").set(SUMMARY_IN + ("收入总计",), "1788.52")
    findings = check_file(v.write(unit_dir))
    assert not fired(findings, "JS-BAL-001")
    assert "1788.52" in only(findings, "JS-BAL-003")[0].message


def test_seed_004_class_subtotal_a_cent_off_its_items_passes(unit_dir):
    """208 社会保障和就业支出 is printed 84.38 over 项 summing to 84.39; 210 is 1202.66 over 1202.65."""
    assert not fired(check_file(S004), "JS-BAL-007")


def test_class_subtotal_that_is_really_wrong_fails(unit_dir):
    v = Variant(S004)
    findings = check_file(v.set(row(v, "208") + ("决算",), "84.48").write(unit_dir))
    hit = only(findings, "JS-BAL-007")[0]
    assert "84.48" in hit.message and "84.39" in hit.message and "208" in hit.message
    assert hit.figures["差额"] == "0.09"
    assert hit.field.endswith("决算") and hit.line is not None


def test_item_split_must_add_up_to_its_total(unit_dir):
    v = Variant(S004)
    findings = check_file(v.set(row(v, "2101101") + ("基本支出",), "4.95").write(unit_dir))
    assert "149.35" in only(findings, "JS-BAL-008")[0].message
    assert only(findings, "JS-BAL-010")


def test_moving_money_between_basic_and_project_is_caught_by_the_summary(unit_dir):
    v = Variant(S004)
    item = row(v, "2101101")
    findings = check_file(v.set(item + ("基本支出",), "4.95").set(item + ("项目支出",), "143.40").write(unit_dir))
    assert not fired(findings, "JS-BAL-008")
    assert "622.01" in only(findings, "JS-BAL-014")[0].message
    assert "1156.51" in only(findings, "JS-BAL-015")[0].message


def test_general_basic_split_against_functional_items(unit_dir):
    v = Variant(S004).set(("一般公共预算财政拨款基本支出", "人员经费"), "560.00")
    findings = check_file(v.write(unit_dir))
    assert "621.01" in only(findings, "JS-BAL-010")[0].message


def test_basic_total_of_the_economic_table(unit_dir):
    v = Variant(S004).add(("一般公共预算财政拨款基本支出",), "合计", "600.00")
    hit = only(check_file(v.write(unit_dir)), "JS-BAL-006")[0]
    assert hit.field == "一般公共预算财政拨款基本支出 → 合计" and "600.00" in hit.message


def test_seed_000_public_costs_65_98_against_65_99_passes():
    assert not errors(check_file(S000))


@pytest.mark.parametrize(
    "rule_id, code, amount, words",
    [
        ("JS-BAL-011", "30101", "120.06", ["444.99", "445.99"]),
        ("JS-BAL-012", "30201", "7.46", ["65.99", "66.18"]),
    ],
)
def test_economic_rows_add_up(unit_dir, rule_id, code, amount, words):
    v = Variant(S000)
    table = ("一般公共预算财政拨款基本支出", "经济分类")
    findings = check_file(v.set(row(v, code, table) + ("金额",), amount).write(unit_dir))
    message = only(findings, rule_id)[0].message
    assert all(w in message for w in words)


def test_income_by_function_columns(unit_dir):
    v = Variant(S004).set(("收入功能分类", 0, "财政拨款收入"), "54.16")
    message = only(check_file(v.write(unit_dir)), "JS-BAL-013")[0].message
    assert "1779.52" in message and "1778.52" in message


def test_fleet_breakdown_short_of_its_total_is_a_warning_on_seed_004():
    hit = only(check_file(S004), "JS-BAL-020")[0]
    assert hit.severity == "警告" and "合计 1 辆" in hit.message and "1 辆" in hit.message


def test_one_figure_two_values_seed_004_personnel_558_59(unit_dir):
    """The seed printed 人员经费 558.59 in one section and 558.58 in another."""
    v = (
        Variant(S004)
        .set(SUMMARY_OUT + ("基本支出", "人员经费"), "558.59")
        .set(SUMMARY_OUT + ("基本支出", "公用经费"), "62.42")
    )
    findings = check_file(v.write(unit_dir))
    hit = only(findings, "JS-BAL-028")[0]
    assert "558.59" in hit.message and "558.58" in hit.message
    assert not fired(findings, "JS-BAL-006")  # within rounding: only the duplicate rule sees it


def _evaluation(v: Variant) -> tuple:
    return v.find(lambda path, value: path[-1:] == ("绩效自评表",))


def _weigh(v: Variant, weights: list[str], scores: list[str] | None = None) -> Variant:
    table = _evaluation(v)
    v.add(table, "执行率分值", "10")
    indicators = v.value(table + ("绩效指标",))
    for i, _ in enumerate(indicators):
        v.add(table + ("绩效指标", i), "分值", weights[i] if i < len(weights) else "0")
        if scores:
            v.add(table + ("绩效指标", i), "得分", scores[i] if i < len(scores) else "0")
    return v


def test_evaluation_weights_total_100(unit_dir):
    v = Variant(S000)
    n = len(v.value(_evaluation(v) + ("绩效指标",)))
    good = check_file(_weigh(Variant(S000), ["90"] + ["0"] * (n - 1)).write(unit_dir))
    assert not fired(good, "JS-BAL-026")
    bad = check_file(_weigh(Variant(S000), ["85"] + ["0"] * (n - 1)).write(unit_dir))
    assert "95" in only(bad, "JS-BAL-026")[0].message


def test_evaluation_score_above_its_weight(unit_dir):
    findings = check_file(_weigh(Variant(S000), ["90"], ["95"]).write(unit_dir))
    hit = only(findings, "JS-BAL-027")[0]
    assert "95" in hit.message and "90" in hit.message and hit.field.endswith("得分")


def test_self_evaluation_score_above_100(unit_dir):
    v = Variant(S000).set(("其他重要事项", "预算绩效管理", "部门整体自评", "得分"), "104.5")
    assert "104.5" in only(check_file(v.write(unit_dir)), "JS-BAL-027")[0].message
