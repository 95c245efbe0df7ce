"""Charts drawn once for their figures: in memory for a worker, on disk for the next run."""

from decimal import Decimal

from hypothesis import given, strategies as st

from juesuan.render import chart_cache, charts
from juesuan.render.chart_cache import ChartCache, chart_key
from juesuan.render.chart_specs import BarChart, PieChart

BARS = BarChart("收入支出决算总计变动情况", ("收入总计", "支出总计"),
                (("2023年度", (Decimal("1778.52"), Decimal("1716.71"))), ("2024年度", (Decimal("1875.02"), Decimal("1855.46")))))
PIE = PieChart("支出决算结构", (("基本支出", Decimal("558.59"), "34.91%"), ("项目支出", Decimal("1041.48"), "65.09%")))


def counting(monkeypatch) -> list[str]:
    drawn: list[str] = []
    real = charts.chart_assets

    def chart_assets(name, spec):
        drawn.append(spec.title)
        return real(name, spec)
    monkeypatch.setattr(charts, "chart_assets", chart_assets)
    return drawn


def test_the_same_figures_are_drawn_once_and_named_as_asked(monkeypatch):
    drawn = counting(monkeypatch)
    cache = ChartCache()
    first = cache.assets("totals", BARS)
    again = cache.assets("other", BARS)
    assert drawn == [BARS.title]
    assert set(first) == {"totals.svg", "totals.png"} and set(again) == {"other.svg", "other.png"}
    assert first["totals.svg"] == again["other.svg"] and first["totals.png"].startswith(b"\x89PNG")


def test_a_later_run_finds_the_charts_on_disk_and_redraws_a_damaged_one(monkeypatch, tmp_path):
    drawn = counting(monkeypatch)
    folder = tmp_path / ".juesuan-cache" / "charts"
    expected = ChartCache(folder).assets("income", PIE)
    assert sorted(p.suffix for p in folder.iterdir()) == [".png", ".svg"]
    assert ChartCache(folder).assets("income", PIE) == expected and drawn == [PIE.title]
    (folder / f"{chart_key(PIE)}.png").write_bytes(b"not a picture")
    assert ChartCache(folder).assets("income", PIE) == expected and drawn == [PIE.title, PIE.title]


def test_a_cache_that_cannot_be_written_never_fails_the_chart(tmp_path):
    blocked = tmp_path / "file"
    blocked.write_text("a file where the folder should be")
    assert set(ChartCache(blocked / "charts").assets("totals", BARS)) == {"totals.svg", "totals.png"}


def test_the_folder_keeps_only_the_most_recently_used_charts(monkeypatch, tmp_path):
    monkeypatch.setattr(chart_cache, "MAX_FILES", 4)
    folder = tmp_path / "charts"
    cache = ChartCache(folder)
    pies = [PieChart(f"图{i}", (("甲", Decimal(i + 1), "50.00%"), ("乙", Decimal(i + 1), "50.00%"))) for i in range(3)]
    for pie in pies:
        cache.assets("pie", pie)
    assert sorted(p.stem for p in folder.iterdir()) == sorted([chart_key(pies[1])] * 2 + [chart_key(pies[2])] * 2)


amounts = st.decimals(min_value=0, max_value=10**9, places=2, allow_nan=False)


@given(amounts, amounts)
def test_keys_follow_the_figures(a, b):
    def chart(x):
        return BarChart("图", ("收入",), (("2024年度", (x,)),))
    assert (chart_key(chart(a)) == chart_key(chart(b))) == (str(a) == str(b))
