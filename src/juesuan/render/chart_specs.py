"""What a chart shows (图1–图7), as plain data: the figures and labels `figures.py` takes from the facts.

Kept apart from the drawing (`charts.py`, matplotlib) so that reading or checking a unit never imports a
plotting library, and so that a chart can be found in the cache (`chart_cache.py`) by its figures alone.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from juesuan.facts.numbers import round_half_up


@dataclass(frozen=True)
class BarChart:
    """This year against last year (图1/4/5): one group of bars per category, one bar per series.
    `title` is the caption under the image, not drawn in it."""

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
    """A structure (图2/3/6/7): (label, value, printed share such as "74.91%") per slice; zero slices are
    left out of the drawing. A pie of fewer than two parts shows nothing the sentence beside it does not
    say, so it is refused: figures.py does not make one."""

    title: str
    slices: tuple[tuple[str, Decimal, str], ...]

    def __post_init__(self) -> None:
        for label, value, _ in self.slices:
            if value < 0:
                raise ValueError(f"{self.title}：{label} 为负数 {value}，不能画进饼图")
        if len(self.parts) < 2:
            raise ValueError(f"{self.title}：饼图至少要有两个非零部分，只有 {len(self.parts)} 个")

    @property
    def parts(self) -> tuple[tuple[str, Decimal, str], ...]:
        """The slices that are drawn (not zero)."""
        return tuple(part for part in self.slices if part[1] != 0)


def amount_text(value: Decimal) -> str:
    """A figure as printed on a chart: two places, half-up, never "-0.00"."""
    rounded = round_half_up(value, 2)
    return f"{rounded.copy_abs() if rounded.is_zero() else rounded:f}"
