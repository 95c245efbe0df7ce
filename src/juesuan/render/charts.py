"""The report's charts (图1–图7) as SVG for the PDF and PNG for the DOCX, identical for identical input.

Why it looks like this: the PDF wants vector art, so each chart is an SVG whose letters are drawn as
paths (WeasyPrint then needs no font); python-docx cannot embed SVG usefully, so the DOCX gets the same
drawing as a 200 dpi PNG. Both come from one matplotlib figure drawn with the object API (no pyplot, no
global figure state) inside a style context that ignores any local matplotlibrc. The caption below the
image names the chart, so the image has no title of its own. A chart is a quarter of a page at most
(150 × 48 mm with its caption about 56 mm of the 225 mm text block), and every label is measured after
drawing: if any text would leave the picture the chart is drawn again in a smaller font, so nothing is
ever cut off. Labels are Chinese, so a Noto Sans CJK face is required; without it matplotlib would
silently draw empty boxes, so that is an error instead. Every figure printed on a chart is the Decimal
it was given, rounded half-up like the text, and pie shares are the strings the text prints, so a
chart never disagrees with the paragraph beside it.
"""

from __future__ import annotations

import io
import math

import matplotlib.style
from matplotlib import font_manager
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.patches import Wedge
from matplotlib.text import Text

from juesuan.errors import JuesuanError

from .chart_labels import label_lines, stack, wrap_label
from .chart_specs import BarChart, PieChart, amount_text

CJK_FAMILY = "Noto Sans CJK SC"
DPI = 200  # of the PNG
SIZE_MM = (150, 48)
FONT_SIZES = (9.5, 9, 8.5, 8, 7.5, 7, 6.5, 6, 5.5, 5)  # tried in turn until every label fits
MARGIN_PT = 2.0  # kept clear at the picture's edges
LABEL_WIDTH = 9  # characters on a line of a pie label (政府性基金预算|财政拨款收入)
LINE_SPACING = 1.1
CATEGORY_WIDTH = 14  # characters on a line of a bar chart's category
COLORS = ("#4472C4", "#ED7D31", "#A5A5A5", "#FFC000", "#5B9BD5", "#70AD47", "#264478", "#9E480E")


class ChartFontError(JuesuanError):
    """No CJK font for chart labels."""


class ChartTooCrowded(JuesuanError):
    """More labels than a chart can hold even in the smallest font (some twenty parts of a pie)."""


def chart_assets(name: str, chart: BarChart | PieChart) -> dict[str, bytes]:
    """The document's assets of one chart: NAME.svg (the PDF's, and the HTML's image) and NAME.png (the DOCX's)."""
    figure = draw(chart)
    with matplotlib.style.context(["default", _style()]):  # the SVG's settings are read when it is written
        svg, png = io.BytesIO(), io.BytesIO()
        figure.savefig(svg, format="svg", metadata={"Date": None, "Creator": None})
        figure.savefig(png, format="png", dpi=DPI, metadata={"Software": None})
    return {f"{name}.svg": svg.getvalue(), f"{name}.png": png.getvalue()}


def draw(chart: BarChart | PieChart) -> Figure:
    """The chart laid out for good, in the largest of FONT_SIZES at which every text lies inside the figure."""
    with matplotlib.style.context(["default", _style()]):
        for size in FONT_SIZES:
            figure = Figure(figsize=(SIZE_MM[0] / 25.4, SIZE_MM[1] / 25.4), dpi=DPI)
            FigureCanvasAgg(figure)
            drawn = _draw_bars(figure, chart, size) if isinstance(chart, BarChart) else _draw_pie(figure, chart, size)
            if drawn and not outside(figure):
                return figure
    raise ChartTooCrowded(f"图「{chart.title}」的标签太多，{FONT_SIZES[-1]} 磅的字也放不进 {SIZE_MM[0]}×{SIZE_MM[1]} 毫米的图中"
                          f"（chart too crowded to label）")


def outside(figure: Figure) -> list[str]:
    """The texts drawn (at least partly) outside the figure less MARGIN_PT: none once `draw` is done."""
    renderer = figure.canvas.get_renderer()
    margin = MARGIN_PT * figure.dpi / 72
    box = figure.bbox
    return [text.get_text() for text in figure.findobj(_is_text)
            if text.get_visible() and text.get_text()
            and not _within(text.get_window_extent(renderer), box, margin)]


def _is_text(artist) -> bool:
    return isinstance(artist, Text)  # also the legend's and the annotations'


def _within(extent, box, margin: float) -> bool:
    return (extent.x0 >= box.x0 + margin and extent.x1 <= box.x1 - margin
            and extent.y0 >= box.y0 + margin and extent.y1 <= box.y1 - margin)


def _style() -> dict[str, object]:
    return {
        "font.family": [_cjk_family()],
        "font.size": 9,
        "axes.unicode_minus": False,
        "figure.facecolor": "white",
        "svg.fonttype": "path",  # letters as outlines: the PDF needs no font for them
        "svg.hashsalt": "juesuan",  # ids in the SVG from the drawing, not from a random salt
    }


def _cjk_family() -> str:
    names = {entry.name for entry in font_manager.fontManager.ttflist}
    if CJK_FAMILY not in names:
        raise ChartFontError(
            f"图表需要中文字体 {CJK_FAMILY}，本机没有安装（Debian/Ubuntu：apt install fonts-noto-cjk，"
            f"然后删除 matplotlib 字体缓存 {matplotlib.get_cachedir()}）"
        )
    return CJK_FAMILY


def _draw_bars(figure: Figure, chart: BarChart, size: float) -> bool:
    """Grouped bars with their amounts on top, the unit above them on the left and the legend on the right;
    the layout is computed once and then frozen, so the SVG and the PNG place everything alike."""
    figure.set_layout_engine("constrained", h_pad=(MARGIN_PT + 1) / 72, w_pad=(MARGIN_PT + 1) / 72)
    axes = figure.add_subplot()
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
        axes.bar_label(bars, labels=[amount_text(value) for value in values], padding=1.5, fontsize=size)
    top = max([0.0, *all_values])
    bottom = min([0.0, *all_values])
    span = (top - bottom) or 1.0
    axes.set_ylim(bottom - (0.25 * span if bottom < 0 else 0), top + 0.25 * span)  # room for the amounts
    slots = max(len(chart.categories), 2)  # a lone category keeps the bar width of a pair
    middle = (len(chart.categories) - 1) / 2
    axes.set_xlim(middle - slots / 2, middle + slots / 2)
    axes.set_xticks(range(len(chart.categories)),
                    ["\n".join(wrap_label(name, CATEGORY_WIDTH)) for name in chart.categories], fontsize=size)
    axes.tick_params(axis="x", length=0, pad=3)
    axes.yaxis.set_visible(False)
    axes.spines[:].set_visible(False)
    axes.axhline(0, color="black", linewidth=0.8)  # the base line stays at zero when a figure is negative
    axes.text(0, 1, f"单位：{chart.unit}", transform=axes.transAxes, ha="left", va="bottom", fontsize=size)
    axes.legend(loc="lower right", bbox_to_anchor=(1, 1), ncols=len(chart.series), frameon=False, fontsize=size,
                handlelength=1.2, borderaxespad=0, borderpad=0)
    figure.canvas.draw()
    figure.set_layout_engine("none")
    return True


def _draw_pie(figure: Figure, chart: PieChart, size: float) -> bool:
    """The pie in the middle, each label beside it on its wedge's side with a leader line. The axes fill the
    figure with limits in points, so labels are placed by their measured size. Labels are wrapped first; a
    column too tall for the figure is tried again with one-line labels (a smaller pie, the same font);
    False when neither fits at this size."""
    width, height = (mm / 25.4 * 72 for mm in SIZE_MM)
    axes = figure.add_axes((0, 0, 1, 1))
    axes.set_axis_off()
    axes.set(xlim=(-width / 2, width / 2), ylim=(-height / 2, height / 2), aspect="auto")
    parts = chart.parts
    angles = _wedge_angles([float(value) for _, value, _ in parts])
    middles = [math.radians((a + b) / 2) for a, b in zip(angles, angles[1:])]
    edge = height / 2 - MARGIN_PT - 1  # a little more than the margin: the SVG's letters may differ slightly
    lead = 0.18 * edge  # from the rim to the label column
    for line in (LABEL_WIDTH, None):
        labels = [label_lines(label, share, line) for label, _, share in parts]
        sizes = _measure(figure, labels, size)
        radius = min(edge - 2, width / 2 - MARGIN_PT - 2 - lead - max(w for w, _ in sizes))
        columns = {right: sorted((i for i in range(len(parts)) if (math.cos(middles[i]) >= 0) == right),
                                 key=lambda i: -math.sin(middles[i])) for right in (True, False)}
        centres = {right: stack([1.1 * radius * math.sin(middles[i]) for i in column],
                                [sizes[i][1] for i in column], gap=2, low=-edge, high=edge)
                   for right, column in columns.items()}
        if radius >= 0.6 * edge and None not in centres.values():
            break
    else:
        return False
    for start, end, color in zip(angles, angles[1:], COLORS * len(parts)):  # clockwise: end < start
        axes.add_patch(Wedge((0, 0), radius, end, start, facecolor=color, edgecolor="white", linewidth=1))
    for right, column in columns.items():
        for i, y in zip(column, centres[right]):
            axes.annotate(
                labels[i], xy=(radius * math.cos(middles[i]), radius * math.sin(middles[i])),
                xytext=((radius + lead) * (1 if right else -1), y), ha="left" if right else "right",
                va="center", fontsize=size, linespacing=LINE_SPACING,
                arrowprops={"arrowstyle": "-", "color": "#808080", "linewidth": 0.6, "shrinkA": 1, "shrinkB": 0,
                            "relpos": (0, 0.5) if right else (1, 0.5)},
            )
    figure.canvas.draw()
    return True


def _measure(figure: Figure, labels: list[str], size: float) -> list[tuple[float, float]]:
    """Each label's (width, height) in points as drawn at `size`."""
    renderer = figure.canvas.get_renderer()
    found = []
    for label in labels:
        text = figure.text(0, 0, label, fontsize=size, linespacing=LINE_SPACING)
        box = text.get_window_extent(renderer)
        found.append((box.width * 72 / figure.dpi, box.height * 72 / figure.dpi))
        text.remove()
    return found


def _wedge_angles(sizes: list[float]) -> list[float]:
    """Wedge boundaries in degrees, clockwise, the largest slice centred at 9 o'clock so that the small ones
    gather at 3 o'clock where their labels stack well."""
    total = sum(sizes)
    largest = sizes.index(max(sizes))
    start = 180 + 360 * (sum(sizes[:largest]) + sizes[largest] / 2) / total
    angles, done = [start], 0.0
    for value in sizes:
        done += value
        angles.append(start - 360 * done / total)
    return angles
