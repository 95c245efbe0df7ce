"""Shares of one whole printed so that they add to exactly 100% (`占比舍入: 保持相加`), by largest remainders."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from juesuan.facts.numbers import round_half_up
from juesuan.facts.rounding import shares_adding_up

amounts = st.lists(st.decimals(min_value=0, max_value=100000, places=2), min_size=1, max_size=8).filter(
    lambda parts: sum(parts) > 0)
places = st.integers(min_value=0, max_value=4)


def half_up(parts: list[Decimal], places: int) -> list[Decimal]:
    whole = sum(parts, Decimal(0))
    return [round_half_up(p * 100 / whole, places) for p in parts]


@given(amounts, places)
def test_the_shares_add_to_exactly_100(parts, places):
    assert sum(shares_adding_up(parts, places)) == 100


@given(amounts, places)
def test_each_share_is_its_half_up_value_or_one_unit_off(parts, places):
    unit = Decimal(1).scaleb(-places)
    for fixed, rounded in zip(shares_adding_up(parts, places), half_up(parts, places)):
        assert abs(fixed - rounded) <= unit
        assert fixed == round_half_up(fixed, places)      # printed at the chosen places, no more


@given(amounts, places)
def test_half_up_is_kept_when_it_already_adds_to_100(parts, places):
    rounded = half_up(parts, places)
    if sum(rounded) == 100:
        assert shares_adding_up(parts, places) == rounded


def test_three_equal_thirds():
    """Half up prints 33.33% three times (99.99%); one of them takes the missing hundredth."""
    thirds = [Decimal("0.40")] * 3
    assert half_up(thirds, 2) == [Decimal("33.33")] * 3
    assert shares_adding_up(thirds, 2) == [Decimal("33.34"), Decimal("33.33"), Decimal("33.33")]


def test_no_whole_to_share():
    assert shares_adding_up([Decimal(0), Decimal(0)], 2) is None
    assert shares_adding_up([Decimal(5), Decimal(-1)], 2) is None
