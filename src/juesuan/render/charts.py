"""The report's charts (图1–图7) as PNG bytes, identical for identical input.

Why it looks like this: charts go into both the PDF and the DOCX, so they are plain PNGs drawn with
matplotlib's object API on the Agg canvas (no pyplot, no display, no global figure state) inside a
style context that ignores any local matplotlibrc. Labels are Chinese, so a Noto Sans CJK face is
required; without it matplotlib would silently draw empty boxes, so that is an error instead. Every
figure printed on a chart is the Decimal it was given, rounded half-up like the text, and pie shares
are the strings the text prints, so a chart never disagrees with the paragraph beside it.
"""

from __future__ import annotations

import io
import math
from dataclasses import dataclass
from decimal import Decimal

import matplotlib.style
from matplotlib import font_manager
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from juesuan.errors import JuesuanError
from juesuan.facts.numbers import round_half_up

CJK_FAMILY = "Noto Sans CJK SC"
DPI = 200
SIZE_MM = (150, 90)
COLORS = ("#4472C4", "#ED7D31", "#A5A5A5", "#FFC000", "#5B9BD5", "#70AD47", "#264478", "#9E480E")
EMPTY_TEXT = "本年无此项数据"
PIE_HALF_HEIGHT = 1.35  # data units; the pie's radius is 1


class ChartFontError(JuesuanError):
    """No CJK font for chart labels."""


@dataclass(frozen=True)
class BarChart:
    """This year against last year (图1/4/5): one group of bars per category, one bar per series."""

    title: str
    categories: tuple[str, ...]
    series: tuple[tuple[str, tuple[Decimal, ...]], ...]
    unit: str = "万元"

    def __post_init__(self) -> None:
        for name, values in self.series:
            if len(values) != len(self.categories):
                raise ValueError(f"{self.title}：系列 {name} 有 {len(values)} 个数，分类有 {len(self.categories)} 个")


@dataclass(frozen=True)
class PieChart:
    """A structure (图2/3/6/7): (label, value, printed share such as "74.91%") per slice."""

    title: str
    slices: tuple[tuple[str, Decimal, str], ...]

    def __post_init__(self) -> None:
        for label, value, _ in self.slices:
            if value < 0:
                raise ValueError(f"{self.title}：{label} 为负数 {value}，不能画进饼图")


def amount_text(value: Decimal) -> str:
    """A figure as printed on a chart: two places, half-up, never "-0.00"."""
    rounded = round_half_up(value, 2)
    return f"{rounded.copy_abs() if rounded.is_zero() else rounded:f}"


def render_chart(chart: BarChart | PieChart) -> bytes:
    """Draw `chart` as a PNG about 150 mm wide at 200 dpi."""
    with matplotlib.style.context(["default", _style()]):
        figure = Figure(figsize=(SIZE_MM[0] / 25.4, SIZE_MM[1] / 25.4), dpi=DPI)
        canvas = FigureCanvasAgg(figure)
        if isinstance(chart, BarChart):
            _draw_bars(figure, chart)
        else:
            _draw_pie(figure, chart)
        buffer = io.BytesIO()
        canvas.print_png(buffer, metadata={"Software": None})
    return buffer.getvalue()


def _style() -> dict[str, object]:
    return {
        "font.family": [_cjk_family()],
        "font.size": 10,
        "axes.unicode_minus": False,
        "figure.facecolor": "white",
    }


def _cjk_family() -> str:
    names = {entry.name for entry in font_manager.fontManager.ttflist}
    if CJK_FAMILY not in names:
        raise ChartFontError(
            f"图表需要中文字体 {CJK_FAMILY}，本机没有安装（Debian/Ubuntu：apt install fonts-noto-cjk，"
            f"然后删除 matplotlib 字体缓存 {matplotlib.get_cachedir()}）"
        )
    return CJK_FAMILY


def _draw_bars(figure: Figure, chart: BarChart) -> None:
    figure.set_layout_engine("constrained")
    axes = figure.add_subplot()
    axes.set_title(chart.title, fontsize=12, fontweight="bold", pad=18)  # the unit line sits below it
    group_width = 0.6
    bar_width = group_width / len(chart.series)
    all_values = [float(value) for _, values in chart.series for value in values]
    for index, (name, values) in enumerate(chart.series):
        offset = -group_width / 2 + bar_width * (index + 0.5)
        bars = axes.bar(
            [position + offset for position in range(len(chart.categories))],
            [float(value) for value in values],
            bar_width * 0.9,
            label=name,
            color=COLORS[index % len(COLORS)],
        )
        axes.bar_label(bars, labels=[amount_text(value) for value in values], padding=2, fontsize=9)
    top = max([0.0, *all_values])
    bottom = min([0.0, *all_values])
    span = (top - bottom) or 1.0
    axes.set_ylim(bottom - (0.15 * span if bottom < 0 else 0), top + 0.15 * span)
    slots = max(len(chart.categories), 2)  # a lone category keeps the bar width of a pair
    middle = (len(chart.categories) - 1) / 2
    axes.set_xlim(middle - slots / 2, middle + slots / 2)
    axes.set_xticks(range(len(chart.categories)), chart.categories, fontsize=10)
    axes.tick_params(axis="x", length=0)
    axes.yaxis.set_visible(False)
    axes.spines[:].set_visible(False)
    axes.axhline(0, color="black", linewidth=0.8)  # the base line stays at zero when a figure is negative
    axes.text(0, 1.01, f"单位：{chart.unit}", transform=axes.transAxes, ha="left", va="bottom", fontsize=9)
    figure.legend(loc="outside lower center", ncols=len(chart.series), frameon=False, fontsize=9)


def _draw_pie(figure: Figure, chart: PieChart) -> None:
    slices = [(label, value, share) for label, value, share in chart.slices if value != 0]
    figure.text(0.5, 0.98, chart.title, ha="center", va="top", fontsize=12, fontweight="bold")
    # A fixed box below the title whose limits have the box's own aspect, so the pie stays round and the
    # labels placed in data units beside it never leave the picture.
    box_height = 0.86
    axes = figure.add_axes((0, 0, 1, box_height))
    axes.set_axis_off()
    if not slices:
        axes.text(0.5, 0.5, EMPTY_TEXT, transform=axes.transAxes, ha="center", va="center", fontsize=14,
                  color="#666666")
        return
    sizes = [float(value) for _, value, _ in slices]
    wedges, _ = axes.pie(
        sizes,
        colors=[COLORS[index % len(COLORS)] for index in range(len(slices))],
        startangle=_start_angle(sizes),
        counterclock=False,
        wedgeprops={"edgecolor": "white", "linewidth": 1},
    )
    half_width = PIE_HALF_HEIGHT * SIZE_MM[0] / (SIZE_MM[1] * box_height)
    axes.set(xlim=(-half_width, half_width), ylim=(-PIE_HALF_HEIGHT, PIE_HALF_HEIGHT))
    _label_wedges(axes, wedges, [f"{label}\n{share}" for label, _, share in slices])


def _start_angle(sizes: list[float]) -> float:
    """Centre the largest slice at 9 o'clock, so the small ones gather at 3 o'clock where labels stack well."""
    largest = sizes.index(max(sizes))
    before = sum(sizes[:largest]) + sizes[largest] / 2
    return 180 + 360 * before / sum(sizes)


def _label_wedges(axes: Axes, wedges: list, texts: list[str]) -> None:
    """Put each label beside its wedge with a leader line, spread so that small slices don't overlap."""
    sides: dict[bool, list[tuple[float, float, str]]] = {True: [], False: []}
    for wedge, text in zip(wedges, texts):
        angle = math.radians((wedge.theta1 + wedge.theta2) / 2)
        sides[math.cos(angle) >= 0].append((math.cos(angle), math.sin(angle), text))
    for right, labels in sides.items():
        labels.sort(key=lambda label: -label[1])
        heights = _spread([1.15 * y for _, y, _ in labels], gap=0.3, limit=1.2)
        for height, (x, y, text) in zip(heights, labels):
            axes.annotate(
                text,
                xy=(x, y),
                xytext=(1.3 if right else -1.3, height),
                ha="left" if right else "right",
                va="center",
                fontsize=9.5,
                arrowprops={"arrowstyle": "-", "color": "#808080", "linewidth": 0.6, "shrinkA": 2, "shrinkB": 0,
                            "relpos": (0, 0.5) if right else (1, 0.5)},
            )


def _spread(wanted: list[float], gap: float, limit: float) -> list[float]:
    """Heights as near `wanted` (descending) as they can be while `gap` apart and within ±`limit`.

    Labels that would collide are merged into a block of evenly spaced labels centred on what its members
    want (least squares), merging again while blocks collide.
    """
    blocks: list[list[float]] = []
    for height in wanted:
        blocks.append([height])
        while len(blocks) > 1 and _block_top(blocks[-2], gap, limit) - gap * len(blocks[-2]) < _block_top(
            blocks[-1], gap, limit
        ):
            blocks[-2:] = [blocks[-2] + blocks[-1]]
    return [_block_top(block, gap, limit) - gap * index for block in blocks for index in range(len(block))]


def _block_top(block: list[float], gap: float, limit: float) -> float:
    top = sum(height + gap * index for index, height in enumerate(block)) / len(block)
    return min(limit, max(top, -limit + gap * (len(block) - 1)))
