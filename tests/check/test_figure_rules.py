"""Figures a reviewer rejects (JS-BAL-028…, JS-NAR-009/011): impossible signs and shares, shares that do not
add to 100%, 三公 over budget, budgets adjusted by more than 30% without a reason, and annex prose quoting
figures that differ from the tables — each made from a sample with one changed field."""

from __future__ import annotations

import re

from juesuan.build import Options, compute
from juesuan.check import check_file
from juesuan.render.document import render_document

from .variants import S000, S004, Variant, errors, fired, only

THREE_TABLE = "财政拨款“三公”经费支出决算表"
THREE = "“三公”经费"
SPENDING = "部门整体决算支出1778.52万元"      # the annex paragraph 支出情况


def config_file(tmp_path, text: str) -> Options:
    path = tmp_path / "县配置.yaml"
    path.write_text(text, encoding="utf-8")
    return Options(config=path)


def thirds(v: Variant) -> Variant:
    """三公 spent in three equal parts (1 + 1 + 1 = 3 万元): each share is 33.333…%."""
    for column, value in (("合计", "3"), ("因公出国（境）费", "1"), ("公务用车购置及运行费", "1"), ("公务用车购置费", "0"),
                          ("公务用车运行费", "1"), ("公务接待费", "1")):
        v.cell(THREE_TABLE, THREE, f"决算数·{column}", value).cell(THREE_TABLE, THREE, f"预算数·{column}", value)
    return v


def edit(v: Variant, path: tuple | str, old: str, new: str) -> Variant:
    """Replace `old` by `new` in the text at `path` (or in the first text containing those words)."""
    path = v.containing(path) if isinstance(path, str) else path
    assert old in v.value(path), v.value(path)
    return v.text(path, v.value(path).replace(old, new))


def test_the_samples_stay_free_of_errors():
    for sample in (S000, S004):
        assert not errors(check_file(sample))


# ---------------------------------------------------------------- 1. impossible signs and shares
def test_a_negative_amount_in_the_prose(unit_dir):
    """Negative amounts in the data's own fields are refused when it is read, and in the tables by JS-TAB-013."""
    v = edit(Variant(S004), SPENDING, "公用经费支出62.43万元", "公用经费支出-62.43万元")
    hit = only(check_file(v.write(unit_dir)), "JS-BAL-028")[0]
    assert hit.severity == "错误" and "-62.43万元" in hit.message and hit.field.startswith("附件")


def test_a_signed_change_is_not_a_negative_amount(unit_dir):
    v = edit(Variant(S004), SPENDING, "公用经费支出62.43万元", "公用经费支出62.43万元（比上年增减-3.15万元）")
    assert not fired(check_file(v.write(unit_dir)), "JS-BAL-028")


def test_a_share_over_100_percent_in_the_prose(unit_dir):
    v = edit(Variant(S004), SPENDING, "占比34.92%", "占比134.92%")
    hit = only(check_file(v.write(unit_dir)), "JS-BAL-029")[0]
    assert hit.severity == "错误" and "134.92%" in hit.message


def test_a_part_larger_than_its_whole_has_no_share(unit_dir):
    v = Variant(S004).cell("一般公共预算财政拨款基本支出决算表", "人员经费合计", "决算数", "700.00")
    hits = only(check_file(v.write(unit_dir)), "JS-BAL-029")
    assert any("人员经费" in h.message and "700" in h.message and "112.72%" in h.message for h in hits)


def test_a_completion_rate_over_100_percent_is_possible(unit_dir):
    v = edit(Variant(S004), SPENDING, "执行率为100%", "执行率为102.5%")
    assert not fired(check_file(v.write(unit_dir)), "JS-BAL-029")


# ---------------------------------------------------------------- 2. shares of one whole
def test_shares_rounded_each_on_its_own_add_to_99_99(unit_dir):
    hit = only(check_file(thirds(Variant(S004)).write(unit_dir)), "JS-BAL-030")[0]
    assert hit.severity == "警告"
    assert "33.33%" in hit.message and "99.99%" in hit.message and "各自四舍五入" in hit.message
    assert "占比舍入: 保持相加" in hit.message


def test_largest_remainder_shares_add_to_100_in_the_document(unit_dir, tmp_path):
    path = thirds(Variant(S004)).write(unit_dir)
    options = config_file(tmp_path, "占比舍入: 保持相加\n")
    assert not fired(check_file(path, options), "JS-BAL-030")
    loaded, report = compute(path, options)
    text = re.sub(r"<[^>]+>", "", render_document(report, loaded.options.template_path()).html)
    shares = re.findall(r"(?:因公出国（境）费|公务用车购置及运行维护费|公务接待费)支出决算1\.00万元，占([\d.]+)%", text)
    assert sorted(shares) == ["33.33", "33.33", "33.34"], shares


def test_the_samples_print_the_same_shares_either_way(tmp_path):
    """Half up already adds to 100% in the sample (74.91% + 25.09%); largest remainders change nothing."""
    plain = compute(S004)[1]
    adding = compute(S004, config_file(tmp_path, "占比舍入: 保持相加\n"))[1]
    assert [str(x.share) for x in adding.income["lines_all"]] == [str(x.share) for x in plain.income["lines_all"]]
    assert str(adding.income["lines_all"][0].share) == "74.91%"


# ---------------------------------------------------------------- 3. 三公 over budget
def test_three_public_over_budget_needs_its_reason(unit_dir):
    v = Variant(S004).cell(THREE_TABLE, THREE, "预算数·公务接待费", "0.30").cell(THREE_TABLE, THREE, "预算数·合计", "0.70")
    hits = only(check_file(v.write(unit_dir)), "JS-BAL-031")
    assert {h.field for h in hits} == {"预决算差异原因 → 公务接待费", "预决算差异原因 → “三公”经费"}
    receptions = next(h for h in hits if h.field.endswith("公务接待费"))
    assert receptions.severity == "警告" and "0.39" in receptions.message and "0.30" in receptions.message
    v.add((), "预决算差异原因", "{公务接待费: 接待考察增加, “三公”经费: 接待考察增加}")
    assert not fired(check_file(v.write(unit_dir)), "JS-BAL-031")


def test_three_public_within_budget_is_quiet():
    assert not fired(check_file(S004), "JS-BAL-031")
    assert not fired(check_file(S000), "JS-BAL-031")


# ---------------------------------------------------------------- 4. budgets adjusted by more than 30%
def test_a_budget_adjusted_by_more_than_30_percent_in_the_annex_needs_a_reason(unit_dir):
    v = Variant(S004)
    edit(v, v.containing("年初下达预算200万元"), "因人员和生重病减少，调整预算后为144.4万元，全年支出144.4万元",
         "调整预算后为120万元，全年支出120万元")
    hit = only(check_file(v.write(unit_dir)), "JS-BAL-032")[0]
    assert hit.severity == "警告" and "200万元" in hit.message and "120万元" in hit.message and "40%" in hit.message


def test_an_adjustment_with_its_reason_or_under_30_percent_is_quiet(unit_dir):
    assert not fired(check_file(S004), "JS-BAL-032")      # 200 → 144.4 (27.8%) with 因…减少; 908 → 892.44
    v = Variant(S004)
    edit(v, v.containing("年初下达预算200万元"), "144.4万元，全年支出144.4万元", "120万元，全年支出120万元")
    assert not fired(check_file(v.write(unit_dir)), "JS-BAL-032")      # 40% but 因人员和生重病减少


def test_operating_costs_budget_adjusted_without_reason(unit_dir):
    v = Variant(S004).add(("其他重要事项", "机关运行经费"), "年初预算", "40").add(
        ("其他重要事项", "机关运行经费"), "全年预算", "62.43")
    hit = only(check_file(v.write(unit_dir)), "JS-BAL-032")[0]
    assert "机关运行经费" in hit.message and "40" in hit.message and "62.43" in hit.message
    assert "56.08%" in hit.message                       # (62.43 − 40) / 40 = 56.075%


# ---------------------------------------------------------------- 5–7. annex prose against the tables
def test_procurement_quoted_in_the_annex_differs(unit_dir):
    v = Variant(S004)
    edit(v, v.containing("政府采购金额为12.73万元"), "12.73", "13.73")
    hit = only(check_file(v.write(unit_dir)), "JS-NAR-009")[0]
    assert "13.73" in hit.message and "12.73" in hit.message and "政府采购" in hit.message


def test_three_public_budget_in_the_annex_differs_from_the_table():
    """Seed 004: the annex says 预算数1.4万元 (执行率56.17%), the 三公 table 0.79 and the text 完成预算100%."""
    hit = only(check_file(S004), "JS-NAR-016")[0]
    assert hit.severity == "警告" and "1.4" in hit.message and "0.79" in hit.message
    assert "完成预算100%" in hit.message


def test_opening_balance_in_prose_but_zero_in_the_tables(unit_dir):
    v = Variant(S004)
    edit(v, v.containing("无结转和结余情况"), "无结转和结余情况", "年初结转和结余12.50万元")
    hit = only(check_file(v.write(unit_dir)), "JS-NAR-009")[0]
    assert "年初结转和结余" in hit.message and "12.50" in hit.message and "为 0" in hit.message


def test_general_budget_project_spending_is_compared_with_its_own_figure(unit_dir):
    """一般公共预算 项目支出 is 711.20, all 项目支出 1157.51: the prose is compared like with like."""
    def quoting(figure: str):
        v = edit(Variant(S004), SPENDING, "项目支出1157.51万元，占比65.08%。",
                 f"项目支出1157.51万元，占比65.08%。其中一般公共预算财政拨款项目支出{figure}万元。")
        return check_file(v.write(unit_dir))

    assert not fired(quoting("711.20"), "JS-NAR-009")
    hit = only(quoting("700.00"), "JS-NAR-009")[0]
    assert "700.00" in hit.message and "711.20" in hit.message and "1157.51" not in hit.message


def test_a_figure_before_its_adjustment_is_not_compared():
    """Seed 000's annex: 调整前年初结转和结余为7.16万元，调整后年初结转和结余为6.99万元 — only 6.99 is the table's."""
    assert not fired(check_file(S000), "JS-NAR-009")
