"""The change and completion sentences: wording follows the sign, zero bases are said in words."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from juesuan.facts.numbers import Amount, NumberFormat, round_half_up
from juesuan.facts.phrases import change, completion

D = Decimal


def amt(text: str) -> Amount:
    return Amount(D(text))


# --- examples, hand-checked --------------------------------------------------------------------

def test_fall_from_the_seed():
    c = change(amt("1778.52"), amt("1825.64"))      # 47.12 / 1825.64 = 2.5810…%
    assert (c.direction, c.verb, c.trend) == ("down", "减少", "下降")
    assert str(c.diff) == "-47.12"
    assert str(c.percent) == "2.58%"
    assert c.phrase() == "减少47.12万元，下降2.58%"


def test_rise():
    c = change(amt("1825.64"), amt("1778.52"))      # 47.12 / 1778.52 = 2.6494…%
    assert c.phrase() == "增加47.12万元，增长2.65%"


def test_fall_to_zero():
    assert change(amt("0"), amt("0.4")).phrase() == "减少0.40万元，下降100%"


def test_rise_from_zero_base():
    c = change(amt("0.4"), amt("0"))
    assert c.percent is None
    assert c.phrase() == "增加0.40万元（上年无此项支出，无法计算增长率）"
    assert c.phrase("收入") == "增加0.40万元（上年无此项收入，无法计算增长率）"


def test_base_that_prints_as_zero_counts_as_zero():
    assert change(amt("1.00"), amt("0.004")).phrase() == "增加1.00万元（上年无此项支出，无法计算增长率）"


@pytest.mark.parametrize(("current", "previous"), [("53.16", "53.16"), ("1.004", "1.001"), ("0", "0")])
def test_flat(current, previous):
    c = change(amt(current), amt(previous))
    assert (c.direction, c.verb, c.trend) == ("flat", "持平", "持平")
    assert c.percent is None
    assert c.phrase() == "与上年持平"


def test_completion_equal():
    c = completion(amt("53.16"), amt("53.16"))
    assert c.rate_phrase == "完成预算100%"
    assert (c.relation, c.relation_text) == ("equal", "决算数与预算数持平")


def test_completion_under():
    c = completion(amt("853.06"), amt("854.36"))     # 99.8478…%
    assert str(c.rate) == "99.85%"
    assert c.rate_phrase == "完成预算99.85%"
    assert (c.relation, c.relation_text) == ("under", "决算数小于预算数")


def test_completion_over():
    c = completion(amt("65.58"), amt("62.43"))       # 105.0456…%
    assert c.rate_phrase == "完成预算105.05%"
    assert (c.relation, c.relation_text) == ("over", "决算数大于预算数")


def test_completion_without_budget():
    none = completion(amt("0"), amt("0"))
    assert none.rate is None
    assert none.rate_phrase == "未安排预算，未发生支出"
    assert none.relation == "equal"
    spent = completion(amt("3.15"), amt("0.001"))
    assert spent.rate is None
    assert spent.rate_phrase == "未安排预算，无法计算预算完成率"
    assert spent.relation == "over"


@pytest.mark.parametrize("basis, said", [("全年预算", "完成预算"), ("年初预算", "完成年初预算"), ("调整预算", "完成调整预算")])
def test_completion_names_its_basis(basis, said):
    assert completion(amt("11.70"), amt("15.00"), basis).rate_phrase == f"{said}78%"
    assert completion(amt("3.15"), amt("0"), basis).rate_phrase == f"未安排{said[2:]}，无法计算预算完成率"


# --- properties ------------------------------------------------------------------------------

thousandths = st.integers(-10**11, 10**11).map(lambda n: Amount(Decimal(n).scaleb(-3)))
near_zero = st.integers(-4, 4).map(lambda n: Amount(Decimal(n).scaleb(-3)))   # prints as 0


@given(thousandths, thousandths)
def test_wording_follows_the_sign_of_the_printed_difference(current, previous):
    c = change(current, previous)
    text = c.phrase()
    gap = round_half_up(current.value - previous.value, 2)
    if gap > 0:
        assert c.direction == "up" and text.startswith("增加")
        assert "减少" not in text and "下降" not in text
    elif gap < 0:
        assert c.direction == "down" and text.startswith("减少")
        assert "增加" not in text and "增长" not in text
    else:
        assert c.direction == "flat" and text == "与上年持平"
    assert c.diff.rounded == gap
    assert "-" not in text and "inf" not in text.lower()


@given(thousandths, thousandths)
def test_a_rate_is_printed_only_from_a_positive_base_and_a_year_not_negative(current, previous):
    """A negative total once printed "增长197.42%"; the difference is all that can be said then."""
    c = change(current, previous)
    rated = c.direction != "flat" and previous.rounded > 0 and current.rounded >= 0
    assert ("%" in c.phrase()) == rated
    if rated:
        assert c.phrase().endswith(f"{c.trend}{c.percent}")


@given(thousandths, thousandths)
def test_from_printed_figures_the_difference_is_the_printed_ones(current, previous):
    printed = NumberFormat(exact_ratios=False)
    c = change(Amount(current.value, printed), Amount(previous.value, printed))
    assert c.diff.rounded == current.rounded - previous.rounded


@given(thousandths, near_zero)
def test_zero_base_never_raises_nor_prints_a_rate(current, previous):
    text = change(current, previous).phrase()
    assert "inf" not in text.lower() and "%" not in text


@given(thousandths, thousandths)
def test_completion_relation_follows_the_printed_gap(actual, budget):
    c = completion(actual, budget)
    gap = round_half_up(actual.value - budget.value, 2)
    expected = "over" if gap > 0 else "under" if gap < 0 else "equal"
    assert c.relation == expected
    assert (c.rate is None) == (budget.is_zero or budget.rounded < 0 or actual.rounded < 0)
    assert "inf" not in c.rate_phrase.lower() and "-" not in c.rate_phrase
