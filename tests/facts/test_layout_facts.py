"""Facts other provinces print (the layouts issue): shares within 基本支出, year-over-year on 本年收入合计 and
本年支出合计. Computed once, so a template only prints them."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from juesuan.build import compute
from juesuan.facts.numbers import Amount, NumberFormat
from juesuan.facts.report import _share
from tests.support.units import make_unit

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "data" / "mianzhu-yibao" / "2024.yaml"
AMOUNTS = st.decimals(min_value=0, max_value=10**9, places=2, allow_nan=False, allow_infinity=False)


def test_personnel_and_public_shares_of_basic_spending_in_the_sample():
    _, report = compute(SAMPLE)
    # 558.58 / 621.01 = 0.899470…, 62.43 / 621.01 = 0.100529…
    assert str(report.basic["personnel_share"]) == "89.95%"
    assert str(report.basic["public_share"]) == "10.05%"


@given(AMOUNTS, AMOUNTS)
def test_the_two_shares_of_a_whole_add_to_one_hundred(personnel, public):
    fmt = NumberFormat()
    whole = personnel + public
    if whole == 0:
        return
    first = _share(Amount(personnel, fmt), Amount(whole, fmt))
    second = _share(Amount(public, fmt), Amount(whole, fmt))
    assert abs(first.value + second.value - 100) < Decimal("1e-30")


def test_an_unknown_part_has_no_share():
    assert _share(None, Amount(Decimal(1), NumberFormat())) is None


def test_year_over_year_on_the_income_and_expense_subtotals(tmp_path):
    unit = make_unit(tmp_path, ("  收入总计: 1825.64\n",
                                "  收入总计: 1825.64\n  本年收入合计: 1800.00\n  本年支出合计: 1778.52\n"))
    _, report = compute(unit)
    income, expense = report.income["subtotal_change"], report.expense["subtotal_change"]
    # 1778.52 − 1800.00 = −21.48; 21.48 / 1800 = 1.1933…%
    assert (str(income.diff), income.verb, str(income.percent)) == ("-21.48", "减少", "1.19%")
    assert expense.direction == "flat" and expense.percent is None     # 1778.52 both years
    _, plain = compute(SAMPLE)
    assert plain.income["subtotal_change"] is None      # the sample's 上年 does not give them: nothing to say


def test_completion_against_the_initial_budget_where_the_data_gives_it(tmp_path):
    _, report = compute(make_unit(tmp_path, ("    决算: 62.43\n", "    决算: 62.43\n    年初预算: 80.00\n")))
    costs = report.operating_costs
    # 62.43 / 80.00 = 78.0375% → 78.04%
    assert str(costs.initial_budget) == "80.00" and str(costs.initial_completion.rate) == "78.04%"
    _, plain = compute(SAMPLE)
    # the sample's tables carry no 年初预算数: no such sentence can be written
    assert plain.operating_costs.initial_completion is None
    assert plain.three_public["initial_completion"] is None and plain.general["initial_completion"] is None
    assert all(leaf.initial_completion is None for leaf in plain.general["leaves"])


@given(AMOUNTS, AMOUNTS.filter(lambda b: b > 0))
def test_an_items_initial_completion_is_its_actual_over_its_initial_budget(actual, initial):
    from juesuan.facts.functional import FunctionNode

    fmt = NumberFormat()
    node = FunctionNode("2080505", "x", "项", Amount(actual, fmt), budget=Amount(initial * 2, fmt),
                        initial_budget=Amount(initial, fmt))
    close = lambda got, want: abs(got - want) <= Decimal("1e-20") * max(Decimal(1), abs(want))  # noqa: E731
    assert close(node.initial_completion.rate.value, actual * 100 / initial)
    assert close(node.completion.rate.value, actual * 100 / (initial * 2))     # the 全年 basis stays as it was


@given(st.decimals(min_value=Decimal("0.001"), max_value=10**9, places=4, allow_nan=False, allow_infinity=False))
def test_trailing_zeros_are_dropped_without_changing_the_value(value):
    from juesuan.facts.numbers import Percent

    fmt = NumberFormat(strip_amount_zeros=True, strip_percent_zeros=True)
    padded = NumberFormat()
    for shown, plain in ((str(Amount(value, fmt)), str(Amount(value, padded))),
                         (str(Percent(value, fmt)).rstrip("%"), str(Percent(value, padded)).rstrip("%"))):
        if plain == "0":
            continue
        assert Decimal(shown) == Decimal(plain)                      # the same rounded figure …
        assert "." not in shown or not shown.endswith(("0", "."))      # … without padding


def test_a_layout_config_drops_trailing_zeros_in_text_and_tables(tmp_path):
    from juesuan.inputs import Options

    config = tmp_path / "配置.yaml"
    config.write_text("金额省略末尾的零: true\n百分比省略末尾的零: true\n", encoding="utf-8")
    _, report = compute(SAMPLE, Options(config=config))
    assert str(report.three_public["cars"].actual) == "0.4"                     # 公务用车 0.40 万元
    assert str(report.totals["income_change"].percent) == "2.58%"              # nothing to drop
    assert str(report.three_public["cars"].share) == "50.63%"
    _, padded = compute(SAMPLE)
    assert str(padded.three_public["cars"].actual) == "0.40"


def test_general_spending_as_written_with_its_total(tmp_path):
    block = ("  一般性支出:\n    会议费: {金额: 1.20, 次数: 2, 人数: 80, 内容: 医保政策培训会}\n"
             "    培训费: {金额: 0.35, 次数: 1, 人数: 30}\n")
    _, report = compute(make_unit(tmp_path, ("  政府采购:\n", block + "  政府采购:\n")))
    spending = report.general_spending
    assert str(spending["meetings"]["amount"]) == "1.20" and spending["meetings"]["times"] == 2
    assert spending["meetings"]["content"] == "医保政策培训会" and spending["training"]["people"] == 30
    assert spending["events"] is None and str(spending["total"]) == "1.55"         # 1.20 + 0.35
    _, plain = compute(SAMPLE)
    assert plain.general_spending is None


def test_a_negative_general_spending_amount_is_a_located_error(tmp_path):
    import pytest
    from juesuan.errors import DataError

    unit = make_unit(tmp_path, ("  政府采购:\n", "  一般性支出:\n    会议费: {金额: -1}\n  政府采购:\n"))
    with pytest.raises(DataError) as caught:
        compute(unit)
    assert "2024.yaml:117:11：金额不能为负数" in caught.value.format()   # 政府采购 was line 116; the -1


def test_the_project_share_of_fund_spending():
    _, report = compute(SAMPLE)
    split = report.fund_split
    # 政府性基金预算财政拨款收入支出决算表, 合计: 基本支出 0, 项目支出 446.31 of 446.31
    assert (str(split["basic"]), str(split["project"]), str(split["project_share"])) == ("0", "446.31", "100%")
    assert report.capital_split["project_share"] is None         # no 国有资本经营 spending: no share of nothing


@given(AMOUNTS, AMOUNTS.filter(lambda b: b > 0), AMOUNTS.filter(lambda b: b > 0),
       st.sampled_from(["全年预算", "年初预算", "调整预算"]))
def test_an_items_completion_follows_the_layouts_basis(actual, full, initial, basis):
    from juesuan.facts.functional import FunctionNode

    fmt = NumberFormat()
    node = FunctionNode("2080505", "x", "项", Amount(actual, fmt), budget=Amount(full, fmt),
                        initial_budget=Amount(initial, fmt), basis=basis)
    against = initial if basis == "年初预算" else full          # 调整预算 is the 全年预算数 column
    assert node.completion.budget.value == against and node.completion.basis == basis
    assert node.completion.rate_phrase.startswith("完成" + ("预算" if basis == "全年预算" else basis))


def test_a_layout_chooses_the_budget_basis_per_sentence_family(tmp_path):
    from juesuan.inputs import Options

    unit = make_unit(tmp_path, ("    决算: 62.43\n", "    决算: 62.43\n    年初预算: 80.00\n    全年预算: 70.00\n"))
    config = tmp_path / "配置.yaml"
    config.write_text("机关运行经费预算口径: 全年预算\n三公经费预算口径: 年初预算\n", encoding="utf-8")
    _, default = compute(unit)
    _, chosen = compute(unit, Options(config=config))
    # 62.43 / 80.00 = 78.04% (年初, the default for 机关运行经费); 62.43 / 70.00 = 89.19% (全年)
    assert default.operating_costs.completion.rate_phrase == "完成年初预算78.04%"
    assert chosen.operating_costs.completion.rate_phrase == "完成预算89.19%"
    # the sample's 三公 table has no 年初预算数 column: on that basis nothing can be said
    assert default.three_public["completion"] is not None and chosen.three_public["completion"] is None
    assert chosen.three_public["travel"].completion is None


def test_an_unknown_basis_is_a_located_error(tmp_path):
    import pytest
    from juesuan.errors import DataError
    from juesuan.inputs import Options

    config = tmp_path / "配置.yaml"
    config.write_text("百分比小数位: 2\n三公经费预算口径: 年初\n", encoding="utf-8")
    with pytest.raises(DataError) as caught:
        compute(SAMPLE, Options(config=config))
    assert "配置.yaml:2:" in caught.value.format() and "年初预算" in caught.value.format()



HENAN = ROOT / "data" / "beiguan-yibao" / "2021.yaml"
# The 绵竹 sample's seven self-evaluated projects, each given a 决算数: 838.66 of its 1157.51 项目支出.
_SCORES = ["99.7", "93.48", "100", "93.38", "99.34", "99.28\n        # 原文此条", "99.28\n        综述: 城乡"]
_SPENT = ["446.13", "22.13", "15", "144.40", "170", "36", "5"]
WITH_SPENDING = [(f"        得分: {s}", f"        决算数: {a}\n        得分: {s}") for s, a in zip(_SCORES, _SPENT)]


def test_self_evaluated_projects_total_their_spending_but_no_share_that_cannot_be_one():
    _, report = compute(HENAN)
    pr = report.performance
    # 975 + 16 + 0.48 + 30 + 4 + 0 + 68 + 5 = 1098.48, more than all 项目支出 (105.31): no share of it
    assert len(pr["projects"]) == 8 and str(pr["evaluated_total"]) == "1098.48"
    assert pr["evaluated_share"] is None
    _, plain = compute(SAMPLE)
    assert plain.performance["evaluated_total"] is None          # the sample gives no 决算数: nothing to add up


def test_the_evaluated_share_of_all_project_spending(tmp_path):
    _, report = compute(make_unit(tmp_path, *WITH_SPENDING))
    pr = report.performance
    # 838.66 / 1157.51 = 72.453%
    assert str(pr["evaluated_total"]) == "838.66" and str(pr["evaluated_share"]) == "72.45%"
    _, partial = compute(make_unit(tmp_path / "p", WITH_SPENDING[0]))
    assert partial.performance["evaluated_total"] is None            # one project's figure missing: no total


def test_the_general_budget_alone_as_a_pair_of_totals():
    _, report = compute(SAMPLE)
    fg = report.fiscal_general
    # 1332.21 一般公共预算 income + 0 opening balance; 1332.21 spent + 0 closing balance (公开04表)
    assert (str(fg["income"]), str(fg["expense"]), fg["same"]) == ("1332.21", "1332.21", True)
    assert str(report.fiscal["income"]) == "1778.52"                # with the 政府性基金 446.31
    _, henan = compute(HENAN)
    # all 财政拨款 is 一般公共预算 there, both years known only as totals: the 财政拨款 figures are these
    assert str(henan.fiscal_general["income"]) == str(henan.fiscal["income"]) == "307.97"


def test_a_layout_words_the_note_under_an_empty_table(tmp_path):
    _, henan = compute(HENAN)
    notes = {t.title: t.note for t in henan.tables}
    assert notes["财政拨款“三公”经费支出决算表"] == "说明：我部门没有三公经费支出，故本表无数据。"
    assert notes["国有资本经营预算财政拨款支出决算表"] == "本部门本年度无此项收支，故本表为空表。"   # not worded: the default
    config = tmp_path / "配置.yaml"
    config.write_text("空表说明:\n  三公经费表: 无\n", encoding="utf-8")
    import pytest
    from juesuan.errors import DataError
    from juesuan.inputs import Options
    with pytest.raises(DataError) as caught:
        compute(SAMPLE, Options(config=config))
    message = caught.value.format()
    assert "配置.yaml:1:1：不认识的公开表「三公经费表」，是否想写：「财政拨款“三公”经费支出决算表」（字段：空表说明）" in message


@given(st.decimals(min_value=0, max_value=1000, places=6, allow_nan=False, allow_infinity=False),
       st.integers(0, 4), st.integers(0, 4), st.integers(0, 4))
def test_each_kind_of_percentage_rounds_to_its_own_places(value, shares, changes, completions):
    from juesuan.facts.numbers import Percent, round_half_up

    fmt = NumberFormat(percent_places=3, share_places=shares, change_places=changes, completion_places=completions)
    for kind, places in (("share", shares), ("change", changes), ("completion", completions), ("", 3)):
        assert Percent(value, fmt, kind).rounded == round_half_up(value, places)


def test_a_layout_sets_percent_places_per_kind_and_its_flat_wording(tmp_path):
    from juesuan.inputs import Options

    config = tmp_path / "配置.yaml"
    config.write_text("占比小数位: 1\n增减率小数位: 0\n持平措辞: 与上年度持平\n", encoding="utf-8")
    _, report = compute(SAMPLE, Options(config=config))
    # 1332.21 / 1778.52 = 74.906% → 74.9%; 47.12 / 1825.64 = 2.581% → 3%; completion keeps 2 places
    assert str(report.income["lines"][0].share) == "74.9%"
    assert str(report.totals["income_change"].percent) == "3%"
    assert report.capital.change.phrase() == "与上年度持平"                      # 0 both years
