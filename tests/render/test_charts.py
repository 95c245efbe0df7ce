"""Charts: an SVG and a PNG that never change for the same input, no title inside (the caption is below),
every label inside the picture however long or crowded, figures printed exactly as the text prints them."""

from __future__ import annotations

import io
import re
import time
from decimal import Decimal

import pytest
from PIL import Image

from juesuan.render import charts
from juesuan.render.charts import BarChart, ChartFontError, PieChart, amount_text, chart_assets, draw

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
# Every kind of income (tables/forms.py INCOME_KINDS), one large and seven small: the longest labels the
# product prints, all stacked on one side of the pie.
EVERY_INCOME = PieChart(
    title="收入决算结构",
    slices=(("一般公共预算财政拨款收入", Decimal("1332.21"), "74.57%"),
            ("政府性基金预算财政拨款收入", Decimal("446.31"), "24.98%"),
            ("国有资本经营预算财政拨款收入", Decimal("0.50"), "0.03%"), ("上级补助收入", Decimal("3.20"), "0.18%"),
            ("事业收入", Decimal("1.10"), "0.06%"), ("经营收入", Decimal("0.70"), "0.04%"),
            ("附属单位上缴收入", Decimal("2.20"), "0.12%"), ("其他收入", Decimal("0.30"), "0.02%")),
)
# Functional classes (data/catalog/功能分类) with the longest names, several tiny.
CLASSES = PieChart(
    title="一般公共预算财政拨款支出决算结构",
    slices=tuple((name, Decimal(value), share) for name, value, share in (
        ("一般公共服务支出", "84.38", "6.31%"), ("社会保障和就业支出", "1202.66", "89.87%"),
        ("卫生健康支出", "45.17", "3.38%"), ("文化旅游体育与传媒支出", "3.00", "0.22%"),
        ("灾害防治及应急管理支出", "2.00", "0.15%"), ("资源勘探工业信息等支出", "1.00", "0.07%"),
        ("自然资源海洋气象等支出", "0.40", "0.03%"), ("抗疫特别国债安排的支出", "0.20", "0.01%"),
        ("国有资本经营预算支出", "0.10", "0.01%"), ("住房保障支出", "0.10", "0.01%")))
)
# Slices around the whole pie, so both columns and the top and bottom of the picture are used.
EVEN = PieChart(
    title="支出决算结构",
    slices=(("基本支出", Decimal("10"), "25.00%"), ("项目支出", Decimal("10"), "25.00%"),
            ("上缴上级支出", Decimal("10"), "25.00%"), ("对附属单位补助支出", Decimal("10"), "25.00%")),
)
# More parts than a column holds at a readable size: the font must shrink, and still nothing leaves the picture.
CROWDED = PieChart(
    title="一般公共预算财政拨款支出决算结构",
    slices=(("社会保障和就业支出", Decimal("1000"), "87.34%"), *((name, Decimal("9"), "0.79%") for name in (
        "一般公共服务支出", "公共安全支出", "教育支出", "科学技术支出", "文化旅游体育与传媒支出", "卫生健康支出",
        "节能环保支出", "城乡社区支出", "农林水支出", "交通运输支出", "资源勘探工业信息等支出",
        "自然资源海洋气象等支出", "住房保障支出", "灾害防治及应急管理支出", "其他支出"))),
)
LONG_BAR = BarChart(
    title="一般公共预算财政拨款支出决算变动情况",
    categories=("一般公共预算财政拨款支出",),
    series=(("2023年度", (Decimal("-12345678.91"),)), ("2024年度", (Decimal("98765432.10"),))),
)
ALL = {"bar": BAR, "pie": PIE, "every-income": EVERY_INCOME, "classes": CLASSES, "even": EVEN,
       "crowded": CROWDED, "long-bar": LONG_BAR}
WIDTH_PT, HEIGHT_PT = 150 / 25.4 * 72, 48 / 25.4 * 72


@pytest.fixture(scope="module")
def assets() -> dict[str, dict[str, bytes]]:
    return {name: chart_assets(name, chart) for name, chart in ALL.items()}


def texts(chart: BarChart | PieChart) -> list[str]:
    figure = draw(chart)
    return [t.get_text() for t in figure.findobj(charts._is_text) if t.get_visible() and t.get_text()]


@pytest.mark.parametrize("name", ALL)
def test_a_chart_is_an_svg_for_the_pdf_and_a_png_for_the_docx(name: str, assets) -> None:
    files = assets[name]
    assert sorted(files) == [f"{name}.png", f"{name}.svg"]
    svg = files[f"{name}.svg"].decode()
    width, height = (float(v) for v in re.search(r'<svg[^>]* width="([\d.]+)pt" height="([\d.]+)pt"', svg).groups())
    assert (width, height) == (pytest.approx(WIDTH_PT, abs=0.01), pytest.approx(HEIGHT_PT, abs=0.01))
    # letters as outlines: the PDF needs no font for them, and no date makes the file differ per build
    assert "<text" not in svg and "font-family" not in svg and "<dc:date>" not in svg
    image = Image.open(io.BytesIO(files[f"{name}.png"]))
    assert image.size[0] / 200 * 25.4 == pytest.approx(150, abs=0.2)
    assert image.size[1] / 200 * 25.4 == pytest.approx(48, abs=0.2)
    assert image.info["dpi"] == pytest.approx((200, 200), abs=0.01)
    assert "Software" not in image.info


@pytest.mark.parametrize("name", ALL)
def test_same_chart_gives_identical_bytes(name: str, assets) -> None:
    assert chart_assets(name, ALL[name]) == assets[name]


def test_different_data_gives_a_different_picture(assets) -> None:
    other = chart_assets("pie", PieChart(PIE.title, PIE.slices[:3]))
    assert other["pie.svg"] != assets["pie"]["pie.svg"] and other["pie.png"] != assets["pie"]["pie.png"]


@pytest.mark.parametrize("name", ALL)
def test_every_text_lies_inside_the_figure(name: str) -> None:
    figure = draw(ALL[name])
    renderer = figure.canvas.get_renderer()
    box = figure.bbox
    drawn = [t for t in figure.findobj(charts._is_text) if t.get_visible() and t.get_text()]
    assert len(drawn) >= 4
    for text in drawn:
        extent = text.get_window_extent(renderer)
        assert box.x0 < extent.x0 and extent.x1 < box.x1 and box.y0 < extent.y0 and extent.y1 < box.y1, \
            (text.get_text(), extent)


@pytest.mark.parametrize("name", ALL)
def test_nothing_touches_the_edge_of_the_png(name: str, assets) -> None:
    """What a reader would see of a cut-off label: ink on the picture's border."""
    image = Image.open(io.BytesIO(assets[name][f"{name}.png"])).convert("L")
    width, height = image.size
    border = [image.getpixel((x, y)) for x in range(width) for y in (0, 1, height - 2, height - 1)]
    border += [image.getpixel((x, y)) for y in range(height) for x in (0, 1, width - 2, width - 1)]
    assert min(border) == 255


@pytest.mark.parametrize("name", ALL)
def test_no_title_inside_the_chart(name: str) -> None:
    assert ALL[name].title not in texts(ALL[name])


def font_sizes(chart: BarChart | PieChart) -> set[float]:
    return {t.get_fontsize() for t in draw(chart).findobj(charts._is_text) if t.get_text()}


def test_long_labels_wrap_at_their_joints_and_keep_the_share() -> None:
    drawn = texts(EVERY_INCOME)
    assert {"一般公共预算\n财政拨款收入 74.57%", "政府性基金预算\n财政拨款收入 24.98%",
            "国有资本经营预算\n财政拨款收入 0.03%", "上级补助收入 0.18%", "附属单位上缴收入\n0.12%"} <= set(drawn)
    assert {"文化旅游体育与\n传媒支出 0.22%", "灾害防治及\n应急管理支出 0.15%"} <= set(
        texts(PieChart(CLASSES.title, CLASSES.slices[:5])))


def test_a_column_too_tall_when_wrapped_gets_one_line_labels_not_a_smaller_font() -> None:
    assert {"文化旅游体育与传媒支出 0.22%", "资源勘探工业信息等支出 0.07%", "住房保障支出 0.01%"} <= set(texts(CLASSES))
    assert min(font_sizes(CLASSES)) >= 9


@pytest.mark.parametrize("chart", [BAR, EVERY_INCOME, EVEN, LONG_BAR], ids=["bar", "every-income", "even", "long-bar"])
def test_labels_keep_a_readable_size_when_they_fit(chart) -> None:
    assert min(font_sizes(chart)) >= 9


def test_only_a_crowded_pie_shrinks_its_font() -> None:
    assert max(font_sizes(CROWDED)) < 9


def test_a_pie_too_crowded_for_any_font_is_a_clear_error() -> None:
    parts = tuple((f"国有资本经营预算财政拨款收入{n}", Decimal("1"), "2.50%") for n in range(40))
    with pytest.raises(charts.ChartTooCrowded, match="标签太多"):
        draw(PieChart("收入决算结构", parts))


def test_bar_labels_print_the_decimals_half_up() -> None:
    drawn = texts(BAR)
    # float 1778.525 is 1778.5249…, which float rounding would print as 1778.52.
    assert drawn.count("1825.64") == 2 and "1778.52" in drawn and "1778.53" in drawn
    assert {"收入总计", "支出总计", "2023年度", "2024年度", "单位：万元"} <= set(drawn)


def test_pie_labels_use_the_printed_shares_and_leave_out_zero_slices() -> None:
    drawn = texts(PIE)
    assert {"财政拨款收入 74.91%", "其他收入 0.18%", "上年结转 0.29%", "经营收入 24.62%"} <= set(drawn)
    assert not any(text.startswith("事业收入") for text in drawn)


@pytest.mark.parametrize("slices", [
    (("公务接待费", Decimal("0.32"), "100.00%"),),
    (("公务接待费", Decimal("0.32"), "100.00%"), ("因公出国（境）费", Decimal("0"), "0.00%")),
    (),
])
def test_a_pie_of_fewer_than_two_parts_is_refused(slices) -> None:
    with pytest.raises(ValueError, match="至少要有两个非零部分"):
        PieChart(title="“三公”经费财政拨款支出结构", slices=slices)


def test_series_must_match_categories() -> None:
    with pytest.raises(ValueError, match="2024年度"):
        BarChart(title="图1", categories=("收入总计", "支出总计"), series=(("2024年度", (Decimal("1"),)),))


def test_negative_pie_slices_are_rejected() -> None:
    with pytest.raises(ValueError, match="其他收入"):
        PieChart(title="图2", slices=(("其他收入", Decimal("-1"), "-1.00%"), ("事业收入", Decimal("2"), "2%")))


@pytest.mark.parametrize(
    ("value", "text"),
    [("0.125", "0.13"), ("2.675", "2.68"), ("1778.525", "1778.53"), ("-1.005", "-1.01"), ("-0.004", "0.00"),
     ("0", "0.00"), ("1E+3", "1000.00"), ("1825.6", "1825.60")],
)
def test_amount_text_rounds_half_up_to_two_places(value: str, text: str) -> None:
    assert amount_text(Decimal(value)) == text


def test_a_missing_cjk_font_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(charts, "CJK_FAMILY", "No Such Font CJK SC")
    with pytest.raises(ChartFontError, match="No Such Font CJK SC"):
        chart_assets("bar", BAR)


@pytest.mark.parametrize("name", ["bar", "every-income"])
def test_a_chart_takes_under_a_second(name: str) -> None:
    def once() -> float:
        start = time.perf_counter()
        chart_assets(name, ALL[name])
        return time.perf_counter() - start

    assert min(once() for _ in range(2)) < 1
