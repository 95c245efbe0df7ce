"""Charts: PNG bytes that never change for the same input, figures printed exactly as the text prints them."""

from __future__ import annotations

import io
import time
from decimal import Decimal

import pytest
from matplotlib.figure import Figure
from PIL import Image

from juesuan.render import charts
from juesuan.render.charts import BarChart, ChartFontError, PieChart, amount_text, render_chart

BAR = BarChart(
    title="收入决算支出决算总计情况",
    categories=("收入总计", "支出总计"),
    series=(("2023年度", (Decimal("1825.64"), Decimal("1825.64"))),
            ("2024年度", (Decimal("1778.52"), Decimal("1778.525")))),
)
PIE = PieChart(
    title="收入决算结构",
    slices=(("财政拨款收入", Decimal("1332.30"), "74.91%"), ("事业收入", Decimal("0"), "0.00%"),
            ("其他收入", Decimal("3.20"), "0.18%"), ("上年结转", Decimal("5.10"), "0.29%"),
            ("经营收入", Decimal("438.92"), "24.62%")),
)
EMPTY_PIE = PieChart(title="财政拨款支出决算结构", slices=(("基本支出", Decimal("0"), "0.00%"),))


@pytest.mark.parametrize("chart", [BAR, PIE, EMPTY_PIE], ids=["bar", "pie", "empty-pie"])
def test_a_chart_is_a_150mm_png_at_200dpi(chart: BarChart | PieChart) -> None:
    png = render_chart(chart)
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    image = Image.open(io.BytesIO(png))
    assert image.size == (1181, 708)
    assert image.info["dpi"] == pytest.approx((200, 200), abs=0.01)
    assert "Software" not in image.info


@pytest.mark.parametrize("chart", [BAR, PIE, EMPTY_PIE], ids=["bar", "pie", "empty-pie"])
def test_same_chart_gives_identical_bytes(chart: BarChart | PieChart) -> None:
    assert render_chart(chart) == render_chart(chart)


def test_different_data_gives_a_different_picture() -> None:
    assert render_chart(PIE) != render_chart(PieChart(PIE.title, PIE.slices[:2]))


@pytest.mark.parametrize(
    ("value", "text"),
    [("0.125", "0.13"), ("2.675", "2.68"), ("1778.525", "1778.53"), ("-1.005", "-1.01"), ("-0.004", "0.00"),
     ("0", "0.00"), ("1E+3", "1000.00"), ("1825.6", "1825.60")],
)
def test_amount_text_rounds_half_up_to_two_places(value: str, text: str) -> None:
    assert amount_text(Decimal(value)) == text


def drawn_texts(figure: Figure) -> list[str]:
    return [text.get_text() for text in figure.findobj(lambda artist: hasattr(artist, "get_text"))]


def test_bar_labels_print_the_decimals_half_up() -> None:
    figure = Figure()
    charts._draw_bars(figure, BAR)
    texts = drawn_texts(figure)
    # float 1778.525 is 1778.5249…, which float rounding would print as 1778.52.
    assert texts.count("1825.64") == 2 and "1778.52" in texts and "1778.53" in texts
    assert {"收入总计", "支出总计", "2023年度", "2024年度", "单位：万元", BAR.title} <= set(texts)


def test_pie_labels_use_the_printed_shares_and_leave_out_zero_slices() -> None:
    figure = Figure()
    charts._draw_pie(figure, PIE)
    texts = drawn_texts(figure)
    assert {"财政拨款收入\n74.91%", "其他收入\n0.18%", "上年结转\n0.29%", "经营收入\n24.62%"} <= set(texts)
    assert not any(text.startswith("事业收入") for text in texts)


def test_an_all_zero_pie_draws_the_placeholder_with_its_title() -> None:
    figure = Figure()
    charts._draw_pie(figure, EMPTY_PIE)
    assert {charts.EMPTY_TEXT, EMPTY_PIE.title} <= set(drawn_texts(figure))


def test_a_pie_without_slices_draws_the_placeholder() -> None:
    assert render_chart(PieChart(title="空", slices=())).startswith(b"\x89PNG")


def test_crowded_pie_labels_keep_apart_and_inside() -> None:
    heights = charts._spread([1.15, 1.14, 1.13, 1.1, 0.9, -1.15, -1.15], gap=0.3, limit=1.2)
    assert all(upper - lower >= 0.3 - 1e-9 for upper, lower in zip(heights, heights[1:]))
    assert max(heights) <= 1.2 and min(heights) >= -1.2
    assert charts._spread([0.5, -0.5], gap=0.3, limit=1.2) == [0.5, -0.5]


def test_series_must_match_categories() -> None:
    with pytest.raises(ValueError, match="2024年度"):
        BarChart(title="图1", categories=("收入总计", "支出总计"), series=(("2024年度", (Decimal("1"),)),))


def test_negative_pie_slices_are_rejected() -> None:
    with pytest.raises(ValueError, match="其他收入"):
        PieChart(title="图2", slices=(("其他收入", Decimal("-1"), "-1.00%"),))


def test_a_missing_cjk_font_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(charts, "CJK_FAMILY", "No Such Font CJK SC")
    with pytest.raises(ChartFontError, match="No Such Font CJK SC"):
        render_chart(BAR)


@pytest.mark.parametrize("chart", [BAR, PIE], ids=["bar", "pie"])
def test_a_chart_takes_under_300ms(chart: BarChart | PieChart) -> None:
    def once() -> float:
        start = time.perf_counter()
        render_chart(chart)
        return time.perf_counter() - start

    assert min(once() for _ in range(3)) < 0.3
