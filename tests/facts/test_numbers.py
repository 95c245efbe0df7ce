"""Amounts and percentages print 四舍五入 from exact decimals, as auditors recompute them."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from juesuan.facts.numbers import Amount, NumberFormat, Percent, ratio_percent, round_half_up, share

D = Decimal


def amt(text: str) -> Amount:
    return Amount(D(text))


# --- examples, hand-checked against the seeds ---------------------------------------------

@pytest.mark.parametrize(("part", "whole", "printed"), [
    ("1332.21", "1778.52", "74.91%"),   # 74.9055…
    ("446.31", "1778.52", "25.09%"),    # 25.0945…
    ("621.01", "1778.52", "34.92%"),    # 34.9172…
    ("45.02", "1377.23", "3.27%"),      # 3.2689…
    ("1202.66", "1332.21", "90.28%"),   # 90.2756…
    ("3.15", "65.58", "4.80%"),         # 4.8033…, trailing zero kept
    ("0.21", "1.00", "21%"),            # whole percent stripped
    ("53.16", "53.16", "100%"),
    ("853.06", "854.36", "99.85%"),     # 99.8478…
    ("0", "854.36", "0%"),
])
def test_share_examples(part, whole, printed):
    assert str(share(amt(part), amt(whole))) == printed


def test_share_uses_the_figures_as_given_unless_the_county_chooses_the_printed_ones():
    # exact: 0.205 / 0.9951 = 20.600…%; printed as 0.21 of 1.00 it is 21%
    assert str(share(amt("0.205"), amt("0.9951"))) == "20.60%"
    printed = NumberFormat(exact_ratios=False)
    assert str(share(Amount(D("0.205"), printed), Amount(D("0.9951"), printed))) == "21%"


def test_seed_000_reception_growth_from_yuan_figures():
    """广汉 printed 增长20.67% for 0.32 against 0.27 万元: 3200 元 against 2651.85 元, not 0.05 / 0.27 = 18.52%."""
    this, last = amt("0.32"), amt("0.265185")
    assert str(ratio_percent(this - last, last)) == "20.67%"
    printed = NumberFormat(exact_ratios=False)
    this, last = Amount(D("0.32"), printed), Amount(D("0.265185"), printed)
    assert str(ratio_percent(this - last, last)) == "18.52%"


def test_share_of_a_zero_whole_is_none():
    assert share(amt("1.00"), amt("0")) is None
    assert ratio_percent(amt("1.00"), amt("0.004")) is None   # prints as 0


@pytest.mark.parametrize(("value", "places", "expected"), [
    ("2.345", 2, "2.35"),
    ("0.125", 2, "0.13"),
    ("0.135", 2, "0.14"),
    ("-0.125", 2, "-0.13"),
    ("2.5", 0, "3"),
    ("2.344999", 2, "2.34"),
])
def test_round_half_up_examples(value, places, expected):
    assert round_half_up(D(value), places) == D(expected)
    assert str(round_half_up(D(value), places)) == expected


@pytest.mark.parametrize(("value", "printed"), [
    ("1778.52", "1778.52"),
    ("0.4", "0.40"),
    ("15", "15.00"),
    ("2.345", "2.35"),
    ("0", "0"),
    ("0.00", "0"),
    ("0.004", "0"),
    ("-0.004", "0"),
    ("-3.15", "-3.15"),
    ("123456789.125", "123456789.13"),   # no thousands separator
])
def test_amount_prints(value, printed):
    assert str(amt(value)) == printed


def test_amount_unit_html_and_arithmetic():
    a = amt("1778.52")
    assert a.with_unit() == "1778.52万元"
    assert a.__html__() == "1778.52"
    assert (amt("0.004") + amt("0.004")).value == D("0.008")
    assert str(amt("0.004") + amt("0.004")) == "0.01"      # sums exact values, then rounds
    assert str(amt("1778.52") - amt("1825.64")) == "-47.12"
    assert str((amt("1778.52") - amt("1825.64")).abs()) == "47.12"
    assert amt("0.004").is_zero and not amt("0.005").is_zero


@pytest.mark.parametrize(("value", "printed"), [
    ("12.345", "12.35%"),     # half-even would give 12.34%
    ("100", "100%"),
    ("100.004", "100%"),
    ("21.00", "21%"),
    ("4.8", "4.80%"),
    ("0.001", "0%"),
    ("-2.575", "-2.58%"),
])
def test_percent_prints(value, printed):
    p = Percent(D(value))
    assert str(p) == printed
    assert p.__html__() == printed


def test_number_format_is_configurable():
    fmt = NumberFormat(amount_places=1, zero_amount="—", percent_places=1,
                       strip_whole_percent=False, amount_unit="元")
    assert str(Amount(D("2.45"), fmt)) == "2.5"
    assert Amount(D("0.04"), fmt).with_unit() == "—元"
    assert str(Percent(D("100"), fmt)) == "100.0%"
    assert str(Percent(D("12.35"), fmt)) == "12.4%"


@pytest.mark.parametrize("bad", [1.5, 2, "1.5"])
def test_only_decimals_are_money(bad):
    with pytest.raises(TypeError):
        Amount(bad)
    with pytest.raises(TypeError):
        Percent(bad)


@pytest.mark.parametrize("bad", ["NaN", "Infinity", "-Infinity"])
def test_non_finite_is_refused(bad):
    with pytest.raises(ValueError):
        Amount(D(bad))
    with pytest.raises(ValueError):
        Percent(D(bad))


# --- properties ------------------------------------------------------------------------------

def _reference_half_up(units: int, scale: int, places: int) -> Decimal:
    """units * 10**-scale rounded half away from zero to `places`, in integers only."""
    if scale <= places:
        return Decimal(units).scaleb(-scale)
    divisor = 10 ** (scale - places)
    quotient, remainder = divmod(abs(units), divisor)
    if 2 * remainder >= divisor:
        quotient += 1
    return Decimal(quotient if units >= 0 else -quotient).scaleb(-places)


@given(units=st.integers(-10**12, 10**12), scale=st.integers(0, 6), places=st.integers(0, 4))
def test_round_half_up_matches_integer_reference(units, scale, places):
    value = Decimal(units).scaleb(-scale)
    result = round_half_up(value, places)
    assert result == _reference_half_up(units, scale, places)
    assert result.as_tuple().exponent == -places


cents = st.integers(-10**10, 10**10).map(lambda n: Decimal(n).scaleb(-2))
thousandths = st.integers(-10**11, 10**11).map(lambda n: Decimal(n).scaleb(-3))


@given(thousandths)
def test_amount_str_round_trips(value):
    a = Amount(value)
    if a.is_zero:
        assert str(a) == "0"
    else:
        assert Decimal(str(a)) == a.rounded
        assert "E" not in str(a) and "," not in str(a)


@given(st.lists(st.integers(0, 10**9), min_size=1, max_size=12).filter(lambda xs: sum(xs) > 0))
def test_shares_of_a_partition(parts_in_cents):
    parts = [Amount(Decimal(n).scaleb(-2)) for n in parts_in_cents]
    whole = Amount(Decimal(sum(parts_in_cents)).scaleb(-2))
    shares = [share(p, whole) for p in parts]
    for s in shares:
        assert 0 <= s.rounded <= 100
    assert abs(sum(s.rounded for s in shares) - 100) <= Decimal("0.005") * len(parts)
